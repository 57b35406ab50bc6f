"""Per-learner running totals: the counters achievements and stats read.

They are kept up to date on every completion, so evaluating achievements costs O(1);
:func:`learncore.domain.achievements.recount_totals` rebuilds them from history for
a backfill.
"""

from __future__ import annotations

from uuid import UUID

import attrs

from learncore.domain.validation import in_range, is_uuid

__all__ = ["LearnerTotals"]

_count = in_range(0, 2**62)


@attrs.frozen
class LearnerTotals:
    """Lifetime counters of one learner. ``total_xp`` always equals the sum of their ledger."""

    learner_id: UUID = attrs.field(validator=is_uuid)
    total_xp: int = attrs.field(default=0, validator=_count)
    lessons_completed: int = attrs.field(default=0, validator=_count)
    perfect_lessons: int = attrs.field(default=0, validator=_count)
    courses_completed: int = attrs.field(default=0, validator=_count)
    speaking_passed: int = attrs.field(default=0, validator=_count)
