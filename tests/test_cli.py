"""The command line: build, export, documents, sources, and errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()
BODY = (
    "The regional council voted on Tuesday to recall its envoy from the capital, a decision "
    "that officials said had been weeks in the making. Critics called the move rushed. "
)


def write_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text(f"Council recalls envoy\n\n{BODY}\n\n{BODY}\n")
    (folder / "empty.html").write_bytes(b"")


def test_build_then_export_json(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in")
    db = str(tmp_path / "kb.db")
    result = runner.invoke(app, ["build", str(tmp_path / "in"), "--db", db, "-q"])
    assert result.exit_code == 1  # one input failed
    assert "1 ingested" in result.output and "1 failed" in result.output
    assert "empty" in result.output
    exported = runner.invoke(app, ["export", "--db", db, "--format", "json"])
    assert exported.exit_code == 0
    data = json.loads(exported.output)
    assert len(data["documents"]) == 1 and data["entities"] == []


def test_export_csv_to_a_folder(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in")
    db = str(tmp_path / "kb.db")
    runner.invoke(app, ["build", str(tmp_path / "in"), "--db", db, "-q"])
    result = runner.invoke(app, ["export", "--db", db, "--format", "csv", "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert (tmp_path / "documents.csv").read_text().startswith("id,path,url,title")


def test_documents_and_sources_tables(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in")
    db = str(tmp_path / "kb.db")
    runner.invoke(app, ["build", str(tmp_path / "in"), "--db", db, "-q"])
    docs = runner.invoke(app, ["documents", "--db", db])
    assert "Council" in docs.output and "recalls" in docs.output  # the table may wrap
    listed = [
        json.loads(line)
        for line in runner.invoke(app, ["documents", "--db", db, "--json"]).output.splitlines()
    ]
    assert [d["title"] for d in listed] == ["Council recalls envoy"]
    failed = runner.invoke(app, ["sources", "--db", db, "--failed", "--json"])
    rows = [json.loads(line) for line in failed.output.splitlines()]
    assert [Path(r["path"]).name for r in rows] == ["empty.html"]
    assert rows[0]["status"] == "failed" and rows[0]["code"] == "E204"


def test_errors_are_one_line_with_a_code_and_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "storyline.cli",
            "export",
            "--db",
            str(tmp_path / "kb.db"),
            "--format",
            "yaml",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "[E101]" in result.stderr and "Traceback" not in result.stderr


def test_db_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "storyline.cli",
            "documents",
            "--db",
            str(tmp_path / "no" / "kb.db"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2 and "does not exist" in result.stderr
