"""Name transliteration benchmark: find each Russian name's Latin spelling among all of them.

Data: ``wd_russian_20`` of the Wikidata transliteration pairs (Merhav & Ash, COLING
2018; see the dataset's SOURCE.md): 32,927 lines ``latin_token \\t cyrillic letters
separated by spaces \\t count``, every Latin token distinct. Names of every origin
appear (Japanese, German, French...), each as the English and the Russian Wikidata
label spell it.

Retrieval. For each Cyrillic name, every Latin name of the file is ranked by
``similarity.name_similarity``; ties are broken by Jaro-Winkler of the display
romanisation against the accent-folded Latin name, and ties left after that count
against us (the true name ranks after every tied one). ``top1`` / ``top5``: how often
the true Latin name ranks first / in the first five. All candidates are scored, in
bulk (``our_scores``: rapidfuzz ``cdist`` reproduces ``name_similarity`` exactly; a
test checks it).

Pair decision. For each Cyrillic name two pairs: with its true Latin name (a
positive) and with its most similar other Latin name (a hard negative). A pair is
predicted "same name" at ``similarity.MATCH_THRESHOLD``; precision, recall and F1
over those pairs. Other Latin spellings of the same name count as wrong, so some
hard negatives are in truth correct; precision is a floor.

Baseline, same run and same rules: ``anyascii`` + Jaro-Winkler on lower-cased
strings, at its own best-F1 threshold on the dev slice. Half the pairs are positives,
so accepting every pair scores F1 0.667; the baseline's best threshold does about that.

Split. The file is a test slice only (no train or dev part). We tuned the tables and
the threshold on the dev slice, the lines whose 0-based index is divisible by 20,
and report the headline figures on the other lines (``split``); the dev figures
are under ``dev``. ``--split dev`` scores the dev lines alone (for tuning), with the
best dev threshold beside ``MATCH_THRESHOLD``.
"""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from anyascii import anyascii
from numpy.typing import NDArray
from rapidfuzz.distance import JaroWinkler, Levenshtein
from rapidfuzz.process import cdist

from storyline.eval import Scorer
from storyline.nlp import translit
from storyline.resolve import similarity

DATASET = "wd_russian_20"
# Lines whose index is a multiple of this are the dev slice (error analysis, tuning).
DEV_EVERY = 20
SPLIT = "test: lines with index % 20 != 0; dev (tuning, error analysis): index % 20 == 0"
# What ``score`` can report: the test lines (with dev figures beside), or dev only.
SPLITS = ("test", "dev")
# Queries scored per cdist call: bounds memory to CHUNK × candidates floats.
CHUNK = 1024
# Thresholds tried when the baseline's operating point is chosen on the dev slice.
THRESHOLDS = tuple(round(0.005 * i, 3) for i in range(200))
WORKERS = 2

Matrix = NDArray[np.float32]


@dataclasses.dataclass(frozen=True)
class Pair:
    """One line of the data: a Latin name and the Cyrillic spelling of the same name."""

    latin: str
    cyrillic: str
    count: int


@dataclasses.dataclass(frozen=True)
class Method:
    """A way of scoring Cyrillic names (rows) against Latin names (columns)."""

    name: str
    scores: Callable[[Sequence[str], Sequence[str]], Matrix]
    tiebreak: bool = False  # break ties by the display romanisation


@dataclasses.dataclass
class Outcome:
    """Per query: rank of the true name, its score, the best wrong candidate's score."""

    ranks: list[int] = dataclasses.field(default_factory=list)
    true: list[float] = dataclasses.field(default_factory=list)
    wrong: list[float] = dataclasses.field(default_factory=list)


def read_pairs(path: Path) -> list[Pair]:
    """The lines of a ``*_20`` token file, in file order."""
    pairs = []
    for line in path.read_text("utf-8").splitlines():
        latin, letters, count = line.split("\t")
        pairs.append(Pair(latin, "".join(letters.split()), int(count)))
    return pairs


def split(pairs: Sequence[Pair]) -> tuple[list[int], list[int]]:
    """Indices of the dev slice and of the test lines."""
    dev = [i for i in range(len(pairs)) if i % DEV_EVERY == 0]
    return dev, [i for i in range(len(pairs)) if i % DEV_EVERY]


def _baseline_key(name: str) -> str:
    return anyascii(name).lower()


def _display_key(name: str) -> str:
    return translit.romanise(name).lower()


