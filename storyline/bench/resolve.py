"""Resolution benchmark: cross-document resolution of generated name mentions at scale.

Seed names are the PERSON/ORG/GPE/LOC names spaCy's NER finds in the first MultiHop-RAG
articles (or names given directly). ``variants.mentions`` respells them into mentions
whose entity is known; each mention is one document's cluster, and ``resolve`` is
timed on growing prefixes of the list. Per size: seconds (wall clock, and the CPU
seconds of this process, which other jobs on a shared machine disturb less), the
load average when it started, candidate pairs against all n(n-1)/2 pairs and per
item, merges, blocking keys skipped and keys paired by neighbours only, and
pairwise precision/recall/F1 against the true entities; between sizes, the growth
exponent of both times.
"""

from __future__ import annotations

import gc
import itertools
import math
import os
import re
import time
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path
from typing import Any

from storyline.bench.analyse import machine
from storyline.bench.variants import Mention, SeedName, mentions
from storyline.resolve import similarity
from storyline.resolve.cluster import resolve
from storyline.resolve.items import item_key
from storyline.resolve.model import DocCluster, NameMention
from storyline.settings import Settings

SIZES = (1000, 10_000, 100_000)
# Articles whose names seed the mentions (NER alone over them takes under a minute).
ARTICLES = 150
LABELS = ("PERSON", "ORG", "GPE", "LOC")
# What the figures should reach: seconds at the largest size, and linear growth.
GOALS = {"seconds_at_100000": 120.0, "growth_exponent": 1.0}
# A seed name: at most this many words, this many letters at least.
MAX_WORDS = 4
MIN_LETTERS = 3
LEADING_ARTICLE = re.compile(r"^(?:the|The)\s+")
POSSESSIVE = re.compile(r"['’]s$")
# Words of letters joined by spaces, hyphens, apostrophes, full stops or "&" (no commas,
# slashes or brackets: spans like "Google / Apple" are two names, not one).
NAME = re.compile(r"[^\W\d_]+(?:[ .'’&-]+[^\W\d_]+)*\.?")
# The only words of a name that may start in lower case ("Bank of England").
CONNECTORS = frozenset(
    ("of", "and", "the", "for", "de", "del", "der", "la", "le", "du", "von", "van", "da", "di",
     "al", "bin", "on", "in")
)  # fmt: skip


def clean_name(text: str, label: str) -> str | None:
    """An NER span as a seed name, or None when it is unlikely to be a clean name.

    Spans across lines, with characters other than ``NAME``'s, with lower-case words
    other than ``CONNECTORS``, or longer than ``MAX_WORDS`` are dropped; a leading
    "the" and a final "'s" are cut. Persons need two words
    at least: resolution never merges a one-word person by its name alone.
    """
    if "\n" in text:
        return None
    name = POSSESSIVE.sub("", LEADING_ARTICLE.sub("", " ".join(text.split())))
    words = name.split()
    if not NAME.fullmatch(name) or not name[0].isupper() or len(words) > MAX_WORDS:
        return None
    if any(w[0].islower() and w not in CONNECTORS for w in words):
        return None
    if sum(c.isalpha() for c in name) < MIN_LETTERS or (label == "PERSON" and len(words) < 2):
        return None
    return name


def seed_names(found: Iterable[tuple[str, str]]) -> list[SeedName]:
    """Distinct clean names from (span text, label) pairs, one per name skeleton.

    A name seen with several labels takes its most frequent one; names are sorted,
    and of names sharing a skeleton ("US", "U.S.") the first is kept, so two seeds
    are never one name spelt twice.
    """
    labels: dict[str, Counter[str]] = {}
    for text, label in found:
        name = clean_name(text, label) if label in LABELS else None
        if name is not None:
            labels.setdefault(name, Counter())[label] += 1
    seeds, skeletons = [], set()
    for name in sorted(labels):
        skeleton = similarity.skeleton(name)
        if skeleton and skeleton not in skeletons:
            skeletons.add(skeleton)
            seeds.append(SeedName(name, labels[name].most_common(1)[0][0]))
    return seeds


def ner_spans(data: Path, limit: int, settings: Settings) -> list[tuple[str, str]]:
    """(text, label) of every entity spaCy's NER alone finds in the first article bodies."""
    from storyline.bench.ingest import load_multihop
    from storyline.nlp.spacy_model import load_model

    nlp = load_model(settings.spacy_model)
    bodies = [article.body for article in load_multihop(data)[:limit]]
    with nlp.select_pipes(enable=["ner"]):
        docs = nlp.pipe(bodies, batch_size=settings.spacy_batch_size)
        return [(ent.text, ent.label_) for doc in docs for ent in doc.ents]


