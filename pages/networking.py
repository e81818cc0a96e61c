"""Networking: contacts and their history, follow-ups due, the outreach funnel, warm introductions, import."""

import datetime as dt

import streamlit as st

from lib import ui
from lib.core import clock
from lib.jobsearch import charts as job_charts
from lib.jobsearch import common as jobsearch
from lib.jobsearch import companies, networking
from lib.ui import networking as parts

cfg = companies.load_company_research()
today = clock.today()
ui.page_header("Networking", "People contacted, conversations scheduled, follow-up actions.")

contacts = ui.query(networking.contacts_table)
reached = ui.query(networking.pms_reached)
target = cfg.targets.pms_reached
c1, c2, c3 = st.columns(3)
c1.metric(target.label, f"{reached} / {target.count}")
c1.progress(min(reached / target.count, 1.0))
c2.metric("Contacts", len(contacts))
c3.metric("At target companies", int(contacts["at_target"].sum()) if len(contacts) else 0)

st.subheader("Follow-ups")
follow = [i for i in ui.query(networking.follow_ups, today) if i.due <= today + dt.timedelta(days=7)]
if not follow:
    st.caption("No follow-ups due this week.")
else:
    ui.follow_up_list(follow, today)

chats = ui.query(networking.scheduled_chats, today)
if not chats.empty:
    st.subheader("Conversations scheduled")
    ui.table(chats[["on_date", "name", "company", "role", "note"]], labels={"on_date": "Date"})

# One search for the page once there are more contacts than a table shows: the
# table and the contact pickers offer what it finds (the most recently in touch
# when it is empty), since a picker of thousands costs every rerun.
search = (
    st.text_input("Find a contact", placeholder="name, company or role", key="networking_table_search")
    if len(contacts) > jobsearch.TABLE_ROWS
    else ""
)
found, matched = jobsearch.find_rows(contacts, search, ["name", "company", "role"])
pool = found if len(found) else contacts.head(jobsearch.TABLE_ROWS)
labels = {int(r.id): f"{r.name} — {r.company or 'no company'}" for r in pool.itertuples()}
picks = list(labels)
# Only the open tab is built: a table of contacts or the funnel costs the browser nothing until it is looked at.
tab_people, tab_log, tab_charts, tab_import = st.tabs(
    ["Contacts", "Add & log", "Funnel & warm intros", "Import"], key="networking_tab", on_change="rerun"
)

if tab_people.open:
    with tab_people:
        if contacts.empty:
            st.info("No contacts yet. Add one under 'Add & log' or import LinkedIn's Connections.csv.")
        else:
            parts.contacts(found, matched, picks, labels)

if tab_log.open:
    with tab_log:
        with st.form("networking_add_form", clear_on_submit=True):
            st.markdown("**Add a contact**")
            a1, a2, a3 = st.columns(3)
            name = a1.text_input("Name", key="networking_add_name")
            company = a2.text_input("Company", key="networking_add_company")
            role = a3.text_input("Role", key="networking_add_role")
            a4, a5, a6 = st.columns([2, 2, 1])
            profile = a4.text_input("Profile URL", key="networking_add_profile")
            email = a5.text_input("Email", key="networking_add_email")
            warmth = a6.selectbox("Warm or cold", networking.WARMTH, index=1, key="networking_add_warmth")
            how_met = st.text_input("How you met", key="networking_add_how")
            if st.form_submit_button("Add contact", type="primary"):
                _, error = ui.write(
                    networking.add_contact,
                    name,
                    company,
                    role,
                    how_met=how_met,
                    profile_url=profile,
                    email=email,
                    warmth=warmth,
                )
                ui.error_or_rerun(error)
        if labels:
            with st.form("networking_event_form", clear_on_submit=True):
                st.markdown("**Log what happened**")
                e1, e2, e3 = st.columns([3, 2, 2])
                who = e1.selectbox("Contact", picks, format_func=labels.get, key="networking_event_contact")
                kind = e2.selectbox(
                    "Event",
                    list(networking.EVENT_KINDS),
                    format_func=networking.EVENT_KINDS.get,
                    key="networking_event_kind",
                )
                on_date = e3.date_input("Date", value=today, key="networking_event_date")
                note = st.text_input("Note", key="networking_event_note")
                if st.form_submit_button("Log"):
                    _, error = ui.write(networking.log_event, who, kind, on_date, note)
                    ui.error_or_rerun(error)

if tab_charts.open:
    with tab_charts:
        ui.chart(ui.figure(job_charts.contact_funnel, ui.q(networking.contact_funnel)), key="networking_funnel_chart")
        parts.warm_introductions()

if tab_import.open:
    with tab_import:
        st.caption(
            "LinkedIn: Settings → Data privacy → Get a copy of your data → Connections.csv. Or this app's own "
            "networking.csv."
        )
        ui.csv_import("contacts", "Contacts CSV", "networking")
