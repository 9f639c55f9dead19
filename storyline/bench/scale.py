"""Scale benchmark: ``storyline build`` on generated corpora, each run a fresh process.

Every run is the real command line (``storyline build DIR --db …``) in a child process,
timed from outside, with the resident memory of its whole process tree (the CLI, and
for Spark the JVM and its Python workers) sampled every 0.2 s: peak memory is the
largest sum seen. Profiles say which stages ran:

- ``full``: ingest, clean, analyse (spaCy + our components), extract, resolve, index.
- ``fast``: ingest, clean and the search index only (analysis, extraction, resolution
  off): what a 100k-document run can afford on 2 cores (docs/benchmarks.md).

Corpora come from ``python -m storyline.bench.corpus`` (their ``docs/`` folder).
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

# Environment that switches stages off (read by storyline's Settings).
PROFILES: dict[str, dict[str, str]] = {
    "full": {},
    "fast": {
        "STORYLINE_ANALYSE": "false",
        "STORYLINE_EXTRACT": "false",
        "STORYLINE_RESOLVE": "false",
    },
}
# Characters of a failed build's error output kept in its figures (1 is also a crash).
STDERR_TAIL = 1500
# Seconds between two memory samples of the process tree.
SAMPLE_S = 0.2
_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclasses.dataclass(frozen=True)
class Run:
    """One timed build."""

    label: str
    engine: str
    profile: str
    wall_s: float
    peak_rss_mb: float
    exit_code: int
    stderr_tail: str = ""  # the end of its error output when it did not exit 0

    def as_dict(self) -> dict[str, object]:
        found: dict[str, object] = {
            "label": self.label,
            "engine": self.engine,
            "profile": self.profile,
            "wall_s": round(self.wall_s, 2),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "exit_code": self.exit_code,
        }
        if self.stderr_tail:
            found["stderr_tail"] = self.stderr_tail
        return found


def storyline_command() -> list[str]:
    """The CLI of this very installation."""
    return [sys.executable, "-c", "from storyline.cli import main; main()"]


def timed_build(
    label: str,
    paths: list[Path],
    db: str,
    *,
    engine: str = "local",
    master: str | None = None,
    profile: str = "full",
    n_process: int | None = None,
) -> Run:
    """Run ``storyline build`` once in a child process; time it and sample its memory."""
    cmd = [*storyline_command(), "build", *map(str, paths), "--db", db, "-q", "--engine", engine]
    if master:
        cmd += ["--master", master]
    if n_process:
        cmd += ["--n-process", str(n_process)]
    env = {**os.environ, **PROFILES[profile]}
    started = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = _Sampler(child.pid)
    peak.start()
    _, err = child.communicate()
    wall = time.perf_counter() - started
    peak.stop()
    if child.returncode not in (0, 1):  # 1: some documents failed, the rest stored
        raise RuntimeError(f"{label}: build exited {child.returncode}: {err.decode()[-2000:]}")
    return Run(
        label,
        engine
        + (f" {master}" if master else "")
        + (f" n_process={n_process}" if n_process else ""),
        profile,
        wall,
        peak.peak_kb / 1024,
        child.returncode,
        err.decode(errors="replace")[-STDERR_TAIL:] if child.returncode else "",
    )


class _Sampler(threading.Thread):
    """Largest total RSS of a process and all its descendants, sampled until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(SAMPLE_S):
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in _tree(self.pid)))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (from /proc's children lists)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo.extend(int(c) for c in task.read_text().split())
            except OSError:
                continue
    return found


def _rss_kb(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def db_size_mb(db: str) -> float:
    """Size of a SQLite knowledge base with its WAL, or of a PostgreSQL database."""
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db) as conn:
            row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
        return int(row[0] if row else 0) / 1e6
    return sum(p.stat().st_size for p in Path(db).parent.glob(Path(db).name + "*")) / 1e6
