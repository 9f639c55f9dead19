"""Background ingest jobs: uploaded files built into the knowledge base, one job at a time.

An upload is staged in a folder of its own; the one worker thread moves its files into
the upload folder beside the knowledge base (``<db name>-uploads/``, so that a file
uploaded again under the same name is a new version of the same source) and runs
``storyline.build.build`` on them, with its progress readable at ``GET /api/jobs/{id}``.
One worker keeps to SQLite's one writer; jobs wait their turn in order.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import queue
import secrets
import shutil
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from storyline.build import BuildReport, build
from storyline.errors import NotFoundError
from storyline.settings import Settings
from storyline.web.knowledge import KnowledgeBase

log = logging.getLogger(__name__)

# Finished jobs remembered for polling; the oldest are forgotten first.
KEEP_JOBS = 200
# Where uploads wait for their job, inside the upload folder (hidden: never built).
STAGING = ".incoming"


@dataclasses.dataclass
class Job:
    """One ingest: ``state`` queued → running → done or failed; ``done`` of ``total``."""

    id: str
    files: list[str]
    state: str = "queued"
    phase: str = "waiting"  # waiting, reading, analysing, resolving, updating views, finished
    done: int = 0
    total: int = 0
    report: dict[str, Any] | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def upload_folder(kb: KnowledgeBase) -> Path:
    """The server-owned folder of uploaded files, beside the knowledge base file."""
    db = Path(kb.path).resolve()
    return db.parent / f"{db.stem}-uploads"


class Jobs:
    """The queue of ingest jobs of one knowledge base, and their worker thread."""

    def __init__(self, kb: KnowledgeBase, settings: Settings) -> None:
        self.kb = kb
        self.settings = settings
        self.folder = upload_folder(kb)
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._queue: queue.Queue[tuple[Job, Path]] = queue.Queue()
        self._worker: threading.Thread | None = None

    def staging(self) -> tuple[str, Path]:
        """A new job id and the (not yet created) folder its files are received into."""
        job_id = secrets.token_hex(8)
        return job_id, self.folder / STAGING / job_id

    def submit(self, job_id: str, staged: list[Path]) -> Job:
        """Queue the build of ``staged`` files (all in one staging folder)."""
        job = Job(job_id, [p.name for p in staged], total=len(staged))
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.popitem(last=False)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="ingest", daemon=True)
                self._worker.start()
        self._queue.put((job, staged[0].parent))
        return job

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFoundError(f"no job {job_id!r}", hint="jobs are kept until the server stops")
        return job

    def _work(self) -> None:
        while True:
            job, staged = self._queue.get()
            try:
                self._run(job, staged)
            except Exception as exc:  # a job's failure is its report, never the worker's end
                log.exception("ingest job %s failed", job.id)
                job.state, job.error = "failed", str(exc)
                self.kb.invalidate()  # what it wrote before failing
            finally:
                shutil.rmtree(staged, ignore_errors=True)
                self._queue.task_done()

    def _run(self, job: Job, staged: Path) -> None:
        job.state, job.phase = "running", "reading"
        paths = [self._publish(staged / name) for name in job.files]
        with self.kb.store() as store:
            report = build(
                [str(p) for p in paths],
                store,
                self.settings,
                on_start=lambda n: _progress(job, "reading", 0, n),
                on_file=lambda _: _step(job),
                on_analysis=lambda n: _progress(job, "analysing", 0, n),
                on_analysed=lambda: _step(job),
            )
        job.report = report_dict(report)
        job.phase = "updating views"
        self.kb.invalidate()
        self.kb.wait_fresh()  # "done" means every page and API call shows the upload
        job.phase, job.state = "finished", "done"

    def _publish(self, path: Path) -> Path:
        """Move a staged file into the upload folder (replacing an older upload of it)."""
        target = self.folder / path.name
        os.replace(path, target)
        return target

    def wait(self, timeout: float | None = None) -> None:
        """Block until every queued job has finished (for tests and the benchmark)."""
        done = threading.Event()

        def join() -> None:
            self._queue.join()
            done.set()

        threading.Thread(target=join, daemon=True).start()
        done.wait(timeout)


def _progress(job: Job, phase: str, done: int, total: int) -> None:
    job.phase, job.done, job.total = phase, done, total


def _step(job: Job) -> None:
    job.done += 1


def report_dict(report: BuildReport) -> dict[str, Any]:
    """The build's closing summary: counts, failures with reasons, the documents stored."""
    return {
        "counts": report.counts(),
        "documents": [o.doc_id for o in report.outcomes if o.doc_id],
        "failures": [
            {"path": Path(o.path).name, "reason": o.reason, "code": o.code}
            for o in report.failures()
        ],
        "analysed": report.analysed,
        "extracted": report.extracted,
        "entities": report.entities,
    }
