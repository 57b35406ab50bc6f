"""The scripted tour behind ``learncore demo``.

A learner, Ana, plays the first two lessons of the sample course on a fresh SQLite
database, through the same :class:`~learncore_cli.player.LessonPlayer` as
``learncore learn``; only the answers come from a script. Her mistakes are made from
the course's own answers (an accent dropped, a letter changed, a wrong tile), so the
script follows the course if its content changes.

Time is simulated with :class:`learncore.testing.FixedClock`: lesson 1 the day
before yesterday, lesson 2 yesterday, and four hours after that, when the heart she
lost has come back.
"""

from __future__ import annotations

import time
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from learncore.domain.exercises import Exercise, ExerciseType
from learncore.domain.grading.answer_syntax import expand_answers
from learncore_cli.player import LessonPlayer, Played, right_column
from learncore_cli.render import assessment_table, hearts_text, import_report_table, stats_view, when

if TYPE_CHECKING:
    from learncore import Learncore
    from learncore.domain.courses import Course
    from learncore.domain.learners import Learner

__all__ = ["DemoScript", "correct_input", "mistaken_input", "run_demo"]

LEARNER = "Ana"
TIMEZONE = "Europe/Madrid"
DAILY_GOAL = 10
SPOKEN_TEXT = "See you tomorrow, my friend."
SPHINX = "sphinx"
# The mistakes Ana makes on her first try, by lesson and exercise type.
MISTAKES: tuple[dict[ExerciseType, str], ...] = (
    {ExerciseType.LISTEN_TYPE: "accent"},
    {ExerciseType.TRANSLATE: "typo", ExerciseType.WORD_BANK: "wrong"},
)


# --- what Ana types ------------------------------------------------------------------------


def _first_answer(exercise: Exercise) -> str:
    return expand_answers(exercise.accepted_answers)[0] if exercise.accepted_answers else exercise.prompt


def _words(text: str) -> list[str]:
    return ["".join(ch for ch in word if ch.isalnum()).casefold() for word in text.split()]


def _tile_numbers(exercise: Exercise, words: list[str]) -> list[int]:
    free = {number: option.text.casefold() for number, option in enumerate(exercise.options, 1)}
    numbers = []
    for word in words:
        number = next((n for n, tile in free.items() if tile == word), None)
        if number is None:
            break
        numbers.append(number)
        del free[number]
    return numbers


def correct_input(exercise: Exercise) -> str:
    """What a learner types in the player to answer ``exercise`` right."""
    kind = exercise.type
    if kind is ExerciseType.MULTIPLE_CHOICE:
        return ",".join(str(n) for n, option in enumerate(exercise.options, 1) if option.is_correct)
    if kind is ExerciseType.WORD_BANK:
        return " ".join(str(n) for n in _tile_numbers(exercise, _words(_first_answer(exercise))))
    if kind is ExerciseType.MATCH_PAIRS:
        rights = right_column(exercise)
        return " ".join(
            f"{n}{chr(ord('a') + rights.index(pair.right))}" for n, pair in enumerate(exercise.pairs, 1)
        )
    if kind is ExerciseType.SPEAK:
        return exercise.reference_text
    return _first_answer(exercise)


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def _typo(text: str) -> str:
    words = text.split()
    for index in reversed(range(len(words))):
        word = words[index]
        if len(word) >= 4 and word[-1].isalpha():
            words[index] = word[:-1] + ("a" if word[-1].lower() == "e" else "e")
            break
    return " ".join(words)


def mistaken_input(exercise: Exercise, mistake: str) -> str:
    """What a learner types to make ``mistake`` ("accent", "typo" or "wrong") on ``exercise``."""
    right = correct_input(exercise)
    kind = exercise.type
    if mistake == "accent":
        return _strip_accents(right).lower()
    if mistake == "typo":
        return _typo(right).lower()
    if kind is ExerciseType.WORD_BANK:
        numbers = right.split()
        spare = [str(n) for n in range(1, len(exercise.options) + 1) if str(n) not in numbers]
        return " ".join([*numbers[:-1], spare[0]]) if spare and numbers else right
    if kind is ExerciseType.MULTIPLE_CHOICE:
        wrong = [str(n) for n, option in enumerate(exercise.options, 1) if not option.is_correct]
        return wrong[0] if wrong else right
    return "no lo sé"


class DemoScript:
    """An answer source that types Ana's answers (and shows them as if typed)."""

    def __init__(self, console: Console, mistakes: dict[ExerciseType, str]) -> None:
        self.console = console
        self.mistakes = mistakes

    def answer(self, exercise: Exercise, attempt: int, prompt: str) -> str:
        """Ana's answer: the planned mistake on the first try, right otherwise."""
        mistake = self.mistakes.get(exercise.type) if attempt == 1 else None  # type: ignore[call-overload]
        typed = mistaken_input(exercise, mistake) if mistake else correct_input(exercise)
        line = Text(prompt, style="dim")
        line.append(typed, style="bold")
        self.console.print(line)
        return typed


# --- the tour ---------------------------------------------------------------------------


def _step(out: Console, title: str) -> None:
    out.print()
    out.print(Rule(Text(title, style="bold"), style="cyan", align="left"))


