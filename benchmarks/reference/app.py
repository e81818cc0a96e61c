"""Reference app for benchmarks/browser.py: plain Streamlit elements behind a sidebar shaped like the app's.

    streamlit run benchmarks/reference/app.py

Two measured pages, "plain" (a title and one line) and "mix" (a title, 3 metrics,
3 Plotly charts, a 100-row table, a 5-input form); the other links only give the
sidebar the app's shape: 13 pages in 4 sections.
"""

import streamlit as st

st.set_page_config(page_title="Reference", layout="wide")


def filler(title: str):
    """A page of a title and one line, for a sidebar link that is never timed."""

    def render() -> None:
        st.title(title)
        st.write("One line of text.")

    render.__name__ = title.lower().replace(" ", "_")
    return render


SHAPE = {
    "Prepare": ["Plain", "Mix", "Notes", "Reading", "Materials"],
    "Practise": ["Questions", "Stories", "Mock", "Takes"],
    "Job search": ["Board", "Firms", "Contacts"],
    "Data": ["Files"],
}
here = "views"  # relative to this script; not pages/, which Streamlit would also list on its own
pages = {
    section: [
        st.Page(f"{here}/plain.py", title="Plain", icon=":material/article:", url_path="plain", default=True)
        if name == "Plain"
        else st.Page(f"{here}/mix.py", title="Mix", icon=":material/dashboard:", url_path="mix")
        if name == "Mix"
        else st.Page(filler(f"Reference: {name}"), title=name, icon=":material/circle:", url_path=name.lower())
        for name in names
    ]
    for section, names in SHAPE.items()
}
st.navigation(pages).run()
