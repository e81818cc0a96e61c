"""What the STAR stories page leaves out to stay fast must not change what it shows."""

from __future__ import annotations

import pandas as pd

from lib.storage.db import open_db
from lib.stories import coverage as story_coverage


def test_coverage_without_suggestions_is_the_coverage_less_its_suggestions(demo_dir) -> None:
    with open_db() as db:
        full = story_coverage.coverage(db)
        quick = story_coverage.coverage(db, suggest=False)
    assert len(full["suggestions"]) and quick["suggestions"].empty
    assert list(quick["suggestions"].columns) == list(full["suggestions"].columns)
    unsuggested = full["matrix"].replace(story_coverage.STATE_SUGGESTED, story_coverage.STATE_NONE)
    pd.testing.assert_frame_equal(quick["matrix"], unsuggested)
    for key in full.keys() - {"suggestions", "matrix"}:
        same = full[key].equals(quick[key]) if isinstance(full[key], pd.DataFrame) else full[key] == quick[key]
        assert same, key
