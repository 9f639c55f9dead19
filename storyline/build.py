"""``storyline build``: read every input, clean and describe it, store it in atomic batches."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from storyline.errors import (
    InputError,
    MissingInputError,
    StorylineError,
    TooLargeError,
    UnsupportedFormatError,
)
from storyline.extract.stage import extract_pending
from storyline.hashing import sha256_bytes
from storyline.ingest.document import make_document
from storyline.ingest.readers import READERS, ReadFailure
from storyline.ingest.sources import expand, format_of, sniff_format
from storyline.model import Document, Outcome, RawArticle, Status
from storyline.nlp.analyse import Analysis, analyse_documents
from storyline.nlp.analyse import pipeline_id as analysis_pipeline
from storyline.query.search_passages import index_pending
from storyline.resolve.cluster import Scorer
from storyline.resolve.stage import ResolveReport, resolve_store
from storyline.settings import Settings
from storyline.store import FileState, Store
from storyline.store.retry import write_batch

# Bumped when ingestion changes its output for the same bytes, so re-builds redo the work.
INGEST_VERSION = "ingest.v1"
# Code recorded for failures that are bugs rather than bad input.
UNEXPECTED_CODE = "E999"


@dataclasses.dataclass
class BuildReport:
    """Every outcome of one build, and the counts of the closing summary."""

    outcomes: list[Outcome] = dataclasses.field(default_factory=list)
    analysed: int = 0  # documents the analysis stage (re)did in this build
    extracted: int = 0  # documents the extraction stage (re)did in this build
    entities: int | None = None  # entities after resolution (None: not resolved)
    resolution: str = ""  # how resolution ran: "full", "incremental: 12 documents"...
    indexed: int = 0  # documents (re)cut into search passages in this build

    def record_resolution(self, resolved: ResolveReport) -> None:
        self.entities = resolved.entities
        self.resolution = resolved.describe()

    def counts(self) -> dict[str, int]:
        found = Counter(o.status.value for o in self.outcomes)
        return {status.value: found.get(status.value, 0) for status in Status}

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status is Status.FAILED]

    def exit_code(self) -> int:
        """0 all fine, 1 some failed, 2 nothing usable."""
        usable = sum(1 for o in self.outcomes if o.status is not Status.FAILED)
        if not usable:
            return 2
        return 1 if self.failures() else 0


def pipeline_id(settings: Settings) -> str:
    """The component versions that turn bytes into documents: a change means re-ingest."""
    return "|".join((INGEST_VERSION, settings.html_extractor, settings.dump_cleaner))


def build(
    paths: Iterable[str],
    store: Store,
    settings: Settings,
    *,
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[Path], None] | None = None,
    on_analysis: Callable[[int], None] | None = None,
    on_analysed: Callable[[], None] | None = None,
) -> BuildReport:
    """Ingest every file under ``paths`` into ``store``, then analyse what is new.

    One bad file never stops the batch. ``on_analysis`` gets the number of
    documents to analyse; ``on_analysed`` is called after each one.
    """
    files, missing = expand(paths)
    if on_start:
        on_start(len(files))
    run = store.start_run()
    writer = BatchWriter(store, settings.batch_size)
    writer.outcomes.extend(missing_outcome(arg) for arg in missing)
    for path in files:
        writer.add_file(path, pipeline_id(settings), settings)
        if on_file:
            on_file(path)
    writer.flush()
    report = BuildReport(writer.outcomes)
    if settings.analyse:
        report.analysed = analyse_pending(
            store, settings, on_start=on_analysis, on_done=on_analysed
        )
        if settings.extract:
            report.extracted = extract_pending(store, settings)
        if settings.resolve:
            report.record_resolution(resolve_entities(store, settings))
    report.indexed = index_pending(store, batch_size=settings.batch_size)
    store.finish_run(run, report.counts())
    return report


def resolve_entities(
    store: Store, settings: Settings | None = None, *, scorer: Scorer | None = None
) -> ResolveReport:
    """Resolve what changed (or everything: ``settings.resolve_mode``), in one transaction."""
    mode = settings.resolve_mode if settings else "auto"
    return resolve_store(store, mode=mode, scorer=scorer)


def analyse_pending(
    store: Store,
    settings: Settings,
    *,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[], None] | None = None,
) -> int:
    """Analyse every current document not yet analysed by this pipeline; return how many.

    Documents are streamed from the store and written back in batches, so
    memory stays flat however large the corpus.
    """
    pipeline = analysis_pipeline(settings)
    pending = store.pending_analysis(pipeline)
    if on_start:
        on_start(len(pending))
    if not pending:
        return 0
    docs = (store.get_document(doc_id) for doc_id in pending)
    batch: list[Analysis] = []
    for analysis in analyse_documents(docs, settings):
        batch.append(analysis)
        if on_done:
            on_done()
        if len(batch) >= settings.batch_size:
            write_analyses(store, batch, pipeline, settings.spacy_model)
    write_analyses(store, batch, pipeline, settings.spacy_model)
    return len(pending)


def write_analyses(store: Store, batch: list[Analysis], pipeline: str, model: str) -> None:
    """Store a batch of analyses in one transaction, then empty the batch."""

    def write() -> None:
        for analysis in batch:
            store.put_analysis(
                analysis.doc_id,
                pipeline,
                analysis.statements,
                parse=analysis.parse,
                model=model,
                notes=analysis.notes,
            )

    write_batch(store, write)
    batch.clear()


def missing_outcome(arg: str) -> Outcome:
    error = MissingInputError(f"no such file or folder: {arg}")
    return Outcome(arg, arg, Status.FAILED, error.message, code=error.code)


class BatchWriter:
    """Collects each file's documents and outcomes; commits whole files in batches.

    A file's documents, outcomes and fingerprint go into the same transaction,
    so a killed build never records a file as done without its documents.
    """

    def __init__(self, store: Store, batch_size: int) -> None:
        self.store = store
        self.batch_size = max(1, batch_size)
        self.pending: list[tuple[FileState | None, list[Document | Outcome]]] = []
        self.pending_docs = 0
        self.outcomes: list[Outcome] = []  # final outcomes, in the order they were written

    def add_file(self, path: Path, pipeline: str, settings: Settings) -> None:
        try:
            data = read_file(path, settings)
        except InputError as exc:
            self.queue(None, [failed_outcome(str(path), str(path), exc)])
            return
        sha = sha256_bytes(data)
        if self.skip_unchanged(path, sha, pipeline):
            return
        items = list(process_file(path, data, settings))
        self.queue(file_state(path, sha, pipeline, items), items)

    def skip_unchanged(self, path: Path, sha: str, pipeline: str) -> bool:
        """True (and "unchanged" outcomes recorded) when the last build read these bytes."""
        known = self.store.file_state(str(path))
        if not (known and known.sha == sha and known.pipeline == pipeline):
            return False
        self.outcomes.extend(
            Outcome(k, str(path), Status.UNCHANGED, "same bytes as the last build")
            for k in known.keys
        )
        return True

    def queue(self, state: FileState | None, items: list[Document | Outcome]) -> None:
        """Add one file's items (and fingerprint); commit when a batch is full."""
        self.pending.append((state, items))
        self.pending_docs += sum(isinstance(i, Document) for i in items)
        if self.pending_docs >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Write every pending file in one transaction."""
        if not self.pending:
            return

        def write() -> list[Outcome]:
            written: list[Outcome] = []
            for state, items in self.pending:
                written.extend(self._write(item) for item in items)
                if state:
                    self.store.put_file(state)
            return written

        self.outcomes.extend(write_batch(self.store, write))
        self.pending, self.pending_docs = [], 0

    def _write(self, item: Document | Outcome) -> Outcome:
        if isinstance(item, Outcome):
            self.store.put_outcome(item)
            return item
        status, stored = self.store.put_document(item)
        reason = {
            Status.UPDATED: f"new text: version {stored.version}",
            Status.UNCHANGED: "same text as before",
        }.get(status, "")
        if stored.key != item.key:
            reason = f"same text as {stored.path}"
        outcome = Outcome(item.key, item.path, status, reason, doc_id=stored.id)
        self.store.put_outcome(outcome)
        return outcome


def file_state(
    path: Path, sha: str, pipeline: str, items: list[Document | Outcome]
) -> FileState | None:
    """The fingerprint recorded for a file that gave ``items`` (none when it gave nothing)."""
    keys = tuple(item.key for item in items)
    return FileState(str(path), sha, pipeline, keys) if keys else None


def read_file(path: Path, settings: Settings) -> bytes:
    """The file's bytes, refusing unknown formats, oversized files and vanished ones."""
    if format_of(path) is None:
        raise UnsupportedFormatError(
            f"unsupported file type {path.suffix or '(none)'}",
            hint="storyline reads .txt .md .html .json .jsonl .warc(.gz) .xml/.rss/.atom .pdf",
        )
    limit = int(settings.max_file_mb * 1024 * 1024)
    try:
        size = path.stat().st_size
        if size > limit:
            raise TooLargeError(
                f"the file is {size / 1e6:.1f} MB, over the {settings.max_file_mb:g} MB limit",
                hint="raise max_file_mb in storyline.toml to read it",
            )
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise MissingInputError("the file vanished before it could be read") from exc
    except PermissionError as exc:
        raise MissingInputError(f"the file cannot be read: {exc.strerror}") from exc


