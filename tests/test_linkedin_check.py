"""The LinkedIn check: exports (zip or folder, any of LinkedIn's encodings) judged with evidence; bad ones refused."""

from __future__ import annotations

import io
import json
import sys
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.core.errors import ImportFileError
from lib.materials import linkedin
from tests import materials_files as mf
from tests.test_cli import run_cli
from tests.test_resume_check import accuracy

CODES = {
    "headline_no_ai_pm",
    "about_no_ai_pm",
    "no_ai_skills",
    "no_portfolio_project",
    "no_journey_post",
    "no_portfolio_link",
}


def codes(result):
    return {f["code"] for f in result["findings"]}


def test_the_good_export_passes_every_item_with_evidence():
    result = linkedin.check_linkedin(mf.good_linkedin_zip(), "export.zip")
    assert result["file"] == "export.zip" and all(result["found"].values())
    assert result["findings"] == []
    evidence = {k: v["evidence"] for k, v in result["checklist"].items()}
    assert set(evidence) == set(linkedin.LINKEDIN_ITEMS)
    assert evidence["headline"] == "AI Product Manager | LLM products, evaluation, growth"
    assert evidence["portfolio-experience"] == "Founder at MealMind (portfolio project)"
    assert evidence["skills"] == "Machine Learning, Prompt Engineering"
    assert evidence["journey-post"].startswith("Twelve weeks ago I started my AI PM journey.")
    assert evidence["featured-link"] == "https://alexrivera.dev/portfolio"
    assert "AI product manager" in evidence["about"]
    assert all(v["passed"] for v in result["checklist"].values())


def test_the_weak_export_gets_every_code_and_says_what_is_missing():
    result = linkedin.check_linkedin(mf.weak_linkedin_zip(), "weak.zip")
    assert codes(result) == CODES
    assert result["found"]["Projects.csv"] is False
    assert not any(v["passed"] or v["evidence"] for v in result["checklist"].values())
    headline = next(f for f in result["findings"] if f["code"] == "headline_no_ai_pm")
    assert "lacks AI and Product Manager" in headline["message"]


@pytest.mark.parametrize(
    "make",
    [
        lambda tmp: mf.linkedin_folder(tmp / "export"),
        lambda tmp: mf.linkedin_folder(tmp / "export", encoding="utf-16"),
        lambda tmp: mf.bom_linkedin_zip(),
        lambda tmp: mf.utf16_linkedin_zip(),
        lambda tmp: mf.linkedin_zip(folder="Basic_LinkedInDataExport_03-01-2025/"),
    ],
    ids=["folder", "utf-16 folder", "bom zip", "utf-16 zip", "zip with a top folder"],
)
def test_every_form_of_the_good_export_reads_the_same(tmp_path, make):
    result = linkedin.check_linkedin(make(tmp_path), "export")
    assert result["findings"] == []


def test_a_zip_on_disk_reads_like_its_bytes(tmp_path):
    path = tmp_path / "export.zip"
    path.write_bytes(mf.good_linkedin_zip())
    assert linkedin.check_linkedin(path, "export.zip") == linkedin.check_linkedin(mf.good_linkedin_zip(), "export.zip")


def test_missing_files_fail_only_their_items():
    profile = {k: v for k, v in mf.GOOD_PROFILE.items() if k in ("Profile.csv", "Skills.csv")}
    result = linkedin.check_linkedin(mf.linkedin_zip(profile), "export.zip")
    assert codes(result) == {"no_portfolio_project", "no_journey_post"}
    assert result["found"] == {f: f in profile for f in linkedin.FILES}


def test_an_ai_product_of_ones_own_counts_as_the_portfolio_position():
    profile = _without("Projects.csv", profile=_with("Positions.csv", "Company Name", "Self-employed", 0))
    evidence = linkedin.check_linkedin(mf.linkedin_zip(profile), "x.zip")["checklist"]["portfolio-experience"]
    assert evidence == {"passed": True, "evidence": "Founder at Self-employed"}
    bakery = [["Self-employed", "Founder", "Ran a bakery", "", "Jan 2025", ""]]
    plain = _without("Projects.csv") | {"Positions.csv": (mf.POSITION_COLUMNS, bakery)}
    assert "no_portfolio_project" in codes(linkedin.check_linkedin(mf.linkedin_zip(plain), "x.zip"))


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return out.getvalue()


PROFILE = mf.csv_bytes(*mf.GOOD_PROFILE["Profile.csv"])
BAD_EXPORTS = {
    "not an export": (mf.not_linkedin_zip, "not a LinkedIn data export"),
    "damaged": (mf.damaged_zip, "damaged or incomplete"),
    "not a zip": (mf.good_resume_pdf, "not a zip archive"),
    "cp1252": (mf.cp1252_linkedin_zip, "Profile.csv: not UTF-8 text"),
    "app backup": (lambda: _zip({"manifest.json": b"{}", "prep.db": b""}), "backup made by this app"),
    "climbing path only": (lambda: _zip({"../Profile.csv": PROFILE, "/abs/Profile.csv": PROFILE}), "not a LinkedIn"),
    "deep path only": (lambda: _zip({"a/b/c/Profile.csv": PROFILE}), "not a LinkedIn"),
    "wrong columns": (lambda: _zip({"Profile.csv": b"x,y\n1,2\n"}), "not a LinkedIn"),
    "broken csv": (lambda: _zip({"Profile.csv": b'Headline,Summary\n"open quote,x\n'}), "Profile.csv, line"),
    "too big": (lambda: b"PK" + b"\0" * (linkedin.MAX_ZIP_BYTES + 1), "MB"),
}


