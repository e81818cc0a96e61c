"""Glue between the page's webcam recorder and the stored take.

streamlit-webrtc calls the recorder factory and the recorder's callbacks on
its own worker thread; the page only reads plain attributes set here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from lib.core import config
from lib.media import takes
from lib.media.paths import new_take_path
from lib.media.recovery import plan_file, write_take_plan
from lib.media.takes import TakePlan
from lib.storage.db import open_db

if TYPE_CHECKING:
    from lib.media.recorder import TakeRecorder

log = logging.getLogger(__name__)

SavedFn = Callable[[int], None]


def take_finished_callback(plan: TakePlan, relative_path: str, on_saved: SavedFn | None = None):
    """A recorder callback that stores the take in its own connection (it runs off the page thread)."""

    def finished(error: str) -> None:
        try:
            with open_db() as db:
                recording_id = takes.save_take(db, plan, relative_path, error)
        except Exception:
            log.exception("could not store the take %s", relative_path)
            raise
        plan_file(config.data_dir() / relative_path).unlink(missing_ok=True)
        if on_saved:
            on_saved(recording_id)

    return finished


class TakeMonitor:
    """The latest take of one page session: made by the recorder factory, read by the page.

    The recorder runs on streamlit-webrtc's worker thread; the page only reads
    plain attributes that the recorder sets, so no lock is needed. ``on_saved``
    is called with the new take's id once it is stored (the page starts its
    speech analysis there).
    """

    def __init__(self, on_saved: SavedFn | None = None) -> None:
        self.recorder: TakeRecorder | None = None
        self.plan: TakePlan | None = None
        self.recording_id: int | None = None
        self.on_saved = on_saved

    def factory(self, plan: TakePlan) -> Callable[[], TakeRecorder]:
        """An ``in_recorder_factory``: every Start makes a new file for ``plan``."""

        def make() -> TakeRecorder:
            # aiortc and av load only when a take starts: most page runs never record.
            from lib.media.recorder import TakeRecorder, allow_loopback_ice_if_requested

            allow_loopback_ice_if_requested()
            relative, path = new_take_path()
            write_take_plan(path, plan)
            self.recording_id = None
            self.plan = plan
            self.recorder = TakeRecorder(path, on_finished=take_finished_callback(plan, relative, self._saved))
            return self.recorder

        return make

    def _saved(self, recording_id: int) -> None:
        self.recording_id = recording_id
        if self.on_saved:
            self.on_saved(recording_id)

    def status(self) -> dict:
        """state ('idle', 'waiting', 'recording', 'saving', 'saved', 'failed'), seconds, error, recording id."""
        rec = self.recorder
        if rec is None:
            return {"state": "idle", "seconds": 0.0, "error": "", "recording_id": None, "title": ""}
        state = rec.state
        if state in ("saved", "failed") and self.recording_id is None and not rec.error:
            state = "saving"
        return {
            "state": state,
            "seconds": rec.elapsed_seconds() if state in ("waiting", "recording") else 0.0,
            "error": rec.error,
            "recording_id": self.recording_id,
            "title": self.plan.title if self.plan else "",
        }
