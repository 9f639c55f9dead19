"""Command line of the scale benchmark (``python -m storyline.bench scale``): parse, run, print."""

from __future__ import annotations

import argparse
import json
import shlex
from pathlib import Path

from storyline.bench import scale_run


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.bench scale")
    parser.add_argument(
        "--corpus",
        action="append",
        type=_sized,
        required=True,
        help="SIZE=DIR: a generated corpus's docs folder and its document count",
    )
    parser.add_argument("--add", type=Path, default=None, help="a 1k corpus to add at the end")
    parser.add_argument("--full", type=_sizes, default=(), help="sizes built with every stage")
    parser.add_argument("--spark", type=_sizes, default=(), help="sizes built with Spark too")
    parser.add_argument("--spark-fast", type=_sizes, default=(), help="sizes, Spark fast profile")
    parser.add_argument("--postgres", action="store_true", help="compare with PostgreSQL")
    args = parser.parse_args(argv)
    figures = scale_run.run(
        dict(args.corpus),
        add=args.add,
        full=args.full,
        spark=args.spark,
        postgres=args.postgres,
        spark_fast=args.spark_fast,
        command=shlex.join(["python", "-m", "storyline.bench", "scale", *argv]),
    )
    print(json.dumps(figures, indent=1))
    return 0


def _sized(text: str) -> tuple[int, Path]:
    size, _, folder = text.partition("=")
    if not size.isdigit() or not Path(folder).is_dir():
        raise argparse.ArgumentTypeError(f"expected SIZE=DIR with an existing DIR: {text!r}")
    return int(size), Path(folder)


def _sizes(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not comma-separated sizes: {text!r}") from None
