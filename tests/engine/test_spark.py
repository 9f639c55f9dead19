"""The Spark engine: same knowledge base as the local engine, bad input contained, incremental.

One local[2] SparkSession (``spark``, in tests/engine/conftest.py) and one Spark build of
examples/story serve the whole module. Tests that start Spark skip (with the reason) when
PySpark or Java 17+ is missing; the Java check and the partition function are tested
without Spark.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from storyline.build import build
from storyline.engine import run_build
from storyline.engine.rows import COLUMNS, OUTCOME, outcome_of
from storyline.engine.session import check_java, java_major
from storyline.engine.spark import build_spark
from storyline.engine.worker import process_partition
from storyline.errors import ConfigError, UnknownComponentError
from storyline.model import Status
from storyline.settings import Settings
from storyline.store import SQLiteStore
from tests.engine.conftest import exported

ROOT = Path(__file__).resolve().parents[2]
STORY = ROOT / "examples" / "story"
BODY = (
    "The regional council voted on Tuesday to recall its envoy from the capital, a decision "
    "that officials said had been weeks in the making. Critics called the move rushed. "
)


def _spark_missing() -> str:
    """Why Spark cannot run here ("" when it can)."""
    if importlib.util.find_spec("pyspark") is None:
        return "PySpark is not installed (pip install 'storyline[spark]')"
    try:
        check_java()
    except ConfigError as exc:
        return exc.message
    return ""


needs_spark = pytest.mark.skipif(bool(_spark_missing()), reason=_spark_missing() or "ready")


@pytest.fixture(scope="module")
def spark_db(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/story built once by the Spark engine; read it, never write to it."""
    db = tmp_path_factory.mktemp("spark-kb") / "kb.db"
    store = SQLiteStore(db)
    try:
        build_spark([str(STORY)], store, Settings(db=str(db), engine="spark"), spark=spark)
    finally:
        store.close()
    return db


@needs_spark
def test_spark_builds_the_same_knowledge_base_as_the_local_engine(
    spark_db: Path, examples_db: Path
) -> None:
    local, spark = exported(examples_db), exported(spark_db)
    assert local["documents"] and local["entities"] and local["events"]
    assert set(local) == set(spark)
    for key in local:
        assert spark[key] == local[key], key


