"""``learncore learn`` driven through stdin: menus, every exercise type, requeues, hearts, summary."""

from __future__ import annotations

from cli_test_plugins import LIBRELINGO_COURSE, SAMPLE_COURSE

MEMORY = ("--url", "memory://")
# The first lesson of the sample course: translate, multiple choice, listen, speak.
HELLO_RIGHT = ["Hola", "1", "Buenos días", "Hola amigo"]


def lines(*answers: str) -> str:
    return "\n".join(answers) + "\n"


def test_a_new_learner_imports_the_sample_course_and_plays_a_whole_lesson(cli):
    result = cli(*MEMORY, "learn", "--learner", "Tess", input=lines("y", "", *HELLO_RIGHT, "n"))
    assert result.exit_code == 0, result
    out = result.stdout
    assert "Welcome, Tess!" in out
    assert "▶ available" in out
    assert "🔒 locked" in out
    assert "1) buenos días" in out  # numbered choices
    assert "🎤 Say it aloud" in out
    assert "Lesson complete! Score 100% — perfect!" in out
    assert "+15 XP (10 lesson + 5 perfect bonus)" in out
    assert "Daily goal: " in out
    assert "15/20 XP" in out
    assert "Streak: 1 day" in out
    assert "First lesson" in out
    assert "Lessons completed this session: 1" in out


def test_a_missed_exercise_comes_back_and_costs_a_heart(cli):
    answers = ["Hola", "2", "Buenos días", "Hola amigo", "1", "n"]
    result = cli(*MEMORY, "learn", "--learner", "Tess", input=lines("y", "", *answers))
    assert result.exit_code == 0, result
    out = result.stdout
    assert "you chose: buenas noches" in out
    assert "correct answer: buenos días" in out
    assert "-1 ♥ ♥♥♥♥♡" in out
    assert "comes back at the end of the lesson" in out
    assert "Hello · once more" in out
    assert out.count("Which one means") == 2
    assert "1 mistake(s)" in out


def test_typos_and_accents_are_marked_under_the_exact_letters(cli):
    answers = ["Hloa", "1", "buenos dias", "Hola amigo", "n"]
    result = cli(*MEMORY, "learn", "--learner", "Tess", input=lines("y", "", *answers))
    assert result.exit_code == 0, result
    out = result.stdout.splitlines()
    margin = " " * len("  you wrote: ")
    typo = out.index("  you wrote: Hloa")
    assert out[typo + 1] == margin + " ^^"  # under the swapped l and o
    accent = out.index("  you wrote: buenos dias")
    assert out[accent + 1] == margin + "        ^"  # under the i that needs its accent
    assert "  • dias → días (missing or wrong accent)" in out


def test_word_bank_tiles_and_pairs_are_answered_by_number(cli, shared):
    assert cli(*shared, "course", "import", str(SAMPLE_COURSE)).exit_code == 0
    first = cli(*shared, "learn", "--learner", "Tess", "--once", input=lines("", *HELLO_RIGHT))
    assert first.exit_code == 0, first
    # Lesson 2 (Goodbye): translate, word bank, match pairs.
    answers = ["Hasta luego", "1 2 3", "1b 2c 3a"]
    second = cli(*shared, "learn", "--learner", "Tess", "--once", input=lines("", *answers))
    assert second.exit_code == 0, second
    out = second.stdout
    assert "[1 adiós] [2 hasta] [3 mañana] [4 luego] [5 hola]" in out
    assert "1) hola" in out
    assert "a) good night" in out
    assert "Lesson complete!" in out


def test_bad_input_is_explained_and_asked_again(cli):
    answers = ["", "Hola", "9", "one", "1", "Buenos días", "Hola amigo", "n"]
    result = cli(*MEMORY, "learn", "--learner", "Tess", input=lines("y", "", *answers))
    assert result.exit_code == 0, result
    out = result.stdout
    assert "type an answer ('?' for a hint, ':q' to quit)" in out
    assert "choose a number from 1 to 3" in out
    assert "type the number of your choice, 1 to 3" in out
    assert "Lesson complete! Score 100%" in out


def test_a_hint_is_shown_on_request(cli):
    answers = ["Hola", "?", "1", "?", "Buenos días", "Hola amigo", "n"]
    result = cli(*MEMORY, "learn", "--learner", "Tess", input=lines("y", "", *answers))
    assert "hint: días means days" in result.stdout
    assert "hint: the audio says: Buenos días" in result.stdout


def test_quitting_abandons_the_lesson(cli):
    result = cli(*MEMORY, "learn", "--learner", "Tess", input=lines("y", "", "Hola", ":q"))
    assert result.exit_code == 0, result
    assert "Lesson abandoned" in result.stdout
    assert "Lessons completed this session: 0" in result.stdout


