"""Data safety: one writer, automatic backups, the chained 操作日志, the start-up password."""
import hashlib
import sqlite3
from datetime import date, timedelta

import pytest
from sqlmodel import select

from tuoyu_desktop.services.security import check_password, has_password
from tuoyu_desktop.services.workspace import open_workspace
from tuoyu_desktop.store.audit import verify_chain
from tuoyu_desktop.store.backup import auto_backup
from tuoyu_desktop.store.migrate import DatabaseFileError
from tuoyu_desktop.store.models import AuditEntry, Child


def test_a_second_copy_of_the_program_is_told_the_data_is_open_elsewhere(workspace, db_path):
    with pytest.raises(DatabaseFileError, match="数据已在另一个窗口或程序中打开"):
        open_workspace(db_path)
    workspace.close()
    open_workspace(db_path).close()  # free again once the first one closed


def test_the_cli_refuses_to_write_while_the_window_has_the_data_open(workspace, db_path):
    from tests.conftest import run_cli

    result = run_cli("--db", str(db_path), "demo")
    assert result.returncode == 2 and "数据已在另一个窗口或程序中打开" in result.stderr
    (db_path.parent / "备份").mkdir()
    backup = run_cli("--db", str(db_path), "backup", str(db_path.parent / "备份"))
    assert backup.returncode == 0, backup.stderr  # a backup is allowed while the window is open


def test_one_automatic_backup_a_day_keeping_seven_daily_and_four_weekly(workspace, db_path, tmp_path):
    folder = tmp_path / "backups"
    start = date(2026, 9, 1)
    for i in range(60):
        auto_backup(db_path, folder, start + timedelta(days=i))
    assert auto_backup(db_path, folder, start + timedelta(days=59)) is None  # second start the same day
    days = sorted(p.stem.split("_")[2] for p in folder.glob("*.sqlite3"))
    last = start + timedelta(days=59)
    daily = {(last - timedelta(days=i)).strftime("%Y%m%d") for i in range(7)}
    assert daily <= set(days) and len(days) <= 7 + 4
    weeks = {date(int(d[:4]), int(d[4:6]), int(d[6:])).isocalendar()[1] for d in days}
    assert len(weeks) >= 4
    con = sqlite3.connect(folder / f"tuoyu_每日_{last:%Y%m%d}.sqlite3")
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    con.close()


def _child(name="王子涵"):
    return Child(name=name, sex="男", birth_date=date(2024, 5, 1), enrolled_on=date(2025, 3, 1))


def test_every_change_is_in_the_audit_log_with_old_and_new_values(workspace):
    with workspace.session() as s:
        s.add(_child())
    with workspace.session() as s:
        child = s.exec(select(Child)).one()
        child.guardian_phone = "13812345678"
    with workspace.session() as s:
        s.delete(s.exec(select(Child)).one())
    with workspace.session() as s:
        log = [(e.action, e.table_name, e.summary, e.old_json, e.new_json)
               for e in s.exec(select(AuditEntry).order_by(AuditEntry.id))]
    assert [(a, t, n) for a, t, n, _, _ in log] == [("新增", "children", "王子涵"), ("修改", "children", "王子涵"),
                                                    ("删除", "children", "王子涵")]
    assert '"guardian_phone": ""' in log[1][3] and '"guardian_phone": "13812345678"' in log[1][4]


def test_an_edit_to_the_history_itself_is_detected(workspace, db_path):
    for name in ("甲", "乙", "丙"):
        with workspace.session() as s:
            s.add(_child(name))
    with workspace.session() as s:
        assert verify_chain(s) is None
        second = s.exec(select(AuditEntry).order_by(AuditEntry.id)).all()[1].id
    con = sqlite3.connect(db_path)
    con.execute("update audit_log set summary='被改' , new_json = replace(new_json, '乙', '丁') where id=?", (second,))
    con.commit()
    con.close()
    with workspace.session() as s:
        assert verify_chain(s) == second


def test_a_rolled_back_change_leaves_no_audit_entry(workspace):
    with pytest.raises(RuntimeError):
        with workspace.session() as s:
            s.add(_child())
            s.flush()
            raise RuntimeError("cancelled")
    with workspace.session() as s:
        assert s.exec(select(AuditEntry)).all() == []


def test_encrypting_replaces_the_old_start_up_password_and_keeps_no_password_in_clear(workspace, db_path):
    from tuoyu_desktop.services.security import encrypt_workspace, open_key
    from tuoyu_desktop.services.settings import set_setting
    from tuoyu_desktop.store.cipher import key_file

    salt = bytes(16)
    digest = hashlib.scrypt("托育2026".encode(), salt=salt, n=2 ** 14, r=8, p=1, maxmem=64 * 1024 * 1024, dklen=32)
    with workspace.session() as s:
        set_setting(s, "security.password", f"scrypt${2 ** 14}$8$1${salt.hex()}${digest.hex()}")
        assert has_password(s) and check_password(s, "托育2026") and not check_password(s, "托育2025")
    encrypt_workspace(workspace, "托育2026", "托育2026", delete_plain_backups=False)
    with workspace.session() as s:
        assert not has_password(s)  # the encryption is the password now
    assert "托育2026".encode() not in key_file(db_path).read_bytes()
    assert open_key(db_path, "托育2026").raw == workspace.key.raw
