"""The TempEval-3 scorer: TimeML reading, TE3 matching rules, figures, and one real-data run."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.eval import SCORERS
from storyline.eval.tempeval3 import (
    Counts,
    Span,
    TimeMLDoc,
    anchor_of,
    compare,
    dateparser_baseline,
    figures,
    ours,
    read_split,
    read_timeml,
    score_split,
)
from storyline.model import Precision

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>invented</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2010-05-12" functionInDocument="CREATION_TIME">May 12, 2010</TIMEX3></DCT>
<TEXT>
The envoy <EVENT eid="e1">left</EVENT> <TIMEX3 tid="t1" type="DATE" value="2010-05-11">yesterday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3> &amp; more.
</TEXT>
</TimeML>
"""  # noqa: E501


def test_read_timeml_gives_text_offsets_and_dct() -> None:
    doc = read_timeml(DOC, "invented")
    assert doc.dct == "2010-05-12"
    assert [doc.text[s.start : s.end] for s in doc.timexes] == ["yesterday", "three years"]
    assert [(s.type, s.value) for s in doc.timexes] == [("DATE", "2010-05-11"), ("DURATION", "P3Y")]
    assert "&amp;" not in doc.text and "& more" in doc.text  # entities are decoded


def test_anchor_is_the_dct_at_day_precision() -> None:
    anchor = anchor_of("1998-02-27T08:17:00")
    assert anchor is not None
    assert (anchor.value, anchor.precision) == ("1998-02-27", Precision.DAY)
    assert anchor_of("") is None


def test_relaxed_match_is_any_overlap_and_strict_the_exact_extent() -> None:
    gold = [Span(10, 20, "DATE", "2010-05-11"), Span(30, 40, "DURATION", "P3Y")]
    system = [Span(10, 20, "DATE", "2010-05-11"), Span(35, 45, "DATE", "P3Y")]
    counts = compare(gold, system)
    assert (counts.gold, counts.system, counts.relaxed, counts.strict) == (2, 2, 2, 1)
    assert (counts.value, counts.type) == (2, 1)


def test_matching_is_one_to_one() -> None:
    gold = [Span(0, 4, "DATE", "2009"), Span(5, 9, "DATE", "2010")]
    system = [Span(0, 9, "DATE", "2009")]  # "2009-2010" as one expression
    counts = compare(gold, system)
    assert (counts.relaxed, counts.strict, counts.value) == (1, 0, 1)


def test_no_overlap_is_no_match() -> None:
    counts = compare([Span(0, 4, "DATE", "2009")], [Span(4, 8, "DATE", "2009")])
    assert counts.relaxed == 0


def test_figures_follow_the_te3_toolkit() -> None:
    counts = Counts(gold=10, system=8, strict=6, relaxed=8, value=6, type=7)
    result = figures(counts)
    assert result["relaxed_precision"] == 1.0
    assert result["relaxed_recall"] == 0.8
    assert result["relaxed_f1"] == pytest.approx(0.8889, abs=1e-4)
    assert result["strict_f1"] == pytest.approx(2 * 0.75 * 0.6 / 1.35, abs=1e-4)
    # attribute F1 = accuracy over relaxed matches x relaxed F1
    assert result["value_accuracy"] == 0.75
    assert result["value_f1"] == pytest.approx(0.75 * 0.8889, abs=1e-3)
    assert result["type_accuracy"] == 0.875


def test_empty_counts_do_not_divide_by_zero() -> None:
    assert figures(Counts())["value_f1"] == 0.0


def test_our_system_and_the_baseline_on_an_invented_document() -> None:
    doc = read_timeml(DOC, "invented")
    assert [(s.type, s.value) for s in ours(doc)] == [("DATE", "2010-05-11"), ("DURATION", "P3Y")]
    for span in dateparser_baseline(doc):
        assert doc.text[span.start : span.end]  # located in the text
        assert len(span.value) == 10  # day precision


def test_scorer_is_registered() -> None:
    assert SCORERS["tempeval3"] == "storyline.eval.tempeval3:score"


def test_score_split_reports_our_keys() -> None:
    doc = read_timeml(DOC, "invented")
    result = score_split([doc], baseline=False)
    assert {"strict_f1", "relaxed_f1", "value_f1", "type_accuracy"} <= result.keys()
    assert result["value_f1"] == 1.0


@pytest.mark.shared
def test_platinum_floors(shared_dir: Path) -> None:
    """Our figures on the TE3 test set; floors only go up (measured 0.8165 / 0.9064)."""
    folder = shared_dir / "datasets" / "tempeval3" / "te3-platinum"
    if not folder.is_dir():
        pytest.skip("TempEval-3 data not available")
    docs: list[TimeMLDoc] = read_split(folder)
    result = score_split(docs, baseline=False)
    assert result["gold"] == 138
    assert result["value_f1"] >= 0.80
    assert result["relaxed_f1"] >= 0.90