def test_running_out_of_hearts_ends_the_lesson_and_blocks_the_next_start(cli, shared):
    cli(*shared, "course", "import", str(SAMPLE_COURSE))
    wrong = ["nada", "2", "nada", "nada", "nada"]  # translate, choice, listen, speak, translate
    result = cli(*shared, "learn", "--learner", "Tess", "--once", input=lines("", *wrong))
    assert result.exit_code == 0, result
    assert "Out of hearts: the lesson ends here" in result.stdout
    again = cli(*shared, "learn", "--learner", "Tess", "--once", input=lines(""))
    assert again.exit_code == 1
    assert "heart" in again.stderr
    assert again.stderr.strip().splitlines()[-1].startswith("error:")


def test_learners_and_courses_are_chosen_from_numbered_menus(cli, shared):
    cli(*shared, "course", "import", str(SAMPLE_COURSE))
    cli(*shared, "course", "import", str(LIBRELINGO_COURSE), "--from", "librelingo")
    cli(*shared, "learn", "--learner", "Ana", "--once", input=lines("", "2", "", ":q"))
    result = cli(*shared, "learn", "--once", input=lines("1", "2", "", ":q"))
    assert result.exit_code == 0, result
    out = result.stdout
    assert "Who is learning?" in out
    assert "1) Ana" in out
    assert "Which course?" in out
    assert "Spanish for English speakers" in out
    assert "Ana · Spanish for English speakers" in out


def test_a_locked_lesson_cannot_be_chosen(cli):
    result = cli(*MEMORY, "learn", "--learner", "Tess", "--once", input=lines("y", "3", "1", ":q"))
    assert result.exit_code == 0, result
    assert "Polite words is locked" in result.stdout


def test_learn_refuses_json_and_unknown_courses(cli):
    assert cli(*MEMORY, "learn", "--json").exit_code == 2
    result = cli(*MEMORY, "learn", "--learner", "Tess", "--course", "klingon")
    assert result.exit_code == 1
    assert "--course" in result.stderr
    assert "klingon" in result.stderr


def test_the_embedded_database_keeps_progress_between_commands(cli, isolated):
    assert cli("course", "import", str(SAMPLE_COURSE)).exit_code == 0
    played = cli("learn", "--learner", "Tess", "--once", input=lines("", *HELLO_RIGHT))
    assert played.exit_code == 0, played
    assert (isolated / "learncore.db").is_file()
    stats = cli("stats", "Tess")
    assert "Tess — 15 XP in total" in stats.stdout
    menu = cli("learn", "--learner", "Tess", "--once", input=lines(":q"))
    assert menu.exit_code == 0, menu
    assert "Bye, Tess!" in menu.stdout
    assert "✓ completed" in menu.stdout  # lesson 1, remembered
    assert "Goodbye" in menu.stdout


def test_a_spoken_answer_can_be_a_recording_scored_by_the_speech_provider(cli, tmp_path):
    recording = tmp_path / "take.wav"
    recording.write_bytes(b"hola amigo")  # the echo provider hears the bytes as text
    echo = ("--plugin", "learncore.testing:echo_speech_plugin", "--speech", "echo")
    answers = ["Hola", "1", "Buenos días", str(recording), "n"]
    result = cli(*MEMORY, *echo, "learn", "--learner", "Tess", input=lines("y", "", *answers))
    assert result.exit_code == 0, result
    assert "give the path of a recording, or type the sentence" in result.stdout
    assert "pronunciation 100/100 (scored by echo)" in result.stdout
    missing = cli(
        *MEMORY,
        *echo,
        "learn",
        "--learner",
        "Tess",
        "--once",
        input=lines("y", "", "Hola", "1", "Buenos días", str(tmp_path / "none.wav"), "Hola amigo"),
    )
    assert f"{tmp_path / 'none.wav'}: no such recording" in missing.stdout
    assert "Lesson complete!" in missing.stdout


def test_a_provider_that_cannot_score_the_language_says_so_and_typing_still_works(cli, tmp_path):
    recording = tmp_path / "take.wav"
    recording.write_bytes(b"RIFF....")
    sphinx = ("--plugin", "cli_test_plugins:fake_sphinx", "--speech", "sphinx")
    answers = ["Hola", "1", "Buenos días", str(recording), "Hola amigo"]
    result = cli(*MEMORY, *sphinx, "learn", "--learner", "Tess", "--once", input=lines("y", "", *answers))
    assert result.exit_code == 0, result
    assert "no acoustic model for language 'es'" in result.stdout
    assert "pronunciation 100/100 (scored by typed)" in result.stdout
    assert "Lesson complete! Score 100%" in result.stdout
