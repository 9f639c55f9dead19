"""Benchmarks: ``python -m storyline.bench ingest --data DIR`` prints one JSON object."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.bench")
    parser.add_argument("name", choices=["ingest"])
    parser.add_argument("--data", type=Path, required=True, help="the MultiHop-RAG folder")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args(argv)
    if not (args.data / "corpus_train.json").is_file():
        parser.error(f"{args.data} has no corpus_train.json (is ../shared beside the clone?)")
    from storyline.bench.ingest import run

    print(json.dumps(run(args.data, limit=args.limit), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
