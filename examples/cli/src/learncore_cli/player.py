"""The terminal lesson player: shows exercises by type, reads answers, shows the feedback.

:class:`LessonPlayer` plays one lesson through the facade (``start_lesson``,
``submit_answer``, ``complete_lesson``). Where the answers come from is an
:class:`AnswerSource`: :class:`KeyboardAnswers` asks the person at the terminal, and the
demo passes a scripted source, so both walk exactly the same code.

What the learner types, by exercise type:

- translate, listen_type, fill_blank, plugin types: the text;
- multiple_choice: the option number (``1``; ``1,3`` when several are right);
- word_bank: the tile numbers in order (``2 1 3``) or the words themselves;
- match_pairs: number-letter pairs (``1b 2a 3c``);
- speak: the path of a recording (with a speech provider), or the sentence typed.

At any prompt ``?`` shows a hint and ``:q`` quits the lesson.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol
from uuid import UUID

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.rule import Rule
from rich.text import Text

from learncore.domain.exercises import BLANK_MARKER, Exercise, ExerciseType
from learncore.domain.grading.verdict import Outcome
from learncore.domain.lesson_runs import AnswerResult, LessonSummary, RunStatus
from learncore.errors import InvalidInput, SpeechError
from learncore_cli.render import hearts_text, lesson_summary, verdict_view, when
from learncore_cli.speaking import typed_assessment

if TYPE_CHECKING:
    from learncore import Learncore
    from learncore.domain.courses import Course, Lesson
    from learncore.domain.learners import Learner

__all__ = [
    "AnswerSource",
    "BadAnswer",
    "KeyboardAnswers",
    "LessonPlayer",
    "Played",
    "QuitLesson",
    "parse_answer",
    "right_column",
]

QUIT = ":q"
HINT = "?"


class QuitLesson(Exception):
    """The learner asked to leave the lesson."""


class BadAnswer(ValueError):
    """What was typed is not an answer of the right shape; the message says what to type."""


class SpokenAnswer(NamedTuple):
    """A recording the library has assessed, graded and recorded (``submit_spoken_answer``)."""

    result: AnswerResult
    pronunciation: float
    provider: str


class AnswerSource(Protocol):
    """Where answers come from: ``answer`` returns what the learner typed for an exercise."""

    def answer(self, exercise: Exercise, attempt: int, prompt: str) -> str:
        """The text typed at ``prompt`` for ``exercise`` (``attempt`` counts from 1)."""
        ...


class KeyboardAnswers:
    """Answers typed at the terminal."""

    def __init__(self, console: Console, read: Callable[[str], str] | None = None) -> None:
        self.console = console
        self.read = read or (lambda prompt: console.input(Text(prompt, style="bold")))

    def answer(self, exercise: Exercise, attempt: int, prompt: str) -> str:  # noqa: ARG002 - the protocol's
        """Read one line."""
        return self.read(prompt).strip()


class Played:
    """What happened in one lesson, for the demo's JSON and the caller's summary."""

    def __init__(self, lesson: Lesson) -> None:
        self.lesson = lesson
        self.answers: list[dict[str, Any]] = []
        self.summary: LessonSummary | None = None
        self.status: RunStatus = RunStatus.ACTIVE

    def as_json(self) -> dict[str, Any]:
        """A JSON-compatible record."""
        from learncore_cli.output import jsonable

        return {
            "lesson": self.lesson.title,
            "lesson_id": str(self.lesson.id),
            "status": self.status.value,
            "answers": self.answers,
            "summary": jsonable(self.summary),
        }


# --- parsing what was typed ------------------------------------------------------------


def right_column(exercise: Exercise) -> list[str]:
    """The right-hand texts of a match_pairs exercise in display order (shuffled, but the
    same every time for the same exercise, so a learner and a script see the same letters)."""
    rights = [pair.right for pair in exercise.pairs]
    random.Random(exercise.id.int).shuffle(rights)  # noqa: S311 - display order, not security
    return rights


def _numbers(raw: str) -> list[int]:
    return [int(part) for part in re.split(r"[\s,]+", raw.strip()) if part]


def _choice(exercise: Exercise, raw: str) -> Any:
    try:
        picked = _numbers(raw)
    except ValueError:
        raise BadAnswer(f"type the number of your choice, 1 to {len(exercise.options)}") from None
    if not picked or any(not 1 <= n <= len(exercise.options) for n in picked):
        raise BadAnswer(f"choose a number from 1 to {len(exercise.options)}")
    if len(picked) > 1 and not exercise.multiple_answers:
        raise BadAnswer("choose one option")
    ids = [exercise.options[n - 1].id for n in picked]
    return ids if exercise.multiple_answers else ids[0]


def _tiles(exercise: Exercise, raw: str) -> list[str]:
    tiles = [option.text for option in exercise.options]
    parts = raw.split()
    if not parts:
        raise BadAnswer("place the tiles by number, e.g. '2 1 3'")
    if all(part.isdigit() for part in parts):
        numbers = [int(part) for part in parts]
        if any(not 1 <= n <= len(tiles) for n in numbers):
            raise BadAnswer(f"tile numbers go from 1 to {len(tiles)}")
        if len(set(numbers)) != len(numbers):
            raise BadAnswer("each tile can be placed once")
        return [tiles[n - 1] for n in numbers]
    lowered = {tile.casefold(): tile for tile in tiles}
    placed = []
    for part in parts:
        tile = lowered.get(part.casefold())
        if tile is None:
            raise BadAnswer(f"{part!r} is not one of the tiles; use their numbers or words")
        placed.append(tile)
    return placed


_PAIR = re.compile(r"(\d+)\s*-?\s*([a-z])", re.IGNORECASE)


def _pairs(exercise: Exercise, raw: str) -> dict[str, str]:
    rights = right_column(exercise)
    found = _PAIR.findall(raw)
    leftover = _PAIR.sub("", raw).replace(",", " ").strip()
    if not found or leftover:
        raise BadAnswer("pair each number with a letter, e.g. '1b 2a 3c'")
    answer: dict[str, str] = {}
    for number, letter in found:
        index, column = int(number), ord(letter.lower()) - ord("a")
        if not 1 <= index <= len(exercise.pairs) or not 0 <= column < len(rights):
            raise BadAnswer(
                f"use numbers 1-{len(exercise.pairs)} and letters a-{chr(ord('a') + len(rights) - 1)}"
            )
        answer[exercise.pairs[index - 1].left] = rights[column]
    return answer


def parse_answer(exercise: Exercise, raw: str) -> Any:
    """What the learner typed, in the shape ``submit_answer`` takes for this exercise type.

    Speak exercises are handled by the player (they may need the speech provider).
    Raises :class:`BadAnswer` saying what to type instead.
    """
    if not raw.strip():
        raise BadAnswer("type an answer ('?' for a hint, ':q' to quit)")
    kind = exercise.type
    if kind is ExerciseType.MULTIPLE_CHOICE:
        return _choice(exercise, raw)
    if kind is ExerciseType.WORD_BANK:
        return _tiles(exercise, raw)
    if kind is ExerciseType.MATCH_PAIRS:
        return _pairs(exercise, raw)
    return raw


def answer_text(exercise: Exercise, answer: Any) -> str | None:
    """The text the verdict's token offsets refer to, when the answer was typed or placed."""
    if exercise.type is ExerciseType.WORD_BANK:
        return " ".join(answer)
    if isinstance(answer, str):
        return answer
    return None