def _timeline(now: datetime) -> tuple[datetime, datetime]:
    """Lesson 1 at 08:30 the day before yesterday, lesson 2 at 18:00 yesterday (Madrid time)."""
    zone = ZoneInfo(TIMEZONE)
    today = now.astimezone(zone).date()
    first = datetime.combine(today - timedelta(days=2), datetime.min.time(), zone).replace(hour=8, minute=30)
    second = datetime.combine(today - timedelta(days=1), datetime.min.time(), zone).replace(hour=18)
    return first.astimezone(UTC), second.astimezone(UTC)


def sphinx_installed(plugin_objects: list[object]) -> bool:
    """Whether a plugin registered the offline ``sphinx`` speech provider."""
    from learncore.plugins.registry import load_plugins

    registry = load_plugins(plugins=plugin_objects)
    return any(registration.name == SPHINX for registration in registry.registrations("speech"))


def prepare_database(url: str) -> str | None:
    """Migrate a SQL database to the newest schema; the revision (None for other storage)."""
    scheme = url.split(":", 1)[0].split("+", 1)[0]
    if scheme not in ("sqlite", "postgresql", "mysql", "mariadb"):
        return None
    import learncore_sqlalchemy

    learncore_sqlalchemy.upgrade(url)
    revision: str | None = learncore_sqlalchemy.check(url).revision
    return revision


def _spoken_step(app: Learncore, out: Console, wav: Path) -> dict[str, Any] | None:
    from learncore_cli.output import jsonable

    _step(out, "6. A spoken answer, scored offline")
    out.print(f'Ana reads "{SPOKEN_TEXT}" aloud ({wav.name}); the sphinx provider scores it (English model):')
    assessment = app.assess_pronunciation(wav.read_bytes(), SPOKEN_TEXT, "en")
    out.print(assessment_table(assessment))
    data: dict[str, Any] = jsonable(assessment)
    return data


def _hearts_step(app: Learncore, out: Console, clock: Any, ana: Learner) -> dict[str, Any]:
    """Four hours on, the heart lost in lesson 2 has regenerated."""
    from learncore_cli.output import jsonable

    before = app.stats(ana.id)
    clock.advance(hours=4)
    after = app.stats(ana.id)
    line = Text(f"Four hours later, {when(clock.now(), TIMEZONE)}: ")
    line.append_text(hearts_text(after.hearts, after.max_hearts))
    line.append(f" {after.hearts}/{after.max_hearts}, the lost heart is back")
    out.print()
    out.print(line)
    return {
        "after_lessons": before.hearts,
        "four_hours_later": after.hearts,
        "next_heart_was_due": jsonable(before.next_heart_at),
    }


def run_demo(
    out: Console,
    *,
    url: str,
    plugin_objects: list[object],
    wav: Path,
    course_path: Path,
    now: datetime | None = None,
) -> tuple[dict[str, Any], Learncore, Learner, Course]:
    """Play the tour on the storage at ``url``; returns its record and the app, learner and course."""
    import learncore
    from learncore.content import import_course
    from learncore.testing import FixedClock
    from learncore_cli.output import jsonable

    started = time.perf_counter()
    record: dict[str, Any] = {"database": url}
    first_day, second_day = _timeline(now or datetime.now(UTC))
    clock = FixedClock(first_day)

    _step(out, "1. A database")
    revision = prepare_database(url)
    record["revision"] = revision
    if revision is not None:
        out.print(f"Created {url} and migrated it to revision {revision}.")
    else:
        out.print(f"Using {url} (no migrations needed).")
    with_sphinx = sphinx_installed(plugin_objects)
    app = learncore.bootstrap(
        storage=url, clock=clock, speech=SPHINX if with_sphinx else None, plugins=plugin_objects
    )

    _step(out, "2. The sample course")
    report = import_course(course_path, app)
    record["import"] = jsonable(report)
    out.print(import_report_table(report))
    course = app.course(report.course_id)

    _step(out, "3. A learner")
    ana = app.register_learner(LEARNER, timezone=TIMEZONE, daily_goal=DAILY_GOAL)
    app.enroll(ana.id, course.id)
    out.print(
        f"Registered {ana.display_name} ({ana.timezone}), daily goal {ana.daily_goal} XP, "
        f'enrolled in "{course.title}".'
    )
    out.print("The clock is simulated: each step below happens at the time shown.")

    lessons: list[Played] = []
    for number, (instant, mistakes) in enumerate(zip((first_day, second_day), MISTAKES, strict=True), 1):
        clock.set(instant)
        lesson = app.next_lesson(course.id, completed={p.lesson.id for p in lessons})
        if lesson is None:
            break
        _step(out, f"{3 + number}. Lesson {number}: {lesson.title} — {when(instant, TIMEZONE)}")
        player = LessonPlayer(app, course, ana, console=out, answers=DemoScript(out, mistakes))
        lessons.append(player.play(lesson))
    record["lessons"] = [played.as_json() for played in lessons]

    record["hearts"] = _hearts_step(app, out, clock, ana)

    record["spoken"] = None
    if with_sphinx:
        record["spoken"] = _spoken_step(app, out, wav)
    _step(out, "7. Ana's profile" if with_sphinx else "6. Ana's profile")
    stats = app.stats(ana.id)
    out.print(stats_view(stats, ana.display_name, ana.timezone))
    record["stats"] = jsonable(stats)
    if not with_sphinx:
        out.print()
        out.print(
            Text(
                "Install learncore-sphinx (pip install ./adapters/sphinx) and the demo also scores "
                "a spoken answer offline.",
                style="dim",
            )
        )
    record["seconds"] = round(time.perf_counter() - started, 2)
    return record, app, ana, course
