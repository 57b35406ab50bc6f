"""Finding learners and courses from what people type: an id, a name or a slug."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING
from uuid import UUID

from learncore_cli.errors import DataError

if TYPE_CHECKING:
    from learncore import Learncore
    from learncore.domain.learners import Learner

__all__ = ["NoSuchLearner", "all_learners", "find_learner"]

_PAGE = 200


class NoSuchLearner(DataError):
    """No learner has the name or id given."""


def all_learners(app: Learncore) -> Iterator[Learner]:
    """Every learner, page by page."""
    offset = 0
    while True:
        with app.transaction() as uow:
            page = list(uow.learners.list(limit=_PAGE, offset=offset))
        yield from page
        if len(page) < _PAGE:
            return
        offset += _PAGE


def find_learner(app: Learncore, ref: str, *, argument: str = "LEARNER") -> Learner:
    """The learner with id ``ref``, else the one whose display name is ``ref`` (any case)."""
    try:
        learner_id = UUID(ref)
    except ValueError:
        learner_id = None
    if learner_id is not None:
        return app.learner(learner_id)
    learners = list(all_learners(app))
    matches = [learner for learner in learners if learner.display_name.casefold() == ref.casefold()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        ids = ", ".join(str(learner.id) for learner in matches)
        raise DataError(
            f"{argument}: {len(matches)} learners are named {ref!r}; pass one of their ids: {ids}"
        )
    known = ", ".join(sorted(learner.display_name for learner in learners)[:10]) or "none yet"
    raise NoSuchLearner(f"{argument}: no learner named {ref!r} (learners: {known})")