def document_items(found: Sequence[Mention]) -> list[DocCluster]:
    """One document cluster per mention, each in a document of its own."""
    items = []
    for number, mention in enumerate(found):
        doc = f"doc{number:07d}"
        name, kind = mention.name, mention.type
        only = NameMention(f"{doc}:m0", doc, 0, len(name), name, name, kind)
        items.append(DocCluster(item_key(doc, kind, name), doc, kind, name, (only,)))
    return items


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


def pairwise_scores(truth: Sequence[Hashable], predicted: Sequence[Hashable]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of predicted clusters, counted without pairs.

    A pair is right when both clusterings put its two items together: the right pairs
    are those inside each (true, predicted) cell. No predicted pairs: precision 1.
    """
    right = sum(_pairs(c) for c in Counter(zip(truth, predicted, strict=True)).values())
    said = sum(_pairs(c) for c in Counter(predicted).values())
    true = sum(_pairs(c) for c in Counter(truth).values())
    precision = right / said if said else 1.0
    recall = right / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "true_pairs": true,
        "predicted_pairs": said,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def time_size(found: Sequence[Mention]) -> dict[str, Any]:
    """Resolve the mentions' items once, timed from cold name caches; every figure."""
    items = document_items(found)
    similarity.skeleton_words.cache_clear()
    gc.collect()
    load = os.getloadavg()[0]
    start, cpu = time.perf_counter(), time.process_time()
    links, stats = resolve(items)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    entity = {link.cluster: link.entity for link in links}
    n = len(items)
    return {
        "items": n,
        "entities": len({m.entity for m in found}),
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "load": round(load, 2),
        "pairs": stats.pairs,
        "pair_ratio": round(stats.pairs / _pairs(n), 6) if n > 1 else 0.0,
        "pairs_per_item": round(stats.pairs / n, 2) if n else 0.0,
        "merges": stats.merges,
        "skipped_keys": stats.skipped_keys,
        "windowed_keys": stats.windowed_keys,
        **pairwise_scores([m.entity for m in found], [entity[i.key] for i in items]),
    }


def growth(results: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """log(t2/t1) / log(n2/n1) between consecutive sizes: 1 linear, 2 quadratic.

    ``exponent`` is of the wall-clock seconds; ``cpu_exponent`` (when the sizes
    have CPU seconds) of the CPU seconds.
    """
    out = []
    for small, large in itertools.pairwise(results):
        step: dict[str, Any] = {"from": small["items"], "to": large["items"]}
        for field, name in (("seconds", "exponent"), ("cpu_seconds", "cpu_exponent")):
            if field in small and field in large:
                step[name] = _exponent(small, large, field)
        out.append(step)
    return out


def _exponent(small: dict[str, Any], large: dict[str, Any], field: str) -> float:
    t1, t2 = max(small[field], 1e-3), max(large[field], 1e-3)
    return round(math.log(t2 / t1) / math.log(large["items"] / small["items"]), 3)


def run(
    data: Path | None,
    *,
    sizes: Sequence[int] = SIZES,
    limit: int | None = None,
    names: Sequence[SeedName] | None = None,
    settings: Settings | None = None,
    command: str = "",
    added: int = 0,
) -> dict[str, Any]:
    """Seed names (``names``, or NER over ``data``), mentions, and ``resolve`` per size.

    With ``added``, also the incremental figures (``resolve_increment.py``) at the
    largest size, its last ``added`` mentions being the new ones.
    """
    source: dict[str, Any] = {"source": "given"}
    if names is None:
        if data is None:
            raise ValueError("the resolve bench needs seed names or the MultiHop-RAG folder")
        articles = limit or ARTICLES
        start = time.perf_counter()
        names = seed_names(ner_spans(data, articles, settings or Settings()))
        source = {
            "source": "ner",
            "articles": articles,
            "ner_s": round(time.perf_counter() - start, 2),
        }
    if not names:
        raise ValueError("no seed names to generate mentions from")
    chosen = sorted(set(sizes))
    found = mentions(names, chosen[-1])
    results = [time_size(found[:size]) for size in chosen]
    extra: dict[str, Any] = {}
    if added:
        from storyline.bench.resolve_increment import run_increment

        extra["increment"] = run_increment(found, added)
    return {
        "bench": "resolve",
        "command": command,
        "machine": machine(),
        "seed_names": {**source, "names": len(names), **Counter(s.type for s in names)},
        "sizes": results,
        "growth": growth(results),
        "goals": GOALS,
        **extra,
    }
