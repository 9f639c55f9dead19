"""Shared fixtures: paths to the sample corpus and to ../shared (skipped when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def shared_root() -> Path:
    """../shared beside the clone, or wherever STORYLINE_SHARED points."""
    return Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared")).resolve()


@pytest.fixture
def shared_dir() -> Path:
    root = shared_root()
    if not root.is_dir():
        pytest.skip("../shared is not beside this clone")
    return root


@pytest.fixture
def bakiyev_dir(shared_dir: Path) -> Path:
    path = shared_dir / "corpus" / "bakiyev"
    if not path.is_dir():
        pytest.skip("reference corpus not available")
    return path


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
