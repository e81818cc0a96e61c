"""The STAR stories page's bank: its numbers, the tabs, the story editor with its drafts, a report, the table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from lib.core.dates import instant_text
from lib.storage import drafts as kept
from lib.stories import coverage as story_coverage
from lib.stories import links as story_links
from lib.stories import store as stories
from lib.stories import themes as story_themes
from lib.stories.checks import SECTION_NAMES, finding_labels, timing_note
from lib.ui.cache import query, write
from lib.ui.markup import markup, text
from lib.ui.messages import error as show_error
from lib.ui.messages import warning
from lib.ui.routing import page_header
from lib.ui.tables import dataframe as table

TABS = ["Stories", "Coverage", "Rehearse", "Import & export", "Charts"]
TAB_KEY = "stories_tab"
# Pickers whose choice outlives a visit to another tab (a widget that is not drawn forgets its value).
KEPT_CHOICES = ("stories_pick", "stories_search", "stories_reh_pick")
# A picker or a table sends every row to the browser on each rerun: past this many stories they offer the
# latest saved and a search finds the rest.
STORIES_OFFERED = 100
# Widget key of each field of the editor, after "stories_" and before the story id.
FIELD_KEYS = {"title": "title", "theme_id": "theme", "source": "source", "tags": "tags"} | {n: n for n in SECTION_NAMES}


@dataclass(frozen=True)
class Bank:
    """What every part of the page reads: the themes, the bank with its reports, the coverage and the pace.

    ``cov`` is the coverage without suggestions; ``suggestions()`` computes them when a part shows them.
    """

    themes: story_themes.StoryThemes
    bank: pd.DataFrame
    cov: dict
    pace: float

    @property
    def theme_label(self) -> dict[str, str]:
        """Each theme's label ("3. Conflict") by its id."""
        return {t.id: f"{t.number}. {t.name}" for t in self.themes.themes}

    @property
    def titles(self) -> dict[str, str]:
        """Each story's title by its id."""
        return dict(zip(self.bank["story_id"], self.bank["title"], strict=False))

    def suggestions(self) -> pd.DataFrame:
        """Suggested links (story_id, question_id, score), best first for each story."""
        return query(story_coverage.coverage)["suggestions"]

    @property
    def row_text(self) -> dict[str, str]:
        """Each coverage question's text by its id."""
        rows = self.cov["rows"]
        return dict(zip(rows["question_id"], rows["text"], strict=False))


def header() -> Bank:
    """The page title with the themes' rules; returns the bank the rest of the page shows."""
    themes = story_themes.load_themes()
    page_header(
        "STAR stories", f"{themes.target_stories}+ stories across the 12 themes: " + "; ".join(themes.rules) + "."
    )
    # The text similarity behind suggested links is left to the parts that show suggestions.
    cov = query(story_coverage.coverage, suggest=False)
    return Bank(themes, query(stories.bank_report), cov, query(stories.speaking_pace))


def metrics(b: Bank) -> None:
    """Stories against the target, themes covered, stories with findings, questions without a story."""
    m1, m2, m3, m4 = st.columns(4)
    m1.metric("Stories", f"{len(b.bank)} / {b.themes.target_stories}")
    m2.metric("Themes covered", f"{b.cov['themes_covered']} / {b.cov['themes_total']}")
    m3.metric("Stories with findings", int(sum(bool(i) for i in b.bank["issues"])))
    m4.metric("Questions without a story", len(b.cov["open_questions"]))


def tabs() -> Any:
    """The page's tabs; only the open one is drawn, so a switch sends one tab's charts and tables, not all five."""
    for key in KEPT_CHOICES:
        if key in st.session_state:  # set by the script, a choice stays while its tab is closed
            st.session_state[key] = st.session_state[key]
    return st.tabs(TABS, key=TAB_KEY, on_change="rerun")


def offered_stories(bank: pd.DataFrame, search: str = "", limit: int = STORIES_OFFERED) -> pd.DataFrame:
    """The stories whose title or theme holds ``search`` (all when empty), the latest saved ``limit``, in bank order."""
    words = search.strip()
    if words:
        hit = bank["title"].str.contains(words, case=False, regex=False)
        bank = bank[hit | bank["theme"].str.contains(words, case=False, regex=False)]
    latest = bank.sort_values(["updated_at", "version_id"], ascending=False, kind="stable").head(limit)
    return bank.loc[bank.index.isin(latest.index)]


