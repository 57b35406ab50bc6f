"""The learning loop, content versions and reference data

Runs and attempts, the XP ledger, streaks, hearts and their log, totals, achievement
unlocks; course versions, source keys and archived lesson progress; the seeded
achievement definitions and exercise types. Lesson progress gains an index by lesson
(archiving on course import finds rows by lesson); courses gain ``tree_revision``
(storages cache loaded trees by it).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 22:38:20.659770
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql, postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Types as they were at this revision: a migration must not change when the models do.
UTC_DATETIME = sa.DateTime(timezone=True).with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
JSON_DOCUMENT = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")


def _now() -> sa.TextClause:
    # DATETIME(6) on MariaDB/MySQL needs a default of the same precision.
    if op.get_context().dialect.name in ("mysql", "mariadb"):
        return sa.text("CURRENT_TIMESTAMP(6)")
    return sa.text("CURRENT_TIMESTAMP")


def upgrade() -> None:
    with op.batch_alter_table("lc_courses") as batch:
        batch.add_column(sa.Column("tree_revision", sa.Uuid(), nullable=True))
    op.create_table(
        "lc_achievements",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("tiers", JSON_DOCUMENT, nullable=False),
        sa.Column("provider", sa.String(length=100), nullable=False),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_achievements")),
        sa.UniqueConstraint("key", name=op.f("uq_lc_achievements_key")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_table(
        "lc_course_source_keys",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("source_key", sa.Text(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_course_source_keys")),
        sa.UniqueConstraint(
            "course_id", "entity_id", name=op.f("uq_lc_course_source_keys_course_id_entity_id")
        ),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_table(
        "lc_course_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("versioned_at", UTC_DATETIME, nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=2048), nullable=False),
        sa.Column("changes", JSON_DOCUMENT, nullable=False),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_course_versions")),
        sa.UniqueConstraint("course_id", "version", name=op.f("uq_lc_course_versions_course_id_version")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_table(
        "lc_exercise_types",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("provider", sa.String(length=100), nullable=False),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_exercise_types")),
        sa.UniqueConstraint("name", name=op.f("uq_lc_exercise_types_name")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_table(
        "lc_achievement_unlocks",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("learner_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("tier", sa.Integer(), nullable=False),
        sa.Column("unlocked_at", UTC_DATETIME, nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("threshold", sa.BigInteger(), nullable=False),
        sa.Column("backfilled", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["lc_learners.id"],
            name=op.f("fk_lc_achievement_unlocks_learner_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_achievement_unlocks")),
        sa.UniqueConstraint(
            "learner_id", "key", "tier", name=op.f("uq_lc_achievement_unlocks_learner_id_key_tier")
        ),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_table(
        "lc_archived_lesson_progress",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("learner_id", sa.Uuid(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("best_score", sa.Double(), nullable=True),
        sa.Column("last_score", sa.Double(), nullable=True),
        sa.Column("completion_count", sa.Integer(), nullable=False),
        sa.Column("time_spent_seconds", sa.Double(), nullable=False),
        sa.Column("changed_at", UTC_DATETIME, nullable=True),
        sa.Column("course_version", sa.Integer(), nullable=False),
        sa.Column("archived_at", UTC_DATETIME, nullable=False),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["lc_learners.id"],
            name=op.f("fk_lc_archived_lesson_progress_learner_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_archived_lesson_progress")),
        sa.UniqueConstraint(
            "learner_id", "lesson_id", name=op.f("uq_lc_archived_lesson_progress_learner_id_lesson_id")
        ),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(
        op.f("ix_lc_archived_lesson_progress_course_id_lesson_id"),
        "lc_archived_lesson_progress",
        ["course_id", "lesson_id"],
        unique=False,
    )
    op.create_table(
        "lc_hearts",
        sa.Column("learner_id", sa.Uuid(), nullable=False),
        sa.Column("hearts", sa.Integer(), nullable=False),
        sa.Column("changed_at", UTC_DATETIME, nullable=False),
        sa.Column("unlimited", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.CheckConstraint("hearts >= 0", name=op.f("ck_lc_hearts_hearts_not_negative")),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["lc_learners.id"], name=op.f("fk_lc_hearts_learner_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("learner_id", name=op.f("pk_lc_hearts")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_table(
        "lc_hearts_log",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("learner_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("occurred_at", UTC_DATETIME, nullable=False),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.Column("resulting", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("run_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.CheckConstraint("resulting >= 0", name=op.f("ck_lc_hearts_log_resulting_not_negative")),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["lc_learners.id"], name=op.f("fk_lc_hearts_log_learner_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_hearts_log")),
        sa.UniqueConstraint("learner_id", "seq", name=op.f("uq_lc_hearts_log_learner_id_seq")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(
        op.f("ix_lc_hearts_log_learner_id_occurred_at"),
        "lc_hearts_log",
        ["learner_id", "occurred_at"],
        unique=False,
    )
    op.create_table(
        "lc_learner_totals",
        sa.Column("learner_id", sa.Uuid(), nullable=False),
        sa.Column("total_xp", sa.BigInteger(), nullable=False),
        sa.Column("lessons_completed", sa.Integer(), nullable=False),
        sa.Column("perfect_lessons", sa.Integer(), nullable=False),
        sa.Column("courses_completed", sa.Integer(), nullable=False),
        sa.Column("speaking_passed", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.CheckConstraint(
            "total_xp >= 0 AND lessons_completed >= 0", name=op.f("ck_lc_learner_totals_counts_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["lc_learners.id"],
            name=op.f("fk_lc_learner_totals_learner_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("learner_id", name=op.f("pk_lc_learner_totals")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_table(
        "lc_ledger_days",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("learner_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("xp", sa.BigInteger(), nullable=False),
        sa.Column("goal", sa.Integer(), nullable=False),
        sa.Column("lessons_completed", sa.Integer(), nullable=False),
        sa.Column("freezes_granted", sa.Integer(), nullable=False),
        sa.Column("repaired", sa.Boolean(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("day_start_hour", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.CheckConstraint(
            "xp >= 0 AND lessons_completed >= 0", name=op.f("ck_lc_ledger_days_counts_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["lc_learners.id"], name=op.f("fk_lc_ledger_days_learner_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_ledger_days")),
        sa.UniqueConstraint("learner_id", "day", name=op.f("uq_lc_ledger_days_learner_id_day")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_table(
        "lc_lesson_runs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("learner_id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("started_at", UTC_DATETIME, nullable=False),
        sa.Column("exercise_ids", JSON_DOCUMENT, nullable=False),
        sa.Column("queue", JSON_DOCUMENT, nullable=False),
        sa.Column("practice", sa.Boolean(), nullable=False),
        sa.Column("consumes_hearts", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("mistakes", sa.Integer(), nullable=False),
        sa.Column("first_try_correct", sa.Integer(), nullable=False),
        sa.Column("missed", JSON_DOCUMENT, nullable=False),
        sa.Column("hints_used", sa.Integer(), nullable=False),
        sa.Column("speaking_passed", sa.Integer(), nullable=False),
        sa.Column("finished_at", UTC_DATETIME, nullable=True),
        sa.Column("summary", JSON_DOCUMENT, nullable=True),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.CheckConstraint(
            "answers >= 0 AND mistakes >= 0", name=op.f("ck_lc_lesson_runs_counts_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["lc_learners.id"], name=op.f("fk_lc_lesson_runs_learner_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_lesson_runs")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(
        op.f("ix_lc_lesson_runs_learner_id_started_at"),
        "lc_lesson_runs",
        ["learner_id", "started_at"],
        unique=False,
    )
    op.create_table(
        "lc_streaks",
        sa.Column("learner_id", sa.Uuid(), nullable=False),
        sa.Column("current_length", sa.Integer(), nullable=False),
        sa.Column("longest", sa.Integer(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=True),
        sa.Column("last_active_day", sa.Date(), nullable=True),
        sa.Column("covered_through", sa.Date(), nullable=True),
        sa.Column("freezes_held", sa.Integer(), nullable=False),
        sa.Column("freezes_used", sa.Integer(), nullable=False),
        sa.Column("lost_length", sa.Integer(), nullable=False),
        sa.Column("broken_on", sa.Date(), nullable=True),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.CheckConstraint(
            "current_length >= 0 AND freezes_held >= 0", name=op.f("ck_lc_streaks_counts_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["lc_learners.id"], name=op.f("fk_lc_streaks_learner_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("learner_id", name=op.f("pk_lc_streaks")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_table(
        "lc_attempts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("run_id", sa.Uuid(), nullable=False),
        sa.Column("learner_id", sa.Uuid(), nullable=False),
        sa.Column("exercise_id", sa.Uuid(), nullable=False),
        sa.Column("exercise_type", sa.String(length=64), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("submitted_at", UTC_DATETIME, nullable=False),
        sa.Column("answer", JSON_DOCUMENT, nullable=False),
        sa.Column("verdict", JSON_DOCUMENT, nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("hint_used", sa.Boolean(), nullable=False),
        sa.Column("requeued", sa.Boolean(), nullable=False),
        sa.Column("hearts_after", sa.Integer(), nullable=True),
        sa.Column("next_heart_at", UTC_DATETIME, nullable=True),
        sa.Column("next_exercise_id", sa.Uuid(), nullable=True),
        sa.Column("remaining_after", sa.Integer(), nullable=False),
        sa.Column("run_status_after", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["lc_learners.id"], name=op.f("fk_lc_attempts_learner_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["lc_lesson_runs.id"], name=op.f("fk_lc_attempts_run_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_attempts")),
        sa.UniqueConstraint("run_id", "ordinal", name=op.f("uq_lc_attempts_run_id_ordinal")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(
        op.f("ix_lc_attempts_learner_id_submitted_at_ordinal"),
        "lc_attempts",
        ["learner_id", "submitted_at", "ordinal"],
        unique=False,
    )
    op.create_index(
        op.f("ix_lc_lesson_progress_lesson_id"), "lc_lesson_progress", ["lesson_id"], unique=False
    )


def downgrade() -> None:
    # Dropping a table drops its indexes (MariaDB refuses to drop one a foreign key uses).
    op.drop_index(op.f("ix_lc_lesson_progress_lesson_id"), table_name="lc_lesson_progress")
    with op.batch_alter_table("lc_courses") as batch:
        batch.drop_column("tree_revision")
    op.drop_table("lc_attempts")
    op.drop_table("lc_streaks")
    op.drop_table("lc_lesson_runs")
    op.drop_table("lc_ledger_days")
    op.drop_table("lc_learner_totals")
    op.drop_table("lc_hearts_log")
    op.drop_table("lc_hearts")
    op.drop_table("lc_archived_lesson_progress")
    op.drop_table("lc_achievement_unlocks")
    op.drop_table("lc_exercise_types")
    op.drop_table("lc_course_versions")
    op.drop_table("lc_course_source_keys")
    op.drop_table("lc_achievements")
