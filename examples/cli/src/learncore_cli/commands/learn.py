"""``learncore learn``: play lessons in the terminal."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from learncore.errors import UnknownCourse
from learncore_cli.errors import DataError, usage_error
from learncore_cli.lookup import NoSuchLearner, all_learners, find_learner
from learncore_cli.output import console
from learncore_cli.player import QUIT, KeyboardAnswers, LessonPlayer, QuitLesson
from learncore_cli.state import current

if TYPE_CHECKING:
    from learncore import Learncore
    from learncore.domain.courses import Course, Lesson
    from learncore.domain.learners import Learner

__all__ = ["learn", "run_player"]

_STATUS_MARKS = {"completed": "✓", "available": "▶", "in_progress": "…", "locked": "🔒"}


def _ask(read: Callable[[str], str], prompt: str, default: str | None = None) -> str:
    suffix = f" [{default}]" if default else ""
    answer = read(f"{prompt}{suffix}: ").strip()
    if answer == QUIT:
        raise QuitLesson
    return answer or (default or "")


def _pick_number(
    read: Callable[[str], str], out: Console, prompt: str, count: int, default: int | None
) -> int:
    while True:
        raw = _ask(read, prompt, str(default) if default else None)
        if raw.isdigit() and 1 <= int(raw) <= count:
            return int(raw)
        out.print(Text(f"  choose a number from 1 to {count}", style="red"))


def choose_learner(app: Learncore, read: Callable[[str], str], out: Console) -> Learner:
    """A numbered list of learners, or a new learner's name."""
    learners = list(all_learners(app))
    if learners:
        out.print(Text("Who is learning?", style="bold"))
        for number, learner in enumerate(learners, 1):
            out.print(f"  {number}) {escape(learner.display_name)}")
        out.print("  or type a new name")
        while True:
            raw = _ask(read, "learner", "1")
            if raw.isdigit() and 1 <= int(raw) <= len(learners):
                return learners[int(raw) - 1]
            if raw and not raw.isdigit():
                break
            out.print(Text(f"  choose a number from 1 to {len(learners)}, or type a new name", style="red"))
        name = raw
    else:
        name = ""
        while not name:
            name = _ask(read, "Your name")
    learner = app.register_learner(name)
    out.print(Text(f"Welcome, {learner.display_name}! (daily goal {learner.daily_goal} XP)", style="green"))
    return learner


def choose_course(app: Learncore, read: Callable[[str], str], out: Console) -> Course:
    """A numbered list of courses; with none stored, the sample course is offered."""
    courses = list(app.courses())
    if not courses:
        answer = _ask(read, "No courses yet. Import the sample Spanish course? (y/n)", "y")
        if answer.lower() not in ("y", "yes"):
            raise DataError("no course to learn: import one with 'learncore course import PATH'")
        from learncore_cli.commands.course import import_with_progress
        from learncore_cli.paths import sample_course_path

        report = import_with_progress(app, sample_course_path(), "learncore", show=True)
        return app.course(report.course_id)
    if len(courses) == 1:
        return app.course(courses[0].id)
    out.print(Text("Which course?", style="bold"))
    for number, summary in enumerate(courses, 1):
        out.print(f"  {number}) {escape(summary.title)} ({summary.from_language} → {summary.to_language})")
    return app.course(courses[_pick_number(read, out, "course", len(courses), 1) - 1].id)


def choose_lesson(
    app: Learncore, learner: Learner, course: Course, read: Callable[[str], str], out: Console
) -> Lesson:
    """The lesson list with each lesson's status; Enter takes the suggested one."""
    from learncore_cli.player import lesson_menu

    rows, suggested = lesson_menu(app, learner, course)
    table = Table("#", "lesson", "status", box=None, pad_edge=False)
    for number, (lesson, status) in enumerate(rows, 1):
        style = "dim" if status == "locked" else ("green" if status == "completed" else "bold")
        table.add_row(
            str(number), escape(lesson.title), f"{_STATUS_MARKS.get(status, '')} {status}", style=style
        )
    out.print(table)
    default = rows.index(next(row for row in rows if row[0] == suggested)) + 1 if suggested else None
    while True:
        number = _pick_number(read, out, "lesson", len(rows), default)
        lesson, status = rows[number - 1]
        if status != "locked":
            return lesson
        out.print(Text(f"  {lesson.title} is locked: finish the lessons before it first", style="red"))