@needs_spark
def test_a_second_spark_build_without_changes_analyses_nothing(
    spark: Any, spark_db: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "kb.db"
    with sqlite3.connect(spark_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    store = SQLiteStore(copy)
    try:
        report = build_spark([str(STORY)], store, Settings(db=str(copy)), spark=spark)
    finally:
        store.close()
    assert report.analysed == 0 and report.extracted == 0 and report.indexed == 0
    assert {o.status for o in report.outcomes} == {Status.UNCHANGED}
    assert exported(copy)["documents"] == exported(spark_db)["documents"]


@needs_spark
def test_bad_files_fail_with_a_reason_and_the_job_completes(spark: Any, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(f"Council recalls envoy\n\n{BODY}\n\n{BODY}\n")
    (folder / "garbage.txt").write_bytes(bytes(range(256)) * 4)  # not text: worker fails it
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf\n")  # worker fails it
    (folder / "huge.txt").write_text(BODY * 40)  # over the limit: the driver fails it
    settings = Settings(max_file_mb=0.002)
    store = SQLiteStore(tmp_path / "kb.db")
    try:
        report = build_spark([str(folder)], store, settings, spark=spark)
        rows = {Path(row.path).name: row for row in store.sources()}
    finally:
        store.close()
    assert report.exit_code() == 1 and report.analysed == 1
    assert rows["good.txt"].status == "ingested"
    for name in ("garbage.txt", "broken.pdf", "huge.txt"):
        assert rows[name].status == "failed", name
        assert rows[name].code.startswith("E2") and rows[name].reason, name


def test_a_document_that_crashes_a_stage_fails_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The partition function itself: Spark's workers cannot see a monkeypatch."""
    import storyline.engine.worker as worker

    real = worker.analyse_documents

    def crashing(docs: Any, settings: Settings) -> Any:
        docs = list(docs)
        if any("BOOM" in doc.text for doc in docs):
            raise RuntimeError("the parser fell over")
        return real(docs, settings)

    monkeypatch.setattr(worker, "analyse_documents", crashing)
    (tmp_path / "good.txt").write_text(f"Council recalls envoy\n\n{BODY}\n")
    (tmp_path / "bad.txt").write_text(f"Council recalls envoy\n\n{BODY} BOOM.\n")
    tasks = [(0, str(tmp_path / "good.txt")), (1, str(tmp_path / "bad.txt"))]
    rows = [dict(zip(COLUMNS, row, strict=True)) for row in process_partition(tasks, Settings())]
    good, bad = rows
    assert good["kind"] == "document" and good["analysis"] and good["extraction"] is not None
    assert not good["retry"]
    assert bad["kind"] == OUTCOME and bad["retry"]  # no fingerprint: tried again next build
    outcome = outcome_of(bad["record"])
    assert outcome.status is Status.FAILED and outcome.code == "E999"
    assert "RuntimeError: the parser fell over" in outcome.reason


@pytest.mark.parametrize(
    ("output", "major"),
    [
        ('openjdk version "17.0.15" 2025-04-15', 17),
        ('java version "1.8.0_392"', 8),
        ('openjdk version "21" 2023-09-19', 21),
        ("no version here", None),
    ],
)
def test_java_versions_are_read(output: str, major: int | None) -> None:
    assert java_major(output) == major


def test_missing_java_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="Java is not installed") as caught:
        check_java({"PATH": str(tmp_path)})
    assert "JAVA_HOME" in caught.value.hint


def test_an_old_java_is_a_config_error(tmp_path: Path) -> None:
    java = tmp_path / "bin" / "java"
    java.parent.mkdir()
    java.write_text("#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n")
    java.chmod(0o755)
    with pytest.raises(ConfigError, match="Java 11: Spark needs Java 17"):
        check_java({"JAVA_HOME": str(tmp_path)})


def test_the_spark_engine_checks_java_before_touching_the_store(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    store = SQLiteStore(tmp_path / "kb.db")
    try:
        with pytest.raises(ConfigError, match="Java"):
            run_build([str(STORY)], store, Settings(engine="spark"))
        assert store.sources() == []
    finally:
        store.close()


def test_a_missing_pyspark_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)  # find_spec then says "not installed"
    with pytest.raises(ConfigError, match="PySpark") as caught:
        run_build([str(STORY)], None, Settings(engine="spark"))  # type: ignore[arg-type]
    assert "storyline[spark]" in caught.value.hint


def test_an_unknown_engine_lists_the_choices(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "kb.db")
    try:
        with pytest.raises(UnknownComponentError, match="local, spark"):
            run_build([str(STORY)], store, Settings(engine="dask"))
    finally:
        store.close()


def test_the_local_engine_is_build(tmp_path: Path) -> None:
    from storyline.engine import ENGINES

    assert ENGINES.get("local") is build


def test_cli_engine_spark_without_java_is_one_clear_line(tmp_path: Path) -> None:
    flags = ["--db", str(tmp_path / "kb.db"), "--engine", "spark", "--master", "local[1]"]
    result = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "build", str(STORY), "-q", *flags],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": str(tmp_path), "HOME": str(tmp_path)},
    )
    assert result.returncode == 2, result.stderr
    assert "[E100]" in result.stderr and "Java" in result.stderr
    assert "Traceback" not in result.stderr


@needs_spark
def test_the_documents_of_one_large_file_are_spread_over_the_cores(
    spark: Any, tmp_path: Path
) -> None:
    """Files are read in stage 1; their documents are repartitioned before the analysis,
    so a single JSONL file of many articles does not keep one core busy alone."""
    articles = [
        {"title": f"Envoy recalled {n}", "publisher": "The Ledger", "url": f"https://l.example/{n}",
         "published": "2019-03-14", "body": f"{BODY} Report number {n}."}
        for n in range(8)
    ]  # fmt: skip
    source = tmp_path / "in" / "all.jsonl"
    source.parent.mkdir()
    source.write_text("\n".join(json.dumps(a) for a in articles) + "\n")
    db = tmp_path / "kb.db"
    settings = Settings(db=str(db), engine="spark", spark_dir=str(tmp_path / "work"))
    store = SQLiteStore(db)
    try:
        report = build_spark([str(source)], store, settings, spark=spark)
    finally:
        store.close()
    assert report.analysed == 8 and not report.failures()
    parts = list((tmp_path / "work").glob("run-*/items.parquet/part-*.parquet"))
    assert len(parts) >= 2  # the one file's documents were written by several tasks
