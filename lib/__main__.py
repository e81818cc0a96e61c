"""`python -m lib <command>`: import, export and scripting without the UI.

Every command reads the data directory from PREP_DATA_DIR, prints a one-line
error and exits non-zero on bad input.
"""

from __future__ import annotations

import argparse
import sys

from lib import registry
from lib.core.errors import PrepError


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered command."""
    parser = argparse.ArgumentParser(
        prog="python -m lib",
        description="Interview Prep Dashboard command line. Data directory: $PREP_DATA_DIR "
        "(default: a per-user folder).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for dotted in registry.CLI_COMMANDS:
        registry.resolve(dotted)(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except PrepError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
