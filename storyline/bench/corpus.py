"""Scale-benchmark corpora: N realistic news documents made from the MultiHop-RAG articles.

``python -m storyline.bench.corpus --docs 100000 --out /tmp/corpus`` writes the
documents under ``OUT/docs`` and a ``manifest.json`` beside them. The texts are
read from ``../shared`` at run time and never stored in the repository.

Each document derives from one source article, cycling through them: cut to about
``--words`` words on a sentence boundary (later passes start further in), given
another outlet, moved by whole weeks (the dates in its text with it), some person
names respelt as transliterations do, and wrapped in page furniture. A share of
the documents are near-copies of a recent one under another outlet and address.
Document ``i`` depends only on the seed and ``i``, so the corpus streams out in
constant memory and the same seed always gives the same bytes.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import os
import random
import sys
from pathlib import Path
from typing import Any

from storyline.bench.corpus_render import (
    DOCS_FOLDER,
    FORMATS,
    OUTLETS,
    RENDERERS,
    Generated,
    ShardWriter,
    outlet_url,
)
from storyline.bench.corpus_text import (
    SourceArticle,
    excerpt,
    load_sources,
    respell_names,
    respelling,
    shift_dates,
)
from storyline.errors import ConfigError, InputError, StorylineError

# Versioned like every swappable part: a change in the bytes made for a seed gets .v2.
GENERATOR = "corpus.v1"
# Dates move by up to this many weeks either way (the dataset spans three months).
SPREAD_WEEKS = 78
# Share of documents kept under the dataset's own outlet; the rest get an invented one.
OWN_OUTLET_SHARE = 0.3
# Chance that each person-like name of an article is respelt in a document, and at most how many.
NAME_SHARE = 0.5
MAX_NAMES = 3
# A near-copy copies one of this many documents before it (syndication is quick).
COPY_WINDOW = 200
# Duplicate shares are whole millionths, so that the count is exact: floor(docs × share).
MILLION = 1_000_000
MAX_DUPLICATE_SHARE = 0.5


@dataclasses.dataclass(frozen=True)
class CorpusManifest:
    """What a generated corpus holds and how it was made; written as ``manifest.json``."""

    generator: str
    seed: int
    format: str
    docs: int
    words: int  # the cap asked for (0: full articles)
    duplicate_share: float
    duplicates: int  # near-copies of another document under another outlet
    docs_with_variants: int  # documents with at least one respelt name
    respelt_names: int  # name occurrences respelt, over all documents
    total_words: int  # article words (headlines and furniture not counted)
    files: int
    bytes: int
    folder: str  # where the documents are, relative to the manifest
    source: str  # the dataset folder's name
    source_articles: int
    source_sha256: str  # of corpus_train.json, so a figure can name its exact input

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), indent=1) + "\n"


class _Maker:
    """Makes document ``number`` from the seed alone, so any one can be remade (near-copies)."""

    def __init__(self, sources: list[SourceArticle], *, words: int, seed: int, share: float):
        self.sources = sources
        self.words = words
        self.seed = seed
        self.per_million = round(share * MILLION)
        self._orders: dict[int, list[int]] = {}

    def is_duplicate(self, number: int) -> bool:
        """Spread evenly: the count up to any point is floor(count × share)."""
        return (number + 1) * self.per_million // MILLION > number * self.per_million // MILLION

    def make(self, number: int) -> Generated:
        rng = random.Random(f"{self.seed}:{number}")
        if self.is_duplicate(number):
            return self._copy(number, rng)
        return self._original(number, rng)

    def _order(self, cycle: int) -> list[int]:
        """The articles in the order pass ``cycle`` takes them (the last two passes kept)."""
        if cycle not in self._orders:
            order = list(range(len(self.sources)))
            random.Random(f"{self.seed}:pass:{cycle}").shuffle(order)
            self._orders = {c: o for c, o in self._orders.items() if c >= cycle - 1}
            self._orders[cycle] = order
        return self._orders[cycle]

    def _original(self, number: int, rng: random.Random) -> Generated:
        cycle, position = divmod(number, len(self.sources))
        article = self.sources[self._order(cycle)[position]]
        paragraphs = excerpt(article, self.words, rng, first=cycle == 0)
        weeks = rng.randint(-SPREAD_WEEKS, SPREAD_WEEKS)
        text = shift_dates("\n\n".join([article.title, *paragraphs]), weeks, article.published)
        chosen = [name for name in article.names if rng.random() < NAME_SHARE][:MAX_NAMES]
        spellings = {name: v for name in chosen if (v := respelling(name, rng))}
        respelt = 0
        if spellings:
            text, respelt = respell_names(text, article, spellings, rng)
        title, *paragraphs = text.split("\n\n")
        own = rng.random() < OWN_OUTLET_SHARE
        publisher = article.publisher if own else rng.choice(OUTLETS)
        published = article.published + dt.timedelta(weeks=weeks)
        related = tuple(rng.choice(self.sources).title for _ in range(rng.randint(1, 3)))
        url = outlet_url(publisher, published, title, number)
        return Generated(
            number,
            title,
            article.author,
            publisher,
            published,
            url,
            tuple(paragraphs),
            related,
            respelt,
        )

    def _copy(self, number: int, rng: random.Random) -> Generated:
        """A near-copy of a recent original: another outlet, a later time, a small edit."""
        start = number - 1 - rng.randrange(min(number, COPY_WINDOW))
        original = next(n for n in range(start, -1, -1) if not self.is_duplicate(n))
        base = self._original(original, random.Random(f"{self.seed}:{original}"))
        paragraphs = list(base.paragraphs)
        dropped = len(paragraphs) > 1 and rng.random() < 0.5
        if dropped:
            paragraphs.pop()
        if not dropped or rng.random() < 0.5:
            paragraphs.append(f"This article first appeared in {base.publisher}.")
        publisher = rng.choice([o for o in OUTLETS if o != base.publisher])
        day_end = base.published.replace(hour=23, minute=59, second=0)
        published = min(base.published + dt.timedelta(minutes=rng.randint(10, 600)), day_end)
        url = outlet_url(publisher, published, base.title, number)
        return dataclasses.replace(
            base,
            number=number,
            publisher=publisher,
            published=published,
            url=url,
            paragraphs=tuple(paragraphs),
            duplicate_of=original,
        )


def generate_corpus(
    source: Path,
    out: Path,
    *,
    docs: int,
    words: int = 300,
    seed: int = 0,
    fmt: str = "jsonl",
    duplicate_share: float = 0.05,
) -> CorpusManifest:
    """Write ``docs`` documents made from the MultiHop-RAG folder ``source`` under ``out``.

    Documents are written as they are made; nothing grows with ``docs``.
    """
    _check_options(docs=docs, words=words, fmt=fmt, duplicate_share=duplicate_share)
    _check_empty(out / DOCS_FOLDER)
    sources = load_sources(source)
    if not sources:
        raise InputError(f"{source}/corpus_train.json holds no article with a body")
    maker = _Maker(sources, words=words, seed=seed, share=duplicate_share)
    render = RENDERERS[fmt]
    counts = {"duplicates": 0, "docs_with_variants": 0, "respelt_names": 0, "total_words": 0}
    with ShardWriter(out, fmt) as writer:
        for number in range(docs):
            doc = maker.make(number)
            writer.write(number, render(doc, random.Random(f"{seed}:furniture:{number}")))
            counts["duplicates"] += doc.duplicate_of is not None
            counts["docs_with_variants"] += doc.respelt > 0
            counts["respelt_names"] += doc.respelt
            counts["total_words"] += doc.words
    manifest = CorpusManifest(
        generator=GENERATOR,
        seed=seed,
        format=fmt,
        docs=docs,
        words=words,
        duplicate_share=duplicate_share,
        **counts,
        files=writer.files,
        bytes=writer.bytes,
        folder=DOCS_FOLDER,
        source=source.resolve().name,
        source_articles=len(sources),
        source_sha256=_sha256(source / "corpus_train.json"),
    )
    (out / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
    return manifest


def _check_options(*, docs: int, words: int, fmt: str, duplicate_share: float) -> None:
    if docs < 1:
        raise ConfigError(f"--docs must be 1 or more, not {docs}")
    if words < 0:
        raise ConfigError(f"--words must be 0 (full articles) or more, not {words}")
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}", hint=f"choose one of {', '.join(FORMATS)}")
    if not 0 <= duplicate_share <= MAX_DUPLICATE_SHARE:
        raise ConfigError(
            f"--duplicates must be a share from 0 to {MAX_DUPLICATE_SHARE}, not {duplicate_share}"
        )


def _check_empty(folder: Path) -> None:
    """Refuse to write over an earlier corpus: its leftover files would join this one."""
    if folder.is_dir() and any(folder.iterdir()):
        raise InputError(
            f"{folder} already holds documents", hint="remove it or choose another --out"
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def default_data() -> Path:
    """``$STORYLINE_SHARED/datasets/multihop-rag``, else ``../shared/datasets/multihop-rag``."""
    return Path(os.environ.get("STORYLINE_SHARED", "../shared")) / "datasets" / "multihop-rag"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The generator's options, shared with ``python -m storyline.bench corpus``."""
    parser.add_argument("--docs", type=int, required=True, help="how many documents to make")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--data", type=Path, default=None, help="the MultiHop-RAG folder")
    parser.add_argument("--words", type=int, default=300, help="words per article, 0: all")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", choices=FORMATS, default="jsonl")
    parser.add_argument(
        "--duplicates", type=float, default=0.05, help="share of near-copies (0.05)"
    )


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Generate the corpus the parsed arguments describe; return the manifest as a dict."""
    manifest = generate_corpus(
        args.data or default_data(),
        args.out,
        docs=args.docs,
        words=args.words,
        seed=args.seed,
        fmt=args.format,
        duplicate_share=args.duplicates,
    )
    return dataclasses.asdict(manifest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.bench.corpus")
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        print(json.dumps(run(args), indent=1))
    except StorylineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
