"""``storyline ask``: the answer with numbered sources, one JSON object, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app
from storyline.store import SQLiteStore

runner = CliRunner()


def test_the_answer_is_printed_with_numbered_sources(examples_db: Path) -> None:
    question = "How many people were killed in the Tesh shootings?"
    result = runner.invoke(app, ["ask", question, "--db", str(examples_db)])
    assert result.exit_code == 0, result.output
    assert "[1]" in result.output and "Sources differ" in result.output
    assert "The Northern Ledger, 2015-03-19" in result.output  # outlet and date of a source


def test_json_is_one_object_with_exact_citations(examples_db: Path) -> None:
    question = "Why did Kostrava recall its ambassador?"
    result = runner.invoke(app, ["ask", question, "--db", str(examples_db), "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["abstained"] is False and found["answer"]
    store = SQLiteStore(examples_db)
    try:
        for cited in found["citations"]:
            text = store.get_document(cited["doc"]).text
            assert text[cited["start"] : cited["end"]] == cited["text"]
    finally:
        store.close()


def test_filters_reach_ask(examples_db: Path) -> None:
    args = ["ask", "Where does Jumaliev live?", "--db", str(examples_db), "--json"]
    result = runner.invoke(app, [*args, "--outlet", "Steppe Courier", "--to", "2016-12"])
    found = json.loads(result.stdout)
    assert {c["publisher"] for c in found["citations"]} <= {"Steppe Courier"}
    assert all(c["published"] <= "2016-12" for c in found["citations"])


def test_an_abstention_says_why(examples_db: Path) -> None:
    result = runner.invoke(app, ["ask", "Who is Sridevi?", "--db", str(examples_db)])
    assert result.exit_code == 0
    assert "The sources don't say anything about Sridevi" in result.output


def test_an_empty_question_is_one_line_with_a_code(examples_db: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "ask", "  ", "--db", str(examples_db)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "[E204]" in result.stderr and "Traceback" not in result.stderr
