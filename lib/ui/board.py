"""The Applications board: a column per stage, a card per application with a one-click move and a stage menu."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from lib.jobsearch import applications as apps
from lib.jobsearch import stages, tracker
from lib.ui.cache import write
from lib.ui.messages import toast

FLASH_KEY = "applications_flash"
# Cards per stage column, the longest waiting first: enough to act on at a glance, and few enough that the
# board costs a page switch the same at five applications a stage as at two hundred (the table has the rest).
BOARD_CARDS = 4


def board_flash() -> None:
    """The confirmation the last move left, shown once the page has rerun with the new state."""
    if flash := st.session_state.pop(FLASH_KEY, None):
        toast(flash)


def _move_card(app_id: int, stage: str, label: str, today: dt.date) -> None:
    """Append a stage event for a card moved on the board; the confirmation waits for the rerun."""
    _, error = write(apps.change_stage, app_id, stage, today)
    st.session_state[FLASH_KEY] = error or f"Moved {label} to {stages.stage_label(stage)}"


def _move_from_menu(app_id: int, label: str, today: dt.date) -> None:
    """The board's stage menu: move to whatever was picked."""
    if stage := st.session_state.get(f"applications_card_menu_{app_id}"):
        _move_card(app_id, stage, label, today)
        st.session_state[f"applications_card_menu_{app_id}"] = None


def application_board(pipeline: pd.DataFrame, today: dt.date) -> None:
    """Cards per stage column (longest in stage first), each with its next stage and a menu for any stage."""
    for col, (stage, cards, total) in zip(
        st.columns(len(stages.STAGES)), tracker.board_columns(pipeline, BOARD_CARDS), strict=False
    ):
        col.markdown(f"**{stages.stage_label(stage)}** ({total})")
        for card in cards.itertuples():
            # 'Company — Role' for the confirmation: a picker's label also names the stage the card is leaving.
            label, after = f"{card.company} — {card.role}", tracker.next_stage(stage)
            box = col.container(border=True)
            box.text(tracker.card_text(card))  # st.text: company and role are the user's, never markup
            if after:
                box.button(
                    f"→ {stages.stage_label(after)}",
                    key=f"applications_card_next_{card.id}",
                    on_click=_move_card,
                    args=(int(card.id), after, label, today),
                    width="stretch",
                )
            # In a popover, whose content the browser draws only once it is opened: a stage menu per card
            # on a board of fifty cards was most of what a switch to this page cost.
            with box.popover("Move to…", width="stretch", key=f"applications_card_more_{card.id}"):
                st.selectbox(
                    "Move to",
                    [s for s in stages.ALL_STAGES if s != stage],
                    index=None,
                    placeholder="Move to…",
                    format_func=stages.stage_label,
                    key=f"applications_card_menu_{card.id}",
                    on_change=_move_from_menu,
                    args=(int(card.id), label, today),
                    label_visibility="collapsed",
                )
        if total > len(cards):
            col.caption(f"+{total - len(cards)} more")
