"""What makes two links name the same page: the key jobs and profiles are matched on.

A job posting is often named by its query string (Indeed's ``viewjob?jk=…``,
LinkedIn's ``…/recommended/?currentJobId=…``, ``careers?gh_jid=…``), so every
parameter is part of the key except those that only say where a click came
from (``utm_*``, ``trk``, ``refId``…). Kept parameters are sorted, so their
order does not matter. It lives in the core because the schema's migrations
recompute stored keys with it.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

# Parameters that tell where a click came from, never which page it is (compared case-insensitively).
_TRACKING_WORDS = (
    # campaign and ad click ids
    "fbclid gclid gclsrc dclid gbraid wbraid msclkid yclid twclid ttclid li_fat_id igshid mkt_tok _hsenc _hsmi "
    "hsctatracking vero_id oly_anon_id oly_enc_id rb_clickid s_cid cmpid _ga _gl sc_cid ns_source "
    # referrers and sources
    "ref ref_src ref_url referrer referer src source sourceid source_id from via share shared sharedfrom feature "
    "original_referer si "
    # LinkedIn
    "trk trkinfo trkemail trackingid refid lipi lici midtoken midsig eid otptoken originalsubdomain miniprofileurn "
    "sessionredirect ebp alternatechannel recommendedflavor "
    # applicant-tracking systems' own source tags
    "gh_src lever-source lever-origin lever-via"
)
TRACKING_PARAMS = frozenset(_TRACKING_WORDS.split())
# Any parameter with one of these prefixes is tracking too (utm_source, mc_eid, pk_campaign, hsa_ad…).
TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_", "piwik_", "matomo_", "_bta_", "itm_", "int_")
# Parameters that alone name a posting on the boards that put it in the query string.
_LINKEDIN_JOB = "currentjobid"
_INDEED_JOB = ("jk", "vjk")
_DEFAULT_PORTS = {"http": ":80", "https": ":443"}


def is_tracking(name: str) -> bool:
    """Whether a query parameter only says where a click came from."""
    key = name.casefold()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def url_key(url: str) -> str:
    """A link reduced to what names its page: host without 'www.', path, identifying parameters (sorted).

    The scheme, letter case of the host, a trailing slash, the fragment (unless
    it is a '#/…' route) and tracking parameters do not tell pages apart. A
    link typed without a scheme ('linkedin.com/in/x') names the same page.
    """
    url = str(url or "").strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        if not (parts.scheme and url[len(parts.scheme) :].startswith("://")):
            parts = urlsplit("//" + url)  # no scheme: the text starts with the host
    except ValueError:  # a host urllib refuses (an unclosed '[' for IPv6): the text itself is the key
        return "https://" + url.lower()
    host = parts.netloc.lower().removeprefix("www.")
    port = _DEFAULT_PORTS.get(parts.scheme.lower())
    if port and host.endswith(port):
        host = host.removesuffix(port)
    path = parts.path.rstrip("/")
    params = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k))
    folded = {k.casefold(): v for k, v in params}
    # A posting picked from a search or a recommendation list is the posting itself.
    if (host == "linkedin.com" or host.endswith(".linkedin.com")) and folded.get(_LINKEDIN_JOB, "").strip():
        host, path, params = "linkedin.com", "/jobs/view/" + folded[_LINKEDIN_JOB].strip(), []
    elif "indeed." in host and any(folded.get(k, "").strip() for k in _INDEED_JOB):
        job = next(folded[k].strip() for k in _INDEED_JOB if folded.get(k, "").strip())
        path, params = "/viewjob", [("jk", job)]
    query = "?" + urlencode(params) if params else ""
    route = parts.fragment if parts.fragment.startswith(("/", "!")) else ""
    return "https://" + host + path + query + ("#" + route if route else "")
