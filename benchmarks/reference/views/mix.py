"""Reference page: a title, 3 metrics, 3 Plotly charts, a 100-row table and a 5-input form."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st


@st.cache_resource
def figures() -> list[go.Figure]:
    """Three charts the size of the app's: bars, a line over 60 days, a scatter."""
    days = pd.date_range("2026-01-01", periods=60, freq="D")
    return [
        go.Figure(go.Bar(x=[f"day {i}" for i in range(1, 8)], y=[3, 1, 4, 1, 5, 9, 2])).update_layout(height=340),
        go.Figure(go.Scatter(x=days, y=[i % 7 + i / 10 for i in range(60)], mode="lines")).update_layout(height=340),
        go.Figure(go.Scatter(x=list(range(100)), y=[(i * 37) % 100 for i in range(100)], mode="markers")).update_layout(
            height=340
        ),
    ]


@st.cache_data
def table() -> pd.DataFrame:
    """A 100-row table of 6 columns."""
    return pd.DataFrame(
        {
            "date": pd.date_range("2026-01-01", periods=100, freq="D").date,
            "company": [f"Company {i % 17}" for i in range(100)],
            "role": [f"Product manager, team {i % 9}" for i in range(100)],
            "stage": [["Applied", "Screen", "Onsite", "Offer"][i % 4] for i in range(100)],
            "minutes": [15 * (i % 8) for i in range(100)],
            "note": [f"note {i}: a short line of text" for i in range(100)],
        }
    )


st.title("Reference: mix page")
METRICS = [("Hours", "12.5 h"), ("Stories", "7 / 10"), ("Applied", "23")]
for col, (label, value) in zip(st.columns(3), METRICS, strict=True):
    col.metric(label, value)
for n, fig in enumerate(figures()):
    st.plotly_chart(fig, key=f"mix_chart_{n}")
st.dataframe(table(), hide_index=True)
with st.form("mix_form", clear_on_submit=True):
    a, b = st.columns(2)
    a.text_input("Title", key="mix_title")
    b.selectbox("Kind", ["one", "two", "three"], key="mix_kind")
    a.number_input("Minutes", min_value=0, value=60, step=15, key="mix_minutes")
    b.date_input("Date", key="mix_date")
    st.text_area("Notes", key="mix_notes")
    if st.form_submit_button("Submit", type="primary"):
        st.session_state["mix_submitted"] = st.session_state.get("mix_submitted", 0) + 1
if st.session_state.get("mix_submitted"):
    st.success(f"Submitted {st.session_state['mix_submitted']} time(s).")
