"""``storyline build --engine spark``: the per-document stages as one PySpark job.

The driver lists the files and skips those whose bytes and pipeline are unchanged (the
store's fingerprints); the executors read, ingest, analyse and extract the others
(``engine/worker.py``) and write one Parquet row per source item; the driver then loads
those rows into the store in batched transactions, in build order, exactly as the local
engine would have written them, and resolves and indexes the corpus itself.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.build import (
    BatchWriter,
    BuildReport,
    analyse_pending,
    failed_outcome,
    file_state,
    missing_outcome,
    pipeline_id,
    read_file,
    resolve_entities,
)
from storyline.engine.blocking import spark_scorer
from storyline.engine.rows import item_of, row_schema, statements_of
from storyline.engine.session import check_spark_ready, spark_session
from storyline.engine.worker import Task, analyse_partition, ingest_partition
from storyline.errors import InputError
from storyline.extract.stage import extract_pending
from storyline.extract.stage import pipeline_id as extraction_pipeline
from storyline.hashing import sha256_bytes
from storyline.ingest.sources import expand
from storyline.nlp.analyse import pipeline_id as analysis_pipeline
from storyline.query.search_passages import index_pending
from storyline.settings import Settings
from storyline.store import Store
from storyline.store.retry import write_batch

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

# Partitions per Spark core: a few, so one slow file does not hold a whole core's share.
PARTITIONS_PER_CORE = 2
# Rows the driver reads back per partition at most (documents with their text, analyses).
ROWS_PER_SLICE = 2_000


def build_spark(
    paths: Iterable[str],
    store: Store,
    settings: Settings,
    *,
    spark: SparkSession | None = None,
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[Path], None] | None = None,
    on_analysis: Callable[[int], None] | None = None,
    on_analysed: Callable[[], None] | None = None,
) -> BuildReport:
    """What ``build.build`` does, with the per-document stages run by Spark.

    ``spark``: a running session to use (and leave running); by default one is started
    for ``settings.spark_master`` and stopped at the end. Java and PySpark are checked
    before the store is touched.
    """
    check_spark_ready()
    files, missing = expand(paths)
    if on_start:
        on_start(len(files))
    run = store.start_run()
    writer = BatchWriter(store, settings.batch_size)
    writer.outcomes.extend(missing_outcome(arg) for arg in missing)
    tasks = plan_files(files, writer, settings, on_file=on_file)
    report = BuildReport(writer.outcomes)
    # A session is started only for changed files; it is kept for resolution's scoring.
    session = nullcontext(spark) if spark or not tasks else spark_session(settings)
    with session as active:
        if tasks and active:
            with work_folder(settings, run) as folder:
                frame = run_job(active, tasks, settings, folder)
                load_items(frame, writer, pipeline_id(settings), on_file=on_file)
                report.analysed, report.extracted = load_analyses(
                    frame, store, settings, on_start=on_analysis, on_done=on_analysed
                )
        finish_stages(store, settings, report, spark=active)
    store.finish_run(run, report.counts())
    return report


def plan_files(
    files: list[Path],
    writer: BatchWriter,
    settings: Settings,
    *,
    on_file: Callable[[Path], None] | None = None,
) -> list[Task]:
    """The files Spark must process; unreadable and unchanged ones are settled here."""
    tasks: list[Task] = []
    pipeline = pipeline_id(settings)
    for number, path in enumerate(files):
        try:
            sha = sha256_bytes(read_file(path, settings))
        except InputError as exc:
            writer.queue(None, [failed_outcome(str(path), str(path), exc)])
        else:
            if not writer.skip_unchanged(path, sha, pipeline):
                tasks.append((number, str(path)))
                continue
        if on_file:
            on_file(path)
    writer.flush()
    return tasks


@contextmanager
def work_folder(settings: Settings, run: int) -> Iterator[str]:
    """Where the Parquet rows go: ``spark_dir``/run-N (kept), or a temporary folder."""
    if settings.spark_dir:
        if "://" in settings.spark_dir:  # hdfs://, s3a://: the cluster's file system
            yield f"{settings.spark_dir.rstrip('/')}/run-{run}"
            return
        folder = Path(settings.spark_dir).expanduser().resolve() / f"run-{run}"
        folder.mkdir(parents=True, exist_ok=True)
        yield folder.as_uri()
        return
    with tempfile.TemporaryDirectory(prefix="storyline-spark-") as tmp:
        yield Path(tmp).as_uri()


def run_job(spark: SparkSession, tasks: list[Task], settings: Settings, folder: str) -> DataFrame:
    """Run the per-document stages over ``tasks``; the rows, read back from Parquet."""
    context = spark.sparkContext
    slices = max(1, context.defaultParallelism * PARTITIONS_PER_CORE)
    staged = context.parallelize(tasks, max(1, min(len(tasks), slices))).mapPartitions(
        partial(ingest_partition, settings=settings)
    )
    if settings.analyse:  # spread the documents, not the files, over the cores
        staged = staged.repartition(slices)
    rows = staged.mapPartitions(partial(analyse_partition, settings=settings))
    target = f"{folder}/items.parquet"
    spark.createDataFrame(rows, row_schema()).write.mode("overwrite").parquet(target)
    return spark.read.parquet(target)


def load_items(
    frame: DataFrame,
    writer: BatchWriter,
    pipeline: str,
    *,
    on_file: Callable[[Path], None] | None = None,
) -> None:
    """Write each file's documents, outcomes and fingerprint, in build order, in batches."""
    rows = frame.select("file", "item", "path", "sha", "retry", "kind", "record")
    for _, group in itertools.groupby(in_order(rows), key=lambda row: row.file):
        file_rows = list(group)
        path, sha = Path(file_rows[0].path), file_rows[0].sha
        items = [item_of(row.kind, row.record) for row in file_rows]
        fingerprint = sha and not any(row.retry for row in file_rows)
        writer.queue(file_state(path, sha, pipeline, items) if fingerprint else None, items)
        if on_file:
            on_file(path)
    writer.flush()


