"""What Spark partitions do: read and ingest files (stage 1), analyse and extract (stage 2).

Pure Python, no PySpark: ``ingest_partition`` and ``analyse_partition`` are the two
``mapPartitions`` functions (a repartition between them spreads the documents of a few
large files over every core), and ``process_partition`` runs both in one go. They reuse
the local engine's per-file and per-document functions, load the spaCy model once per
worker process (``load_model`` is cached), and parse each chunk of documents in one
``nlp.pipe`` stream. No exception leaves them: a document that makes a stage crash
becomes a failed outcome, and the job goes on.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from storyline.build import bug_outcome, failed_outcome, process_file, read_file
from storyline.engine.rows import (
    DOCUMENT,
    OUTCOME,
    document_json,
    outcome_json,
    statement_rows,
)
from storyline.errors import InputError
from storyline.extract.stage import document_context, extract_context
from storyline.hashing import sha256_bytes
from storyline.model import Document, Outcome, Statement
from storyline.nlp.analyse import Analysis, analyse_documents
from storyline.nlp.spacy_model import load_model
from storyline.settings import Settings

# Documents parsed together in one spaCy stream by a partition (memory vs. batching).
DOCS_PER_CHUNK = 64

Task = tuple[int, str]  # (the file's place in the build, its path)
Found = Analysis | Exception  # what the analysis gave one document
Row = tuple[Any, ...]  # one row of ``rows.COLUMNS``
# Between the two stages: (file's place, item's place in the file, path, sha, item).
Staged = tuple[int, int, str, str, Document | Outcome]


@dataclasses.dataclass
class FileResult:
    """Everything one file gave: its items in order and what the later stages found."""

    number: int
    path: str
    sha: str = ""  # of the bytes read; "" when they could not be read
    items: list[Document | Outcome] = dataclasses.field(default_factory=list)
    analyses: dict[str, Analysis] = dataclasses.field(default_factory=dict)
    extractions: dict[str, list[Statement]] = dataclasses.field(default_factory=dict)
    retry: bool = False  # a stage crashed on a document: the file is not fingerprinted


def process_partition(tasks: Iterable[Task], settings: Settings) -> Iterator[Row]:
    """The rows of every file in ``tasks``, in order: both stages in one partition."""
    return analyse_partition(ingest_partition(tasks, settings), settings)


def ingest_partition(tasks: Iterable[Task], settings: Settings) -> Iterator[Staged]:
    """Stage 1 (``mapPartitions`` over files): every item of every file, in order."""
    for task in tasks:
        result = ingest_task(task, settings)
        for index, item in enumerate(result.items):
            yield (result.number, index, result.path, result.sha, item)


def analyse_partition(staged: Iterable[Staged], settings: Settings) -> Iterator[Row]:
    """Stage 2 (``mapPartitions`` over items, after a repartition): analyse, extract, rows.

    Items come in any order and from any file; each keeps its (file, item) place, and
    the loader puts them back in build order.
    """
    staged = iter(staged)
    while chunk := list(itertools.islice(staged, DOCS_PER_CHUNK)):
        docs = [entry[4] for entry in chunk if isinstance(entry[4], Document)]
        found = analyse_safely(docs, settings) if settings.analyse and docs else {}
        for number, index, path, sha, item in chunk:
            result = FileResult(number, path, sha, [item])
            if isinstance(item, Document) and item.id in found:
                result.items[0] = _keep(result, item, found[item.id], settings)
            yield from result_rows(result, first=index)


def ingest_task(task: Task, settings: Settings) -> FileResult:
    """Read and ingest one file, as the local engine does (``build.process_file``)."""
    number, path = task
    result = FileResult(number, path)
    try:
        data = read_file(Path(path), settings)
        result.sha = sha256_bytes(data)
        result.items = list(process_file(Path(path), data, settings))
    except InputError as exc:
        result.items = [failed_outcome(path, path, exc)]
    except Exception as exc:  # a bug must not fail the Spark job
        result.items, result.sha = [bug_outcome(path, path, exc)], ""
    return result


def _keep(
    result: FileResult, doc: Document, found: Found, settings: Settings
) -> Document | Outcome:
    """The document with its analysis and extraction recorded, or the outcome of a crash."""
    if isinstance(found, Exception):
        result.retry = True
        return bug_outcome(doc.key, doc.path, found)
    result.analyses[doc.id] = found
    if settings.extract:
        extracted = extract_safely(doc, found, settings)
        if isinstance(extracted, Exception):
            result.retry = True
            return bug_outcome(doc.key, doc.path, extracted)
        result.extractions[doc.id] = extracted
    return doc


def analyse_safely(docs: list[Document], settings: Settings) -> dict[str, Found]:
    """Each document's analysis, all in one spaCy stream; one at a time after a crash."""
    single = dataclasses.replace(settings, n_process=1)  # Spark already runs in parallel
    try:
        return {a.doc_id: a for a in analyse_documents(docs, single)}
    except Exception:  # find the document that crashed: the others still count
        return {doc.id: _analyse_one(doc, single) for doc in docs}


def _analyse_one(doc: Document, settings: Settings) -> Found:
    try:
        return next(iter(analyse_documents([doc], settings)))
    except Exception as exc:  # this document's crash, recorded as its outcome
        return exc


def extract_safely(
    doc: Document, analysis: Analysis, settings: Settings
) -> list[Statement] | Exception:
    """The extraction of one analysed document, reading the analysis as the store returns it."""
    try:
        vocab = load_model(settings.spacy_model).vocab
        stored = stored_order(analysis.statements)
        return extract_context(document_context(doc, stored, analysis.parse, vocab))
    except Exception as exc:  # this document's crash, recorded as its outcome
        return exc


def stored_order(statements: list[Statement]) -> list[Statement]:
    """Statements as a store hands them back: one per id (the first), in text order.

    The local engine extracts from the stored analysis; reading the same list here keeps
    the two engines' extractions identical.
    """
    unique: dict[str, Statement] = {}
    for stmt in statements:
        unique.setdefault(stmt.id, stmt)  # the store ignores a repeated id
    return sorted(unique.values(), key=lambda s: (s.start, s.end, s.id))


def result_rows(result: FileResult, *, first: int = 0) -> Iterator[Row]:
    """One row per item (numbered from ``first``), analysis and extraction beside each document."""
    for index, item in enumerate(result.items, start=first):
        head = (result.number, index, result.path, result.sha, result.retry)
        if isinstance(item, Outcome):
            yield (*head, OUTCOME, None, outcome_json(item), None, None, None, None)
            continue
        analysis = result.analyses.get(item.id)
        extraction = result.extractions.get(item.id)
        yield (
            *head,
            DOCUMENT,
            item.id,
            document_json(item),
            None if analysis is None else statement_rows(analysis.statements),
            None if analysis is None else analysis.parse,
            None if analysis is None else list(analysis.notes),
            None if extraction is None else statement_rows(extraction),
        )
