"""`storyline build --engine spark --master spark://…` against a real standalone cluster.

A master and one worker of two cores are started from PySpark's own launcher
(``bin/spark-class``, the same classes a cluster runs) on free loopback ports, for this
module only. The build goes through the CLI in a child process, as a user would run it,
and must give the same knowledge base as the local engine. Skips, with the reason, when
PySpark or Java 17+ is missing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.engine.conftest import exported, spark_missing

ROOT = Path(__file__).resolve().parents[2]
STORY = ROOT / "examples" / "story"
# Seconds for the master to be elected and the worker to register (two JVM starts).
START_TIMEOUT = 180.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(log: Path, line: str, process: subprocess.Popen[bytes]) -> None:
    """Until ``line`` is in ``log``; fails with the log's tail when the JVM exits or stalls."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        if line in text:
            return
        if process.poll() is not None:
            break
        time.sleep(0.5)
    tail = log.read_text(encoding="utf-8", errors="replace")[-3000:] if log.exists() else ""
    pytest.fail(f"standalone Spark did not start ({line!r} not logged):\n{tail}")


def _daemon(home: Path, work: Path, name: str, *args: str) -> subprocess.Popen[bytes]:
    log = (work / f"{name}.log").open("wb")
    env = {**os.environ, "SPARK_HOME": str(home), "SPARK_WORKER_DIR": str(work / "worker")}
    return subprocess.Popen(
        [str(home / "bin" / "spark-class"), *args], stdout=log, stderr=subprocess.STDOUT, env=env
    )


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A standalone master and one 2-core worker; yields the master's spark:// URL and
    the folder of the daemons' logs."""
    if reason := spark_missing():
        pytest.skip(reason)
    import pyspark

    home = Path(pyspark.__file__).resolve().parent
    work = tmp_path_factory.mktemp("spark-standalone")
    port, ui_master, ui_worker = _free_port(), _free_port(), _free_port()
    url = f"spark://127.0.0.1:{port}"
    master_class = "org.apache.spark.deploy.master.Master"
    worker_class = "org.apache.spark.deploy.worker.Worker"
    loopback = ("--host", "127.0.0.1")
    daemons = [
        _daemon(home, work, "master", master_class, *loopback, "--port", str(port),
                "--webui-port", str(ui_master)),
    ]  # fmt: skip
    try:
        _wait_for(work / "master.log", "I have been elected leader", daemons[0])
        worker = _daemon(home, work, "worker", worker_class, url, *loopback, "--cores", "2",
                         "--memory", "3g", "--webui-port", str(ui_worker))  # fmt: skip
        daemons.append(worker)
        _wait_for(work / "worker.log", "Successfully registered with master", worker)
        yield url, work
    finally:
        for daemon in reversed(daemons):
            daemon.terminate()
            try:
                daemon.wait(timeout=30)
            except subprocess.TimeoutExpired:
                daemon.kill()


def test_a_standalone_cluster_builds_the_same_knowledge_base_as_the_local_engine(
    cluster: tuple[str, Path], examples_db: Path, tmp_path: Path
) -> None:
    url, logs = cluster
    db = tmp_path / "kb.db"
    command = [sys.executable, "-m", "storyline.cli", "build", str(STORY), "--db", str(db)]
    done = subprocess.run(
        [*command, "-q", "--engine", "spark", "--master", url],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 1, done.stderr[-3000:]  # 1: the sample's teaser-only feed fails
    master_log = (logs / "master.log").read_text(encoding="utf-8", errors="replace")
    assert "Registered app storyline" in master_log  # the cluster ran it, not a local master
    local, standalone = exported(examples_db), exported(db)
    assert local["entities"] and local["events"] and local["quotes"]
    assert set(standalone) == set(local)
    for key in local:
        assert standalone[key] == local[key], key
