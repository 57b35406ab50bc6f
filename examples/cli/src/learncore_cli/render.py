"""How learncore's results look in a terminal: verdicts with the wrong letters marked,
hearts, XP bars, lesson summaries, import reports and pronunciation tables.

Everything here builds rich renderables from facade results and never calls the
facade itself. Marks that matter (the wrong letters) are drawn twice: underlined
in colour, and with a ``^`` line beneath for terminals and logs without colour.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from learncore.content import ImportReport, ValidationReport
from learncore.domain.achievements import AchievementUnlock
from learncore.domain.grading.verdict import Outcome, TokenLabel, Verdict, VerdictToken
from learncore.domain.lesson_runs import LessonSummary
from learncore.domain.pronunciation import PronunciationAssessment, WordError
from learncore.domain.stats import DayXp, LearnerStats

__all__ = [
    "achievement_line",
    "assessment_table",
    "caret_line",
    "hearts_text",
    "import_report_table",
    "lesson_summary",
    "marked_offsets",
    "stats_view",
    "validation_view",
    "verdict_view",
    "when",
    "xp_chart",
]

HEART, EMPTY_HEART = "♥", "♡"
BAR = "█"

_HEADLINES = {
    Outcome.CORRECT: ("✓ Correct!", "bold green"),
    Outcome.TYPO: ("✓ Correct, with a typo", "bold yellow"),
    Outcome.ACCENT: ("✓ Correct, but mind the accents", "bold yellow"),
    Outcome.INCORRECT: ("✗ Not quite", "bold red"),
}
_NOTES = {
    TokenLabel.TYPO: "typo",
    TokenLabel.MISSING_ACCENT: "missing or wrong accent",
    TokenLabel.WRONG_WORD: "wrong word",
    TokenLabel.EXTRA_WORD: "not needed",
    TokenLabel.MISSING_WORD: "missing",
}


_LETTER_LABELS = (TokenLabel.TYPO, TokenLabel.MISSING_ACCENT)
_WORD_STYLES = {
    TokenLabel.OK: "green",
    TokenLabel.WRONG_WORD: "red underline",
    TokenLabel.EXTRA_WORD: "red strike",
}


def _marks(token: VerdictToken) -> range | tuple[int, ...]:
    """The offsets within ``token`` that are wrong: the letters of a typo or accent, else the word."""
    if token.label in _LETTER_LABELS and token.positions:
        return token.positions
    if token.label in (*_LETTER_LABELS, TokenLabel.WRONG_WORD, TokenLabel.EXTRA_WORD):
        return range(len(token.text))
    return ()


def marked_offsets(verdict: Verdict) -> list[int]:
    """The offsets in the learner's answer that grading found wrong: the exact letters of
    typos and accents, whole words when the word is wrong or not needed."""
    return sorted(
        token.start + offset
        for token in verdict.tokens
        if token.start is not None
        for offset in _marks(token)
    )


def _answer_text(answer: str, verdict: Verdict) -> Text:
    text = Text(answer)
    for token in verdict.tokens:
        if token.start is None:
            continue
        end = token.start + len(token.text)
        if token.label in _LETTER_LABELS:
            text.stylize("yellow", token.start, end)
            for offset in _marks(token):
                text.stylize("bold underline", token.start + offset, token.start + offset + 1)
        elif token.label in _WORD_STYLES:
            text.stylize(_WORD_STYLES[token.label], token.start, end)
    return text


def caret_line(answer: str, offsets: Iterable[int]) -> str:
    """A line of ``^`` under the given offsets of ``answer``, aligned by terminal cells."""
    wanted = set(offsets)
    line = []
    for index, char in enumerate(answer):
        width = max(cell_len(char), 1)
        line.append(("^" if index in wanted else " ") * width)
    return "".join(line).rstrip()


_SPOKEN_NOTES = {
    TokenLabel.WRONG_WORD: "not said clearly",
    TokenLabel.EXTRA_WORD: "said, but not in the sentence",
    TokenLabel.MISSING_WORD: "not said",
}


def _note(token: VerdictToken, *, spoken: bool = False) -> str | None:
    label = (_SPOKEN_NOTES if spoken else _NOTES).get(token.label)
    if label is None:
        return None
    if token.label is TokenLabel.MISSING_WORD:
        return f"{token.expected!r}: {label}" if spoken else f"{token.expected!r} is {label}"
    if token.label is TokenLabel.EXTRA_WORD:
        return f"{token.text!r}: {label}" if spoken else f"{token.text!r} is {label}"
    if token.expected and token.expected != token.text:
        return f"{token.text} → {token.expected} ({label})"
    return f"{token.text} ({label})"


def verdict_view(
    verdict: Verdict,
    answer: str | None,
    *,
    chosen: str | None = None,
    spoken: bool = False,
    indent: str = "  ",
) -> RenderableType:
    """The feedback for one answer: the outcome, the answer with wrong letters marked, and notes.

    ``answer`` is the typed text (or the placed tiles joined by spaces); token offsets
    refer to it. ``chosen`` describes a picked option instead; ``spoken`` words are
    described as heard or not.
    """
    headline, style = _HEADLINES[verdict.outcome]
    parts: list[RenderableType] = [Text(headline, style=style)]
    typed = answer is not None and any(token.start is not None for token in verdict.tokens)
    if typed and answer is not None:
        offsets = marked_offsets(verdict)
        label = f"{indent}you wrote: "
        line = Text(label)
        line.append_text(_answer_text(answer, verdict))
        parts.append(line)
        if offsets:
            parts.append(Text(" " * cell_len(label) + caret_line(answer, offsets), style="bold"))
    if chosen is not None:
        parts.append(Text(f"{indent}you chose: {chosen}"))
    else:
        style = "yellow" if verdict.accepted else "red"
        notes = [note for token in verdict.tokens if (note := _note(token, spoken=spoken))]
        parts.extend(Text(f"{indent}• {note}", style=style) for note in notes)
    if verdict.outcome is not Outcome.CORRECT and verdict.matched:
        parts.append(Text(f"{indent}correct answer: {verdict.matched}", style="bold"))
    return Group(*parts)


def hearts_text(hearts: int | None, max_hearts: int = 5) -> Text:
    """``♥♥♥♡♡`` in red, or ``∞`` for unlimited hearts."""
    if hearts is None:
        return Text("∞ hearts", style="red")
    return Text(HEART * hearts + EMPTY_HEART * max(max_hearts - hearts, 0), style="red")


def when(instant: datetime | None, timezone: str = "UTC") -> str:
    """A short local time such as ``Tue 03 Mar 12:00 (Europe/Madrid)``."""
    if instant is None:
        return "-"
    local = instant.astimezone(ZoneInfo(timezone))
    return f"{local:%a %d %b %H:%M} ({timezone})"


def achievement_line(unlock: AchievementUnlock) -> Text:
    """``🏆 Scholar: First lesson``."""
    return Text(f"🏆 {unlock.title or unlock.key} (tier {unlock.tier}, {unlock.key})", style="bold magenta")


def xp_chart(days: Sequence[DayXp], *, width: int = 30) -> Table:
    """XP per day as horizontal bars, with a ✓ on the days the daily goal was met."""
    top = max((day.xp for day in days), default=0)
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="left", style="dim")
    table.add_column(justify="left")
    table.add_column(justify="right")
    table.add_column(justify="left")
    for day in days:
        length = round(width * day.xp / top) if top else 0
        if day.xp and not length:
            length = 1
        bar = Text(BAR * length, style="green" if day.goal_met else "yellow")
        table.add_row(f"{day.day:%a %d %b}", bar, f"{day.xp} XP", "✓ goal" if day.goal_met else "")
    return table


def stats_view(stats: LearnerStats, name: str, timezone: str) -> RenderableType:
    """A learner's profile: XP chart, totals, streak, hearts with the next refill, achievements."""
    lines: list[RenderableType] = [Text(f"{name} — {stats.total_xp} XP in total", style="bold")]
    lines.append(Text(f"XP per day (last {len(stats.xp_by_day)} days):"))
    lines.append(xp_chart(stats.xp_by_day))
    goal = "met ✓" if stats.goal_met_today else "not met yet"
    lines.append(Text(f"Today: {stats.xp_today}/{stats.daily_goal} XP daily goal, {goal}"))
    streak = Text(
        f"🔥 Streak: {stats.current_streak} day{'s' if stats.current_streak != 1 else ''}"
        f" (longest {stats.longest_streak}, freezes held {stats.freezes_held})"
    )
    if stats.streak_at_risk:
        streak.append(" — practise today to keep it", style="yellow")
    lines.append(streak)
    hearts = Text("Hearts: ")
    hearts.append_text(hearts_text(stats.hearts, stats.max_hearts))
    if stats.hearts is not None:
        hearts.append(f" {stats.hearts}/{stats.max_hearts}")
        if stats.next_heart_at is not None:
            hearts.append(f", next heart {when(stats.next_heart_at, timezone)}")
        else:
            hearts.append(", full")
    lines.append(hearts)
    lines.append(
        Text(
            f"Lessons completed: {stats.lessons_completed} (perfect: {stats.perfect_lessons}), "
            f"courses completed: {stats.courses_completed}"
        )
    )
    lines.append(Text(f"Spoken answers passed: {stats.speaking_passed}"))
    if stats.achievements:
        lines.append(Text("Achievements:"))
        lines += [Text("  ").append_text(achievement_line(unlock)) for unlock in stats.achievements]
    else:
        lines.append(Text("Achievements: none yet"))
    return Group(*lines)


