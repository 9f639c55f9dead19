"""What one Spark partition does: read, ingest, analyse and extract its files, as rows.

Pure Python, no PySpark: ``process_partition`` is the ``mapPartitions`` function and can be
called directly. It reuses the local engine's per-file and per-document functions, loads
the spaCy model once per worker process (``load_model`` is cached), and parses each chunk
of documents in one ``nlp.pipe`` stream. No exception leaves it: a document that makes a
stage crash becomes a failed outcome, and the job goes on.
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

# Files ingested before their documents are parsed together (memory vs. batching).
FILES_PER_CHUNK = 16

Task = tuple[int, str]  # (the file's place in the build, its path)
Found = Analysis | Exception  # what the analysis gave one document
Row = tuple[Any, ...]  # one row of ``rows.COLUMNS``


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
    """The rows of every file in ``tasks``, in order (the ``mapPartitions`` function)."""
    tasks = iter(tasks)
    while chunk := list(itertools.islice(tasks, FILES_PER_CHUNK)):
        results = [ingest_task(task, settings) for task in chunk]
        if settings.analyse:
            analyse_results(results, settings)
        for result in results:
            yield from result_rows(result)


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


def analyse_results(results: list[FileResult], settings: Settings) -> None:
    """Analyse (and extract) the documents of ``results``; a crash fails its document only."""
    docs = [item for r in results for item in r.items if isinstance(item, Document)]
    found = analyse_safely(docs, settings)
    for result in results:
        for index, item in enumerate(result.items):
            if isinstance(item, Document):
                result.items[index] = _keep(result, item, found[item.id], settings)


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
    return sorted(unique.values(), key=lambda s: (s.start, s.end))


def result_rows(result: FileResult) -> Iterator[Row]:
    """One row per item of the file, analysis and extraction beside each document."""
    for index, item in enumerate(result.items):
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
