"""Practice: pick a question, answer it against its framework on a timer, review against the guide, rehearse."""

from lib import ui
from lib.core import clock
from lib.practice import schedule
from lib.ui import practice_picker as top
from lib.ui import practice_tabs as tabs

today = clock.today()
ui.page_header(
    "Practice",
    "Answer against the framework on a timer, check the guide, rate yourself. Weak answers come back sooner.",
)

status = ui.query(schedule.question_status)
due = ui.query(schedule.due_questions, today)
top.due_banner(due)
picked = top.question_picker(status, due, today)  # stops the page when no question matches the filters
q = top.picked_question(picked)
top.question_heading(q)

# Only the open tab runs and is sent to the browser.
label, tab = top.open_tab()
with tab:
    if label == "Answer":
        tabs.answer_tab(q)
    elif label == "History":
        tabs.history_tab(picked)
    elif label == "Charts":
        tabs.charts_tab()
    elif label == "Due":
        tabs.due_tab(due, today)
    else:
        tabs.add_question_tab()
