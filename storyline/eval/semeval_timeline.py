"""SemEval-2015 Task 4 (TimeLine, Track A) scorer: timelines of target entities from raw texts.

Task (Minard et al. 2015). For each target entity of a corpus of 30 Wikinews articles,
list the event mentions the entity takes part in, each with its anchor date and an order
number, in the task's format; scored by temporal awareness as the task's official scorer
computes it (``temporal_awareness``), micro-averaged over a corpus's timelines. The trial
corpus (Apple) is for development only; the three test corpora are reported each and
together (hits and totals summed over their 38 timelines). Reading the data:
``semeval_timeline_data``; the systems' candidate events: ``semeval_timeline_systems``.

Systems, each writing one timeline per target, empty ones too (the official script
skips a missing file, which would drop that target's gold links from the totals):

- ``ours`` (top level): the library, ``analyse_documents`` → ``DocContext`` →
  ``find_events``; an event joins a target's timeline when one of its participants
  names the target (``Matcher``). Its date is its ``TimeAnchor`` in the task's form (an
  event with no time expression has the publication date, as the library anchors it).
- ``open_triggers``: ``ours`` plus every verb whose subject, object or agent names the
  target, anchored by the library's ``Clock``: the timelines an open trigger vocabulary
  would give, instead of the schema's event types.
- ``baseline``: every verb of every sentence holding the target's full name, at the
  document creation time.

Each system's timeline has one line per event: dated events numbered by date, the less
precise first ("2007-XX-XX" before "2007-02-28", as the gold does), events of one date
sharing a number; undated events at order 0, which the scorer leaves out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from storyline.errors import InputError
from storyline.eval import Scorer
from storyline.eval.semeval_timeline_data import TASK, Corpus, read_dataset
from storyline.eval.semeval_timeline_systems import (
    Candidate,
    Matcher,
    analysed,
    baseline_candidates,
    in_sentence,
    library_candidates,
    verb_candidates,
)
from storyline.eval.temporal_awareness import Line, Tally, Timeline, compare
from storyline.settings import Settings

# The date of an undated event, at order 0 (the scorer leaves such lines out).
UNKNOWN_DATE = "XXXX-XX-XX"
# What the two other systems are, in the output.
OPEN_SYSTEM = "events.v2 + verbs with named arguments"
BASELINE = "verbs of sentences naming the target, at the DCT"
NOTE = (
    "SemEval-2015 Task 4 Track A; temporal awareness as the official scorer computes it "
    "(storyline.eval.temporal_awareness); tuned on the trial corpus, scored on corpus_1-3"
)


def date_key(date: str) -> tuple[int, int, int]:
    """A task date's place in time; a less precise date comes first ("2007-XX-XX" < "2007-02")."""
    year, month, day = (int(part) if part.isdigit() else 0 for part in date.split("-"))
    return year, month, day


def ordered_lines(events: Iterable[tuple[str, str | None]]) -> tuple[Line, ...]:
    """One line per event: undated ones at order 0, dated ones numbered by date."""
    events = list(events)
    dated = sorted((date_key(date), date, event) for event, date in events if date)
    lines = [Line(0, UNKNOWN_DATE, (event,)) for event, date in events if not date]
    order, last = 0, None
    for _, date, event in dated:
        if date != last:
            order, last = order + 1, date
        lines.append(Line(order, date, (event,)))
    return tuple(lines)


Accept = Callable[[str, Candidate], bool]


def build_timeline(target: str, candidates: Iterable[Candidate], accept: Accept) -> Timeline:
    """The target's timeline from the candidates it accepts (each event once, first date kept)."""
    chosen: dict[str, str | None] = {}
    for candidate in candidates:
        if candidate.event not in chosen and accept(target, candidate):
            chosen[candidate.event] = candidate.date
    return Timeline(target, ordered_lines(chosen.items()))


def mentions_target(matcher: Matcher) -> Accept:
    """Accept a candidate when one of the names taking part stands for the target."""

    def accept(target: str, c: Candidate) -> bool:
        doc_id = c.event.split("-", 1)[0]
        return any(matcher.names(target, text, kind, doc_id) for text, kind in c.names)

    return accept


def sentence_names_target(target: str, candidate: Candidate) -> bool:
    return any(in_sentence(target, text) for text, _ in candidate.names)


@dataclasses.dataclass
class Runs:
    """Each system's candidates over one corpus."""

    ours: list[Candidate] = dataclasses.field(default_factory=list)
    open_triggers: list[Candidate] = dataclasses.field(default_factory=list)
    baseline: list[Candidate] = dataclasses.field(default_factory=list)


def collect(corpus: Corpus, settings: Settings) -> Runs:
    runs = Runs()
    for article, ctx in analysed(corpus.articles, settings):
        library = library_candidates(article, ctx)
        runs.ours += library
        runs.open_triggers += library + verb_candidates(article, ctx)
        runs.baseline += baseline_candidates(article, ctx)
    return runs


def timelines(corpus: Corpus, runs: Runs) -> dict[str, dict[str, Timeline]]:
    """System → target → timeline."""
    by_mention = mentions_target(Matcher.of(corpus))
    systems: dict[str, tuple[list[Candidate], Accept]] = {
        "ours": (runs.ours, by_mention),
        "open_triggers": (runs.open_triggers, by_mention),
        "baseline": (runs.baseline, sentence_names_target),
    }
    return {
        name: {t: build_timeline(t, found, accept) for t in corpus.targets}
        for name, (found, accept) in systems.items()
    }


def tally(corpus: Corpus, system: dict[str, Timeline]) -> Tally:
    total = Tally()
    for target in corpus.targets:
        total.add(compare(corpus.gold[target], system[target]))
    return total


def figures(total: Tally) -> dict[str, Any]:
    counts = {"system_links": total.system, "gold_links": total.gold}
    return total.figures() | counts


def score_corpora(corpora: list[Corpus], settings: Settings) -> dict[str, Any]:
    """``ours``' figures over ``corpora`` together, then each corpus's when there are several;
    the other systems the same under their names."""
    parts: dict[str, dict[str, Any]] = {}
    totals: dict[str, Tally] = {}
    for corpus in corpora:
        for system, by_target in timelines(corpus, collect(corpus, settings)).items():
            part = tally(corpus, by_target)
            totals.setdefault(system, Tally()).add(part)
            parts.setdefault(system, {})[corpus.name] = figures(part)
    out = {
        system: figures(total) | (parts[system] if len(corpora) > 1 else {})
        for system, total in totals.items()
    }
    return out.pop("ours") | out | {"timelines": sum(len(c.targets) for c in corpora)}


def score(data: Path | None) -> dict[str, Any]:
    """Test corpora at the top level (``ours``), with ``baseline``, ``open_triggers``, ``trial``."""
    root = Path(data) if data else Path("../shared/datasets/semeval2015-task4-timeline")
    if not (root / TASK).is_dir():
        raise InputError(
            f"{root} holds no {TASK} folder: it is not the SemEval-2015 Task 4 dataset",
            hint="pass the dataset folder, ../shared/datasets/semeval2015-task4-timeline",
        )
    settings = Settings()
    trial, tests = read_dataset(root)
    result = score_corpora(tests, settings)
    result["trial"] = score_corpora([trial], settings)
    result["documents"] = sum(len(c.articles) for c in tests)
    systems = {"system": "events.v2", "open_system": OPEN_SYSTEM, "baseline_system": BASELINE}
    return result | systems | {"note": NOTE}


_: Scorer = score
