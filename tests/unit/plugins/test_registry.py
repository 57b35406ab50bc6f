"""Plugin loading: built-ins first, entry points filtered by the allowlist, attribution, conflicts."""

from __future__ import annotations

import logging
import textwrap
from importlib.metadata import EntryPoint

import pytest

from learncore.domain.achievements import AchievementDefinition, AchievementTier
from learncore.errors import PluginConflict, PluginError, UnknownSpeechProvider, UnknownStorageBackend
from learncore.plugins import PluginRegistry, hookimpl
from learncore.storage.memory import MemoryStorage
from learncore.testing import EchoSpeechProvider, echo_speech_plugin


@pytest.fixture
def plugin_modules(tmp_path, monkeypatch):
    """Write plugin modules to a temporary directory on sys.path; returns a writer."""
    monkeypatch.syspath_prepend(str(tmp_path))

    def write(name: str, source: str) -> EntryPoint:
        # A unique module name per test, because imported modules are cached process-wide.
        module = f"{name}_{tmp_path.name}".replace("-", "_")
        (tmp_path / f"{module}.py").write_text(textwrap.dedent(source))
        return EntryPoint(name=name.replace("_", "-"), value=module, group="learncore")

    return write


ACHIEVEMENT_PLUGIN = """
    from learncore.plugins import hookimpl
    from learncore.domain.achievements import AchievementDefinition, AchievementTier

    @hookimpl
    def register_achievements(register):
        register(AchievementDefinition(key="night_owl", title="Night owl", metric="lessons_completed",
                                       tiers=[AchievementTier(1, 5)]))

    @hookimpl
    def register_exercise_types(register):
        register("owl:hoot", lambda exercise, answer, **kw: None)
"""


def test_built_ins_load_first_and_can_be_listed():
    registry = PluginRegistry(load_entry_points=False)
    (builtin,) = registry.plugins()
    assert builtin.name == "learncore.builtin"
    assert builtin.distribution == "learncore"
    assert "memory" in builtin.registered["storage"]


def test_entry_point_registrations_are_attributed_to_their_plugin(plugin_modules):
    entry_point = plugin_modules("owl_plugin", ACHIEVEMENT_PLUGIN)
    registry = PluginRegistry(entry_point_source=lambda: [entry_point], allow=None)
    names = [info.name for info in registry.plugins()]
    assert names == ["learncore.builtin", "owl-plugin"]
    owl = registry.plugins()[1]
    assert owl.registered == {"achievement": ("night_owl",), "exercise_type": ("owl:hoot",)}
    assert [a.key for a in registry.achievements() if a.key == "night_owl"] == ["night_owl"]
    assert registry.exercise_grader("owl:hoot") is not None
    assert registry.exercise_grader("owl:missing") is None


def test_the_allowlist_skips_plugins_not_named(plugin_modules):
    wanted = plugin_modules("owl_plugin", ACHIEVEMENT_PLUGIN)
    other = plugin_modules("other_plugin", "")
    registry = PluginRegistry(entry_point_source=lambda: [wanted, other], allow=["owl-plugin"])
    assert [info.name for info in registry.plugins()] == ["learncore.builtin", "owl-plugin"]


def test_an_empty_allowlist_from_the_environment_loads_no_entry_points(plugin_modules, monkeypatch):
    entry_point = plugin_modules("owl_plugin", ACHIEVEMENT_PLUGIN)
    monkeypatch.setenv("LEARNCORE_LOAD_PLUGINS", "")
    registry = PluginRegistry(entry_point_source=lambda: [entry_point])
    assert [info.name for info in registry.plugins()] == ["learncore.builtin"]


def test_the_allowlist_environment_variable_filters_by_name(plugin_modules, monkeypatch):
    entry_point = plugin_modules("owl_plugin", ACHIEVEMENT_PLUGIN)
    monkeypatch.setenv("LEARNCORE_LOAD_PLUGINS", " owl-plugin , ")
    registry = PluginRegistry(entry_point_source=lambda: [entry_point])
    assert "owl-plugin" in [info.name for info in registry.plugins()]


def test_an_allowlisted_plugin_that_is_not_installed_is_an_error(plugin_modules):
    with pytest.raises(PluginError, match="not installed: ghost"):
        PluginRegistry(entry_point_source=list, allow=["ghost"])


def test_a_plugin_that_fails_to_import_is_named(plugin_modules):
    broken = plugin_modules("broken_plugin", "raise ImportError('missing dependency foo')")
    with pytest.raises(PluginError, match="'broken-plugin' .* failed to load: missing dependency foo"):
        PluginRegistry(entry_point_source=lambda: [broken])


