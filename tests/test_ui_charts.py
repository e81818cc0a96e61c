"""ui.chart: the title on the page above the chart, no Plotly tool bar, a long legend that keeps the plot's height."""

from __future__ import annotations

import json
import string

import plotly.graph_objects as go
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from lib.core import figures
from lib.core.textsafe import escape_markdown
from lib.ui.charts import chart


def _figure(title: str, names: list[str]) -> go.Figure:
    fig = go.Figure([go.Scatter(x=[1, 2], y=[i, i + 1], name=name) for i, name in enumerate(names)])
    return figures.layout(fig, title, x_title="day", y_title="hours")


def _drawn(fig) -> tuple[AppTest, dict, dict]:
    """Run ui.chart(fig) as a page; returns the run, the figure Streamlit sent and its Plotly config."""

    def page(fig):
        from lib.ui.charts import chart

        chart(fig, key="test_chart")

    at = AppTest.from_function(page, kwargs={"fig": fig}).run()
    assert not at.exception, [e.value for e in at.exception]
    charts = at.get("plotly_chart")
    if not charts:
        return at, {}, {}
    return at, json.loads(charts[0].proto.spec), json.loads(charts[0].proto.config)


def test_the_title_is_text_above_the_chart() -> None:
    title = "Where applications went: stage-to-stage flows"
    fig = _figure(title, ["Applied", "Interview"])
    at, spec, config = _drawn(fig)
    assert [m.value for m in at.markdown] == ["**" + escape_markdown(title) + "**"]
    assert not (spec["layout"].get("title") or {}).get("text")
    assert spec["layout"]["margin"]["t"] <= 28
    assert config["displaylogo"] is False
    # The figure a page passed in (cached and shared by every session) is not changed.
    assert fig.layout.title.text == title


def test_a_title_is_shown_literally() -> None:
    at, _, _ = _drawn(_figure("Words of **story** <b>", ["a"]))
    assert at.markdown[0].value == "**" + escape_markdown("Words of **story** <b>") + "**"
    assert "**story**" not in at.markdown[0].value


def test_no_data_is_one_line_and_no_chart() -> None:
    at, spec, _ = _drawn(figures.NoData("Hours per day appear once you log time."))
    assert spec == {} and [c.value for c in at.caption] == ["Hours per day appear once you log time."]


names = st.lists(
    st.text(alphabet=string.ascii_letters + " ()", min_size=1, max_size=40).map(str.strip).filter(bool),
    min_size=1,
    max_size=10,
    unique=True,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=names)
def test_a_long_legend_adds_its_rows_instead_of_taking_the_plots(names: list[str]) -> None:
    fig = _figure("Review scores over time", names)
    before = fig.layout.height - (fig.layout.margin.b or 0)
    _, spec, _ = _drawn(fig)
    layout = spec["layout"]
    if len(names) > 3:
        legend = layout["legend"]
        columns = round(1 / legend["entrywidth"])
        assert legend["entrywidthmode"] == "fraction" and columns in (1, 2)
        # A name that would not fit in half a phone's width gets a row of its own.
        assert columns == 1 or max(map(len, names)) <= 22
        rows = -(-len(names) // columns)
        assert layout["margin"]["b"] >= 10 + 22 * rows
    # The plot keeps at least the height it had above the legend's margin: the legend never squeezes it.
    assert layout["height"] - layout["margin"]["b"] >= before


def test_chart_is_the_one_ui_exports() -> None:
    from lib import ui

    assert ui.chart is chart