def _cdist(rows: Sequence[str], cols: Sequence[str], scorer: Callable[..., float]) -> Matrix:
    matrix: Matrix = cdist(rows, cols, scorer=scorer, dtype=np.float32, workers=WORKERS)
    return matrix


def baseline_scores(queries: Sequence[str], candidates: Sequence[str]) -> Matrix:
    """Jaro-Winkler of the lower-cased ``anyascii`` forms."""
    keys = [_baseline_key(c) for c in candidates]
    return _cdist([_baseline_key(q) for q in queries], keys, JaroWinkler.normalized_similarity)


def our_scores(queries: Sequence[str], candidates: Sequence[str]) -> Matrix:
    """``name_similarity`` of every pair, in bulk.

    For one-word names it is the best of normalised Levenshtein of the skeletons, of
    their loose forms less ``LOOSE_PENALTY``, ``GIVEN_FORM_SCORE`` for two forms of one
    given name, and, for a Cyrillic name against a Latin one, of the Latin name's
    foreign readings less ``READING_PENALTY``: three ``cdist`` calls and a lookup.
    Names of several words or of one letter are rescored exactly.
    """
    rows = [similarity.skeleton(q) for q in queries]
    cols = [similarity.skeleton(c) for c in candidates]
    matrix = _cdist(rows, cols, Levenshtein.normalized_similarity)
    loose = _cdist(
        [similarity.loose_word(r) for r in rows],
        [similarity.loose_word(c) for c in cols],
        Levenshtein.normalized_similarity,
    )
    np.maximum(matrix, loose - np.float32(similarity.LOOSE_PENALTY), out=matrix)
    _given_forms(matrix, rows, cols)
    _read_across(matrix, queries, candidates)
    _read_across(matrix.T, candidates, queries)
    _rescore(matrix, queries, candidates)
    return matrix


def _read_across(matrix: Matrix, rows: Sequence[str], cols: Sequence[str]) -> None:
    """Raise Cyrillic rows against Latin columns to their best foreign reading, in place.

    One ``cdist`` against every reading of every column (less ``READING_PENALTY``),
    then the best per column.
    """
    cyrillic = [i for i, r in enumerate(rows) if translit.has_cyrillic(r)]
    found = [translit.latin_readings(c) for c in cols] if cyrillic else []
    per_col = [(j, r[0]) for j, r in enumerate(found) if r and len(r) == 1 and r[0]]
    if not per_col:
        return
    starts = np.cumsum([0] + [len(readings) for _, readings in per_col[:-1]])
    keys = [similarity.skeleton(rows[i]) for i in cyrillic]
    columns = [key for _, readings in per_col for key in readings]
    scores = _cdist(keys, columns, Levenshtein.normalized_similarity)
    scores -= np.float32(similarity.READING_PENALTY)
    best = np.maximum.reduceat(scores, starts, axis=1)
    where = np.ix_(cyrillic, [j for j, _ in per_col])
    matrix[where] = np.maximum(matrix[where], best)


def _given_forms(matrix: Matrix, rows: Sequence[str], cols: Sequence[str]) -> None:
    """Raise pairs of forms of one given name to ``GIVEN_FORM_SCORE``, in place."""
    by_group: dict[int, list[int]] = defaultdict(list)
    for j, col in enumerate(cols):
        for group in similarity.given_forms(col):
            by_group[group].append(j)
    for i, row in enumerate(rows):
        found = sorted({j for g in similarity.given_forms(row) for j in by_group[g]})
        if found:
            matrix[i, found] = np.maximum(matrix[i, found], similarity.GIVEN_FORM_SCORE)


def _irregular(name: str) -> bool:
    """Names not scored by the bulk rules: several words (or none), initials."""
    words = similarity.skeleton_words(name)
    return len(words) != 1 or len(words[0]) == 1


def _rescore(matrix: Matrix, rows: Sequence[str], cols: Sequence[str]) -> None:
    """Exact ``name_similarity`` for the rows and columns of irregular names, in place."""
    exact = similarity.name_similarity
    for j in (j for j, c in enumerate(cols) if _irregular(c)):
        matrix[:, j] = [exact(r, cols[j]) for r in rows]
    for i in (i for i, r in enumerate(rows) if _irregular(r)):
        matrix[i, :] = [exact(rows[i], c) for c in cols]


OURS = Method("ours", our_scores, tiebreak=True)
BASELINE = Method("anyascii+jaro-winkler", baseline_scores)


