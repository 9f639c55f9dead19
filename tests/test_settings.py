"""Settings load in order: defaults → storyline.toml → STORYLINE_* environment → flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import ConfigError
from storyline.settings import Settings, load_settings


def test_defaults_when_nothing_is_given(tmp_path: Path) -> None:
    settings = load_settings(config=None, environ={})
    assert settings == Settings()


def test_each_layer_overrides_the_previous(tmp_path: Path) -> None:
    config = tmp_path / "storyline.toml"
    config.write_text("[storyline]\nbatch_size = 4\nmax_file_mb = 3\ndb = 'from-file.db'\n")
    environ = {"STORYLINE_MAX_FILE_MB": "7", "STORYLINE_DB": "from-env.db"}
    settings = load_settings({"db": "from-flag.db", "user": None}, config=config, environ=environ)
    assert settings.batch_size == 4  # file
    assert settings.max_file_mb == 7.0  # environment beats file
    assert settings.db == "from-flag.db"  # flag beats environment
    assert settings.user == Settings().user  # a flag given as None means "not given"


def test_unknown_setting_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "storyline.toml"
    config.write_text("batch_sise = 4\n")
    with pytest.raises(ConfigError, match="batch_sise"):
        load_settings(config=config, environ={})


def test_wrong_type_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="batch_size"):
        load_settings(environ={"STORYLINE_BATCH_SIZE": "many"})


def test_broken_toml_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "storyline.toml"
    config.write_text("[storyline\n")
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(config=config, environ={})


def test_unrelated_environment_is_ignored() -> None:
    settings = load_settings(environ={"STORYLINE_NOT_A_SETTING": "x", "PATH": "/bin"})
    assert settings == Settings()
