"""``learncore demo``: the scripted tour, on memory (fast) and on the embedded SQLite database."""

from __future__ import annotations

import json
from functools import cache

import pytest
from cli_test_plugins import FakeSphinx
from learncore_cli.demo import SPOKEN_TEXT, correct_input, mistaken_input
from learncore_cli.paths import sample_course_path, spoken_answer_path

MEMORY = ("--url", "memory://")
LOOP_REPOSITORIES = ("content_versions", "runs", "rewards", "achievements")


@cache
def sql_backend_runs_the_loop() -> bool:
    """Whether this learncore-sqlalchemy stores the learning loop (its second phase)."""
    from learncore_sqlalchemy.storage import SqlStorage

    storage = SqlStorage.open("sqlite://")
    try:
        with storage.unit_of_work() as uow:
            return all(getattr(uow, name, None) is not None for name in LOOP_REPOSITORIES)
    finally:
        storage.close()


def needs_sql_loop() -> None:
    if not sql_backend_runs_the_loop():
        pytest.skip("this learncore-sqlalchemy does not store the learning loop yet (storage phase 2)")


def test_the_tour_shows_grading_hearts_xp_streak_and_achievements(cli):
    result = cli(*MEMORY, "demo")
    assert result.exit_code == 0, result
    out = result.stdout
    for step in (
        "1. A database",
        "2. The sample course",
        "3. A learner",
        "4. Lesson 1: Hello",
        "5. Lesson 2: Goodbye",
        "6. Ana's profile",
    ):
        assert step in out
    assert "│ exercises │ 54" in out  # the import report
    # Grading feedback: an accent and a typo, each marked under the exact letter.
    lines = out.splitlines()
    accent = lines.index("  you wrote: buenos dias")
    assert lines[accent + 1].index("^") == len("  you wrote: buenos d")
    typo = lines.index("  you wrote: hasta luege")
    assert lines[typo + 1].index("^") == len("  you wrote: hasta lueg")
    assert "✓ Correct, but mind the accents" in out
    assert "✓ Correct, with a typo" in out
    # One wrong answer: a heart lost, the exercise back at the end, the heart regenerated.
    assert "✗ Not quite" in out
    assert "-1 ♥ ♥♥♥♥♡" in out
    assert "comes back at the end of the lesson" in out
    assert "Four hours later, " in out
    assert "(Europe/Madrid): ♥♥♥♥♥ 5/5, the lost heart is back" in out
    # XP, daily goal, streak, achievements.
    assert "+15 XP (10 lesson + 5 perfect bonus)" in out
    assert "goal reached today!" in out
    assert "Streak: 2 days (was 1, extended today)" in out
    assert "Achievement unlocked: 🏆 First lesson" in out
    assert "Ana — 25 XP in total" in out
    assert "Install learncore-sphinx" in out  # no spoken step without the provider


def test_the_tour_as_json(cli):
    result = cli(*MEMORY, "demo", "--json")
    assert result.exit_code == 0, result
    record = json.loads(result.stdout)
    assert [lesson["status"] for lesson in record["lessons"]] == ["completed", "completed"]
    outcomes = [answer["outcome"] for lesson in record["lessons"] for answer in lesson["answers"]]
    assert outcomes.count("incorrect") == 1
    assert {"accent", "typo"} <= set(outcomes)
    assert record["hearts"] == {
        "after_lessons": 4,
        "four_hours_later": 5,
        "next_heart_was_due": record["hearts"]["next_heart_was_due"],
    }
    assert record["stats"]["total_xp"] == 25
    assert record["stats"]["current_streak"] == 2
    assert record["spoken"] is None


def test_with_the_sphinx_provider_the_bundled_recording_is_scored(cli):
    FakeSphinx.calls.clear()
    result = cli(*MEMORY, "--plugin", "cli_test_plugins:fake_sphinx", "demo")
    assert result.exit_code == 0, result
    assert "6. A spoken answer, scored offline" in result.stdout
    assert "mispronunciation" in result.stdout
    assert "7. Ana's profile" in result.stdout
    assert FakeSphinx.calls == [(spoken_answer_path().stat().st_size, SPOKEN_TEXT, "en")]


def test_the_bundled_recording_is_a_16khz_mono_wav():
    import wave

    with wave.open(str(spoken_answer_path())) as recording:
        assert (recording.getframerate(), recording.getnchannels(), recording.getsampwidth()) == (16000, 1, 2)
        assert 1.0 < recording.getnframes() / 16000 < 5.0


def test_interactive_hands_over_to_the_player_as_ana(cli):
    result = cli(*MEMORY, "demo", "--interactive", input="\n:q\n")
    assert result.exit_code == 0, result
    assert "Your turn: you play as Ana" in result.stdout
    assert "Polite words" in result.stdout  # the next lesson is offered
    assert "Lesson abandoned" in result.stdout


def test_interactive_and_json_do_not_mix(cli):
    assert cli(*MEMORY, "demo", "--interactive", "--json").exit_code == 2


def test_the_scripted_mistakes_come_from_the_course_answers():
    import learncore
    from learncore.content import import_course

    app = learncore.bootstrap("memory://", load_entry_points=False)
    course = app.course(import_course(sample_course_path(), app).course_id)
    hello, goodbye = course.lessons[:2]
    listen = next(e for e in hello.exercises if e.type == "listen_type")
    assert mistaken_input(listen, "accent") == "buenos dias"
    translate = next(e for e in goodbye.exercises if e.type == "translate")
    assert mistaken_input(translate, "typo") == "hasta luege"
    bank = next(e for e in goodbye.exercises if e.type == "word_bank")
    assert correct_input(bank) == "1 2 3"
    assert mistaken_input(bank, "wrong") == "1 2 4"


def test_the_tour_runs_on_the_embedded_sqlite_database(cli, isolated):
    needs_sql_loop()
    result = cli("demo")
    assert result.exit_code == 0, result
    database = isolated / "demo.db"
    assert f"Created sqlite:///{database} and migrated it" in result.stdout
    assert "Ana — 25 XP in total" in result.stdout
    # The data stays for a look around afterwards, and a second run starts afresh.
    stats = cli("--url", f"sqlite:///{database}", "--json", "stats", "Ana")
    assert stats.exit_code == 0, stats
    assert json.loads(stats.stdout)["total_xp"] == 25
    assert cli("demo").exit_code == 0
    again = cli("--url", f"sqlite:///{database}", "--json", "stats", "Ana")
    assert json.loads(again.stdout)["total_xp"] == 25