def in_order(frame: DataFrame) -> Iterator[Any]:
    """The rows in build order (file, then item), streamed to the driver a slice at a time.

    Sorted into at least one range partition per ``ROWS_PER_SLICE`` rows: the driver
    holds one partition's rows at once, and a slice of tens of thousands of documents'
    texts overflows its block manager (a 100k-article build lost its task results with
    the session's 4 shuffle partitions).
    """
    slices = max(1, -(-frame.count() // ROWS_PER_SLICE))
    ranged = frame.repartitionByRange(slices, "file", "item")
    return ranged.sortWithinPartitions("file", "item").toLocalIterator()


def load_analyses(
    frame: DataFrame,
    store: Store,
    settings: Settings,
    *,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[], None] | None = None,
) -> tuple[int, int]:
    """Store the analyses (and extractions) of the documents still pending; return counts.

    A document the store already holds analysed by this pipeline (a copy, or text that
    did not change with its bytes) is skipped: its Spark result is not needed.
    """
    pending = set(store.pending_analysis(analysis_pipeline(settings)))
    if on_start:
        on_start(len(pending))
    columns = ("doc_id", "analysis", "parse", "notes", "extraction")
    found = frame.where(frame.analysis.isNotNull()).select("file", "item", *columns)
    batch: list[Any] = []
    analysed = extracted = 0
    for row in in_order(found):
        if row.doc_id not in pending:
            continue
        pending.discard(row.doc_id)  # the same document in two files: stored once
        batch.append(row)
        analysed += 1
        if on_done:
            on_done()
        if len(batch) >= settings.batch_size:
            extracted += _write_results(store, batch, settings)
    extracted += _write_results(store, batch, settings)
    return analysed, extracted


def _write_results(store: Store, batch: list[Any], settings: Settings) -> int:
    """One transaction per batch: each document's analysis, then its extraction.

    Returns how many extractions were stored, then empties the batch.
    """
    analyses, extractions = analysis_pipeline(settings), extraction_pipeline()

    def write() -> int:
        extracted = 0
        for row in batch:
            store.put_analysis(
                row.doc_id,
                analyses,
                statements_of(row.analysis),
                parse=bytes(row.parse),
                model=settings.spacy_model,
                notes=tuple(row.notes),
            )
            if row.extraction is not None and settings.extract:
                store.put_extraction(row.doc_id, extractions, statements_of(row.extraction))
                extracted += 1
        return extracted

    extracted = write_batch(store, write)
    batch.clear()
    return extracted


def finish_stages(
    store: Store, settings: Settings, report: BuildReport, *, spark: SparkSession | None = None
) -> None:
    """The driver's part: work Spark left (documents of earlier builds), resolution, index.

    Resolution compares mentions across the whole corpus, judgements applied, so it runs
    here on the store, as in the local engine; with a ``spark`` session the blocking and
    scoring of a full pass run on Spark (``engine/blocking.py``: the same pairs), without
    one (no file changed, so none was started) locally.
    """
    if settings.analyse:
        report.analysed += analyse_pending(store, settings)
        if settings.extract:
            report.extracted += extract_pending(store, settings)
        if settings.resolve:
            scorer = spark_scorer(spark) if spark else None
            report.record_resolution(resolve_entities(store, settings, scorer=scorer))
    report.indexed = index_pending(store, batch_size=settings.batch_size)