def _rank(method: Method, row: Matrix, query: str, truth: int, latin: Sequence[str]) -> int:
    """Position of the true candidate: higher scores ahead, then tied ones (tie-broken)."""
    score = row[truth]
    ahead = int((row > score).sum())
    tied = [int(j) for j in np.flatnonzero(row == score) if j != truth]
    if not tied or not method.tiebreak:
        return ahead + len(tied)
    key = _display_key(query)

    def second(j: int) -> float:
        return float(JaroWinkler.normalized_similarity(key, _baseline_key(latin[j])))

    mine = second(truth)
    return ahead + sum(second(j) >= mine for j in tied)


def evaluate(method: Method, pairs: Sequence[Pair], indices: Sequence[int]) -> Outcome:
    """Rank every Latin name of ``pairs`` for the Cyrillic names at ``indices``."""
    latin = [p.latin for p in pairs]
    outcome = Outcome()
    for start in range(0, len(indices), CHUNK):
        chunk = indices[start : start + CHUNK]
        matrix = method.scores([pairs[i].cyrillic for i in chunk], latin)
        for row, truth in zip(matrix, chunk, strict=True):
            outcome.ranks.append(_rank(method, row, pairs[truth].cyrillic, truth, latin))
            outcome.true.append(float(row[truth]))
            row[truth] = -1.0
            outcome.wrong.append(float(row.max()))
    return outcome


def figures(outcome: Outcome, threshold: float) -> dict[str, Any]:
    """top1, top5 and the pair decision (true pairs against hard negatives)."""
    ranks = np.asarray(outcome.ranks)
    tp = sum(s >= threshold for s in outcome.true)
    fp = sum(s >= threshold for s in outcome.wrong)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / len(outcome.true) if outcome.true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "top1": round(float((ranks < 1).mean()), 4) if len(ranks) else 0.0,
        "top5": round(float((ranks < 5).mean()), 4) if len(ranks) else 0.0,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "threshold": threshold,
        "sample": len(ranks),
    }


def best_threshold(outcome: Outcome) -> float:
    """The threshold of best F1 on ``outcome`` (the lowest among equals)."""
    return max(THRESHOLDS, key=lambda t: (figures(outcome, t)["f1"], -t))


def score_method(method: Method, pairs: Sequence[Pair], threshold: float | None) -> dict[str, Any]:
    """Dev and test figures of one method; a None threshold is tuned on dev."""
    dev, test = split(pairs)
    on_dev = evaluate(method, pairs, dev)
    chosen = best_threshold(on_dev) if threshold is None else threshold
    result = figures(evaluate(method, pairs, test), chosen)
    result["dev"] = figures(on_dev, chosen)
    return result


def score(data: Path | None, split: str = "test") -> dict[str, Any]:
    """Top-1/top-5 retrieval and pair decisions on the test lines, with the baseline.

    ``split="dev"`` scores the dev lines only (a twentieth of the time), for tuning.
    """
    if split not in SPLITS:
        raise ValueError(f"unknown translit split {split!r}; choose one of: {', '.join(SPLITS)}")
    started = time.perf_counter()
    pairs = _pairs(data)
    result = score_dev(pairs) if split == "dev" else score_test(pairs)
    return result | {"candidates": len(pairs), "seconds": round(time.perf_counter() - started, 1)}


def score_test(pairs: Sequence[Pair]) -> dict[str, Any]:
    """Test figures of ours and of the baseline, with their dev figures under ``dev``."""
    result = score_method(OURS, pairs, similarity.MATCH_THRESHOLD)
    result["baseline"] = score_method(BASELINE, pairs, None)
    result["baseline"]["method"] = BASELINE.name
    result["split"] = SPLIT
    result["note"] = "sample = every test line (no subsampling); candidates = all Latin names"
    return result


def score_dev(pairs: Sequence[Pair]) -> dict[str, Any]:
    """Dev figures: ours at ``MATCH_THRESHOLD`` and at its best dev threshold, and the
    baseline at its own."""
    dev, _ = split(pairs)
    ours = evaluate(OURS, pairs, dev)
    result = figures(ours, similarity.MATCH_THRESHOLD)
    result["at_best_threshold"] = figures(ours, best_threshold(ours))
    baseline = evaluate(BASELINE, pairs, dev)
    result["baseline"] = figures(baseline, best_threshold(baseline)) | {"method": BASELINE.name}
    result["split"] = "dev: lines with index % 20 == 0"
    return result


def _pairs(data: Path | None) -> list[Pair]:
    root = Path(data) if data else Path("../shared/datasets/name-transliteration-wikidata")
    return read_pairs(root / DATASET)


_: Scorer = score
