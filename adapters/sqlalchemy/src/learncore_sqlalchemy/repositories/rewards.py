"""The XP ledger, streak, hearts, hearts log and totals: one Core statement per call.

Every save is an atomic upsert, so a row written for the first time by two units of
work at once is inserted once and updated once instead of failing. Reads with
``for_update=True`` lock the row (``SELECT ... FOR UPDATE`` on servers); the services
take those locks in the order the storage port documents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import ColumnElement, Table, bindparam, func, insert, select
from sqlalchemy.exc import IntegrityError

from learncore.domain.hearts import HeartsLogEntry, HeartsState
from learncore.domain.ledger import LedgerDay
from learncore.domain.streaks import StreakState
from learncore.domain.totals import LearnerTotals
from learncore.errors import AlreadyExists, ConcurrentUpdate, UnknownLearner
from learncore_sqlalchemy.error_translation import Failure, classify, mentions
from learncore_sqlalchemy.mapping.rewards import (
    hearts_from_row,
    hearts_log_from_row,
    hearts_log_values,
    hearts_values,
    ledger_day_from_row,
    ledger_day_values,
    streak_from_row,
    streak_values,
    totals_from_row,
    totals_values,
)
from learncore_sqlalchemy.models import (
    HeartsLogRow,
    HeartsRow,
    LearnerTotalsRow,
    LedgerDayRow,
    StreakRow,
)
from learncore_sqlalchemy.repositories.statements import domain_columns, execute, upsert
from learncore_sqlalchemy.transaction import SqlTransaction

__all__ = ["SqlRewardRepository"]

_ledger: Table = LedgerDayRow.__table__  # type: ignore[assignment]
_streaks: Table = StreakRow.__table__  # type: ignore[assignment]
_hearts: Table = HeartsRow.__table__  # type: ignore[assignment]
_hearts_log: Table = HeartsLogRow.__table__  # type: ignore[assignment]
_totals: Table = LearnerTotalsRow.__table__  # type: ignore[assignment]


def _changed(table: Table, *key: str) -> list[str]:
    fixed = {"id", "created_at", "updated_at", *key}
    return [column.name for column in table.columns if column.name not in fixed]


_LEDGER_CHANGED = _changed(_ledger, "learner_id", "day")
_STREAK_CHANGED = _changed(_streaks, "learner_id")
_HEARTS_CHANGED = _changed(_hearts, "learner_id")
_TOTALS_CHANGED = _changed(_totals, "learner_id")


def _getters(table: Table, *where: ColumnElement[bool]) -> tuple[Any, Any]:
    """The plain and the row-locking query of one row."""
    query = select(*domain_columns(table)).where(*where)
    return query, query.with_for_update()


_LEARNER: Any = bindparam("learner_id")
_GET_LEDGER_DAY = _getters(_ledger, _ledger.c.learner_id == _LEARNER, _ledger.c.day == bindparam("day"))
_GET_STREAK = _getters(_streaks, _streaks.c.learner_id == _LEARNER)
_GET_HEARTS = _getters(_hearts, _hearts.c.learner_id == _LEARNER)
_GET_TOTALS = _getters(_totals, _totals.c.learner_id == _LEARNER)
_LOG_VALUES = ["id", "learner_id", "occurred_at", "delta", "resulting", "reason", "run_id"]
# Numbered after the learner's last entry, in the same statement.
_APPEND_HEARTS_LOG = insert(_hearts_log).from_select(
    [*_LOG_VALUES, "seq"],
    select(
        *(bindparam(name, type_=_hearts_log.c[name].type) for name in _LOG_VALUES),
        func.coalesce(func.max(_hearts_log.c.seq), 0) + 1,
    ).where(_hearts_log.c.learner_id == bindparam("learner_id")),
)


class SqlRewardRepository:
    """:class:`~learncore.ports.storage.RewardRepository` in a unit of work's transaction."""

    def __init__(self, tx: SqlTransaction) -> None:
        self._tx = tx

    def _get(self, queries: tuple[Any, Any], params: dict[str, Any], *, for_update: bool) -> Any:
        return execute(self._tx, queries[for_update], params).first()

    def _save(
        self, table: Table, values: Mapping[str, Any], *, key: list[str], changed: list[str]
    ) -> None:
        try:
            upsert(self._tx, table, [dict(values)], key=key, update=changed)
        except IntegrityError as exc:
            if classify(exc) is Failure.FOREIGN_KEY:
                raise UnknownLearner(values["learner_id"]) from None
            raise

    # --- ledger -----------------------------------------------------------------------

    def get_ledger_day(
        self, learner_id: UUID, day: date, *, for_update: bool = False
    ) -> LedgerDay | None:
        """The ledger row of one learner-local day (row-locked with ``for_update``)."""
        params = {"learner_id": learner_id, "day": day}
        row = self._get(_GET_LEDGER_DAY, params, for_update=for_update)
        return None if row is None else ledger_day_from_row(row)

    def save_ledger_day(self, entry: LedgerDay) -> None:
        """Insert or replace the row for (learner, day), atomically."""
        values = {"id": uuid4(), **ledger_day_values(entry)}
        self._save(_ledger, values, key=["learner_id", "day"], changed=_LEDGER_CHANGED)

    def list_ledger(
        self, learner_id: UUID, *, since: date | None = None, until: date | None = None
    ) -> Sequence[LedgerDay]:
        """The learner's rows with ``since <= day <= until``, oldest first."""
        c = _ledger.c
        query = select(_ledger).where(c.learner_id == learner_id)
        if since is not None:
            query = query.where(c.day >= since)
        if until is not None:
            query = query.where(c.day <= until)
        return [ledger_day_from_row(row) for row in execute(self._tx, query.order_by(c.day))]

    # --- streak, hearts, totals (one row per learner) ---------------------------------------

    def get_streak(self, learner_id: UUID, *, for_update: bool = False) -> StreakState | None:
        """The learner's streak state (row-locked with ``for_update``)."""
        row = self._get(_GET_STREAK, {"learner_id": learner_id}, for_update=for_update)
        return None if row is None else streak_from_row(row)

    def save_streak(self, state: StreakState) -> None:
        """Insert or replace the learner's streak state."""
        self._save(_streaks, streak_values(state), key=["learner_id"], changed=_STREAK_CHANGED)

    def get_hearts(self, learner_id: UUID, *, for_update: bool = False) -> HeartsState | None:
        """The learner's hearts (row-locked with ``for_update``).

        A plain read takes the row read along with the learner's run in this unit of
        work, when there was one (see ``ReadAlong``); so does a locking one where every
        read locks (SQLite).
        """
        read_along = self._tx.read_along.hearts
        if (not for_update or self._tx.reads_lock) and learner_id in read_along:
            return read_along[learner_id]
        row = self._get(_GET_HEARTS, {"learner_id": learner_id}, for_update=for_update)
        return None if row is None else hearts_from_row(row)

    def save_hearts(self, state: HeartsState) -> None:
        """Insert or replace the learner's hearts state."""
        self._tx.read_along.forget_learner(state.learner_id)
        self._save(_hearts, hearts_values(state), key=["learner_id"], changed=_HEARTS_CHANGED)

    def get_totals(self, learner_id: UUID, *, for_update: bool = False) -> LearnerTotals | None:
        """The learner's running totals (row-locked with ``for_update``)."""
        row = self._get(_GET_TOTALS, {"learner_id": learner_id}, for_update=for_update)
        return None if row is None else totals_from_row(row)

    def save_totals(self, totals: LearnerTotals) -> None:
        """Insert or replace the learner's running totals."""
        self._save(_totals, totals_values(totals), key=["learner_id"], changed=_TOTALS_CHANGED)

    # --- hearts log ---------------------------------------------------------------------

    def append_hearts_log(self, entry: HeartsLogEntry) -> None:
        """Record one change of a learner's hearts, numbered after the learner's last entry.

        One ``INSERT ... SELECT`` computes the number. The services append while holding
        the hearts row lock, so numbers never collide; if two writers ever did, the
        unique key refuses the second one as a :class:`ConcurrentUpdate` to retry.
        """
        try:
            execute(self._tx, _APPEND_HEARTS_LOG, hearts_log_values(entry))
        except IntegrityError as exc:
            failure = classify(exc)
            if failure is Failure.FOREIGN_KEY:
                raise UnknownLearner(entry.learner_id) from None
            if failure is Failure.UNIQUE and not mentions(exc, "seq"):
                raise AlreadyExists("hearts log entry", entry.id) from None
            if failure is Failure.UNIQUE:
                raise ConcurrentUpdate(
                    f"the hearts log of learner {entry.learner_id} was appended to by another "
                    "transaction at the same time; retry"
                ) from None
            raise

    def list_hearts_log(
        self, learner_id: UUID, *, limit: int | None = None
    ) -> Sequence[HeartsLogEntry]:
        """The learner's hearts log, newest first; equal times, last appended first."""
        c = _hearts_log.c
        query = (
            select(_hearts_log)
            .where(c.learner_id == learner_id)
            .order_by(c.occurred_at.desc(), c.seq.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        return [hearts_log_from_row(row) for row in execute(self._tx, query)]
