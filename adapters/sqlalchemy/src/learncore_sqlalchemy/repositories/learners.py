"""Learner profiles."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from learncore.domain.learners import Learner
from learncore.errors import AlreadyExists, UnknownLearner
from learncore_sqlalchemy.error_translation import Failure, classify
from learncore_sqlalchemy.mapping.learners import learner_from_row, learner_values
from learncore_sqlalchemy.models import LearnerRow
from learncore_sqlalchemy.repositories.statements import domain_columns, execute
from learncore_sqlalchemy.transaction import SqlTransaction

__all__ = ["SqlLearnerRepository", "learner_exists"]

_learners: Table = LearnerRow.__table__  # type: ignore[assignment]
_ADD = insert(_learners)
_GET = select(*domain_columns(_learners)).where(_learners.c.id == bindparam("id"))
_LOCK = _GET.with_for_update()
_UPDATE = update(_learners).where(_learners.c.id == bindparam("learner_id"))
_EXISTS = select(_learners.c.id).where(_learners.c.id == bindparam("id"))


def learner_exists(tx: SqlTransaction, learner_id: UUID) -> bool:
    """Whether the learner exists; asked after a foreign-key failure to name what was missing.

    Not on PostgreSQL, which refuses every statement after an error until rollback.
    """
    return execute(tx, _EXISTS, {"id": learner_id}).first() is not None


class SqlLearnerRepository:
    """:class:`~learncore.ports.storage.LearnerRepository` in a unit of work's transaction."""

    def __init__(self, tx: SqlTransaction) -> None:
        self._tx = tx

    def add(self, learner: Learner) -> None:
        """Insert a new learner; :class:`AlreadyExists` if the id is taken."""
        try:
            with self._tx.savepoint():  # a conflict leaves the unit of work usable
                execute(self._tx, _ADD, learner_values(learner))
        except IntegrityError as exc:
            if classify(exc) is Failure.UNIQUE:
                raise AlreadyExists("learner", learner.id) from None
            raise

    def get(self, learner_id: UUID, *, for_update: bool = False) -> Learner | None:
        """The learner with ``learner_id`` (row-locked until the unit of work ends with ``for_update``)."""
        row = execute(self._tx, _LOCK if for_update else _GET, {"id": learner_id}).first()
        return None if row is None else learner_from_row(row)

    def update(self, learner: Learner) -> None:
        """Replace a stored learner; :class:`UnknownLearner` if absent."""
        values = learner_values(learner)
        values["learner_id"] = values.pop("id")
        if execute(self._tx, _UPDATE, values).rowcount == 0:
            raise UnknownLearner(learner.id)

    def delete(self, learner_id: UUID) -> bool:
        """Remove a learner; the database cascades to everything they own. True if they existed."""
        self._tx.read_along.forget_learner(learner_id)
        session = self._tx.session
        result = session.execute(
            delete(LearnerRow).where(LearnerRow.id == learner_id),
            execution_options={"synchronize_session": "fetch"},
        )
        # The cascade happened in the database; drop any loaded rows it removed.
        for row in list(session.identity_map.values()):
            if getattr(row, "learner_id", None) == learner_id:
                session.expunge(row)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def list(self, *, limit: int = 100, offset: int = 0) -> Sequence[Learner]:
        """Learners ordered by id, one page at a time."""
        rows = self._tx.session.execute(
            select(LearnerRow).order_by(LearnerRow.id).limit(limit).offset(offset)
        ).scalars()
        return [learner_from_row(row) for row in rows]
