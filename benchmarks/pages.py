"""Every page's rerun time under AppTest at demo scale 1 and 50, against a floor page.

    python benchmarks/pages.py [--reruns 15] [--scales 1,50] [--pages overview,curriculum]

Prints a table, then as its last line one JSON object:
{"floor_ms", "references": {name: {"ms", "ratio_to_floor"}},
 "elements": {page: {"elements", "charts", "tables", "widgets"}},
 "pages": {page: {"scale1_ms", "scale50_ms", "ratio_to_floor", "growth"}},
 "worst_ratio", "worst_growth"} — medians, ratio = scale-50 ÷ floor, growth = scale-50 ÷ scale-1.
The references are pages of Streamlit elements only (a chart, a table, a form,
a typical mix): the floor of a page that shows what the app's pages show.
Timings are ratios measured in one run on one machine; they are not asserted anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.stubs import install_component_stubs  # noqa: E402
from lib.ui import navigation  # noqa: E402

FLOOR_SCRIPT = "import streamlit as st\nst.write('floor')\n"
_REFERENCE_SETUP = """
import pandas as pd, plotly.graph_objects as go, streamlit as st

@st.cache_resource
def figure():
    return go.Figure(go.Bar(x=list("abcdefgh"), y=[3, 1, 4, 1, 5, 9, 2, 6])).update_layout(title="bars", height=340)

table = pd.DataFrame({f"c{i}": [f"row {r} value {i}" for r in range(100)] for i in range(10)})
"""
# Pages with only Streamlit elements, no data: the floor of a page that shows
# what the app's pages show. Every Plotly chart is serialised to JSON and every
# table to Arrow on each rerun, however cached the data behind them is.
REFERENCE_SCRIPTS = {
    "one Plotly chart": _REFERENCE_SETUP + "st.plotly_chart(figure(), key='c')\n",
    "one 100-row table": _REFERENCE_SETUP + "st.dataframe(table, hide_index=True)\n",
    "one form of 10 inputs": _REFERENCE_SETUP
    + (
        "with st.form('f'):\n    for i in range(10):\n        st.text_input(f'field {i}', key=f'k{i}')\n"
        "    st.form_submit_button('Save')\n"
    ),
    "a typical page": _REFERENCE_SETUP
    + """
st.title("Typical page")
st.caption("A title, 3 metrics, 4 tabs, 3 charts, 2 tables, 2 forms of 6 inputs, 20 lines of text")
for col, n in zip(st.columns(3), range(3)):
    col.metric(f"metric {n}", n)
tabs = st.tabs(["a", "b", "c", "d"])
with tabs[0]:
    st.dataframe(table, hide_index=True); st.dataframe(table.head(20), hide_index=True)
with tabs[1]:
    for f in range(2):
        with st.form(f"f{f}"):
            for i in range(6):
                st.text_input(f"field {i}", key=f"k{f}_{i}")
            st.form_submit_button("Save")
with tabs[2]:
    for n in range(3):
        st.plotly_chart(figure(), key=f"c{n}")
with tabs[3]:
    for n in range(20):
        st.markdown(f"- line **{n}**")
""",
}
WIDGETS = {
    "button",
    "checkbox",
    "date_input",
    "download_button",
    "file_uploader",
    "multiselect",
    "number_input",
    "radio",
    "selectbox",
    "slider",
    "text_area",
    "text_input",
    "time_input",
    "toggle",
    "form_submit_button",
}


def fill_demo(scale: int, folder: Path) -> Path:
    """A data directory filled by `python -m lib demo --scale N`; returns it."""
    data = folder / f"scale{scale}"
    data.mkdir()
    env = {**os.environ, "PREP_DATA_DIR": str(data)}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "lib", "demo", "--scale", str(scale)], cwd=ROOT, env=env, check=True, capture_output=True
    )
    print(f"demo --scale {scale}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return data


def time_reruns(at, reruns: int, warmup: int = 2) -> float:
    """Median milliseconds of ``reruns`` reruns after ``warmup`` untimed ones."""
    for _ in range(warmup):
        at.run()
    samples = []
    for _ in range(reruns):
        started = time.perf_counter()
        at.run()
        samples.append((time.perf_counter() - started) * 1000)
        if at.exception:
            raise RuntimeError(f"page raised: {[e.value for e in at.exception]}")
    return statistics.median(samples)


def time_floor(reruns: int) -> float:
    """Median rerun of a page that only calls st.write."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(FLOOR_SCRIPT, default_timeout=60)
    at.run()
    return time_reruns(at, reruns)


