"""Job materials: resume and LinkedIn checklists, interview-day checklists, the final reflection journal."""

import datetime as dt

import streamlit as st

from lib import ui
from lib.core import clock
from lib.core.dates import date_text
from lib.materials import checklists as materials
from lib.ui import job_materials as materials_ui

JOURNAL_SHOWN = 10  # two elements per entry on every rerun; older ones go in one table
cl = materials.load_checklists()
today = clock.today()
ui.page_header("Job materials", "Resume and LinkedIn updates, the interview-day routine, and your final reflection.")

done = ui.query(materials.done_items)

tab_profile, tab_day, tab_reflection = st.tabs(["Resume & LinkedIn", "Interview day", "Final reflection"])

with tab_profile:
    materials_ui.resume_and_linkedin()

with tab_day:
    st.caption("Tick as you go on the day; start fresh before the next interview (earlier ticks stay in the history).")
    for column, list_id in zip(st.columns(len(cl.interview_day_lists)), cl.interview_day_lists, strict=False):
        with column:
            materials_ui.checklist(list_id, done.get(list_id, set()), {})
            if done.get(list_id) and st.button("Start fresh", key=f"job_materials_clear_{list_id}"):
                ui.write(materials.clear_checklist, list_id)
                for item in cl.checklist(list_id).items:
                    # The boxes keep their own state across reruns; drop it so they show the cleared list.
                    st.session_state.pop(f"job_materials_{list_id}_{item.id}", None)
                st.rerun()

with tab_reflection:
    st.markdown(f"**{cl.reflection.title}**")
    st.markdown("\n".join(f"- {p.text}" for p in cl.reflection.prompts))
    prompts = {p.id: p.text for p in cl.reflection.prompts}
    # Not cleared on submit: a refused entry stays to fix; a saved one gets fresh, empty fields (field_key).
    with st.form("job_materials_reflection_form"):
        r1, r2 = st.columns([3, 1])
        prompt_id = r1.selectbox(
            "Prompt", list(prompts), format_func=prompts.get, key="job_materials_reflection_prompt"
        )
        written_on = r2.date_input("Date", value=today, key="job_materials_reflection_date")
        body = st.text_area("Your entry", key=materials_ui.field_key("reflection", "reflection_text"), height=140)
        if st.form_submit_button("Add to journal", type="primary"):
            _, error = ui.write(materials.add_reflection, prompt_id, body, written_on)
            if error:
                ui.error(error)
            else:
                st.toast("Entry saved")
                materials_ui.after_save("reflection", "")  # the toast above says it
    journal = ui.query(materials.reflections)
    if journal.empty:
        st.caption("No entries yet. Start with your biggest learnings.")
    for entry in journal.head(JOURNAL_SHOWN).to_dict("records"):
        written = date_text(dt.date.fromisoformat(entry["written_on"]), today)
        st.markdown(f"**{written}** · {ui.text(entry['prompt'])}")
        st.text(entry["text"])
    if len(journal) > JOURNAL_SHOWN:
        with st.expander(f"{len(journal) - JOURNAL_SHOWN} earlier entries"):
            ui.table(
                journal.iloc[JOURNAL_SHOWN:][["written_on", "prompt", "text"]],
                labels={"written_on": "Written", "prompt": "Prompt", "text": "Entry"},
            )