# --- showing exercises ------------------------------------------------------------------


_INSTRUCTIONS = {
    ExerciseType.TRANSLATE: "Translate",
    ExerciseType.LISTEN_TYPE: "🔊 Type what you hear",
    ExerciseType.FILL_BLANK: "Fill in the blank",
    ExerciseType.MULTIPLE_CHOICE: "Choose the right answer",
    ExerciseType.WORD_BANK: "Build the sentence from the tiles",
    ExerciseType.MATCH_PAIRS: "Match the pairs",
    ExerciseType.SPEAK: "🎤 Say it aloud",
}


def _blank(prompt: str) -> Text:
    text = Text()
    last = 0
    for match in BLANK_MARKER.finditer(prompt):
        text.append(prompt[last : match.start()])
        text.append(match.group(0), style="bold reverse")
        last = match.end()
    text.append(prompt[last:])
    return text


def present(exercise: Exercise, *, speech_ready: bool) -> tuple[RenderableType, str]:
    """The exercise as shown, and the input prompt that goes with it."""
    kind = exercise.type
    instruction = _INSTRUCTIONS.get(kind, f"Answer ({kind})")  # type: ignore[call-overload]
    parts: list[RenderableType] = [Text(instruction, style="bold cyan")]
    prompt = "your answer> "
    if kind is ExerciseType.FILL_BLANK:
        parts.append(Text("  ").append_text(_blank(exercise.prompt)))
    elif kind is ExerciseType.LISTEN_TYPE:
        audio = exercise.audio.variants[0].uri if exercise.audio and exercise.audio.variants else None
        parts.append(
            Text(f"  (audio: {audio or 'none'} — no sound in a terminal? '?' shows the words)", style="dim")
        )
    elif kind is ExerciseType.SPEAK:
        parts.append(Text(f"  {exercise.prompt}"))
        parts.append(Text(f"  🗣  {exercise.reference_text}", style="bold"))
        how = (
            "give the path of a recording, or type the sentence"
            if speech_ready
            else ("no speech provider configured: type the sentence")
        )
        parts.append(Text(f"  ({how})", style="dim"))
        prompt = "you say> "
    else:
        parts.append(Text(f"  {exercise.prompt}", style="bold"))
    if kind is ExerciseType.MULTIPLE_CHOICE:
        for number, option in enumerate(exercise.options, 1):
            parts.append(Text(f"  {number}) {option.text}"))
        prompt = "numbers> " if exercise.multiple_answers else "number> "
    elif kind is ExerciseType.WORD_BANK:
        tiles = Text("  ")
        for number, option in enumerate(exercise.options, 1):
            tiles.append(f"[{number} {option.text}]", style="reverse")
            tiles.append(" ")
        parts.append(tiles)
        prompt = "tiles> "
    elif kind is ExerciseType.MATCH_PAIRS:
        rights = right_column(exercise)
        width = max(len(pair.left) for pair in exercise.pairs) + 4
        for index in range(max(len(exercise.pairs), len(rights))):
            left = f"{index + 1}) {exercise.pairs[index].left}" if index < len(exercise.pairs) else ""
            right = f"{chr(ord('a') + index)}) {rights[index]}" if index < len(rights) else ""
            parts.append(Text(f"  {left:<{width + 3}}{right}"))
        prompt = "pairs> "
    return Group(*parts), prompt


