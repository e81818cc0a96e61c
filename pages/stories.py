"""STAR stories: the bank, quality checks, question coverage, timed rehearsal, import and export."""

import time

import streamlit as st

from lib import ui
from lib.core import clock
from lib.practice.rehearsal import RATING_LABELS
from lib.storage import drafts as kept
from lib.stories import charts as stories_charts
from lib.stories import coverage as story_coverage
from lib.stories import import_export as stories_io
from lib.stories import links as story_links
from lib.stories import rehearsals as story_rehearsals
from lib.stories import store as stories
from lib.stories import themes as story_themes
from lib.stories.checks import SECTION_NAMES, finding_labels, timing_note

themes = story_themes.load_themes()
band = themes.band
theme_label = {t.id: f"{t.number}. {t.name}" for t in themes.themes}
ui.page_header(
    "STAR stories", f"{themes.target_stories}+ stories across the 12 themes: " + "; ".join(themes.rules) + "."
)

bank = ui.query(stories.bank_report)
cov = ui.query(story_coverage.coverage)
pace = ui.query(stories.speaking_pace)
titles = dict(zip(bank["story_id"], bank["title"], strict=False))
story_theme = dict(zip(bank["story_id"], bank["theme_id"], strict=False))
row_text = dict(zip(cov["rows"]["question_id"], cov["rows"]["text"], strict=False))

m1, m2, m3, m4 = st.columns(4)
m1.metric("Stories", f"{len(bank)} / {themes.target_stories}")
m2.metric("Themes covered", f"{cov['themes_covered']} / {cov['themes_total']}")
m3.metric("Stories with findings", int(sum(bool(i) for i in bank["issues"])))
m4.metric("Questions without a story", len(cov["open_questions"]))


def star_stories_markdown() -> str:
    """The whole bank as markdown, made when the button is pressed: sending it with every rerun grew with the bank."""
    text, error = ui.write(stories_io.export_markdown)
    return text if error is None else f"The export failed: {error}\n"


tab_bank, tab_cov, tab_reh, tab_io, tab_charts = st.tabs(
    ["Stories", "Coverage", "Rehearse", "Import & export", "Charts"]
)

