"""Page setup and links between pages: every page goes through app.py's navigation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from lib.ui.navigation import PAGES

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
    for spec in PAGES:
        if (main_script.parent / spec.path).resolve() == running:
            st.session_state[ROUTE_KEY] = spec.url_path
    st.rerun()


def page_header(title: str, caption: str | None = None) -> None:
    """Title and one-line caption of a page (trusted text only)."""
    _route_through_app()
    st.title(title)
    if caption:
        st.caption(caption)


def page_link(url_path: str, label: str | None = None, icon: str | None = None) -> None:
    """A link to another page of the app by its url_path, if that page exists."""
    for spec in PAGES:
        if spec.url_path == url_path:
            st.page_link(spec.path, label=label or spec.title, icon=icon or spec.icon)
            return


def has_page(url_path: str) -> bool:
    """Whether the navigation has a page with this url_path."""
    return any(p.url_path == url_path for p in PAGES)


def show_at_every_address(render: Callable[[], None], title: str) -> None:
    """Run ``render`` as the only page, at the root and at every page's own address, then stop the run.

    A start-up problem (broken content, a data directory or database the app
    cannot use) must be explained wherever the user lands. A run that never
    calls st.navigation would make Streamlit run pages/*.py directly, and a
    navigation that lacks the address asked for answers "Page not found".
    """
    pages = [st.Page(render, title=title, default=True)]
    pages += [st.Page(render, title=title, url_path=spec.url_path) for spec in PAGES if not spec.default]
    st.navigation(pages, position="hidden").run()
    st.stop()