def story_picker(b: Bank) -> tuple[str, dict, pd.DataFrame]:
    """The story being edited ("new" for a new one), its saved fields (empty for a new one) and the stories offered."""
    if "stories_pick_next" in st.session_state:
        st.session_state["stories_pick"] = st.session_state.pop("stories_pick_next")
    search = ""
    if len(b.bank) > STORIES_OFFERED:
        search = st.text_input("Find a story", placeholder="title or theme", key="stories_search")
    offered = offered_stories(b.bank, search)
    options = ["new", *offered["story_id"]]
    picked = st.session_state.get("stories_pick")
    if picked not in options:  # a story the search leaves out stays picked; a deleted one gives way to a new one
        options += [picked] if picked in set(b.bank["story_id"]) else []
        st.session_state["stories_pick"] = picked if picked in options else "new"
    titles, theme_label = b.titles, b.theme_label
    story_theme = dict(zip(b.bank["story_id"], b.bank["theme_id"], strict=False))
    pick = st.selectbox(
        "Story",
        options,
        key="stories_pick",
        format_func=lambda s: "➕ New story" if s == "new" else f"{titles[s]} · {theme_label[story_theme[s]]}",
    )
    return pick, ({} if pick == "new" else b.bank.set_index("story_id").loc[pick].to_dict()), offered


def _field_key(field: str, pick: str) -> str:
    return f"stories_{FIELD_KEYS[field]}_{pick}"


def _keep(field: str, pick: str) -> None:
    """Save one field of the story being written as a draft (a callback)."""
    if st.session_state.get(f"stories_save_{pick}"):  # typed then Save clicked: the story is stored, not a draft
        return
    value = st.session_state.get(_field_key(field, pick))
    _, error = write(kept.save, "story", pick, {field: value or ""}, keep_empty=pick != "new")
    if error:
        st.session_state["stories_draft_error"] = error


def _discard(pick: str) -> None:
    """Throw the draft away and show the saved story (or an empty form) again (a callback)."""
    _, error = write(kept.discard, "story", pick)
    for field in FIELD_KEYS:
        st.session_state.pop(_field_key(field, pick), None)
    if error:
        st.session_state["stories_draft_error"] = error


def _field_args(field: str, pick: str) -> dict:
    return {"key": _field_key(field, pick), "on_change": _keep, "args": (field, pick)}


def _choice_index(options: list[str], value: object) -> int | None:
    return options.index(value) if value in options else None


def story_editor(b: Bank, pick: str, current: dict) -> None:
    """The story's fields, each kept as a draft as it changes, and Save story."""
    themes = b.themes
    # Not a form: each field is kept as a draft when it changes, so a page switch, a reload or a
    # restart loses nothing; the draft goes when the story is saved or discarded.
    draft = query(kept.load, "story", pick)
    was = {**current, "tags": ", ".join(current.get("tags", []))} | draft.fields
    with st.container(border=True):
        # Always drawn, filled only when there is a draft: the fields below keep their place (and focus).
        with st.container():
            if draft:
                k1, k2 = st.columns([4, 1], vertical_alignment="center")
                k1.caption(f"Draft from {instant_text(draft.saved_at)}, kept as you type; not in the bank yet.")
                k2.button("Discard draft", key=f"stories_discard_{pick}", on_click=_discard, args=(pick,))
        st.text_input("Title", value=was.get("title", ""), **_field_args("title", pick))
        c1, c2, c3 = st.columns([2, 2, 3])
        theme_ids, source_ids = list(b.theme_label), list(themes.sources)
        c1.selectbox(
            "Theme",
            theme_ids,
            format_func=b.theme_label.get,
            index=_choice_index(theme_ids, was.get("theme_id")),
            placeholder="Choose a theme",
            **_field_args("theme_id", pick),
        )
        c2.selectbox(
            "Source",
            source_ids,
            format_func=themes.sources.get,
            index=_choice_index(source_ids, was.get("source")),
            placeholder="From the theme",
            **_field_args("source", pick),
        )
        c3.text_input("Tags (comma-separated)", value=was.get("tags", ""), **_field_args("tags", pick))
        meanings = {p.id: p.meaning for p in themes.star_format} | {"learning": "What you learned, or the impact"}
        for name in SECTION_NAMES:
            label = f"{name.title()} — {meanings[name]}"
            st.text_area(label, value=was.get(name, ""), height=100, **_field_args(name, pick))
        if st.session_state.get("stories_draft_error"):
            show_error(st.session_state.pop("stories_draft_error"))
        # A callback, so the run after the click already shows the saved story: a second run (st.rerun) would
        # cost a whole page more, and a tab clicked while it started was lost.
        st.button("Save story", type="primary", key=f"stories_save_{pick}", on_click=_save, args=(pick,))
        if st.session_state.get("stories_save_error"):
            show_error(st.session_state.pop("stories_save_error"))


