"""Every page's rerun time under AppTest at demo scale 1 and 50, against a floor page.

    python benchmarks/pages.py [--reruns 15] [--scales 1,50] [--pages overview,curriculum]

Prints a table, then as its last line one JSON object:
{"floor_ms", "pages": {page: {"scale1_ms", "scale50_ms", "ratio_to_floor", "growth"}},
 "worst_ratio", "worst_growth"} — medians, ratio = scale-50 ÷ floor, growth = scale-50 ÷ scale-1.
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
from lib import navigation  # noqa: E402

FLOOR_SCRIPT = "import streamlit as st\nst.write('floor')\n"


def fill_demo(scale: int, folder: Path) -> Path:
    """A data directory filled by `python -m lib demo --scale N`; returns it."""
    data = folder / f"scale{scale}"
    data.mkdir()
    env = {**os.environ, "PREP_DATA_DIR": str(data)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lib", "demo", "--scale", str(scale)], cwd=ROOT, env=env, check=True, capture_output=True)
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


def time_page(page_path: str, data: Path, reruns: int) -> float:
    """Median rerun of one page of the app on the data directory ``data``."""
    from streamlit.testing.v1 import AppTest

    os.environ["PREP_DATA_DIR"] = str(data)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(page_path)
    at.run()
    if at.exception:
        raise RuntimeError(f"{page_path} raised: {[e.value for e in at.exception]}")
    return time_reruns(at, reruns)


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
        results: dict[str, dict] = {}
        for page in pages:
            t_small = time_page(page.path, data[small], args.reruns)
            t_large = time_page(page.path, data[large], args.reruns)
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
        print(f"{name:<16}{r[f'scale{small}_ms']:>10.1f}ms{r[f'scale{large}_ms']:>10.1f}ms{r['ratio_to_floor']:>10.2f}{r['growth']:>9.2f}")
    summary = {
        "floor_ms": round(floor, 1),
        "pages": results,
        "worst_ratio": max((r["ratio_to_floor"] for r in results.values()), default=None),
        "worst_growth": max((r["growth"] for r in results.values()), default=None),
    }
    print(json.dumps(summary))
    return summary


if __name__ == "__main__":
    main()
