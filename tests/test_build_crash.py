"""A build killed with SIGKILL leaves a sound store, whole documents, and a re-run finishes."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.build import build
from storyline.settings import Settings
from storyline.store import SQLiteStore

PARAGRAPH = (
    "The council voted to recall its envoy after weeks of talks, officials said, and "
    "critics warned that the decision would harm trade for years. "
)
FILES = 300
SCRIPT = """
import sys
from storyline.build import build
from storyline.settings import Settings
from storyline.store import SQLiteStore
store = SQLiteStore(sys.argv[2])
build([sys.argv[1]], store, Settings(batch_size=1))
"""


def count_documents(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_issue_3_sigkill_mid_build_loses_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(FILES):
        paras = "".join(f"<p>{PARAGRAPH} Item {n}, paragraph {k}.</p>" for k in range(6))
        (folder / f"{n:04d}.html").write_text(
            f"<html><body><nav>Home News</nav><article><h1>Story {n}</h1>{paras}</article>"
            "</body></html>"
        )
    db = tmp_path / "kb.db"
    SQLiteStore(db).close()  # migrate first so the child only ingests
    child = subprocess.Popen([sys.executable, "-c", SCRIPT, str(folder), str(db)])
    deadline = time.monotonic() + 60
    while count_documents(db) < 10 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.02)
    assert child.poll() is None, "the build finished before it could be killed"
    child.send_signal(signal.SIGKILL)
    child.wait()

    store = SQLiteStore(db)
    assert store.integrity_check() == "ok"
    docs = list(store.documents())
    assert 10 <= len(docs) < FILES
    sources = {row.key: row for row in store.sources()}
    for doc in docs:  # each stored document is whole: text, cuts, outcome and fingerprint
        assert doc.text and f"Story {int(Path(doc.path).stem)}" == doc.meta.title
        assert sources[doc.key].doc_id == doc.id
        assert store.file_state(doc.path) is not None
    report = build([str(folder)], store, Settings())
    counts = report.counts()
    assert counts["failed"] == 0
    assert counts["unchanged"] == len(docs)
    assert counts["ingested"] == FILES - len(docs)
    assert len(list(store.documents())) == FILES
