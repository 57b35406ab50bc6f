"""Global options, help texts, and how failures are reported."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st
from learncore_cli.group import GLOBAL_FLAGS, GLOBAL_OPTIONS, hoist_global_options


def test_no_arguments_prints_the_help_with_every_command(cli):
    result = cli()
    assert result.exit_code == 2
    for command in ("demo", "learn", "stats", "plugins", "db", "course", "speech"):
        assert command in result.stdout


def test_help_explains_the_global_options_and_exit_codes(cli):
    result = cli("--help")
    assert result.exit_code == 0
    for text in ("--url", "--speech", "--json", "--debug", "LEARNCORE_HOME", "Exit codes"):
        assert text in result.stdout


def test_every_command_has_its_own_help(cli):
    for args in (
        ["demo"],
        ["learn"],
        ["stats"],
        ["plugins"],
        ["db", "upgrade"],
        ["db", "check"],
        ["course", "import"],
        ["course", "validate"],
        ["course", "export"],
        ["course", "list"],
        ["speech", "assess"],
    ):
        result = cli(*args, "--help")
        assert result.exit_code == 0, (args, result)
        assert "Usage:" in result.stdout


def test_an_unknown_command_is_one_red_line_and_exit_2(cli):
    result = cli("fly")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error:")
    assert "fly" in lines[0]


def test_a_missing_argument_names_it(cli):
    result = cli("stats")
    assert result.exit_code == 2
    assert "LEARNER" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_global_options_work_after_the_command(cli):
    before = cli("--json", "plugins")
    after = cli("plugins", "--json")
    assert before.exit_code == after.exit_code == 0
    assert json.loads(before.stdout) == json.loads(after.stdout)


def test_an_unknown_storage_url_is_a_usage_error_naming_the_url(cli):
    result = cli("--url", "nosuch://x", "course", "list")
    assert result.exit_code == 2
    assert "nosuch://x" in result.stderr
    assert "Traceback" not in result.output


def test_a_data_error_shows_no_traceback_unless_debug(cli):
    plain = cli("--url", "memory://", "stats", "Nobody")
    assert plain.exit_code == 1
    assert "Traceback" not in plain.output
    assert "no learner named 'Nobody'" in plain.stderr
    debug = cli("--url", "memory://", "stats", "Nobody", "--debug")
    assert debug.exit_code == 1
    assert "Traceback" in debug.stderr


def test_a_malformed_plugin_option_is_a_usage_error(cli):
    result = cli("--plugin", "nocolon", "plugins")
    assert result.exit_code == 2
    assert "--plugin" in result.stderr


def test_plugins_lists_what_each_plugin_registers(cli):
    result = cli("plugins")
    assert result.exit_code == 0
    assert "learncore.builtin" in result.stdout
    assert "storage: memory" in result.stdout
    assert "sqlalchemy" in result.stdout


def test_plugins_json_includes_plugins_loaded_with_the_plugin_option(cli):
    result = cli("--json", "--plugin", "learncore.testing:echo_speech_plugin", "plugins")
    assert result.exit_code == 0, result
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert rows["learncore.builtin"]["registered"]["storage"] == ["memory"]
    assert rows["learncore.testing.echo"]["registered"]["speech"] == ["echo"]


_plain = st.sampled_from(["demo", "stats", "Ana", "-x", "--days", "3", "sqlite:///a.db"])
_segment = st.one_of(
    _plain.map(lambda token: ("plain", [token])),
    st.sampled_from(GLOBAL_FLAGS).map(lambda flag: ("global", [flag])),
    st.tuples(st.sampled_from(GLOBAL_OPTIONS), _plain).map(lambda pair: ("global", list(pair))),
)


@given(st.lists(_segment))
def test_hoisting_puts_global_options_with_their_values_first_and_keeps_the_order(segments):
    args = [token for _, tokens in segments for token in tokens]
    expected_front = [token for kind, tokens in segments if kind == "global" for token in tokens]
    expected_rest = [token for kind, tokens in segments if kind == "plain" for token in tokens]
    assert hoist_global_options(args) == expected_front + expected_rest


def test_hoisting_moves_options_with_their_values_and_stops_at_double_dash():
    assert hoist_global_options(["db", "check", "--url", "sqlite:///x.db", "--json"]) == [
        "--url",
        "sqlite:///x.db",
        "--json",
        "db",
        "check",
    ]
    assert hoist_global_options(["stats", "--url=memory://", "Ana"]) == ["--url=memory://", "stats", "Ana"]
    assert hoist_global_options(["speech", "assess", "--", "--json"]) == ["speech", "assess", "--", "--json"]