def time_reference(script: str, reruns: int) -> float:
    """Median rerun of a page made of Streamlit elements only."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(script, default_timeout=60)
    at.run()
    return time_reruns(at, reruns)


def count_elements(at) -> dict[str, int]:
    """What a rendered page is made of: all elements, Plotly charts, tables and input widgets."""
    kinds = [getattr(node, "type", "") for node in at.main]
    return {
        "elements": len(kinds) - 1,
        "charts": kinds.count("plotly_chart"),
        "tables": kinds.count("dataframe"),
        "widgets": sum(kind in WIDGETS for kind in kinds),
    }


def open_page(page_path: str, data: Path):
    """An AppTest of the app switched to ``page_path`` on the data directory ``data``."""
    from streamlit.testing.v1 import AppTest

    os.environ["PREP_DATA_DIR"] = str(data)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(page_path)
    at.run()
    if at.exception:
        raise RuntimeError(f"{page_path} raised: {[e.value for e in at.exception]}")
    return at


def time_page(
    page_path: str, small: Path, large: Path, reruns: int, counts: dict | None = None, warmup: int = 2
) -> tuple[float, float]:
    """Median reruns of one page on two data directories, taken in turn; ``counts`` receives its elements at ``large``.

    Alternating the two keeps a change in the machine's load (the cores are
    shared) from landing on one scale only and showing up as growth.
    """
    pages = [(open_page(page_path, data), data) for data in (small, large)]
    if counts is not None:
        counts.update(count_elements(pages[1][0]))
    samples: list[list[float]] = [[], []]
    for n in range(warmup + reruns):
        for i, (at, data) in enumerate(pages):
            os.environ["PREP_DATA_DIR"] = str(data)
            started = time.perf_counter()
            at.run()
            if n >= warmup:
                samples[i].append((time.perf_counter() - started) * 1000)
            if at.exception:
                raise RuntimeError(f"{page_path} raised: {[e.value for e in at.exception]}")
    return statistics.median(samples[0]), statistics.median(samples[1])


def main(argv: list[str] | None = None) -> dict:
    """Run the benchmark; returns the summary printed as the last line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=15)
    parser.add_argument("--scales", default="1,50", help="two demo scales: small,large")
    parser.add_argument("--pages", default="", help="comma-separated url paths (default: every page)")
    args = parser.parse_args(argv)
    small, large = (int(s) for s in args.scales.split(","))
    wanted = set(filter(None, args.pages.split(",")))
    pages = [p for p in navigation.PAGES if not wanted or p.url_path in wanted]
    install_component_stubs()

    with tempfile.TemporaryDirectory(prefix="prep-bench-") as tmp:
        folder = Path(tmp)
        data = {small: fill_demo(small, folder), large: fill_demo(large, folder)}
        floor = time_floor(args.reruns)
        references = {name: time_reference(script, args.reruns) for name, script in REFERENCE_SCRIPTS.items()}
        results: dict[str, dict] = {}
        elements: dict[str, dict] = {}
        for page in pages:
            elements[page.url_path] = {}
            t_small, t_large = time_page(page.path, data[small], data[large], args.reruns, elements[page.url_path])
            results[page.url_path] = {
                f"scale{small}_ms": round(t_small, 1),
                f"scale{large}_ms": round(t_large, 1),
                "ratio_to_floor": round(t_large / floor, 2),
                "growth": round(t_large / t_small, 2),
            }
            print(f"  {page.url_path}: {t_small:.1f} / {t_large:.1f} ms", file=sys.stderr)

    print(f"\nfloor page (one st.write): {floor:.1f} ms median of {args.reruns} reruns")
    print(f"{'page':<16}{'scale ' + str(small):>12}{'scale ' + str(large):>12}{'÷ floor':>10}{'growth':>9}")
    for name, r in results.items():
        print(
            f"{name:<16}{r[f'scale{small}_ms']:>10.1f}ms{r[f'scale{large}_ms']:>10.1f}ms{r['ratio_to_floor']:>10.2f}{r['growth']:>9.2f}"
        )
    print("\nreference pages (Streamlit elements only, no data):")
    for name, ms in references.items():
        print(f"  {name:<24}{ms:>8.1f}ms{ms / floor:>8.2f} × floor")
    print(f"\n{'page at scale ' + str(large):<20}{'elements':>9}{'charts':>8}{'tables':>8}{'widgets':>9}")
    for name, c in elements.items():
        print(f"{name:<20}{c['elements']:>9}{c['charts']:>8}{c['tables']:>8}{c['widgets']:>9}")
    summary = {
        "floor_ms": round(floor, 1),
        "references": {
            name: {"ms": round(ms, 1), "ratio_to_floor": round(ms / floor, 2)} for name, ms in references.items()
        },
        "elements": elements,
        "pages": results,
        "worst_ratio": max((r["ratio_to_floor"] for r in results.values()), default=None),
        "worst_growth": max((r["growth"] for r in results.values()), default=None),
    }
    print(json.dumps(summary))
    return summary


if __name__ == "__main__":
    main()