def _save(pick: str) -> None:
    """Store a new version and forget its draft, together; the saved story becomes the one shown (a callback)."""
    fields = {field: st.session_state.get(_field_key(field, pick)) for field in FIELD_KEYS}
    saved, error = write(kept.send, "story", pick, stories.save_story, fields, None if pick == "new" else pick)
    if error:
        st.session_state["stories_save_error"] = error
        return
    st.session_state["stories_pick_next"] = saved
    if pick == "new":  # the next new story starts empty
        for field in FIELD_KEYS:
            st.session_state.pop(_field_key(field, "new"), None)


def story_report(b: Bank, pick: str, current: dict) -> None:
    """A saved story's length, telling time and findings, its question links, and duplicate / delete / history."""
    band = b.themes.band
    report = stories.report_for(current, b.pace)
    st.markdown(
        f"**{report.words} words** (band {band.min_words}-{band.max_words}), "
        f"{timing_note(report.speaking_seconds, band.min_minutes, band.max_minutes)} at {b.pace:g} words a minute · "
        f"Action: {report.i_count} × I, {report.we_count} × we"
    )
    for finding in report.findings:
        warning(markup("**{}** {}", finding.code, finding.fix))
    if not report.findings:
        st.success(
            "Passes every check: in the word band, all four STAR parts, I over we, numbers and a closing learning."
        )
    _links(b, pick, current)
    d1, d2, _ = st.columns([1, 1, 4])
    d1.button("Duplicate", key="stories_duplicate", on_click=_act, args=(stories.duplicate_story, pick, True))
    with d2.popover("Delete"):
        st.caption("The story leaves the bank; its versions stay in the history.")
        st.button(
            "Delete this story", key="stories_delete", type="primary", on_click=_act, args=(stories.delete_story, pick)
        )
    if st.session_state.get("stories_action_error"):
        show_error(st.session_state.pop("stories_action_error"))
    with st.expander("Version history"):
        table(
            query(stories.story_versions, pick),
            labels={"theme_id": "Theme", "created_at": "Saved"},
            words={"theme_id": b.theme_label},
            ticks=["deleted"],
        )


def _links(b: Bank, pick: str, current: dict) -> None:
    """The questions the story answers, and one-click links to the ones its text suggests."""
    cov, row_text = b.cov, b.row_text
    linked = list(cov["matrix"].index[cov["matrix"][pick] == story_coverage.STATE_COVERED])
    with st.form(f"stories_links_form_{pick}"):
        st.multiselect(
            "Questions this story answers",
            list(row_text),
            default=linked,
            format_func=row_text.get,
            key=f"stories_links_{pick}",
        )
        own = story_coverage.theme_rows(cov["rows"]).get(current["theme_id"])  # covered by the theme itself
        st.form_submit_button("Save links", on_click=_save_links, args=(pick, own))
    suggestions = b.suggestions()
    for s in suggestions[suggestions["story_id"] == pick].itertuples():
        st.button(
            f"Link suggested: {text(row_text[s.question_id])} (similarity {s.score:.2f})",
            key=f"stories_suggest_{pick}_{s.question_id}",
            on_click=_act,
            args=(story_links.link_story, pick, False, s.question_id, "suggested"),
        )


def _act(fn: Callable[..., Any], story_id: str, pick_result: bool = False, *args: Any) -> None:
    """A write from a button, as a callback: the run after the click already shows its result (no second run,
    in which a tab clicked meanwhile was lost); an error waits for the page to show it."""
    result, error = write(fn, story_id, *args)
    if error:
        st.session_state["stories_action_error"] = error
    elif pick_result:
        st.session_state["stories_pick_next"] = result


def _save_links(pick: str, own: str | None) -> None:
    """Store the questions picked for the story, less its own theme's, which it covers anyway (a callback)."""
    chosen = st.session_state.get(f"stories_links_{pick}") or []
    _act(story_links.set_story_links, pick, False, [q for q in chosen if q != own])


def bank_table(b: Bank, offered: pd.DataFrame) -> None:
    """Every story offered: title, theme, length, telling time and findings."""
    st.subheader("The bank at a glance")
    if b.bank.empty:
        st.caption("No stories yet. Start with the theme you know best.")
        return
    if len(offered) < len(b.bank):
        st.caption(f"{len(offered)} of {len(b.bank)} stories: the latest saved, or what the search finds.")
    minutes = (offered["speaking_seconds"] / 60).round(1)
    shown = offered.assign(minutes=minutes, findings=offered["issues"].map(finding_labels))
    table(shown[["title", "theme", "words", "minutes", "findings"]])