def process_file(path: Path, data: bytes, settings: Settings) -> Iterator[Document | Outcome]:
    """Every article of one file as a Document, or an Outcome saying why it failed."""
    fmt = sniff_format(data[:1024], format_of(path) or "text")
    try:
        for item in READERS.get(fmt)(path, data):
            if isinstance(item, ReadFailure):
                yield failed_outcome(item.key, str(path), item.error)
            else:
                yield _document_or_failure(item, settings)
    except StorylineError as exc:
        yield failed_outcome(str(path), str(path), exc)
    except Exception as exc:  # a reader bug must not stop the batch
        yield bug_outcome(str(path), str(path), exc)


def _document_or_failure(raw: RawArticle, settings: Settings) -> Document | Outcome:
    try:
        return make_document(raw, settings)
    except StorylineError as exc:
        return failed_outcome(raw.key, raw.path, exc)
    except Exception as exc:  # a cleaning bug must not stop the batch
        return bug_outcome(raw.key, raw.path, exc)


def failed_outcome(key: str, path: str, exc: StorylineError) -> Outcome:
    reason = f"{exc.message} ({exc.hint})" if exc.hint else exc.message
    return Outcome(key, path, Status.FAILED, reason, code=exc.code)


def bug_outcome(key: str, path: str, exc: Exception) -> Outcome:
    reason = f"unexpected error, please report it: {type(exc).__name__}: {exc}"
    return Outcome(key, path, Status.FAILED, reason[:500], code=UNEXPECTED_CODE)
