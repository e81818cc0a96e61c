"""The STAR stories page's other tabs: coverage, telling a story out loud, the pace, import and export, the charts."""

from __future__ import annotations

import time

import streamlit as st

from lib.core import clock
from lib.core.dates import date_text
from lib.practice.rehearsal import RATING_LABELS
from lib.stories import charts as stories_charts
from lib.stories import coverage as story_coverage
from lib.stories import import_export as stories_io
from lib.stories import links as story_links
from lib.stories import rehearsals as story_rehearsals
from lib.stories import store as stories
from lib.stories.checks import SECTION_NAMES
from lib.ui.cache import figure, q, query, write
from lib.ui.charts import chart
from lib.ui.markup import text
from lib.ui.messages import error as show_error
from lib.ui.messages import success
from lib.ui.stories import STORIES_OFFERED, Bank
from lib.ui.tables import dataframe as table


def coverage(b: Bank) -> None:
    """Which questions the stories answer, the stories still to write, and the suggested links to confirm."""
    chart(
        figure(stories_charts.coverage_chart, q(story_coverage.coverage), q(stories.bank_report)),
        key="stories_coverage_chart",
    )
    st.markdown("**Next stories to write**")
    todo = story_coverage.next_stories(b.cov)
    st.markdown("\n".join(f"- {text(item)}" for item in todo) if todo else "Every theme and question has a story.")
    sugg = b.suggestions()
    if not len(sugg):
        return
    titles, row_text = b.titles, b.row_text
    best = sugg.sort_values("score", ascending=False, kind="stable").head(STORIES_OFFERED)
    with st.form("stories_confirm_form"):
        names = {
            (s.story_id, s.question_id): f"{titles[s.story_id]} → {row_text[s.question_id]} ({s.score:.2f})"
            for s in sugg.loc[sugg.index.isin(best.index)].itertuples()
        }
        if len(names) < len(sugg):
            st.caption(f"The {len(names)} most similar of {len(sugg)} suggestions; confirming some brings the next.")
        confirmed = st.multiselect(
            "Suggested links (by text similarity): confirm the ones that are right",
            list(names),
            format_func=names.get,
            key="stories_confirm",
        )
        if st.form_submit_button("Link the confirmed ones"):
            _, error = write(story_links.confirm_links, confirmed)
            show_error(error) if error else st.rerun()


def rehearse(b: Bank) -> None:
    """Pick a story, read it, time its telling and log how it went."""
    if b.bank.empty:
        st.caption("Write a story first, then tell it out loud here.")
        return
    queue = query(story_rehearsals.rehearsal_queue, clock.today())
    titles, status = b.titles, dict(zip(queue["story_id"], queue["status"], strict=False))
    # The next ones to tell, and the one picked if it has moved further down.
    offered = list(queue["story_id"].head(STORIES_OFFERED))
    if st.session_state.get("stories_reh_pick") in status and st.session_state["stories_reh_pick"] not in offered:
        offered.append(st.session_state["stories_reh_pick"])
    story_id = st.selectbox(
        "Story to tell",
        offered,
        format_func=lambda s: f"{titles[s]} · {status[s]}",
        key="stories_reh_pick",
    )
    story = b.bank.set_index("story_id").loc[story_id]
    st.caption(" · ".join(b.themes.practice))
    for name in SECTION_NAMES:
        if story[name]:
            st.markdown(f"**{name.title()}:** {text(story[name])}")
    _timer(b, running="stories_timer_start" in st.session_state)
    with st.form("stories_reh_form"):
        c1, c2 = st.columns(2)
        seconds = c1.number_input(
            "Duration (seconds)",
            min_value=1,
            max_value=3600,
            value=st.session_state.get("stories_reh_measured", 150),
            key=f"stories_reh_seconds_{st.session_state.get('stories_reh_round', 0)}",
        )
        rating = c2.radio(
            "How did it go?",
            list(RATING_LABELS),
            index=2,
            format_func=RATING_LABELS.get,
            horizontal=True,
            key="stories_reh_rating",
        )
        if st.form_submit_button("Log rehearsal"):
            due, error = write(story_rehearsals.log_rehearsal, story_id, seconds, rating)
            if error:
                show_error(error)
            else:
                day = date_text(due.astimezone().date(), clock.today(), weekday=True)
                success(f"Logged. Next rehearsal due {day}.")


