"""Case studies: the AI product bank — problem, ML approach, metrics, what makes it great, how to improve."""

import streamlit as st

from lib import ui
from lib.materials import case_studies

cs = case_studies.load_case_studies()
ui.page_header(
    "Case studies",
    f"Your AI PM case study bank: {cs.target_complete}+ products you can discuss cold. "
    "A case counts as complete when all five parts are written.",
)

bank = ui.query(case_studies.bank)
complete = int(bank["complete"].sum())
c1, c2 = st.columns([1, 3])
c1.metric("Complete", f"{complete} / {cs.target_complete}", f"{len(bank)} in the bank", delta_color="off")
c2.progress(min(complete / cs.target_complete, 1.0), text=f"{complete} of the {cs.target_complete}+ target complete")
if complete < cs.target_complete:
    c2.caption(
        f"{cs.target_complete - complete} more to go. The seed suggests 2-3 more products you're passionate about."
    )

ui.table(
    bank.assign(parts=bank["filled"].map(lambda n: f"{n} / {len(case_studies.TEXT_FIELDS)}"))[
        ["name", "category", "parts", "complete"]
    ],
    labels={"name": "Product", "parts": "Parts written"},
    ticks=["complete"],
)

with st.form("case_studies_add_form", clear_on_submit=True):
    st.markdown("**Add a product you're passionate about**")
    a1, a2 = st.columns(2)
    new_name = a1.text_input("Product", key="case_studies_add_name", max_chars=case_studies.MAX_NAME_CHARS)
    new_category = a2.text_input(
        "Category (e.g. AI tutoring)", key="case_studies_add_category", max_chars=case_studies.MAX_NAME_CHARS
    )
    if st.form_submit_button("Add to the bank"):
        key, error = ui.write(case_studies.add_case, new_name, new_category)
        if error:
            ui.error(error)
        else:
            st.toast("Added to the bank")
            st.rerun()

st.subheader("The bank")
for case in bank.to_dict("records"):
    key = case["case_key"]
    mark = "✅" if case["complete"] else f"{case['filled']}/{len(case_studies.TEXT_FIELDS)}"
    label = f"{mark} · {ui.text(case['name'])}" + (f" — {ui.text(case['category'])}" if case["category"] else "")
    with st.expander(label):
        if case["starter_note"]:
            ui.info(case["starter_note"], icon=":material/lightbulb:")
        with st.form(f"case_studies_form_{key}"):
            values = {}
            if not case["starter"]:
                n1, n2 = st.columns(2)
                values["name"] = n1.text_input("Product", value=case["name"], key=f"case_studies_name_{key}")
                values["category"] = n2.text_input(
                    "Category", value=case["category"], key=f"case_studies_category_{key}"
                )
            for field in cs.fields:
                values[field.id] = st.text_area(
                    field.label, value=case[field.id], key=f"case_studies_{field.id}_{key}", height=90
                )
            if st.form_submit_button("Save", type="primary"):
                filled, error = ui.write(case_studies.save_case, key, values)
                if error:
                    ui.error(error)
                else:
                    ui.toast(f"Saved: {filled} of {len(case_studies.TEXT_FIELDS)} parts written")
                    st.rerun()
        if st.button("Remove from the bank", key=f"case_studies_remove_{key}"):
            _, error = ui.write(case_studies.remove_case, key)
            ui.error_or_rerun(error)

removed = len(cs.starters) - int(bank["starter"].sum())
if removed and st.button(
    f"Bring back {removed} removed starter{'s' if removed > 1 else ''}", key="case_studies_restore_starters"
):
    ui.write(case_studies.restore_starters)
    st.rerun()
