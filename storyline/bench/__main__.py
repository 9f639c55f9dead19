"""Benchmarks: ``python -m storyline.bench NAME --data DIR`` prints one JSON object.

NAME is ingest, analyse, resolve, extract, search or web (web needs no --data: it copies
the sample corpus of examples/story; its --sizes are document counts). ``corpus`` is no
benchmark but the generator of scale corpora, with its own options (``storyline.bench.corpus``).
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path
from typing import Any


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    if given[:1] == ["corpus"]:  # the generator has options of its own
        from storyline.bench import corpus

        return corpus.main(given[1:])
    if given[:1] == ["scale"]:
        from storyline.bench import scale_cli

        return scale_cli.main(given[1:])
    parser = argparse.ArgumentParser(prog="python -m storyline.bench")
    parser.add_argument(
        "name",
        choices=["ingest", "analyse", "resolve", "extract", "search", "web", "corpus", "scale"],
    )
    parser.add_argument("--data", type=Path, default=None, help="the MultiHop-RAG folder")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument(
        "--sizes", type=_sizes, default=None, help="resolve: mention counts, e.g. 1000,10000"
    )
    parser.add_argument(
        "--added", type=int, default=0, help="resolve: new mentions resolved incrementally"
    )
    parser.add_argument(
        "--passages", type=int, default=None, help="search: synthetic passages (1000000)"
    )
    args = parser.parse_args(argv)
    command = shlex.join(["python", "-m", "storyline.bench", *(argv or sys.argv[1:])])
    if args.name == "web":
        from storyline.bench import web

        print(json.dumps(web.run(sizes=args.sizes or web.SIZES, command=command), indent=1))
        return 0
    if args.data is None or not (args.data / "corpus_train.json").is_file():
        parser.error(f"{args.data} has no corpus_train.json (is ../shared beside the clone?)")
    if args.name == "search":
        from storyline.bench import search

        figures = search.run(
            args.data, limit=args.limit, passages=args.passages or search.PASSAGES, command=command
        )
        print(json.dumps(figures, indent=1))
        return 0
    print(
        json.dumps(
            _run(args.name, args.data, args.limit, command, args.sizes, args.added), indent=1
        )
    )
    return 0


def _sizes(text: str) -> tuple[int, ...]:
    """``1000,10000`` → ``(1000, 10000)``: mention counts, each 2 or more."""
    try:
        sizes = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not comma-separated counts: {text!r}") from None
    if not sizes or min(sizes) < 2:
        raise argparse.ArgumentTypeError(f"sizes must be counts of 2 or more: {text!r}")
    return sizes


def _run(
    name: str,
    data: Path,
    limit: int | None,
    command: str,
    sizes: tuple[int, ...] | None = None,
    added: int = 0,
) -> dict[str, Any]:
    """The chosen benchmark's figures (imported late: each pulls in heavy libraries)."""
    if name == "ingest":
        from storyline.bench import ingest

        return ingest.run(data, limit=limit)
    if name == "extract":
        from storyline.bench import extract

        return extract.run(data, limit=limit, command=command)
    if name == "resolve":
        from storyline.bench import resolve

        return resolve.run(
            data, sizes=sizes or resolve.SIZES, limit=limit, command=command, added=added
        )
    from storyline.bench import analyse
    from storyline.settings import load_settings

    return analyse.run(data, limit=limit, settings=load_settings(), command=command)


if __name__ == "__main__":
    raise SystemExit(main())
