"""Scorers for the public benchmarks: ``python -m storyline.eval NAME --data DIR --json``.

Each scorer is a function ``score(data: Path) -> dict`` registered in ``SCORERS``
by the module that implements it; the returned object holds our figures at the
top level and baselines measured in the same run under their own keys.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

Scorer = Callable[[Path], dict[str, Any]]

# name → "module:function"; imported lazily so one scorer's dependencies never
# slow down or break another.
SCORERS: dict[str, str] = {
    "tempeval3": "storyline.eval.tempeval3:score",
    "meantime-ner": "storyline.eval.meantime:score",
    "meantime-quotes": "storyline.eval.meantime_quotes:score",
    "ecbplus-entities": "storyline.eval.ecbplus:score",
    "ecbplus-events": "storyline.eval.ecbplus_events:score",
    "translit": "storyline.eval.translit:score",
    "semeval2015-timeline": "storyline.eval.semeval_timeline:score",
    "multihop-rag": "storyline.eval.multihop_rag:score",
}
