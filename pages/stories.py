"""STAR stories: the bank, quality checks, question coverage, timed rehearsal, import and export."""

from lib.ui import stories as bank_view
from lib.ui import stories_tabs

bank = bank_view.header()
bank_view.metrics(bank)

# Only the open tab is drawn: the others' charts and tables cost the browser on every page switch.
tab_bank, tab_cov, tab_reh, tab_io, tab_charts = bank_view.tabs()

if tab_bank.open:
    with tab_bank:
        pick, current, offered = bank_view.story_picker(bank)
        bank_view.story_editor(bank, pick, current)
        if current:
            bank_view.story_report(bank, pick, current)
        bank_view.bank_table(bank, offered)

if tab_cov.open:
    with tab_cov:
        stories_tabs.coverage(bank)

if tab_reh.open:
    with tab_reh:
        stories_tabs.rehearse(bank)
        stories_tabs.pace(bank)

if tab_io.open:
    with tab_io:
        stories_tabs.import_export(bank)

if tab_charts.open:
    with tab_charts:
        stories_tabs.charts(bank)