def _find_lesson(course: Course, ref: str) -> Lesson:
    if ref.isdigit() and 1 <= int(ref) <= len(course.lessons):
        return course.lessons[int(ref) - 1]
    for lesson in course.lessons:
        if ref.casefold() in (lesson.title.casefold(), str(lesson.id)):
            return lesson
    raise DataError(
        f"--lesson: no lesson {ref!r} in {course.slug} (give its number 1-{len(course.lessons)} or title)"
    )


def run_player(
    app: Learncore,
    *,
    learner: Learner | None = None,
    course: Course | None = None,
    lesson_ref: str | None = None,
    once: bool = False,
    out: Console = console,
    read: Callable[[str], str] | None = None,
) -> int:
    """The interactive session: choose, play, summarise, repeat. Returns the lessons completed."""
    # Prompts are Text, not markup: "[y]" must show as typed.
    reader = read or (lambda prompt: out.input(Text(prompt, style="bold")))
    try:
        learner = learner or choose_learner(app, reader, out)
        course = course or choose_course(app, reader, out)
    except QuitLesson:
        return 0
    app.enroll(learner.id, course.id)
    out.print(Text(f"{learner.display_name} · {course.title}  (':q' quits)", style="bold"))
    player = LessonPlayer(app, course, learner, console=out, answers=KeyboardAnswers(out, reader))
    completed = _session(app, player, learner, course, reader, out, lesson_ref=lesson_ref, once=once)
    out.print(
        Text(f"Bye, {learner.display_name}! Lessons completed this session: {completed}.", style="bold")
    )
    return completed


def _session(
    app: Learncore,
    player: LessonPlayer,
    learner: Learner,
    course: Course,
    reader: Callable[[str], str],
    out: Console,
    *,
    lesson_ref: str | None,
    once: bool,
) -> int:
    """Lessons until the learner stops (or ':q' at a menu); how many were completed."""
    completed = 0
    while True:
        try:
            lesson = (
                _find_lesson(course, lesson_ref)
                if lesson_ref
                else choose_lesson(app, learner, course, reader, out)
            )
        except QuitLesson:
            return completed
        lesson_ref = None
        played = player.play(lesson)
        if played.summary is not None:
            completed += 1
        if once or played.status.value != "completed":
            return completed
        try:
            again = _ask(reader, "Play another lesson? (y/n)", "y")
        except QuitLesson:
            return completed
        if again.lower() not in ("y", "yes"):
            return completed


def learn(
    learner: Annotated[
        str | None, typer.Option("--learner", help="Your name or id; a new name registers a new learner.")
    ] = None,
    course: Annotated[str | None, typer.Option("--course", help="The course's slug or id.")] = None,
    lesson: Annotated[
        str | None, typer.Option("--lesson", help="Start with this lesson (number or title).")
    ] = None,
    timezone: Annotated[str, typer.Option("--timezone", help="IANA timezone for a new learner.")] = "UTC",
    goal: Annotated[
        int, typer.Option("--goal", min=1, max=1000, help="Daily XP goal for a new learner.")
    ] = 20,
    once: Annotated[bool, typer.Option("--once", help="Play one lesson, then stop.")] = False,
) -> None:
    """Play lessons in the terminal: choose a learner and a course, answer exercises, see your progress.

    Exercises show by type: numbered choices, word-bank tiles, pairs to match, text to
    type. Hearts, XP, streak and progress stay on screen; a missed exercise comes
    back at the end; every lesson ends with a summary. Type '?' for a hint and ':q'
    to leave a lesson.
    """
    state = current()
    if state.json:
        raise usage_error(
            "--json: 'learncore learn' is interactive; use 'learncore stats LEARNER --json' for data"
        )
    with state.open_app() as app:
        found = None
        if learner is not None:
            try:
                found = find_learner(app, learner, argument="--learner")
            except NoSuchLearner:
                found = app.register_learner(learner, timezone=timezone, daily_goal=goal)
                console.print(Text(f"Welcome, {found.display_name}! (daily goal {goal} XP)", style="green"))
        chosen = None
        if course is not None:
            try:
                chosen = app.course(course)
            except UnknownCourse:
                raise DataError(f"--course: no course {course!r} (see 'learncore course list')") from None
        run_player(app, learner=found, course=chosen, lesson_ref=lesson, once=once)