def _hint(exercise: Exercise) -> str:
    if exercise.hints:
        return "; ".join(f"{h.word}: {h.text}" if h.word else h.text for h in exercise.hints)
    if exercise.type is ExerciseType.LISTEN_TYPE and exercise.accepted_answers:
        from learncore.domain.grading.answer_syntax import expand_answers

        return f"the audio says: {expand_answers(exercise.accepted_answers)[0]}"
    return "no hint for this one"


# --- playing -------------------------------------------------------------------------------


class LessonPlayer:
    """Plays lessons of one course for one learner through the facade."""

    def __init__(
        self,
        app: Learncore,
        course: Course,
        learner: Learner,
        *,
        console: Console,
        answers: AnswerSource,
        on_answer: Callable[[Exercise, str, AnswerResult], None] | None = None,
    ) -> None:
        self.app = app
        self.course = course
        self.learner = learner
        self.console = console
        self.answers = answers
        self.on_answer = on_answer
        self.max_hearts = app.policies.hearts.max_hearts

    @property
    def speech_ready(self) -> bool:
        """Whether recordings can be scored (a speech provider is configured)."""
        return bool(self.app.speech_chain)

    def status(self, done: int, total: int) -> Text:
        """The header line: hearts, XP today against the goal, streak, lesson progress."""
        stats = self.app.stats(self.learner.id, days=1)
        line = hearts_text(stats.hearts, stats.max_hearts)
        line.append(f"   ⚡ {stats.xp_today}/{stats.daily_goal} XP today   🔥 {stats.current_streak}   ")
        line.append("▰" * done + "▱" * (total - done), style="green")
        line.append(f" {done}/{total}")
        return line

    def _speak(self, exercise: Exercise, raw: str, run_id: UUID, hint_used: bool) -> Any:
        language = self.course.to_language
        candidate = Path(raw).expanduser()
        if self.speech_ready and candidate.suffix and candidate.is_file():
            # The library assesses the recording in the course's language, grades it
            # with the course's pass score and keeps the assessment with the attempt.
            result = self.app.submit_spoken_answer(
                run_id, exercise.id, candidate.read_bytes(), hint_used=hint_used
            )
            kept = next(a.answer for a in self.app.attempts(run_id) if a.id == result.attempt_id)
            return SpokenAnswer(result, kept["pronunciation"], kept["provider"])
        if (
            candidate.suffix.lower() in {".wav", ".mp3", ".ogg", ".flac", ".m4a", ".webm"}
            and not candidate.is_file()
        ):
            raise BadAnswer(f"{raw}: no such recording")
        try:
            return typed_assessment(raw, exercise.reference_text, language)
        except InvalidInput as exc:
            raise BadAnswer(str(exc)) from None

    def _read_answer(
        self, exercise: Exercise, attempt: int, prompt: str, run_id: UUID
    ) -> tuple[str, Any, bool]:
        hint_used = False
        while True:
            raw = self.answers.answer(exercise, attempt, prompt)
            if raw == QUIT:
                raise QuitLesson
            if raw == HINT:
                hint_used = True
                self.console.print(Text(f"  hint: {_hint(exercise)}", style="magenta"))
                continue
            try:
                if exercise.type is ExerciseType.SPEAK:
                    if not raw.strip():
                        raise BadAnswer("say something: type the sentence or give a recording's path")
                    return raw, self._speak(exercise, raw, run_id, hint_used), hint_used
                return raw, parse_answer(exercise, raw), hint_used
            except BadAnswer as problem:
                self.console.print(Text(f"  {problem}", style="red"))
            except SpeechError as problem:  # a provider down, audio rejected: say so, ask again
                self.console.print(Text(f"  {problem}", style="red"))

    def play(self, lesson: Lesson) -> Played:
        """Play ``lesson`` to its end (or until hearts run out, or the learner quits)."""
        played = Played(lesson)
        run = self.app.start_lesson(self.learner.id, lesson.id)
        by_id = {exercise.id: exercise for exercise in run.exercises}
        total = len(run.exercise_ids)
        title = f"{lesson.title}{' (practice)' if run.practice else ''}"
        attempts: dict[Any, int] = {}
        next_id = run.next_exercise_id
        while next_id is not None:
            exercise = by_id[next_id]
            attempts[exercise.id] = attempts.get(exercise.id, 0) + 1
            done = total - len(set(run.queue))
            self.console.print()
            again = " · once more" if attempts[exercise.id] > 1 else ""
            self.console.print(Rule(escape(f"{title}{again}"), style="blue"))
            self.console.print(self.status(done, total))
            shown, prompt = present(exercise, speech_ready=self.speech_ready)
            self.console.print(shown)
            hearts_before = self.app.stats(self.learner.id, days=1).hearts
            try:
                raw, answer, hint_used = self._read_answer(exercise, attempts[exercise.id], prompt, run.id)
            except (QuitLesson, EOFError, KeyboardInterrupt):
                self.app.abandon_lesson(run.id)
                played.status = RunStatus.ABANDONED
                self.console.print(Text("Lesson abandoned: no XP, progress kept as it was.", style="yellow"))
                return played
            if isinstance(answer, SpokenAnswer):  # a recording: already assessed and recorded
                result = answer.result
            else:
                result = self.app.submit_answer(run.id, exercise.id, answer, hint_used=hint_used)
            self._feedback(exercise, answer, result, hearts_before)
            played.answers.append(
                {
                    "exercise": exercise.prompt,
                    "type": str(exercise.type),
                    "typed": raw,
                    "outcome": result.verdict.outcome.value,
                    "hearts_left": result.hearts_left,
                    "requeued": result.requeued,
                }
            )
            if self.on_answer is not None:
                self.on_answer(exercise, raw, result)
            if result.run_status is RunStatus.FAILED:
                played.status = RunStatus.FAILED
                self.console.print(
                    Text(
                        "Out of hearts: the lesson ends here. Next heart "
                        f"{when(result.next_heart_at, self.learner.timezone)}.",
                        style="bold red",
                    )
                )
                return played
            run = self.app.lesson_run(run.id)
            next_id = run.next_exercise_id
        summary = self.app.complete_lesson(run.id)
        played.summary = summary
        played.status = RunStatus.COMPLETED
        self.console.print()
        self.console.print(Rule(escape(f"{title} · done"), style="green"))
        self.console.print(lesson_summary(summary, self.learner.timezone, self.max_hearts))
        return played

    def _feedback(
        self, exercise: Exercise, answer: Any, result: AnswerResult, hearts_before: int | None
    ) -> None:
        chosen = None
        if exercise.type is ExerciseType.MULTIPLE_CHOICE and result.verdict.outcome is Outcome.INCORRECT:
            picked = set(answer) if isinstance(answer, list) else {answer}
            chosen = ", ".join(option.text for option in exercise.options if option.id in picked)
        spoken = exercise.type is ExerciseType.SPEAK
        self.console.print(
            verdict_view(result.verdict, answer_text(exercise, answer), chosen=chosen, spoken=spoken)
        )
        if exercise.type is ExerciseType.SPEAK and hasattr(answer, "pronunciation"):
            self.console.print(
                Text(
                    f"  pronunciation {answer.pronunciation:.0f}/100 (scored by {answer.provider})",
                    style="dim",
                )
            )
        if (
            result.hearts_left is not None
            and hearts_before is not None
            and result.hearts_left < hearts_before
        ):
            line = Text("  ")
            line.append(f"-{hearts_before - result.hearts_left} ♥ ", style="bold red")
            line.append_text(hearts_text(result.hearts_left, self.max_hearts))
            if result.next_heart_at is not None:
                line.append(f"  next heart {when(result.next_heart_at, self.learner.timezone)}", style="dim")
            self.console.print(line)
        if result.requeued and result.run_status is RunStatus.ACTIVE:
            self.console.print(Text("  ↻ this one comes back at the end of the lesson", style="dim"))


def lesson_menu(
    app: Learncore, learner: Learner, course: Course
) -> tuple[list[tuple[Lesson, str]], Lesson | None]:
    """Every lesson with its status, and the lesson to suggest next."""
    progress = {p.lesson_id: p.status.value for p in app.lesson_progress(learner.id, course.id)}
    rows = [(lesson, progress.get(lesson.id, "locked")) for lesson in course.lessons]
    suggested = next((lesson for lesson, status in rows if status in ("in_progress", "available")), None)
    if suggested is None:
        suggested = next((lesson for lesson, status in rows if status == "completed"), None)
    return rows, suggested


def playable(rows: Sequence[tuple[Lesson, str]]) -> list[Lesson]:
    """The lessons that can be started (not locked)."""
    return [lesson for lesson, status in rows if status != "locked"]
