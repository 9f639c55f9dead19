"""Spark-side blocking and scoring: exactly the local pairs, scores, order and stats.

The invented corpus has spelling variants, namesakes with other given names,
organisations and places, a surname shared by more than ``ALL_PAIRS_LIMIT`` persons
(a windowed bucket) and one shared by more than ``BUCKET_LIMIT`` (a dropped bucket).
The Spark path is forced with ``local_below=0``, on 2 partitions (each Spark task costs
time, and the data are small); the session is tests/engine/conftest.py's.
"""

from __future__ import annotations

import io
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from storyline.build import BuildReport
from storyline.engine import blocking as spark_blocking
from storyline.engine.blocking import spark_scorer
from storyline.engine.spark import finish_stages
from storyline.export import export
from storyline.resolve import blocking
from storyline.resolve.cluster import Profile, corpus_weights, profile, resolve, scored_pairs
from storyline.resolve.items import item_key
from storyline.resolve.model import DocCluster, NameMention, Stats
from storyline.settings import Settings
from storyline.store import SQLiteStore

SYLLABLES = ["ka", "ro", "mi", "tan", "zhu", "bek", "lo", "sa", "dor", "vin", "ul", "pe"]
OUTLETS = ["The Ledger", "Daily Post", None]


def item(doc: str, name: str, kind: str = "PERSON", **extra: Any) -> DocCluster:
    """A document cluster with one mention of ``name``."""
    mention = NameMention(f"{doc}-0", doc, 0, len(name), name, name, kind)
    return DocCluster(item_key(doc, kind, name), doc, kind, name, (mention,), **extra)


def given(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()


def corpus(seed: int = 7) -> list[DocCluster]:
    """Invented items: variants, namesakes, organisations, places, a windowed and a dropped key."""
    rng = random.Random(seed)
    fixed = [
        ("Kubat Zhumaliyev", "PERSON"), ("Kubat Jumaliev", "PERSON"),
        ("Kubat Dzhumaliev", "PERSON"), ("Кубат Жумалиев", "PERSON"),
        ("Marat Zhumaliyev", "PERSON"), ("Daniyar Zhumaliev", "PERSON"),
        ("W. Mark Felt", "PERSON"), ("Mark Felt", "PERSON"), ("Walter Felt", "PERSON"),
        ("Quinnipiac University", "ORG"), ("Quinnypiac University", "ORG"),
        ("Syracuse University", "ORG"), ("Syracuse Universty", "ORG"),
        ("University of Alabama", "ORG"), ("Acme Holdings Inc.", "ORG"),
        ("Acme Holdings", "ORG"), ("Gaza City", "GPE"), ("Atlantic City", "GPE"),
        ("Gaza Strip", "LOC"), ("Gaza Strip", "GPE"),
    ]  # fmt: skip
    items = [
        item(f"f{i}", name, kind, outlet=rng.choice(OUTLETS), context=("Bishkek",))
        for i, (name, kind) in enumerate(fixed)
    ]
    family = [given(rng) for _ in range(30)]  # 90 Okonkwos: over ALL_PAIRS_LIMIT, windowed
    items += [
        item(f"o{i}", f"{rng.choice(family)} {rng.choice(['Okonkwo', 'Okonkwoh'])}",
             titles=rng.choice([(), ("minister",)]), context=(rng.choice(family),))
        for i in range(90)
    ]  # fmt: skip
    items += [item(f"s{i}", f"{given(rng)} Smith") for i in range(blocking.BUCKET_LIMIT + 20)]
    return items


def profiles_of(items: list[DocCluster]) -> list[Profile]:
    return [p for i, it in enumerate(items) if (p := profile(i, it)) is not None]


def both(spark: Any, profiles: list[Profile], **options: Any) -> tuple[Any, Stats, Any, Stats]:
    """scored_pairs and the Spark scorer on the same profiles: (local, stats, spark, stats)."""
    weights = corpus_weights(profiles)
    local_stats, spark_stats = Stats(), Stats()
    local = scored_pairs(profiles, weights, local_stats)
    scorer = spark_scorer(spark, options.pop("partitions", 2), local_below=0, **options)
    remote = scorer(profiles, weights, spark_stats)
    return local, local_stats, remote, spark_stats


def test_spark_scores_exactly_the_local_pairs(spark: Any) -> None:
    local, local_stats, remote, spark_stats = both(spark, profiles_of(corpus()))
    assert local_stats.windowed_keys > 0 and local_stats.skipped_keys > 0  # all paths taken
    assert len(local) > 20
    assert remote == local  # pairs, scores, features and order
    assert spark_stats == local_stats


def test_the_driver_s_limits_reach_the_executors(
    spark: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(blocking, "BUCKET_LIMIT", 60)
    monkeypatch.setattr(blocking, "ALL_PAIRS_LIMIT", 4)
    monkeypatch.setattr(blocking, "WINDOW", 2)
    local, local_stats, remote, spark_stats = both(spark, profiles_of(corpus(3)), partitions=3)
    assert local_stats.windowed_keys > 10 and local_stats.skipped_keys > 3
    assert remote == local
    assert spark_stats == local_stats


def test_no_profiles_no_pairs(spark: Any) -> None:
    local, local_stats, remote, spark_stats = both(spark, [])
    assert remote == local == []
    assert spark_stats == local_stats


def test_resolution_with_the_spark_scorer_gives_the_same_links(spark: Any) -> None:
    items = corpus(11)
    links, stats = resolve(items)
    spark_links, spark_stats = resolve(items, scorer=spark_scorer(spark, 2, local_below=0))
    assert spark_links == links
    assert spark_stats == stats
    assert len({link.entity for link in links}) < len(items)


def test_few_profiles_are_scored_without_spark() -> None:
    profiles = profiles_of(corpus())[:40]
    weights = corpus_weights(profiles)
    no_session: Any = object()  # any use of Spark would fail
    stats = Stats()
    expected = scored_pairs(profiles, weights, Stats())
    assert spark_scorer(no_session)(profiles, weights, stats) == expected
    assert stats.pairs > 0


def exported(db: Path) -> str:
    store = SQLiteStore(db)
    try:
        out = io.StringIO()
        export(store, "json", out)
    finally:
        store.close()
    return out.getvalue()


def test_the_spark_engine_resolves_with_the_spark_scorer(
    spark: Any, examples_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``finish_stages`` given the build's session scores on it: the same knowledge base."""
    calls: list[int] = []
    real = spark_blocking.spark_scored_pairs

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(len(args[1]))
        return real(*args, **kwargs)

    monkeypatch.setattr(spark_blocking, "LOCAL_BELOW", 0)
    monkeypatch.setattr(spark_blocking, "spark_scored_pairs", spy)
    copy = tmp_path / "kb.db"
    with sqlite3.connect(examples_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    store = SQLiteStore(copy)
    try:
        settings = Settings(db=str(copy), resolve_mode="full")
        finish_stages(store, settings, BuildReport([]), spark=spark)
    finally:
        store.close()
    assert calls and calls[0] > 0
    assert exported(copy) == exported(examples_db)