def lesson_summary(summary: LessonSummary, timezone: str, max_hearts: int = 5) -> RenderableType:
    """The end-of-lesson screen: score, XP breakdown, daily goal, streak, hearts, achievements."""
    xp = summary.xp
    breakdown = [f"{xp.base} lesson"]
    if xp.perfect_bonus:
        breakdown.append(f"+ {xp.perfect_bonus} perfect bonus")
    if xp.drill:
        breakdown.append(f"+ {xp.drill} practice")
    if xp.replay_reduction:
        breakdown.append(f"− {xp.replay_reduction} replay")
    if xp.capped:
        breakdown.append(f"− {xp.capped} over the daily cap")
    lines: list[RenderableType] = [
        Text(
            f"Lesson complete! Score {summary.score:.0f}%"
            f"{' — perfect!' if summary.perfect else f', {summary.mistakes} mistake(s)'}",
            style="bold green",
        ),
        Text(f"  +{xp.total} XP ({' '.join(breakdown)}), {summary.total_xp} XP in total"),
    ]
    filled = min(summary.xp_today, summary.daily_goal)
    goal_bar = Text("  Daily goal: ")
    goal_bar.append(BAR * round(20 * filled / summary.daily_goal), style="green")
    goal_bar.append("░" * (20 - round(20 * filled / summary.daily_goal)), style="dim")
    goal_bar.append(f" {summary.xp_today}/{summary.daily_goal} XP")
    if summary.goal_just_met:
        goal_bar.append(" — goal reached today! 🎯", style="bold green")
    elif summary.goal_met:
        goal_bar.append(" ✓", style="green")
    lines.append(goal_bar)
    streak = summary.streak
    text = f"  🔥 Streak: {streak.after} day{'s' if streak.after != 1 else ''}"
    if streak.extended:
        text += f" (was {streak.before}, extended today)"
    if streak.frozen_days:
        text += f", {len(streak.frozen_days)} freeze(s) used"
    if streak.lost:
        text += f", a {streak.lost}-day streak was lost"
    lines.append(Text(text))
    hearts = Text("  Hearts: ")
    hearts.append_text(hearts_text(summary.hearts_left, max_hearts))
    if summary.next_heart_at is not None:
        hearts.append(f", next heart {when(summary.next_heart_at, timezone)}")
    lines.append(hearts)
    lines.extend(
        Text("  Achievement unlocked: ").append_text(achievement_line(unlock))
        for unlock in summary.achievements
    )
    if summary.course_completed:
        lines.append(Text("  Course completed! 🎓", style="bold magenta"))
    return Group(*lines)


