"""Command line of the benchmark scorers: one JSON object of figures per run."""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import sys
from pathlib import Path

from storyline.eval import SCORERS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.eval")
    parser.add_argument("name", nargs="?", help="scorer: " + ", ".join(sorted(SCORERS)))
    parser.add_argument("--data", type=Path, help="dataset folder (see its SOURCE.md)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--list", action="store_true", help="list the scorers")
    parser.add_argument("--split", help="which part to score, for scorers that have splits")
    args = parser.parse_args(argv)
    if args.list or not args.name:
        print("\n".join(sorted(SCORERS)) or "no scorers registered")
        return 0
    if args.name not in SCORERS:
        print(
            f"unknown scorer {args.name!r}; choose one of: {', '.join(sorted(SCORERS))}",
            file=sys.stderr,
        )
        return 2
    module, func = SCORERS[args.name].split(":")
    scorer = getattr(importlib.import_module(module), func)
    options = {}
    if args.split is not None:
        if "split" not in inspect.signature(scorer).parameters:
            print(f"scorer {args.name!r} has no splits", file=sys.stderr)
            return 2
        options["split"] = args.split
    figures = scorer(args.data or None, **options)
    print(json.dumps(figures, indent=None if args.json else 2, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
