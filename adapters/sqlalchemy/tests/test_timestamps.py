"""created_at and updated_at: on every table, set on insert, moved on update, defaulted by the database."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import attrs
import pytest
from learncore_sqlalchemy.models import (
    EnrollmentRow,
    LanguageRow,
    LearnerRow,
    LessonProgressRow,
    metadata,
)
from learncore_sqlalchemy.storage import SqlStorage
from sqlalchemy import select, text

from learncore.domain.ids import new_id
from learncore.domain.languages import Language
from learncore.domain.learners import Learner
from learncore.domain.progress import Enrollment, LessonProgress, LessonStatus

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _stamps(storage: SqlStorage, model: type, **where: object) -> tuple[datetime, datetime]:
    with storage.unit_of_work() as uow:
        query = select(model.created_at, model.updated_at).filter_by(**where)  # type: ignore[attr-defined]
        created, updated = uow.session.execute(query).one()
    return created, updated


def test_every_table_has_both_timestamps_and_they_are_not_null() -> None:
    for table in metadata.sorted_tables:
        for name in ("created_at", "updated_at"):
            column = table.c.get(name)
            assert column is not None, f"{table.name} has no {name}"
            assert not column.nullable
            assert column.server_default is not None


def test_timestamps_are_set_on_insert_and_updated_at_moves_on_update(any_storage: SqlStorage) -> None:
    before = datetime.now(UTC) - timedelta(seconds=5)
    learner = Learner(id=new_id(), display_name="Ana", created_at=T0)
    enrollment = Enrollment(id=new_id(), learner_id=learner.id, course_id=new_id(), enrolled_at=T0)
    with any_storage.unit_of_work() as uow:
        uow.learners.add(learner)
        uow.progress.save_enrollment(enrollment)
        uow.commit()
    created, updated = _stamps(any_storage, LearnerRow, id=learner.id)
    assert created.tzinfo is UTC
    assert before <= created <= updated <= datetime.now(UTC) + timedelta(seconds=5)

    with any_storage.unit_of_work() as uow:
        uow.learners.update(attrs.evolve(learner, daily_goal=50))
        uow.progress.save_enrollment(attrs.evolve(enrollment, xp=10))
        uow.commit()
    created_again, updated_again = _stamps(any_storage, LearnerRow, id=learner.id)
    assert created_again == created
    assert updated_again > updated
    e_created, e_updated = _stamps(any_storage, EnrollmentRow, id=enrollment.id)
    assert e_updated > e_created


def test_upserts_keep_created_at_and_move_updated_at(any_storage: SqlStorage) -> None:
    learner = Learner(id=new_id(), display_name="Ana", created_at=T0)
    progress = LessonProgress(learner_id=learner.id, lesson_id=new_id(), course_id=new_id())
    with any_storage.unit_of_work() as uow:
        uow.learners.add(learner)
        uow.progress.save_lesson_progress(progress)
        uow.content.save_language(Language("es", "Spanish"))
        uow.commit()
    p_created, p_updated = _stamps(any_storage, LessonProgressRow, learner_id=learner.id)
    l_created, l_updated = _stamps(any_storage, LanguageRow, code="es")
    with any_storage.unit_of_work() as uow:
        uow.progress.save_lesson_progress(attrs.evolve(progress, status=LessonStatus.COMPLETED))
        uow.content.save_language(Language("es", "Castilian"))
        uow.commit()
    assert _stamps(any_storage, LessonProgressRow, learner_id=learner.id)[0] == p_created
    assert _stamps(any_storage, LessonProgressRow, learner_id=learner.id)[1] > p_updated
    assert _stamps(any_storage, LanguageRow, code="es")[0] == l_created
    assert _stamps(any_storage, LanguageRow, code="es")[1] > l_updated


def test_the_database_fills_the_timestamps_of_rows_written_without_the_orm(
    any_storage: SqlStorage,
) -> None:
    tag_id = uuid.uuid4()
    dialect = any_storage.engine.dialect.name
    # Uuid is native on PostgreSQL and 32 hex digits elsewhere.
    value: object = tag_id if dialect == "postgresql" else tag_id.hex
    with any_storage.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO lc_tags (id, name, category) VALUES (:id, 'food', 'topic')"),
            {"id": value},
        )
    from learncore_sqlalchemy.models import TagRow

    created, updated = _stamps(any_storage, TagRow, id=tag_id)
    assert abs(created - datetime.now(UTC)) < timedelta(minutes=2)
    assert created == updated


@pytest.mark.parametrize("zone_hours", [0, 5, -8])
def test_instants_round_trip_in_utc_whatever_their_offset(any_storage: SqlStorage, zone_hours: int) -> None:
    from datetime import timezone

    local = datetime(2026, 3, 29, 2, 30, 15, 123456, tzinfo=timezone(timedelta(hours=zone_hours)))
    learner = Learner(id=new_id(), display_name="Ana", created_at=local)
    with any_storage.unit_of_work() as uow:
        uow.learners.add(learner)
        uow.commit()
    with any_storage.unit_of_work() as uow:
        loaded = uow.learners.get(learner.id)
    assert loaded is not None
    assert loaded.created_at == local
    assert loaded.created_at is not None
    assert loaded.created_at.tzinfo is UTC
