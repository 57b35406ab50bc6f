"""The scripted demo behind ``learncore demo``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

import learncore
from learncore.domain import ExerciseType
from learncore.domain.grading.dispatch import grade_exercise
from learncore.testing import sample_course


def run_demo(console: Console) -> None:
    """Build a course, register a learner and grade a few answers, printing each step."""
    app = learncore.bootstrap(storage="memory://")
    course = app.save_course(sample_course())
    console.rule(f"[bold]{course.title}[/bold]")
    console.print(f"{len(course.lessons)} lessons, {sum(1 for _ in course.exercises())} exercises")

    ana = app.register_learner("Ana", timezone="Europe/Madrid", daily_goal=20)
    console.print(f"Registered learner [bold]{ana.display_name}[/bold] ({ana.timezone})")

    first = app.next_lesson(course.id, completed=set())
    assert first is not None
    console.print(f"Next lesson: [bold]{first.title}[/bold]")

    table = Table("exercise", "answer", "outcome")
    answers = {
        ExerciseType.TRANSLATE: "estoy feliz",
        ExerciseType.LISTEN_TYPE: "buenos dias",
        ExerciseType.FILL_BLANK: "soy",
    }
    for exercise in first.exercises:
        answer = answers.get(exercise.type)  # type: ignore[call-overload]
        if answer is None:
            continue
        policy = course.grading_for(exercise)
        verdict = grade_exercise(exercise, answer, language=course.to_language, policy=policy)
        colour = "green" if verdict.accepted else "red"
        table.add_row(exercise.prompt, answer, f"[{colour}]{verdict.outcome}[/{colour}]")
    console.print(table)

    unlocked = app.unlocked_lessons(course.id, completed={first.id})
    console.print("After completing it, unlocked: " + ", ".join(lesson.title for lesson in unlocked))
    console.print(f"Activity log: {[entry.type for entry in app.activity()]}")
