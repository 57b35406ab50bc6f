"""``learncore db``: migrations and the health check, on SQLite files and PostgreSQL."""

from __future__ import annotations

import json
import os
import secrets

import pytest

POSTGRES_URL = os.environ.get(
    "LEARNCORE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def test_upgrade_check_current_and_downgrade_a_sqlite_file(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'lc.db'}"
    fresh = cli("db", "check", "--url", url)
    assert fresh.exit_code == 1
    assert "not migrated: run 'learncore db upgrade'" in fresh.stdout
    upgraded = cli("db", "upgrade", "--url", url)
    assert upgraded.exit_code == 0, upgraded
    assert "✓ upgraded to head" in upgraded.stdout
    checked = cli("--json", "db", "check", "--url", url)
    assert checked.exit_code == 0, checked
    report = json.loads(checked.stdout)
    assert report["ok"] is True
    assert report["revision"] == report["head"]
    current = cli("db", "current", "--url", url)
    assert f"revision: {report['head']}" in current.stdout
    down = cli("--json", "db", "downgrade", "base", "--url", url)
    assert down.exit_code == 0, down
    assert json.loads(down.stdout)["revision"] is None
    assert cli("db", "check", "--url", url).exit_code == 1


def test_the_default_is_the_embedded_database_in_the_data_directory(cli, isolated):
    result = cli("--json", "db", "current")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["url"] == f"sqlite:///{isolated / 'learncore.db'}"


def test_db_commands_need_a_sql_url(cli):
    result = cli("db", "upgrade", "--url", "memory://")
    assert result.exit_code == 2
    assert "memory://" in result.stderr
    assert "not a SQL database URL" in result.stderr


def test_a_downgrade_needs_its_revision(cli):
    result = cli("db", "downgrade")
    assert result.exit_code == 2
    assert "REVISION" in result.stderr


def test_an_unreachable_server_is_one_line_with_the_password_masked(cli):
    url = "postgresql+psycopg://learner:s3cret@127.0.0.1:9/nowhere"
    result = cli("db", "current", "--url", url)
    assert result.exit_code == 1
    assert "s3cret" not in result.output
    assert "127.0.0.1:9" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    check = cli("--json", "db", "check", "--url", url)
    assert check.exit_code == 1
    assert json.loads(check.stdout)["reachable"] is False


@pytest.fixture
def postgres_url():
    sqlalchemy = pytest.importorskip("sqlalchemy")
    from sqlalchemy.pool import NullPool

    admin = sqlalchemy.create_engine(
        POSTGRES_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool, connect_args={"connect_timeout": 3}
    )
    try:
        with admin.connect() as connection:
            connection.execute(sqlalchemy.text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure means "no server here"
        admin.dispose()
        reason = f"PostgreSQL unreachable ({type(exc).__name__}); set LEARNCORE_TEST_POSTGRES_URL"
        if os.environ.get("LEARNCORE_REQUIRE_SERVICES") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    name = f"lc_cli_{secrets.token_hex(5)}"
    with admin.connect() as connection:
        connection.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    yield sqlalchemy.engine.make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.services
def test_upgrade_and_check_on_postgresql(cli, postgres_url):
    assert cli("db", "check", "--url", postgres_url).exit_code == 1
    assert cli("db", "upgrade", "--url", postgres_url).exit_code == 0
    result = cli("--json", "db", "check", "--url", postgres_url)
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["ok"] is True
