"""RICE scoring: the formula, the ranking, and messages that name the row and field."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.core.errors import InputError
from lib.core.figures import NoData
from lib.practice import charts as practice_charts
from lib.practice import rice


def _rows(*rows):
    return pd.DataFrame(rows, columns=rice.COLUMNS)


def test_score_is_reach_times_impact_times_confidence_over_effort_and_ranked():
    ranked = rice.score(
        _rows(("Low", 100, 0.5, 50, 2), ("High", 1000, 2, 80, 4), (None, None, None, None, None), ("  ", 5, 1, 50, 1))
    )
    assert list(ranked["feature"]) == ["High", "Low"]
    assert list(ranked["score"]) == [400.0, 12.5]
    assert list(ranked["rank"]) == [1, 2]


@pytest.mark.parametrize(
    ("row", "field"),
    [
        (("A", -1, 1, 50, 1), "reach"),
        (("A", 10, 4, 50, 1), "impact"),
        (("A", 10, 1, 150, 1), "confidence"),
        (("A", 10, 1, 50, 0), "effort"),
        (("A", "lots", 1, 50, 1), "reach"),
        (("A", 10, 1, None, 1), "confidence"),
    ],
)
def test_bad_values_name_row_and_field(row, field):
    with pytest.raises(InputError) as err:
        rice.score(_rows(("Fine", 10, 1, 50, 1), row))
    assert err.value.field == field and err.value.where == "row 2"


def test_chart_bars_follow_the_ranking():
    fig = practice_charts.rice_scores(rice.score(rice.EXAMPLE))
    assert list(fig.data[0].y)[-1] == "Smart reply suggestions"
    assert list(fig.data[0].x)[-1] == 3150.0
    assert isinstance(practice_charts.rice_scores(rice.score(_rows())), NoData)