with tab_bank:
    if "stories_pick_next" in st.session_state:
        st.session_state["stories_pick"] = st.session_state.pop("stories_pick_next")
    options = ["new", *bank["story_id"]]
    if st.session_state.get("stories_pick") not in options:
        st.session_state["stories_pick"] = "new"
    pick = st.selectbox(
        "Story",
        options,
        key="stories_pick",
        format_func=lambda s: "➕ New story" if s == "new" else f"{titles[s]} · {theme_label[story_theme[s]]}",
    )
    current = {} if pick == "new" else bank.set_index("story_id").loc[pick].to_dict()
    theme_ids = list(theme_label)
    # The editor is not a form: each field is kept as a draft when it changes, so a page switch,
    # a reload or a restart loses nothing; the draft goes when the story is saved or discarded.
    draft = ui.query(kept.load, "story", pick)
    keys = {"title": "title", "theme_id": "theme", "source": "source", "tags": "tags"} | {n: n for n in SECTION_NAMES}
    was = {**current, "tags": ", ".join(current.get("tags", []))} | draft.fields

    def keep(field: str) -> None:
        """Save one field of the story being written as a draft (a callback)."""
        value = st.session_state.get(f"stories_{keys[field]}_{pick}")
        _, error = ui.write(kept.save, "story", pick, {field: value or ""}, keep_empty=pick != "new")
        if error:
            st.session_state["stories_draft_error"] = error

    def discard() -> None:
        """Throw the draft away and show the saved story (or an empty form) again (a callback)."""
        _, error = ui.write(kept.discard, "story", pick)
        for name in keys.values():
            st.session_state.pop(f"stories_{name}_{pick}", None)
        if error:
            st.session_state["stories_draft_error"] = error

    def field_args(field: str) -> dict:
        return {"key": f"stories_{keys[field]}_{pick}", "on_change": keep, "args": (field,)}

    with st.container(border=True):
        # Always drawn, filled only when there is a draft: the fields below keep their place (and focus).
        with st.container():
            if draft:
                k1, k2 = st.columns([4, 1], vertical_alignment="center")
                k1.caption(f"Draft from {clock.local_text(draft.saved_at)}, kept as you type; not in the bank yet.")
                k2.button("Discard draft", key=f"stories_discard_{pick}", on_click=discard)
        title = st.text_input("Title", value=was.get("title", ""), **field_args("title"))
        c1, c2, c3 = st.columns([2, 2, 3])
        theme_id = c1.selectbox(
            "Theme",
            theme_ids,
            format_func=theme_label.get,
            index=theme_ids.index(was["theme_id"]) if was.get("theme_id") in theme_ids else None,
            placeholder="Choose a theme",
            **field_args("theme_id"),
        )
        source_ids = list(themes.sources)
        source = c2.selectbox(
            "Source",
            source_ids,
            format_func=themes.sources.get,
            index=source_ids.index(was["source"]) if was.get("source") in source_ids else None,
            placeholder="From the theme",
            **field_args("source"),
        )
        tags = c3.text_input("Tags (comma-separated)", value=was.get("tags", ""), **field_args("tags"))
        meanings = {p.id: p.meaning for p in themes.star_format} | {"learning": "What you learned, or the impact"}
        texts = {
            name: st.text_area(
                f"{name.title()} — {meanings[name]}", value=was.get(name, ""), height=100, **field_args(name)
            )
            for name in SECTION_NAMES
        }
        if st.session_state.get("stories_draft_error"):
            ui.error(st.session_state.pop("stories_draft_error"))
        if st.button("Save story", type="primary", key=f"stories_save_{pick}"):
            fields = {"title": title, "theme_id": theme_id, "source": source, "tags": tags, **texts}
            # The new version is stored and its draft forgotten together.
            story_id = None if pick == "new" else pick
            saved, error = ui.write(kept.send, "story", pick, stories.save_story, fields, story_id)
            if error:
                ui.error(error)
            else:
                st.session_state["stories_pick_next"] = saved
                if pick == "new":  # the next new story starts empty
                    for name in keys.values():
                        st.session_state.pop(f"stories_{name}_new", None)
                st.rerun()
    if current:
        report = stories.report_for(current, pace)
        st.markdown(
            f"**{report.words} words** (band {band.min_words}-{band.max_words}), "
            f"{timing_note(report.speaking_seconds, band.min_minutes, band.max_minutes)} at {pace:g} words a minute · "
            f"Action: {report.i_count} × I, {report.we_count} × we"
        )
        for finding in report.findings:
            ui.warning(ui.markup("**{}** {}", finding.code, finding.fix))
        if not report.findings:
            st.success(
                "Passes every check: in the word band, all four STAR parts, I over we, numbers and a closing learning."
            )
        linked = list(cov["matrix"].index[cov["matrix"][pick] == story_coverage.STATE_COVERED])
        with st.form(f"stories_links_form_{pick}"):
            chosen = st.multiselect(
                "Questions this story answers",
                list(row_text),
                default=linked,
                format_func=row_text.get,
                key=f"stories_links_{pick}",
            )
            if st.form_submit_button("Save links"):
                own = story_coverage.theme_rows(cov["rows"]).get(current["theme_id"])  # covered by the theme itself
                _, error = ui.write(story_links.set_story_links, pick, [q for q in chosen if q != own])
                ui.error(error) if error else st.rerun()
        for s in cov["suggestions"][cov["suggestions"]["story_id"] == pick].itertuples():
            if st.button(
                f"Link suggested: {ui.text(row_text[s.question_id])} (similarity {s.score:.2f})",
                key=f"stories_suggest_{pick}_{s.question_id}",
            ):
                _, error = ui.write(story_links.link_story, pick, s.question_id, "suggested")
                ui.error(error) if error else st.rerun()
        d1, d2, _ = st.columns([1, 1, 4])
        if d1.button("Duplicate", key="stories_duplicate"):
            copy, error = ui.write(stories.duplicate_story, pick)
            ui.error(error) if error else (st.session_state.update(stories_pick_next=copy), st.rerun())
        with d2.popover("Delete"):
            st.caption("The story leaves the bank; its versions stay in the history.")
            if st.button("Delete this story", key="stories_delete", type="primary"):
                _, error = ui.write(stories.delete_story, pick)
                ui.error(error) if error else st.rerun()
        with st.expander("Version history"):
            versions = ui.query(stories.story_versions, pick)
            ui.table(
                versions,
                labels={"theme_id": "Theme", "created_at": "Saved"},
                words={"theme_id": theme_label},
                ticks=["deleted"],
            )
    st.subheader("The bank at a glance")
    if bank.empty:
        st.caption("No stories yet. Start with the theme you know best.")
    else:
        minutes = (bank["speaking_seconds"] / 60).round(1)
        table = bank.assign(minutes=minutes, findings=bank["issues"].map(finding_labels))
        ui.table(table[["title", "theme", "words", "minutes", "findings"]])