@pytest.mark.parametrize("name", BAD_EXPORTS)
def test_every_bad_export_gets_one_clear_message(name):
    make, words = BAD_EXPORTS[name]
    with pytest.raises(ImportFileError) as caught:
        linkedin.check_linkedin(make(), "export.zip")
    message = str(caught.value)
    assert words in message and message.startswith("export.zip") and "\n" not in message


def test_an_oversized_csv_inside_the_zip_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(linkedin, "MAX_CSV_BYTES", 100)
    with pytest.raises(ImportFileError, match="too large"):
        linkedin.check_linkedin(mf.good_linkedin_zip(), "export.zip")


# ---------------------------------------------------------------- the command


def test_check_linkedin_prints_one_json_object_for_a_zip_and_a_folder(cli, tmp_path):
    files = mf.write_all(tmp_path)
    for source in (files["good_linkedin.zip"], files["good_linkedin"]):
        result = cli("check-linkedin", str(source))
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["findings"] == []


@pytest.mark.parametrize("name", ["not_linkedin.zip", "damaged_linkedin.zip", "good_resume.pdf", "missing", ""])
def test_check_linkedin_refuses_bad_input_in_one_line(cli, tmp_path, name):
    mf.write_all(tmp_path)
    result = cli("check-linkedin", str(tmp_path / name) if name else "")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1


def test_check_linkedin_end_to_end(tmp_path):
    files = mf.write_all(tmp_path / "files")
    result = run_cli("check-linkedin", str(files["weak_linkedin.zip"]), env_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert {f["code"] for f in json.loads(result.stdout)["findings"]} == CODES


# ---------------------------------------------------------------- accuracy on a labelled set


def _with(file: str, column: str, value: str, row: int = 0) -> dict:
    """The good profile with one cell changed."""
    profile = {k: (cols, [list(r) for r in rows]) for k, (cols, rows) in mf.GOOD_PROFILE.items()}
    cols, rows = profile[file]
    rows[row][cols.index(column)] = value
    return profile


def _without(*files: str, profile: dict | None = None) -> dict:
    return {k: v for k, v in (profile or mf.GOOD_PROFILE).items() if k not in files}


# (name, profile, the codes a careful reader of the checklist expects)
LABELLED = [
    ("good", mf.GOOD_PROFILE, set()),
    ("weak", mf.WEAK_PROFILE, CODES),
    ("headline without AI", _with("Profile.csv", "Headline", "Product Manager | growth"), {"headline_no_ai_pm"}),
    ("headline without PM", _with("Profile.csv", "Headline", "AI enthusiast and builder"), {"headline_no_ai_pm"}),
    ("headline AI PM spelled", _with("Profile.csv", "Headline", "Artificial Intelligence Product Manager"), set()),
    ("about generic", _with("Profile.csv", "Summary", "Hard-working and reliable team player."), {"about_no_ai_pm"}),
    ("no skills file", _without("Skills.csv"), {"no_ai_skills"}),
    ("no shares", _without("Shares.csv"), {"no_journey_post"}),
    ("week 12 post", _with("Shares.csv", "ShareCommentary", "Week 12 done: my capstone shipped!"), set()),
    ("about empty", _with("Profile.csv", "Summary", ""), {"about_no_ai_pm"}),
    ("one ai skill", _with("Skills.csv", "Name", "Roadmapping", 2), {"no_ai_skills"}),
    ("capstone position", _with("Positions.csv", "Company Name", "Capstone: MealMind", 0), set()),
    ("link only in projects", _with("Profile.csv", "Websites", ""), set()),
    ("a post with 12 in it", _with("Shares.csv", "ShareCommentary", "We grew 12% this week!"), {"no_journey_post"}),
    (
        "no portfolio anywhere",
        _without(
            "Projects.csv", profile=_with("Profile.csv", "Websites", "[COMPANY:https://www.linkedin.com/company/x]")
        ),
        {"no_portfolio_link"},
    ),
    (
        "position with no project word",
        _without("Projects.csv", profile=_with("Positions.csv", "Company Name", "Self-employed", 0)),
        set(),
    ),
    # Hard cases: a journey post that never says "12 weeks"; AI skills spelled as LinkedIn's own skill names.
    (
        "journey without the number",
        _with("Shares.csv", "ShareCommentary", "Three months into my AI PM programme, here is what I built"),
        set(),
    ),
    (
        "linkedin skill names",
        _with("Skills.csv", "Name", "Artificial Intelligence (AI)", 1),
        set(),
    ),
]


def test_accuracy_on_the_labelled_profiles():
    figures = accuracy(
        LABELLED, lambda profile: codes(linkedin.check_linkedin(mf.linkedin_zip(profile), "x.zip")), CODES
    )
    print("\nlinkedin accuracy (code: precision recall tp fp fn)", file=sys.stderr)
    for code, (p, r, tp, fp, fn) in figures.items():
        print(f"  {code}: {p:.2f} {r:.2f} {tp} {fp} {fn}", file=sys.stderr)
    for code in CODES:
        precision, recall, *_ = figures[code]
        assert precision >= 0.66 and recall >= 0.66, (code, figures[code])
    assert len(LABELLED) >= 10


GOOD_ZIP = mf.good_linkedin_zip()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 10**5), st.integers(0, 255)), max_size=6), st.integers(0, 10**5))
def test_a_damaged_export_is_read_or_refused_never_a_crash(flips, cut):
    data = bytearray(GOOD_ZIP)
    for at, value in flips:
        data[at % len(data)] = value
    data = bytes(data[: max(4, cut % (len(data) + 1))])
    try:
        result = linkedin.check_linkedin(data, "export.zip")
    except ImportFileError as exc:
        assert "\n" not in str(exc)
    else:
        assert set(result["checklist"]) == set(linkedin.LINKEDIN_ITEMS)
