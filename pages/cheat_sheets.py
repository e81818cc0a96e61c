"""Cheat sheets: every interview framework at a glance, and a RICE calculator."""

import streamlit as st

from lib import ui
from lib.core.errors import InputError
from lib.practice import charts as practice_charts
from lib.practice import frameworks, questions, rice

book = frameworks.load_frameworks()
ui.page_header(
    "Cheat sheets", "Every framework on one page for a last look before the interview, and a RICE calculator."
)

tab_frameworks, tab_rice = st.tabs(["Frameworks", "RICE calculator"])

with tab_frameworks:
    for qtype in questions.QUESTION_TYPES:
        st.subheader(questions.TYPE_LABELS[qtype])
        sheets = [fw for fw in book.for_type(qtype) if fw.applies_to[0] == qtype]
        for row_start in range(0, len(sheets), 2):
            for col, fw in zip(st.columns(2), sheets[row_start : row_start + 2], strict=False):
                with col.container(border=True):
                    st.markdown(frameworks.markdown(fw, heading_level=4))
        if qtype == "technical":
            with st.container(border=True):
                st.markdown(
                    "#### Technical knowledge areas\n\n" + "\n".join(f"- {a}" for a in book.technical_knowledge_areas)
                )
                st.caption(book.technical_key)
        if qtype == "behavioural":
            with st.container(border=True):
                st.markdown("#### For each story\n\n" + "\n".join(f"- {t}" for t in book.star_story_tips))

with tab_rice:
    st.markdown(
        "Score = **Reach** × **Impact** × **Confidence** ÷ **Effort**. "
        "Impact: 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal. Confidence in %. Effort in person-months."
    )
    features = st.session_state.setdefault("cheat_sheets_rice_rows", rice.EXAMPLE.copy())
    with st.form("cheat_sheets_rice_form"):
        edited = st.data_editor(
            features,
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            key="cheat_sheets_rice_editor",
            column_config={
                "feature": st.column_config.TextColumn("Feature", max_chars=120),
                "reach": st.column_config.NumberColumn("Reach", min_value=0, step=1),
                "impact": st.column_config.SelectboxColumn("Impact", options=list(rice.IMPACT_SCALE)),
                "confidence": st.column_config.NumberColumn("Confidence %", min_value=0, max_value=100, step=5),
                "effort": st.column_config.NumberColumn("Effort", min_value=0.0, step=0.5),
            },
        )
        submitted = st.form_submit_button("Rank features", type="primary")
    if submitted:
        st.session_state["cheat_sheets_rice_rows"] = edited
    try:
        ranked = rice.score(st.session_state["cheat_sheets_rice_rows"])
    except InputError as exc:
        ui.error(exc)
    else:
        ui.table(ranked, key="cheat_sheets_rice_table")
        ui.chart(practice_charts.rice_scores(ranked), key="cheat_sheets_rice_chart")