def import_report_table(report: ImportReport) -> RenderableType:
    """What an import added, changed and removed, level by level."""
    state = "unchanged" if report.unchanged else ("created" if report.created else "updated")
    title = Text(f"{report.slug}: {state}, version {report.version}", style="bold")
    table = Table("level", "added", "changed", "removed", "unchanged")
    for name in ("sections", "units", "lessons", "exercises"):
        counts = getattr(report, name)
        table.add_row(
            name, str(counts.added), str(counts.changed), str(counts.removed), str(counts.unchanged)
        )
    parts: list[RenderableType] = [title, table]
    if report.archived_progress:
        parts.append(
            Text(f"Progress records archived (their lessons were removed): {report.archived_progress}")
        )
    if report.restored_progress:
        parts.append(Text(f"Progress records restored: {report.restored_progress}"))
    parts.extend(Text(f"unsupported: {problem}", style="yellow") for problem in report.unsupported)
    parts.extend(Text(str(problem), style="yellow") for problem in report.warnings)
    return Group(*parts)


def validation_view(report: ValidationReport) -> RenderableType:
    """Every problem of a course, one per line, then a count."""
    parts: list[RenderableType] = []
    for problem in report.problems:
        style = "red" if problem.severity.value == "error" else "yellow"
        parts.append(Text(str(problem), style=style))
    errors, warnings = len(report.errors), len(report.warnings)
    if report.ok:
        parts.append(Text(f"✓ {report.path}: valid ({warnings} warning(s))", style="green"))
    else:
        parts.append(Text(f"✗ {report.path}: {errors} error(s), {warnings} warning(s)", style="bold red"))
    return Group(*parts)


_ERROR_STYLES = {
    WordError.NONE: "green",
    WordError.MISPRONUNCIATION: "red",
    WordError.OMISSION: "yellow",
    WordError.INSERTION: "magenta",
}


def assessment_table(assessment: PronunciationAssessment) -> RenderableType:
    """Overall scores, then one row per word with its accuracy and error type."""
    scores = (
        f"pronunciation {assessment.pronunciation:.0f}, accuracy {assessment.accuracy:.0f}, "
        f"fluency {assessment.fluency:.0f}, completeness {assessment.completeness:.0f}"
    )
    if assessment.prosody is not None:
        scores += f", prosody {assessment.prosody:.0f}"
    header = Text(f"{scores} (provider: {assessment.provider})", style="bold")
    heard = Text(f"heard: {assessment.recognized_text or '-'}")
    table = Table("word", "accuracy", "error", "offset ms", "duration ms")
    for word in assessment.words:
        accuracy = f"{word.accuracy:.0f}" if word.scored else "unscored"
        table.add_row(
            word.word,
            accuracy,
            Text(word.error.value, style=_ERROR_STYLES.get(word.error, "")),
            "-" if word.offset_ms is None else str(word.offset_ms),
            "-" if word.duration_ms is None else str(word.duration_ms),
        )
    return Group(header, heard, table)
