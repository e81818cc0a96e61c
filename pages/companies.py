"""Companies: the target list, the research template per company and questions to ask interviewers."""

import streamlit as st

from lib import ui
from lib.core.errors import PrepError
from lib.jobsearch import common as jobsearch
from lib.jobsearch import companies
from lib.storage.db import open_db

cfg = companies.load_company_research()
ui.page_header(
    "Companies",
    f"{cfg.purpose}: products, news, culture, why them, why the role and "
    f"{cfg.questions_to_ask.min}-{cfg.questions_to_ask.max} questions to ask.",
)

table = ui.query(companies.companies_table)
target = cfg.targets.companies
st.metric(target.label, f"{len(table)} / {target.count}+")
st.progress(min(len(table) / target.count, 1.0))
categories = {c.id: c.label for c in cfg.categories}

with st.expander("Add a target company", expanded=table.empty, icon=":material/add_business:"):
    with st.form("companies_add_form"):
        f1, f2 = st.columns(2)
        name = f1.text_input("Name", key="companies_add_name")
        category = f2.selectbox(
            "Category", ["", *categories], format_func=lambda c: categories.get(c, "—"), key="companies_add_category"
        )
        f3, f4, f5 = st.columns([2, 1, 1])
        website = f3.text_input("Website", key="companies_add_website")
        priority = f4.slider("Priority", 1, 5, 3, key="companies_add_priority")
        excitement = f5.slider("Excitement", 1, 5, 3, key="companies_add_excitement")
        notes = st.text_area("Notes", key="companies_add_notes")
        submitted = st.form_submit_button("Add company", type="primary")
    if submitted:
        try:
            with open_db() as db:
                companies.add_company(db, name, category, website, priority, excitement, notes)
            st.session_state.pop("companies_duplicate", None)
            st.rerun()
        except companies.DuplicateCompanyError as exc:
            st.session_state["companies_duplicate"] = {
                "id": exc.existing_id,
                "name": exc.existing_name,
                "website": website,
                "notes": notes,
                "message": str(exc),
            }
        except PrepError as exc:
            ui.error(exc)
    duplicate = st.session_state.get("companies_duplicate")
    if duplicate:
        ui.warning(duplicate["message"])
        if st.button("Merge into the existing company", key="companies_merge_duplicate"):
            _, error = ui.write(companies.merge_details_into, duplicate["id"], duplicate["website"], duplicate["notes"])
            st.session_state.pop("companies_duplicate", None)
            ui.error_or_rerun(error)

if table.empty:
    st.info(
        "No target companies yet. The seed suggests 20+: AI-first startups, FAANG AI teams and startups with AI "
        "products."
    )
else:
    search = st.text_input("Find a company", placeholder="name or category", key="companies_table_search")
    found, matched = jobsearch.find_rows(table, search, ["name", "category_label"])
    ui.table(
        found[["name", "category_label", "priority", "excitement", "applications", "contacts", "sections", "website"]],
        labels={"name": "Company", "category_label": "Category", "sections": "Research sections"},
        column_config={"Research sections": st.column_config.NumberColumn(help=f"of {len(cfg.sections)}")},
    )
    if matched > len(found):
        st.caption(f"The {len(found)} highest-priority of {matched}; search to find the others.")
    for cat_id, label in categories.items():
        st.caption(f"{label}: {int((table['category'] == cat_id).sum())}")

    st.subheader("Research")
    names = dict(zip(table["id"].astype(int), table["name"], strict=False))
    # The research picker offers the companies the search found, not every one: a
    # picker of thousands costs every rerun and nobody scrolls through it.
    pool = found if len(found) else table.head(jobsearch.TABLE_ROWS)
    shown_names = dict(zip(pool["id"].astype(int), pool["name"], strict=False))
    company_id = st.selectbox("Company", list(shown_names), format_func=names.get, key="companies_research_company")
    current = ui.query(companies.current_research, company_id)
    with st.form(f"companies_research_form_{company_id}"):
        texts = {}
        for section in cfg.sections:
            texts[section.id] = st.text_area(
                section.label,
                value=current.get(section.id, ""),
                help=f"{section.seed} — {section.prompt}",
                placeholder=section.prompt,
                key=f"companies_research_{company_id}_{section.id}",
            )
        if st.form_submit_button("Save research", type="primary"):
            _, error = ui.write(companies.save_research, company_id, texts)
            ui.error_or_rerun(error)
    advice = companies.questions_advice(current.get("questions", ""))
    if advice:
        st.caption(advice)
    if current.get("notes"):
        st.markdown("**Merged notes**")
        st.text(current["notes"])

    with st.expander("Merge two companies", icon=":material/merge:"), st.form("companies_merge_form"):
        # The same companies as the research picker: the search above finds the two to merge.
        keep = st.selectbox("Keep", list(shown_names), format_func=names.get, key="companies_merge_keep")
        fold = st.selectbox(
            "Fold into it (its applications, contacts and research move over)",
            list(shown_names),
            format_func=names.get,
            key="companies_merge_fold",
        )
        sure = st.checkbox("Yes, fold the second into the first (this cannot be undone)", key="companies_merge_sure")
        if st.form_submit_button("Merge"):
            if not sure:
                ui.error("Tick the box above to confirm the merge.")
            else:
                _, error = ui.write(companies.merge_companies, keep, fold)
                if not error:
                    ui.toast(f"Merged {names.get(fold)} into {names.get(keep)}")
                ui.error_or_rerun(error)

st.subheader("Before the interview")
for item in cfg.before_interview:
    st.markdown(f"- {item}")
with st.expander("How to prepare"):
    for item in cfg.how_to_prepare:
        st.markdown(f"- {item}")

st.subheader(f"Questions to ask interviewers ({cfg.questions_to_ask.min}-{cfg.questions_to_ask.max} thoughtful ones)")
for topic in dict.fromkeys(q.topic for q in cfg.question_bank):
    with st.expander(topic):
        for q in cfg.question_bank:
            if q.topic == topic:
                st.markdown(f"- {q.text}")
