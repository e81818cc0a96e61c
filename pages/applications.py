"""Applications: the pipeline by stage, stage changes as history, interviews, follow-ups, funnel charts, import."""

import streamlit as st

from lib import ui
from lib.core import clock
from lib.jobsearch import applications as apps
from lib.jobsearch import companies, funnel
from lib.ui import applications as parts

cfg = companies.load_company_research()
today = clock.today()
ui.page_header(
    "Applications", "Every stage change is kept, so the funnel counts each stage an application ever reached."
)

ui.board_flash()

pipeline = ui.query(apps.pipeline, today)
company_list = ui.query(companies.companies_table)
parts.totals(pipeline, len(company_list), ui.query(funnel.applied_count), cfg.targets)
parts.follow_ups(today)

app_labels = apps.application_labels(pipeline)
found, matched, picks = parts.search_and_picks(pipeline, app_labels)
# Only the open tab is built: five charts and three tables cost the browser nothing until they are looked at.
tab_board, tab_update, tab_interviews, tab_charts, tab_import = st.tabs(
    parts.TABS, key="applications_tab", on_change="rerun"
)

if tab_board.open:
    with tab_board:
        parts.board(pipeline, found, matched, today)

if tab_update.open:
    with tab_update:
        parts.add_form(company_list, today)
        if app_labels:
            history_app = parts.move_forms(picks, app_labels, today)
            ui.application_tailoring(history_app)

if tab_interviews.open:
    with tab_interviews:
        parts.interviews_tab(pipeline, picks, app_labels, today)

if tab_charts.open:
    with tab_charts:
        parts.charts(today)

if tab_import.open:
    with tab_import:
        st.caption(
            "LinkedIn: Settings → Data privacy → Get a copy of your data → Job Applications.csv. Or this app's own "
            "applications.csv."
        )
        ui.csv_import("applications", "Applications CSV", "applications")
