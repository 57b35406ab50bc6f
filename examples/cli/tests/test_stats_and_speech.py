"""``learncore stats`` and ``learncore speech assess``."""

from __future__ import annotations

import json

from cli_test_plugins import SAMPLE_COURSE, shared_memory

import learncore
from learncore.testing import correct_answer

HELLO_RIGHT = "\n".join(["", "Hola", "1", "Buenos días", "Hola amigo"]) + "\n"


def test_stats_show_xp_per_day_streak_hearts_and_achievements(cli, shared):
    cli(*shared, "course", "import", str(SAMPLE_COURSE))
    played = cli(*shared, "learn", "--learner", "Tess", "--once", input=HELLO_RIGHT)
    assert played.exit_code == 0, played
    result = cli(*shared, "stats", "Tess")
    assert result.exit_code == 0, result
    out = result.stdout
    assert "Tess — 15 XP in total" in out
    assert "XP per day (last 7 days):" in out
    assert "█" in out
    assert "15 XP" in out
    assert "Streak: 1 day" in out
    assert "Hearts: ♥♥♥♥♥ 5/5, full" in out
    assert "First lesson" in out
    assert "First perfect lesson" in out


def test_stats_show_the_next_heart_after_a_loss(cli, shared):
    cli(*shared, "course", "import", str(SAMPLE_COURSE))
    wrong_first = "\n".join(["", "Hla amgo", "Hola", "1", "Buenos días", "Hola amigo"]) + "\n"
    cli(*shared, "learn", "--learner", "Tess", "--once", input=wrong_first)
    out = cli(*shared, "stats", "tess", "--days", "3").stdout  # names match in any case
    assert "Hearts: ♥♥♥♥♡ 4/5, next heart" in out
    assert "XP per day (last 3 days):" in out


def test_stats_json_is_the_whole_read_model(cli, shared):
    app = learncore.bootstrap("shared-memory://test", plugins=[shared_memory])
    course = learncore.content.import_course(SAMPLE_COURSE, app)
    ana = app.register_learner("Ana", daily_goal=10)
    app.enroll(ana.id, course.course_id)
    run = app.start_lesson(ana.id, app.course(course.course_id).lessons[0].id)
    for exercise in run.exercises:
        app.submit_answer(run.id, exercise.id, correct_answer(exercise))
    app.complete_lesson(run.id)
    result = cli(*shared, "--json", "stats", str(ana.id))
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    assert data["learner"] == {"id": str(ana.id), "display_name": "Ana"}
    assert data["total_xp"] == 15
    assert data["current_streak"] == 1
    assert data["goal_met_today"] is True
    assert len(data["xp_by_day"]) == 7
    assert {a["key"] for a in data["achievements"]} >= {"lessons", "perfect"}


def test_stats_of_an_unknown_learner_names_the_argument(cli, shared):
    result = cli(*shared, "stats", "Nobody")
    assert result.exit_code == 1
    assert "LEARNER: no learner named 'Nobody'" in result.stderr


def test_stats_of_an_ambiguous_name_asks_for_an_id(cli, shared):
    app = learncore.bootstrap("shared-memory://test", plugins=[shared_memory])
    app.register_learner("Sam")
    app.register_learner("Sam")
    result = cli(*shared, "stats", "Sam")
    assert result.exit_code == 1
    assert "2 learners are named 'Sam'" in result.stderr


def test_stats_of_an_unknown_id_is_a_data_error(cli, shared):
    result = cli(*shared, "stats", "00000000-0000-4000-8000-000000000000")
    assert result.exit_code == 1
    assert "no learner with id 00000000-0000-4000-8000-000000000000" in result.stderr


ECHO = ("--plugin", "learncore.testing:echo_speech_plugin")


def test_speech_assess_prints_word_scores_with_error_types(cli, tmp_path):
    recording = tmp_path / "take1.wav"
    recording.write_bytes(b"the cat sad on the mat please")  # the echo provider hears text
    result = cli(
        *ECHO, "speech", "assess", str(recording), "--text", "the cat sat on the mat", "--provider", "echo"
    )
    assert result.exit_code == 0, result
    out = result.stdout
    assert "provider: echo" in out
    assert "heard: the cat sad on the mat please" in out
    rows = {line.split("│")[1].strip(): line for line in out.splitlines() if line.count("│") > 3}
    assert "mispronunciation" in rows["sat"]
    assert "none" in rows["cat"]
    assert "insertion" in rows["please"]


def test_speech_assess_json_uses_the_global_speech_option(cli, tmp_path):
    recording = tmp_path / "take1.wav"
    recording.write_bytes(b"hola amigo")
    result = cli(
        *ECHO,
        "--speech",
        "echo",
        "--json",
        "speech",
        "assess",
        str(recording),
        "-t",
        "hola amigo",
        "--language",
        "es",
    )
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    assert data["pronunciation"] == 100.0
    assert [w["error"] for w in data["words"]] == ["none", "none"]
    assert data["file"] == str(recording)


def test_speech_assess_failures(cli, tmp_path):
    recording = tmp_path / "empty.wav"
    recording.write_bytes(b"")
    no_provider = cli("speech", "assess", str(recording), "--text", "hi")
    assert no_provider.exit_code == 2
    assert "--provider" in no_provider.stderr
    unknown = cli("speech", "assess", str(recording), "--text", "hi", "--provider", "klingon")
    assert unknown.exit_code == 2
    assert "klingon" in unknown.stderr
    rejected = cli(*ECHO, "speech", "assess", str(recording), "--text", "hi", "--provider", "echo")
    assert rejected.exit_code == 1
    assert "empty" in rejected.stderr
    missing = cli(*ECHO, "speech", "assess", str(tmp_path / "none.wav"), "--text", "hi", "-p", "echo")
    assert missing.exit_code == 2
    assert "FILE" in missing.stderr
    no_text = cli(*ECHO, "speech", "assess", str(recording), "-p", "echo")
    assert no_text.exit_code == 2
    assert "--text" in no_text.stderr
