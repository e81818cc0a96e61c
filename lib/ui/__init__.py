"""The one Streamlit-aware module of lib: page setup, cached loaders, shared widgets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import streamlit as st

from lib import registry
from lib.core import config
from lib.core.errors import PrepError
from lib.core.textsafe import escape_markdown
from lib.storage.db import current_data_key, open_db
from lib.ui import navigation


@st.cache_data(max_entries=512, show_spinner=False)
def _cached_call(dotted: str, data_dir: str, version: tuple, args: tuple, kwargs: tuple) -> Any:
    with open_db() as db:
        return registry.resolve(dotted)(db, *args, **dict(kwargs))


def query(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(db, *args)`` through a cache keyed on the data version that every write bumps."""
    dotted = f"{fn.__module__}:{fn.__qualname__}"
    return _cached_call(dotted, str(config.data_dir()), current_data_key(), args, tuple(sorted(kwargs.items())))


class Query(NamedTuple):
    """``ui.query(fn, *args)`` deferred into ``figure``: run only when the figure is (re)built."""

    dotted: str
    args: tuple


def q(fn: Callable[..., Any], *args: Any) -> Query:
    """A query to hand to ``figure`` in place of its DataFrame."""
    return Query(f"{fn.__module__}:{fn.__qualname__}", args)


# A resource cache, not a data cache: st.cache_data would pickle the figure and
# unpickling a Plotly figure re-validates every property, which costs as much
# as building it. Figures are shared read-only (st.plotly_chart copies them).
@st.cache_resource(max_entries=256, show_spinner=False)
def _cached_figure(chart: str, data_dir: str, version: tuple, inputs: tuple) -> Any:
    resolved = [_cached_call(i.dotted, data_dir, version, i.args, ()) if isinstance(i, Query) else i for i in inputs]
    return registry.resolve(chart)(*resolved)


def figure(chart: Callable[..., Any], *inputs: Any) -> Any:
    """``chart(*inputs)`` built once per data version, with each ``ui.q(fn, ...)`` input replaced by its query result.

    Building a Plotly figure validates every property and costs several
    milliseconds, on every rerun of every page with charts; the data behind
    it only changes when a write bumps the data version. Other inputs must be
    small values Streamlit can hash (numbers, strings, short lists).
    """
    dotted = f"{chart.__module__}:{chart.__qualname__}"
    return _cached_figure(dotted, str(config.data_dir()), current_data_key(), inputs)


def clear_caches() -> None:
    """Forget every cached query and figure: after a restore the data version can repeat with other data."""
    st.cache_data.clear()
    _cached_figure.clear()


def write(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, str | None]:
    """Run ``fn(db, *args)`` in its own connection; returns (result, error message or None)."""
    try:
        with open_db() as db:
            return fn(db, *args, **kwargs), None
    except PrepError as exc:
        return None, str(exc)


FOLLOW_UPS_SHOWN = 5
FOLLOW_UPS_MORE = 45  # a long-running search can have hundreds overdue; past this many a list helps nobody


def follow_up_list(
    items: list, today: Any, *, with_kind: bool = False, shown: int = FOLLOW_UPS_SHOWN, noun: str = "follow-ups"
) -> None:
    """Due items as a short list, the next ones in an expander; only the lines shown are formatted."""

    def line(item: Any) -> str:
        kind = f"**{text(item.kind)}** — " if with_kind else ""
        return f"- {kind}{text(item.title)} ({'overdue since' if item.due < today else 'due'} {item.due:%d %b})"

    st.markdown("\n".join(line(i) for i in items[:shown]))
    rest = items[shown:]
    if rest:
        with st.expander(f"{len(rest)} more {noun}"):
            st.markdown("\n".join(line(i) for i in rest[:FOLLOW_UPS_MORE]))
            if len(rest) > FOLLOW_UPS_MORE:
                st.caption(f"…and {len(rest) - FOLLOW_UPS_MORE} more; the most overdue are listed first.")


ROUTE_KEY = "app_route_to"
ROUTED_KEY = "app_routed"  # set by app.py: this session has run through the app's navigation


def _route_through_app() -> None:
    """Re-run through app.py when Streamlit started this page on its own.

    Until app.py has called st.navigation once in this server process,
    Streamlit treats the pages/ folder as a legacy multipage app: a first visit
    straight to /stories runs pages/stories.py alone, with the folder listing as
    its menu and without app.py's checks. That mode is recognisable by app.py
    itself being listed as a page. Leave it and come back to the same page
    through the app's own navigation.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None or st.session_state.get(ROUTED_KEY):
        return
    main_script = Path(ctx.main_script_path).resolve()
    registered = ctx.pages_manager.get_pages()
    if not any(Path(p.get("script_path", "")).resolve() == main_script for p in registered.values()):
        return
    PagesManager.uses_pages_directory = False
    running = Path(registered.get(ctx.page_script_hash, {}).get("script_path", "")).resolve()
    for spec in navigation.PAGES:
        if (main_script.parent / spec.path).resolve() == running:
            st.session_state[ROUTE_KEY] = spec.url_path
    st.rerun()


def page_header(title: str, caption: str | None = None) -> None:
    """Title and one-line caption of a page (trusted text only)."""
    _route_through_app()
    st.title(title)
    if caption:
        st.caption(caption)


def error_or_rerun(error: str | None, *, escape: bool = False) -> None:
    """After a write: the error next to the input (escaped when it may quote user text), or a fresh page."""
    if error:
        st.error(text(error) if escape else error)
    else:
        st.rerun()


def text(value: object) -> str:
    """User text escaped for st.markdown: shown literally, never as markup."""
    return escape_markdown(value)


def page_link(url_path: str, label: str | None = None, icon: str | None = None) -> None:
    """A link to another page of the app by its url_path, if that page exists."""
    for spec in navigation.PAGES:
        if spec.url_path == url_path:
            st.page_link(spec.path, label=label or spec.title, icon=icon or spec.icon)
            return


def has_page(url_path: str) -> bool:
    """Whether the navigation has a page with this url_path."""
    return any(p.url_path == url_path for p in navigation.PAGES)


def csv_import(kind: str, label: str, key_prefix: str) -> None:
    """Upload a CSV, preview what it would add, then import all of it or nothing on confirm."""
    from lib.jobsearch import imports as job_imports

    upload = st.file_uploader(label, type=["csv"], key=f"{key_prefix}_import_file")
    if upload is None:
        return
    data = upload.getvalue()
    preview, error = write(job_imports.preview_file, kind, data, upload.name)
    if error:
        st.error(text(error))
        return
    rows, summary = preview
    st.info(job_imports.summary_text(summary, kind, done=False))
    st.dataframe(rows, hide_index=True, width="stretch")
    noun = "applications" if kind == "applications" else "contacts"
    if st.button(
        f"Import {summary.added} {noun}", type="primary", disabled=not summary.added, key=f"{key_prefix}_import_confirm"
    ):
        result, error = write(job_imports.import_file, kind, data, upload.name)
        if error:
            st.error(text(error))
        else:
            st.success(job_imports.summary_text(result, kind))