def _timer(b: Bank, running: bool) -> None:
    band = b.themes.band

    @st.fragment(run_every=1 if running else None)
    def rehearsal_timer() -> None:
        """The 2-3 minute timer; only this part reruns while it ticks."""
        start = st.session_state.get("stories_timer_start")
        if start is None:
            if st.button("Start telling it out loud", key="stories_timer_go", type="primary"):
                st.session_state["stories_timer_start"] = time.time()
                st.rerun(scope="app")
            return
        elapsed = time.time() - start
        st.metric(
            "Telling time",
            f"{int(elapsed) // 60}:{int(elapsed) % 60:02d}",
            f"aim for {band.min_minutes:g}-{band.max_minutes:g} min",
            delta_color="off",
        )
        st.progress(min(elapsed / (band.max_minutes * 60), 1.0))
        if st.button("Stop", key="stories_timer_stop"):
            # A new key per measurement makes the form below start from the measured time.
            st.session_state["stories_reh_measured"] = int(elapsed)
            st.session_state["stories_reh_round"] = st.session_state.get("stories_reh_round", 0) + 1
            del st.session_state["stories_timer_start"]
            st.rerun(scope="app")

    rehearsal_timer()


def pace(b: Bank) -> None:
    """The speaking pace telling times are estimated at, and the one the rehearsals suggest."""
    calibrated = query(story_rehearsals.calibrated_pace)
    with st.form("stories_pace_form"):
        wpm = st.number_input(
            "Speaking pace (words a minute)", min_value=60, max_value=220, value=int(b.pace), key="stories_pace"
        )
        st.caption(
            "Telling time is estimated at this pace."
            + (f" Your rehearsals suggest {calibrated:g}." if calibrated else " Log three rehearsals to calibrate it.")
        )
        save, use_calibrated = st.columns(2)
        if save.form_submit_button("Save pace"):
            _, error = write(stories.set_speaking_pace, wpm)
            show_error(error) if error else st.rerun()
        if calibrated and use_calibrated.form_submit_button(f"Use my rehearsal pace ({calibrated:g})"):
            _, error = write(stories.set_speaking_pace, calibrated)
            show_error(error) if error else st.rerun()


def _star_stories_markdown() -> str:
    """The whole bank as markdown, made when the button is pressed: sending it with every rerun grew with the bank."""
    markdown, error = write(stories_io.export_markdown)
    return markdown if error is None else f"The export failed: {error}\n"


def import_export(b: Bank) -> None:
    """A markdown file's stories previewed then imported, and the bank downloaded as star-stories.md."""
    upload = st.file_uploader(
        "Import stories from a markdown file",
        type=["md", "markdown", "txt"],
        key=f"stories_upload_{st.session_state.get('stories_upload_round', 0)}",
    )
    if upload is not None:
        parsed, error = write(stories_io.read_import, upload.getvalue(), upload.name)
        if error:
            show_error(error)
        else:
            table(query(stories_io.import_preview, parsed, b.pace))
            if st.button(f"Import {len(parsed)} stories", key="stories_import", type="primary"):
                _, error = write(stories_io.import_stories, parsed)
                if error:
                    show_error(error)
                else:
                    st.session_state["stories_upload_round"] = st.session_state.get("stories_upload_round", 0) + 1
                    st.rerun()
    st.download_button(
        "Download star-stories.md",
        _star_stories_markdown,
        file_name=stories_io.EXPORT_FILE,
        mime="text/markdown",
        key="stories_download",
    )
    st.caption("The same format imports back and `python -m lib check-stories FILE.md` checks from the command line.")


def charts(b: Bank) -> None:
    """Stories per theme, words per story, rehearsals over time and the rehearsal log."""
    band = b.themes.band
    bank = q(stories.bank_report)
    chart(figure(stories_charts.stories_per_theme, bank, [t.name for t in b.themes.themes]), key="stories_theme_chart")
    chart(figure(stories_charts.word_counts, bank, band.min_words, band.max_words), key="stories_words_chart")
    chart(figure(stories_charts.rehearsals_over_time, q(story_rehearsals.rehearsals)), key="stories_rehearsal_chart")
    reh = query(story_rehearsals.rehearsals)
    if len(reh):
        shown = reh.assign(at=reh["at"].map(clock.local_text))[["at", "title", "duration_s", "wpm", "rating"]]
        table(shown.iloc[::-1], labels={"at": "When", "duration_s": "Seconds", "wpm": "Words a minute"})