def test_a_plugin_that_raises_while_registering_is_named(plugin_modules):
    faulty = plugin_modules(
        "faulty_plugin",
        """
        from learncore.plugins import hookimpl

        @hookimpl
        def register_speech_providers(register):
            raise RuntimeError("no config")
        """,
    )
    with pytest.raises(PluginError, match="'faulty-plugin' failed in register_speech_providers: no config"):
        PluginRegistry(entry_point_source=lambda: [faulty])


def test_two_plugins_registering_the_same_name_conflict(plugin_modules):
    source = """
        from learncore.plugins import hookimpl

        @hookimpl
        def register_speech_providers(register):
            register("same", object)
    """
    first = plugin_modules("first_plugin", source)
    second = plugin_modules("second_plugin", source)
    with pytest.raises(PluginConflict, match="'first-plugin' and 'second-plugin'"):
        PluginRegistry(entry_point_source=lambda: [first, second])


def test_a_plugin_cannot_take_over_a_url_scheme(plugin_modules):
    squatter = plugin_modules(
        "squatter",
        """
        from learncore.plugins import hookimpl

        @hookimpl
        def register_storage_backends(register):
            register("mine", lambda url, options: None, schemes=("memory",))
        """,
    )
    with pytest.raises(PluginConflict, match="URL scheme 'memory'"):
        PluginRegistry(entry_point_source=lambda: [squatter])


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('register("bad name!", object)', "invalid name"),
        ('register("fine", "not callable")', "callable factory"),
    ],
)
def test_malformed_registrations_are_refused(plugin_modules, source, message):
    plugin = plugin_modules(
        "malformed",
        f"""
        from learncore.plugins import hookimpl

        @hookimpl
        def register_speech_providers(register):
            {source}
        """,
    )
    with pytest.raises(PluginError, match=message):
        PluginRegistry(entry_point_source=lambda: [plugin])


def test_exercise_types_from_plugins_must_be_namespaced():
    class Plugin:
        @hookimpl
        def register_exercise_types(self, register):
            register("translate", lambda *a, **k: None)

    with pytest.raises(PluginError, match="must be namespaced"):
        PluginRegistry(load_entry_points=False, plugins=[Plugin()])


def test_achievements_must_be_definitions():
    class Plugin:
        @hookimpl
        def register_achievements(self, register):
            register({"key": "x"})

    with pytest.raises(PluginError, match="expected an AchievementDefinition"):
        PluginRegistry(load_entry_points=False, plugins=[Plugin()])


def test_storage_is_chosen_by_name_or_url():
    registry = PluginRegistry(load_entry_points=False)
    assert isinstance(registry.open_storage("memory"), MemoryStorage)
    assert isinstance(registry.open_storage("memory://"), MemoryStorage)
    assert isinstance(registry.open_storage("MEMORY://"), MemoryStorage)


def test_an_unknown_storage_url_lists_what_is_available_and_masks_the_password():
    registry = PluginRegistry(load_entry_points=False)
    with pytest.raises(UnknownStorageBackend) as caught:
        registry.open_storage("postgresql://app:hunter2@db/learn")
    message = str(caught.value)
    assert "hunter2" not in message
    assert "app:***@db" in message
    assert "memory://" in message


def test_speech_providers_are_built_with_their_settings():
    registry = PluginRegistry(load_entry_points=False, plugins=[echo_speech_plugin])
    provider = registry.speech_provider("echo", name="echo-2")
    assert isinstance(provider, EchoSpeechProvider)
    assert provider.name == "echo-2"
    with pytest.raises(UnknownSpeechProvider, match="available: echo"):
        registry.speech_provider("azure")


def test_achievement_definitions_validate_their_tiers():
    with pytest.raises(Exception, match="thresholds must rise"):
        AchievementDefinition(key="k", title="K", metric="total_xp",
                              tiers=[AchievementTier(1, 100), AchievementTier(2, 50)])


def test_a_failing_event_handler_is_logged_and_does_not_stop_the_others(caplog):
    received = []

    class Broken:
        @hookimpl
        def on_event(self, event):
            raise RuntimeError("handler bug")

    class Working:
        @hookimpl
        def on_event(self, event):
            received.append(event)

    registry = PluginRegistry(load_entry_points=False, plugins=[Broken(), Working()])
    sentinel = object()
    with caplog.at_level(logging.ERROR, logger="learncore.plugins.registry"):
        registry.publish([_Event()])
    assert len(received) == 1
    assert "handler bug" in caplog.text
    del sentinel


class _Event:
    type = "test_event"
