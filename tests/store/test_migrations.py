"""Migrations keep every record; an upgrade is preceded by a backup and undone if it fails."""
import sqlite3
from datetime import date

import pytest
from alembic import command
from sqlmodel import select

from tuoyu_desktop import paths
from tuoyu_desktop.services.workspace import open_workspace
from tuoyu_desktop.store.engine import make_engine
from tuoyu_desktop.store.migrate import (
    alembic_config,
    head_revision,
    inspect_file,
    upgrade,
)
from tuoyu_desktop.store.models import Child
from tuoyu_desktop.store.schema import SCHEMA_APP_ID


def _downgrade_to_base(path):
    engine = make_engine(path, foreign_keys=False)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    engine.dispose()


def test_migrations_upgrade_and_downgrade_cleanly(db_path):
    upgrade(db_path)
    _downgrade_to_base(db_path)
    con = sqlite3.connect(db_path)
    tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    con.close()
    assert tables <= {"alembic_version"}
    upgrade(db_path)
    assert inspect_file(db_path).revision == head_revision()


def test_upgrading_a_database_that_has_data_keeps_it_and_backs_it_up_first(db_path, monkeypatch):
    ws = open_workspace(db_path)
    with ws.session() as s:
        s.add(Child(name="王子涵", sex="男", birth_date=date(2024, 5, 1), enrolled_on=date(2025, 3, 1)))
    ws.close()
    # pretend the file is one revision behind: re-running the upgrade must keep the data
    con = sqlite3.connect(db_path)
    con.execute("update alembic_version set version_num = ?", (head_revision(),))
    con.commit()
    con.close()
    monkeypatch.setattr("tuoyu_desktop.store.migrate.head_revision", lambda: "0000_pretend_newer")
    monkeypatch.setattr("alembic.command.upgrade", lambda cfg, rev: None)
    backup = upgrade(db_path)
    assert backup is not None and backup.exists()
    assert backup.parent == paths.backups_dir_for(db_path)
    con = sqlite3.connect(backup)
    assert con.execute("select name from children").fetchall() == [("王子涵",)]
    con.close()
    con = sqlite3.connect(db_path)
    assert con.execute("select name from children").fetchall() == [("王子涵",)]
    con.close()


def test_a_failed_upgrade_puts_the_backup_back(db_path, monkeypatch):
    ws = open_workspace(db_path)
    with ws.session() as s:
        s.add(Child(name="李欣怡", sex="女", birth_date=date(2024, 5, 1), enrolled_on=date(2025, 3, 1)))
    ws.close()
    monkeypatch.setattr("tuoyu_desktop.store.migrate.head_revision", lambda: "0000_pretend_newer")

    def broken_upgrade(cfg, rev):
        conn = cfg.attributes["connection"]
        conn.exec_driver_sql("DELETE FROM children")
        raise RuntimeError("migration bug")

    monkeypatch.setattr("alembic.command.upgrade", broken_upgrade)
    with pytest.raises(RuntimeError):
        upgrade(db_path)
    monkeypatch.undo()
    ws = open_workspace(db_path)
    with ws.session() as s:
        assert [c.name for c in s.exec(select(Child)).all()] == ["李欣怡"]
    ws.close()


FIXTURES = paths.install_dir() / "tests" / "fixtures"


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("db_*.sqlite3")))
def test_a_database_from_every_released_schema_opens_and_keeps_every_record(tmp_path, fixture):
    """Each released revision left a demo database behind (tests/fixtures/db_<rev>.sqlite3)."""
    import shutil

    path = tmp_path / fixture
    shutil.copy(FIXTURES / fixture, path)
    con = sqlite3.connect(path)
    counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0]
              for t in ("children", "staff", "certificates", "training_records", "visits", "voucher_redemptions")}
    con.close()
    ws = open_workspace(path)
    ws.close()
    assert inspect_file(path).revision == head_revision()
    con = sqlite3.connect(path)
    for table, count in counts.items():
        assert con.execute(f"select count(*) from {table}").fetchone()[0] == count, table
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    con.close()
    assert counts["children"] > 0


def test_the_migrations_build_exactly_the_tables_of_the_models(db_path):
    """A column, index or table added to store/models.py without a migration (or the other way
    round) would work in tests on a new database and break every centre's existing one."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import tuoyu_desktop.store.models  # noqa: F401  (registers the tables)

    upgrade(db_path)
    engine = make_engine(db_path)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": False})
            diff = compare_metadata(ctx, SQLModel.metadata)
    finally:
        engine.dispose()
    assert diff == [], "store/models.py and the migrations differ:\n" + "\n".join(map(str, diff))


def test_a_database_without_its_centre_row_gets_the_empty_one_when_opened(db_path):
    """Reading never creates a row (issue 21): migration 0007 gives every database its centre row,
    with the values an empty centre had when the program used to make it on first use."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(db_path, foreign_keys=False)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
        conn.exec_driver_sql(f"PRAGMA application_id={SCHEMA_APP_ID}")
    engine.dispose()
    con = sqlite3.connect(db_path)
    assert con.execute("select count(*) from centre").fetchone()[0] == 0
    con.close()
    ws = open_workspace(db_path)
    try:
        with ws.reading() as db:
            centre = db.get("centre", 1)
        from tuoyu_desktop.store.models import Centre

        empty = Centre(id=1)
        assert {k: getattr(centre, k) for k in centre._fields} == {k: getattr(empty, k) for k in centre._fields}
    finally:
        ws.close()
