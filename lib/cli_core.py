"""Core commands of `python -m lib`: demo and export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lib.core import config


def _progress(label: str) -> None:
    print(f"  … {label}", file=sys.stderr, flush=True)


def _demo(args: argparse.Namespace) -> int:
    from lib.demo.run import run_demo

    run_demo(args.scale, progress=_progress)
    print(f"Demo data (scale {args.scale}) written to {config.data_dir()}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from lib.materials.export import export_all

    files = export_all(Path(args.out_dir), progress=_progress)
    for f in files:
        print(f)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the demo and export commands."""
    p = sub.add_parser("demo", help="fill an empty data directory with a realistic sample")
    p.add_argument("--scale", type=int, default=1, help="multiply the volume of sample data (default 1)")
    p.set_defaults(func=_demo)
    p = sub.add_parser("export", help="write every deliverable file into OUT_DIR")
    p.add_argument("out_dir", metavar="OUT_DIR")
    p.set_defaults(func=_export)
