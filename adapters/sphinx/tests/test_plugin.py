"""The distribution plugs into learncore like any third-party plugin, and works offline."""

from __future__ import annotations

import socket
from importlib.metadata import entry_points
from typing import Any

import pytest
from learncore_sphinx import SphinxSpeechProvider

import learncore
from learncore.errors import InvalidSettings
from learncore.settings import load_settings

from .conftest import Say


def test_the_entry_point_names_the_plugin_module() -> None:
    found = {ep.name: ep.value for ep in entry_points(group="learncore")}
    assert found.get("sphinx") == "learncore_sphinx.plugin"


def test_the_plugin_registers_the_sphinx_provider() -> None:
    app = learncore.bootstrap(load_entry_points=True)
    info = {p.name: p for p in app.plugins()}["sphinx"]
    assert info.distribution == "learncore-sphinx"
    assert info.registered == {"speech": ("sphinx",)}


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a network connection fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_bootstrap_with_sphinx_scores_a_real_wav_offline(say: Say, no_network: None) -> None:
    app = learncore.bootstrap(speech="sphinx")
    result = app.assess_pronunciation(say("good morning everyone"), "Good morning, everyone!")
    assert result.provider == "sphinx"
    assert result.pronunciation >= 85
    assert [w.word for w in result.words] == ["Good", "morning", "everyone"]


def test_settings_reach_the_provider() -> None:
    settings = load_settings(speech="sphinx", speech_options={"sphinx": {"pool_size": 1}})
    app = learncore.bootstrap(settings=settings)
    (provider,) = app.speech_chain
    assert isinstance(provider, SphinxSpeechProvider)
    assert provider._pool._size == 1


@pytest.mark.parametrize("size", [0, -2, "many", 1.5, True])
def test_a_nonsense_pool_size_is_an_invalid_setting(size: object) -> None:
    settings = load_settings(speech="sphinx", speech_options={"sphinx": {"pool_size": size}})
    with pytest.raises(InvalidSettings, match=r"speech_options\.sphinx\.pool_size"):
        learncore.bootstrap(settings=settings)


def test_a_pool_size_from_the_environment_may_be_a_string() -> None:
    assert SphinxSpeechProvider(pool_size="3")._pool._size == 3  # type: ignore[arg-type]


def test_no_language_at_all_is_an_invalid_setting() -> None:
    with pytest.raises(InvalidSettings, match="languages"):
        SphinxSpeechProvider(languages=())
