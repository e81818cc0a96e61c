"""Recordings: watch takes, review them against the seed's checklist, compare, partner feedback, charts."""

import streamlit as st

from lib import ui
from lib.media import takes
from lib.ui import recordings

ui.page_header(
    "Recordings", "Watch playback (painful but essential!), note what you see, and identify 3 areas to improve."
)
recordings.keep_choices()
recordings.recovered_notice()
all_takes = recordings.Takes(ui.query(takes.list_recordings))
recordings.headline(all_takes)

# Only the open tab runs and is sent: switching tabs reruns the page.
watch, compare, partner, charts = st.tabs(recordings.TABS, key=recordings.TAB_KEY, on_change="rerun")
if watch.open:
    with watch:
        recordings.watch_and_review(all_takes)
if compare.open:
    with compare:
        recordings.compare(all_takes)
if partner.open:
    with partner:
        recordings.partner_mocks(all_takes)
if charts.open:
    with charts:
        recordings.progress_charts()
