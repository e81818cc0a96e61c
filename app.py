"""Interview Prep Dashboard — entry point: page setup, content check, navigation."""

import streamlit as st

from lib import startup, ui
from lib.core.errors import PrepError
from lib.storage.db import DamagedDatabaseError
from lib.ui import navigation

st.set_page_config(page_title="Interview Prep", page_icon="🎤", layout="wide")


def _stop_on_every_page(title: str, intro: str, problems: list[str], hint: str | None = None) -> None:
    """Show why the app cannot start at every address, then stop.

    The message is a page of its own rather than an st.stop() before
    st.navigation: a run that never calls st.navigation makes Streamlit fall
    back to running pages/*.py directly, so /curriculum would show a traceback.
    """

    def problem_page() -> None:
        st.title(title)
        st.write(intro)
        for problem in problems:
            ui.error(problem, icon=":material/error:")
        if hint:
            ui.info(hint)

    ui.show_at_every_address(problem_page, title)


problems = startup.content_problems()
if problems:
    _stop_on_every_page(
        "The app's content files need fixing",
        "The dashboard cannot start because a shipped content file is broken. Nothing of yours was changed.",
        problems,
    )

try:
    startup.prepare_database()  # creates or upgrades the database; only a read when it is already current
except DamagedDatabaseError as exc:
    ui.damaged_database_page(exc)  # at every address: what happened, and the restore upload
except PrepError as exc:
    _stop_on_every_page(
        "Your data directory cannot be opened",
        "Nothing of yours was changed.",
        [str(exc)],
        "Set PREP_DATA_DIR to a folder you can write to, or fix the folder's permissions, then reload.",
    )

pages = {
    section: [st.Page(p.path, title=p.title, icon=p.icon, url_path=p.url_path, default=p.default) for p in specs]
    for section, specs in navigation.pages_by_section().items()
}
current = st.navigation(pages, expanded=True)  # every page listed, even with a timer in the sidebar
route = st.session_state.pop(ui.ROUTE_KEY, None)
if route and current.url_path != route:
    st.switch_page(next(page for section_pages in pages.values() for page in section_pages if page.url_path == route))
st.session_state[ui.ROUTED_KEY] = True
try:
    current.run()
except DamagedDatabaseError as exc:  # damaged while the app runs: say so here; the next run shows the restore page
    ui.error(exc, icon=":material/error:")
    ui.restore_panel("recovery")
