"""``storyline search``: a table for people, JSON lines for scripts, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()


def test_json_lines_carry_offsets_and_highlights(examples_db: Path) -> None:
    result = runner.invoke(
        app, ["search", "Zhumaliev", "--db", str(examples_db), "--json", "--limit", "3"]
    )
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(hits) == 3
    for hit in hits:
        assert hit["text"] and hit["end"] - hit["start"] == len(hit["text"])
        for start, end in hit["highlights"]:
            assert hit["snippet"][start:end]


def test_filters_reach_the_search(examples_db: Path) -> None:
    args = ["search", "Jumaliev", "--db", str(examples_db), "--json", "--limit", "50"]
    result = runner.invoke(app, [*args, "--outlet", "Steppe Courier", "--from", "2017"])
    publishers = {json.loads(line)["publisher"] for line in result.stdout.splitlines()}
    dates = {json.loads(line)["published"][:4] for line in result.stdout.splitlines()}
    assert publishers == {"Steppe Courier"} and dates == {"2017"}


def test_the_table_names_the_added_spellings(examples_db: Path) -> None:
    result = runner.invoke(app, ["search", "Zhumaliev", "--db", str(examples_db)])
    assert result.exit_code == 0
    assert "matching passages" in result.output and "also searched" in result.output


def test_an_empty_query_is_one_clear_line(examples_db: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "search", "  ", "--db", str(examples_db)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "E210" in done.stderr and "Traceback" not in done.stderr
