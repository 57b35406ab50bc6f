"""Initial schema: content, learners, progress and logs

Revision ID: 0001
Revises:
Create Date: 2026-11-21 21:29:13.815161
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql, postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Types as they were at this revision: a migration must not change when the models do.
UTC_DATETIME = sa.DateTime(timezone=True).with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
JSON_DOCUMENT = sa.JSON(none_as_null=True).with_variant(
    postgresql.JSONB(none_as_null=True), "postgresql"
)


def _now() -> sa.TextClause:
    # DATETIME(6) on MariaDB/MySQL needs a default of the same precision.
    if op.get_context().dialect.name in ("mysql", "mariadb"):
        return sa.text("CURRENT_TIMESTAMP(6)")
    return sa.text("CURRENT_TIMESTAMP")


def upgrade() -> None:
    op.create_table(
        "lc_audit_log",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("resource", sa.String(length=200), nullable=False),
        sa.Column("occurred_at", UTC_DATETIME, nullable=False),
        sa.Column("before", JSON_DOCUMENT, nullable=True),
        sa.Column("after", JSON_DOCUMENT, nullable=True),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_audit_log")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(
        op.f("ix_lc_audit_log_occurred_at"), "lc_audit_log", ["occurred_at"], unique=False
    )
    op.create_index(
        op.f("ix_lc_audit_log_resource_occurred_at"),
        "lc_audit_log",
        ["resource", "occurred_at"],
        unique=False,
    )
    op.create_table(
        "lc_courses",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("from_language", sa.String(length=35), nullable=False),
        sa.Column("to_language", sa.String(length=35), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("grading", JSON_DOCUMENT, nullable=False),
        sa.Column("unlock_rule", sa.String(length=16), nullable=False),
        sa.Column("license", sa.String(length=200), nullable=True),
        sa.Column("attribution", sa.Text(), nullable=True),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_courses")),
        sa.UniqueConstraint("slug", name=op.f("uq_lc_courses_slug")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_table(
        "lc_languages",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=35), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("native_name", sa.String(length=100), nullable=False),
        sa.Column("flag", sa.String(length=16), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_languages")),
        sa.UniqueConstraint("code", name=op.f("uq_lc_languages_code")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_table(
        "lc_learners",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("day_start_hour", sa.Integer(), nullable=False),
        sa.Column("daily_goal", sa.Integer(), nullable=False),
        sa.Column("avatar_uri", sa.String(length=2048), nullable=True),
        sa.Column("preferences", JSON_DOCUMENT, nullable=False),
        sa.Column("registered_at", UTC_DATETIME, nullable=True),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_learners")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_table(
        "lc_tags",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_tags")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(op.f("ix_lc_tags_category_name"), "lc_tags", ["category", "name"], unique=False)
    op.create_table(
        "lc_activity_log",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("learner_id", sa.Uuid(), nullable=True),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("occurred_at", UTC_DATETIME, nullable=False),
        sa.Column("payload", JSON_DOCUMENT, nullable=False),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["lc_learners.id"],
            name=op.f("fk_lc_activity_log_learner_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_activity_log")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(
        op.f("ix_lc_activity_log_learner_id_occurred_at"),
        "lc_activity_log",
        ["learner_id", "occurred_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_lc_activity_log_occurred_at"), "lc_activity_log", ["occurred_at"], unique=False
    )
    op.create_table(
        "lc_audio_assets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("asset_id", sa.Uuid(), nullable=False),
        sa.Column("transcript", sa.Text(), nullable=True),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lc_courses.id"],
            name=op.f("fk_lc_audio_assets_course_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_audio_assets")),
        sa.UniqueConstraint(
            "course_id", "asset_id", name=op.f("uq_lc_audio_assets_course_id_asset_id")
        ),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_table(
        "lc_enrollments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("learner_id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("enrolled_at", UTC_DATETIME, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("xp", sa.BigInteger(), nullable=False),
        sa.Column("current_lesson_id", sa.Uuid(), nullable=True),
        sa.Column("progress_percent", sa.Double(), nullable=False),
        sa.Column("started_at", UTC_DATETIME, nullable=True),
        sa.Column("completed_at", UTC_DATETIME, nullable=True),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["lc_learners.id"],
            name=op.f("fk_lc_enrollments_learner_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_enrollments")),
        sa.UniqueConstraint(
            "learner_id", "course_id", name=op.f("uq_lc_enrollments_learner_id_course_id")
        ),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(
        op.f("ix_lc_enrollments_course_id"), "lc_enrollments", ["course_id"], unique=False
    )
    op.create_table(
        "lc_lesson_progress",
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
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["lc_learners.id"],
            name=op.f("fk_lc_lesson_progress_learner_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_lesson_progress")),
        sa.UniqueConstraint(
            "learner_id", "lesson_id", name=op.f("uq_lc_lesson_progress_learner_id_lesson_id")
        ),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(
        op.f("ix_lc_lesson_progress_learner_id_course_id"),
        "lc_lesson_progress",
        ["learner_id", "course_id"],
        unique=False,
    )
    op.create_table(
        "lc_sections",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("cefr_level", sa.String(length=2), nullable=True),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lc_courses.id"],
            name=op.f("fk_lc_sections_course_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_sections")),
        sa.UniqueConstraint(
            "course_id", "position", name=op.f("uq_lc_sections_course_id_position")
        ),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_table(
        "lc_audio_variants",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("audio_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("quality", sa.String(length=16), nullable=False),
        sa.Column("uri", sa.String(length=2048), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("bitrate_kbps", sa.Integer(), nullable=True),
        sa.Column("duration_ms", sa.BigInteger(), nullable=True),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["audio_id"],
            ["lc_audio_assets.id"],
            name=op.f("fk_lc_audio_variants_audio_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lc_courses.id"],
            name=op.f("fk_lc_audio_variants_course_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_audio_variants")),
        sa.UniqueConstraint(
            "audio_id", "quality", name=op.f("uq_lc_audio_variants_audio_id_quality")
        ),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(
        op.f("ix_lc_audio_variants_course_id"), "lc_audio_variants", ["course_id"], unique=False
    )
    op.create_table(
        "lc_units",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("section_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("icon", sa.String(length=200), nullable=True),
        sa.Column("color", sa.String(length=7), nullable=True),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"], ["lc_courses.id"], name=op.f("fk_lc_units_course_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["lc_sections.id"],
            name=op.f("fk_lc_units_section_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_units")),
        sa.UniqueConstraint("section_id", "position", name=op.f("uq_lc_units_section_id_position")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(op.f("ix_lc_units_course_id"), "lc_units", ["course_id"], unique=False)
    op.create_table(
        "lc_lessons",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("xp_reward", sa.Integer(), nullable=False),
        sa.Column("estimated_minutes", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lc_courses.id"],
            name=op.f("fk_lc_lessons_course_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["lc_units.id"], name=op.f("fk_lc_lessons_unit_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_lessons")),
        sa.UniqueConstraint("unit_id", "position", name=op.f("uq_lc_lessons_unit_id_position")),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(op.f("ix_lc_lessons_course_id"), "lc_lessons", ["course_id"], unique=False)
    op.create_table(
        "lc_exercises",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("accepted_answers", JSON_DOCUMENT, nullable=True),
        sa.Column("multiple_answers", sa.Boolean(), nullable=False),
        sa.Column("pairs", JSON_DOCUMENT, nullable=True),
        sa.Column("hints", JSON_DOCUMENT, nullable=True),
        sa.Column("difficulty", sa.Integer(), nullable=False),
        sa.Column("audio_id", sa.Uuid(), nullable=True),
        sa.Column("grading", JSON_DOCUMENT, nullable=True),
        sa.Column("extra", JSON_DOCUMENT, nullable=True),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["audio_id"],
            ["lc_audio_assets.id"],
            name=op.f("fk_lc_exercises_audio_id"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lc_courses.id"],
            name=op.f("fk_lc_exercises_course_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lc_lessons.id"],
            name=op.f("fk_lc_exercises_lesson_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_exercises")),
        sa.UniqueConstraint(
            "lesson_id", "position", name=op.f("uq_lc_exercises_lesson_id_position")
        ),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(op.f("ix_lc_exercises_audio_id"), "lc_exercises", ["audio_id"], unique=False)
    op.create_index(op.f("ix_lc_exercises_course_id"), "lc_exercises", ["course_id"], unique=False)
    op.create_table(
        "lc_lesson_assets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("asset_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("uri", sa.String(length=2048), nullable=True),
        sa.Column("content", JSON_DOCUMENT, nullable=False),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lc_courses.id"],
            name=op.f("fk_lc_lesson_assets_course_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lc_lessons.id"],
            name=op.f("fk_lc_lesson_assets_lesson_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_lesson_assets")),
        sa.UniqueConstraint(
            "lesson_id", "asset_id", name=op.f("uq_lc_lesson_assets_lesson_id_asset_id")
        ),
        sa.UniqueConstraint(
            "lesson_id", "position", name=op.f("uq_lc_lesson_assets_lesson_id_position")
        ),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(
        op.f("ix_lc_lesson_assets_course_id"), "lc_lesson_assets", ["course_id"], unique=False
    )
    op.create_table(
        "lc_lesson_prerequisites",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("required_lesson_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lc_courses.id"],
            name=op.f("fk_lc_lesson_prerequisites_course_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lc_lessons.id"],
            name=op.f("fk_lc_lesson_prerequisites_lesson_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["required_lesson_id"],
            ["lc_lessons.id"],
            name=op.f("fk_lc_lesson_prerequisites_required_lesson_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_lesson_prerequisites")),
        sa.UniqueConstraint(
            "lesson_id",
            "required_lesson_id",
            name=op.f("uq_lc_lesson_prerequisites_lesson_id_required_lesson_id"),
        ),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(
        op.f("ix_lc_lesson_prerequisites_course_id"),
        "lc_lesson_prerequisites",
        ["course_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_lc_lesson_prerequisites_required_lesson_id"),
        "lc_lesson_prerequisites",
        ["required_lesson_id"],
        unique=False,
    )
    op.create_table(
        "lc_exercise_options",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("exercise_id", sa.Uuid(), nullable=False),
        sa.Column("option_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("is_correct", sa.Boolean(), nullable=False),
        sa.Column("image_uri", sa.String(length=2048), nullable=True),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lc_courses.id"],
            name=op.f("fk_lc_exercise_options_course_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["lc_exercises.id"],
            name=op.f("fk_lc_exercise_options_exercise_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_exercise_options")),
        sa.UniqueConstraint(
            "exercise_id", "option_id", name=op.f("uq_lc_exercise_options_exercise_id_option_id")
        ),
        sa.UniqueConstraint(
            "exercise_id", "position", name=op.f("uq_lc_exercise_options_exercise_id_position")
        ),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(
        op.f("ix_lc_exercise_options_course_id"), "lc_exercise_options", ["course_id"], unique=False
    )
    op.create_table(
        "lc_exercise_tags",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("exercise_id", sa.Uuid(), nullable=False),
        sa.Column("tag_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lc_courses.id"],
            name=op.f("fk_lc_exercise_tags_course_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["lc_exercises.id"],
            name=op.f("fk_lc_exercise_tags_exercise_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["lc_tags.id"], name=op.f("fk_lc_exercise_tags_tag_id")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lc_exercise_tags")),
        sa.UniqueConstraint(
            "exercise_id", "tag_id", name=op.f("uq_lc_exercise_tags_exercise_id_tag_id")
        ),
        mysql_charset="utf8mb4",
        mysql_collate="utf8mb4_bin",
        mysql_engine="InnoDB",
    )
    op.create_index(
        op.f("ix_lc_exercise_tags_course_id"), "lc_exercise_tags", ["course_id"], unique=False
    )
    op.create_index(
        op.f("ix_lc_exercise_tags_tag_id"), "lc_exercise_tags", ["tag_id"], unique=False
    )


def downgrade() -> None:
    # Children first; their indexes go with them (MariaDB refuses to drop an index a
    # foreign key still uses).
    op.drop_table("lc_exercise_tags")
    op.drop_table("lc_exercise_options")
    op.drop_table("lc_lesson_prerequisites")
    op.drop_table("lc_lesson_assets")
    op.drop_table("lc_exercises")
    op.drop_table("lc_lessons")
    op.drop_table("lc_units")
    op.drop_table("lc_audio_variants")
    op.drop_table("lc_sections")
    op.drop_table("lc_lesson_progress")
    op.drop_table("lc_enrollments")
    op.drop_table("lc_audio_assets")
    op.drop_table("lc_activity_log")
    op.drop_table("lc_tags")
    op.drop_table("lc_learners")
    op.drop_table("lc_languages")
    op.drop_table("lc_courses")
    op.drop_table("lc_audit_log")
