"""Interview Prep Dashboard — entry point: page setup, content check, navigation."""

import streamlit as st

from lib import navigation, registry
from lib.errors import PrepError

st.set_page_config(page_title="Interview Prep", page_icon="🎤", layout="wide")


def _content_problems() -> list[str]:
    problems = []
    for dotted in registry.CONTENT_LOADERS:
        try:
            registry.resolve(dotted)()
        except PrepError as exc:
            problems.append(str(exc))
    return problems


problems = _content_problems()
if problems:
    st.title("The app's content files need fixing")
    st.write("The dashboard cannot start because a shipped content file is broken. Nothing of yours was changed.")
    for problem in problems:
        st.error(problem, icon=":material/error:")
    st.stop()

try:
    from lib.db import open_db

    with open_db():
        pass
except PrepError as exc:
    st.title("Your data directory cannot be opened")
    st.error(str(exc), icon=":material/error:")
    st.info("Set PREP_DATA_DIR to a folder you can write to, or fix the folder's permissions, then reload.")
    st.stop()

pages = {
    section: [st.Page(p.path, title=p.title, icon=p.icon, url_path=p.url_path, default=p.default) for p in specs]
    for section, specs in navigation.pages_by_section().items()
}
st.navigation(pages).run()
