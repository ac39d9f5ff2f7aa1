import os
import sqlite3
from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from tuoyu_desktop.store.migrate import (
    DatabaseFileError,
    head_revision,
    inspect_file,
    upgrade,
)
from tuoyu_desktop.store.models import (
    BlacklistEntry,
    Certificate,
    Child,
    SchoolClass,
    Staff,
    VoucherRedemption,
)


def _tables(path):
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    finally:
        con.close()


def test_new_database_gets_every_table_at_the_newest_revision(db_path):
    upgrade(db_path)
    assert {"centre", "classes", "children", "placements", "staff", "certificates", "training_records",
            "agreements", "visits", "voucher_redemptions", "blacklist", "locked_returns",
            "settings"} <= _tables(db_path)
    assert inspect_file(db_path).revision == head_revision()


def test_database_is_opened_with_foreign_keys_wal_and_busy_timeout(workspace):
    with workspace.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def _child(**kw):
    values = dict(name="王子涵", sex="男", birth_date=date(2024, 5, 1), enrolled_on=date(2025, 3, 1))
    values.update(kw)
    return Child(**values)


def test_the_same_child_id_number_cannot_be_stored_twice(workspace):
    with workspace.session() as s:
        s.add(_child(id_number="32040220240501001X"))
    with pytest.raises(IntegrityError):
        with workspace.session() as s:
            s.add(_child(name="李四", id_number="32040220240501001X"))
    with workspace.session() as s:
        assert len(s.exec(select(Child)).all()) == 1


def test_several_children_may_wait_for_an_id_number(workspace):
    with workspace.session() as s:
        s.add(_child(id_number=None))
        s.add(_child(name="李四", id_number=None))
    with workspace.session() as s:
        assert len(s.exec(select(Child)).all()) == 2


def test_a_voucher_serial_is_unique_for_ever(workspace):
    v = dict(child_name="小明", child_id_number="32040220240501001X", redeemed_on=date(2025, 3, 1))
    with workspace.session() as s:
        s.add(VoucherRedemption(serial="TN0001", **v))
    with pytest.raises(IntegrityError):
        with workspace.session() as s:
            s.add(VoucherRedemption(serial="TN0001", **v))


def test_staff_and_blacklist_id_numbers_are_unique(workspace):
    with workspace.session() as s:
        s.add(Staff(name="甲", id_number="X1", role="保育人员", hired_on=date(2025, 1, 1)))
        s.add(BlacklistEntry(id_number="X1"))
    for row in (Staff(name="乙", id_number="X1", role="其他", hired_on=date(2025, 1, 1)),
                BlacklistEntry(id_number="X1")):
        with pytest.raises(IntegrityError):
            with workspace.session() as s:
                s.add(row)


def test_foreign_keys_are_enforced(workspace):
    with pytest.raises(IntegrityError):
        with workspace.session() as s:
            s.add(Certificate(staff_id=999, cert_type="健康证"))


def test_class_capacity_must_be_positive(workspace):
    with pytest.raises(IntegrityError):
        with workspace.session() as s:
            s.add(SchoolClass(name="甲班", class_type="托小班", capacity=0))


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(db_path):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"PK\x03\x04 this is a zip, not a database")
    before = db_path.read_bytes()
    with pytest.raises(DatabaseFileError, match="不是数据库文件"):
        upgrade(db_path)
    assert db_path.read_bytes() == before


def test_a_database_of_another_program_is_refused_and_left_untouched(db_path):
    db_path.parent.mkdir(parents=True)
    con = sqlite3.connect(db_path)
    con.execute("create table customers (id integer)")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseFileError, match="其他程序的数据库"):
        upgrade(db_path)
    assert db_path.read_bytes() == before


def test_a_database_from_a_newer_program_version_is_refused_and_left_untouched(db_path):
    upgrade(db_path)
    con = sqlite3.connect(db_path)
    con.execute("update alembic_version set version_num='9999_future'")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseFileError, match="更新版本"):
        upgrade(db_path)
    assert db_path.read_bytes() == before


def test_a_database_in_a_folder_with_hash_question_mark_and_percent_signs_opens_and_backs_up(tmp_path):
    from tuoyu_desktop.store.backup import backup_to_folder

    # a ? is an SQLite URI's query (a Windows folder name cannot hold one)
    path = tmp_path / ("托育#1 资料%20" if os.name == "nt" else "托育#1 资料?%20") / "tuoyu.sqlite3"
    upgrade(path)
    assert inspect_file(path).revision == head_revision()
    copy = backup_to_folder(path, tmp_path / "备份 #2")
    assert inspect_file(copy).has_tables