with tab_cov:
    ui.chart(
        ui.figure(stories_charts.coverage_chart, ui.q(story_coverage.coverage), ui.q(stories.bank_report)),
        key="stories_coverage_chart",
    )
    st.markdown("**Next stories to write**")
    todo = story_coverage.next_stories(cov)
    st.markdown("\n".join(f"- {ui.text(item)}" for item in todo) if todo else "Every theme and question has a story.")
    sugg = cov["suggestions"]
    if len(sugg):
        with st.form("stories_confirm_form"):
            names = {
                (s.story_id, s.question_id): f"{titles[s.story_id]} → {row_text[s.question_id]} ({s.score:.2f})"
                for s in sugg.itertuples()
            }
            confirmed = st.multiselect(
                "Suggested links (by text similarity): confirm the ones that are right",
                list(names),
                format_func=names.get,
                key="stories_confirm",
            )
            if st.form_submit_button("Link the confirmed ones"):
                _, error = ui.write(story_links.confirm_links, confirmed)
                ui.error(error) if error else st.rerun()

with tab_reh:
    if bank.empty:
        st.caption("Write a story first, then tell it out loud here.")
    else:
        queue = ui.query(story_rehearsals.rehearsal_queue, clock.today())
        status = dict(zip(queue["story_id"], queue["status"], strict=False))
        story_id = st.selectbox(
            "Story to tell",
            list(queue["story_id"]),
            format_func=lambda s: f"{titles[s]} · {status[s]}",
            key="stories_reh_pick",
        )
        story = bank.set_index("story_id").loc[story_id]
        st.caption(" · ".join(themes.practice))
        for name in SECTION_NAMES:
            if story[name]:
                st.markdown(f"**{name.title()}:** {ui.text(story[name])}")
        running = "stories_timer_start" in st.session_state

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
                due, error = ui.write(story_rehearsals.log_rehearsal, story_id, seconds, rating)
                ui.error(error) if error else ui.success(f"Logged. Next rehearsal due {due.astimezone():%a %d %b}.")
    calibrated = ui.query(story_rehearsals.calibrated_pace)
    with st.form("stories_pace_form"):
        wpm = st.number_input(
            "Speaking pace (words a minute)", min_value=60, max_value=220, value=int(pace), key="stories_pace"
        )
        st.caption(
            "Telling time is estimated at this pace."
            + (f" Your rehearsals suggest {calibrated:g}." if calibrated else " Log three rehearsals to calibrate it.")
        )
        save, use_calibrated = st.columns(2)
        if save.form_submit_button("Save pace"):
            _, error = ui.write(stories.set_speaking_pace, wpm)
            ui.error(error) if error else st.rerun()
        if calibrated and use_calibrated.form_submit_button(f"Use my rehearsal pace ({calibrated:g})"):
            _, error = ui.write(stories.set_speaking_pace, calibrated)
            ui.error(error) if error else st.rerun()

with tab_io:
    upload = st.file_uploader(
        "Import stories from a markdown file",
        type=["md", "markdown", "txt"],
        key=f"stories_upload_{st.session_state.get('stories_upload_round', 0)}",
    )
    if upload is not None:
        parsed, error = ui.write(stories_io.read_import, upload.getvalue(), upload.name)
        if error:
            ui.error(error)
        else:
            ui.table(ui.query(stories_io.import_preview, parsed, pace))
            if st.button(f"Import {len(parsed)} stories", key="stories_import", type="primary"):
                _, error = ui.write(stories_io.import_stories, parsed)
                if error:
                    ui.error(error)
                else:
                    st.session_state["stories_upload_round"] = st.session_state.get("stories_upload_round", 0) + 1
                    st.rerun()
    st.download_button(
        "Download star-stories.md",
        star_stories_markdown,
        file_name=stories_io.EXPORT_FILE,
        mime="text/markdown",
        key="stories_download",
    )
    st.caption("The same format imports back and `python -m lib check-stories FILE.md` checks from the command line.")

with tab_charts:
    ui.chart(
        ui.figure(stories_charts.stories_per_theme, ui.q(stories.bank_report), [t.name for t in themes.themes]),
        key="stories_theme_chart",
    )
    ui.chart(
        ui.figure(stories_charts.word_counts, ui.q(stories.bank_report), band.min_words, band.max_words),
        key="stories_words_chart",
    )
    reh = ui.query(story_rehearsals.rehearsals)
    ui.chart(
        ui.figure(stories_charts.rehearsals_over_time, ui.q(story_rehearsals.rehearsals)), key="stories_rehearsal_chart"
    )
    if len(reh):
        shown = reh.assign(at=reh["at"].map(clock.local_text))[["at", "title", "duration_s", "wpm", "rating"]]
        ui.table(shown.iloc[::-1], labels={"at": "When", "duration_s": "Seconds", "wpm": "Words a minute"})
