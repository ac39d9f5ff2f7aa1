"""Issue 27 items 6, 7, 9: special files are never read, and the messages say what the file is."""
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from tests.conftest import run_cli

PASSWORD = "托育2026ab"
ENV = {"TUOYU_PASSWORD": PASSWORD}


def _quick(*args, env=None):
    t = time.monotonic()
    result = run_cli(*args, env=env)
    assert time.monotonic() - t < 10, "must not hang"
    return result


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_pipe_or_a_link_to_a_device_named_xlsx_hangs_neither_district_nor_import(tmp_path):
    folder = tmp_path / "月报"
    folder.mkdir()
    os.mkfifo(folder / "甲托育园.xlsx")
    (folder / "乙托育园.xlsx").symlink_to("/dev/urandom")
    result = _quick("district", "--month", "2026-10", "--in", str(folder))
    assert "甲托育园.xlsx" in result.stdout + result.stderr and "不是普通文件" in result.stdout + result.stderr
    db = tmp_path / "t.sqlite3"
    assert run_cli("--db", str(db), "init").returncode == 0
    result = _quick("--db", str(db), "import", "children", str(folder / "乙托育园.xlsx"))
    assert result.returncode == 2 and "不是普通文件" in result.stderr


def test_a_lock_file_that_is_a_link_never_overwrites_its_target(tmp_path):
    db = tmp_path / "t.sqlite3"
    assert run_cli("--db", str(db), "init").returncode == 0
    target = tmp_path / "重要.txt"
    target.write_text("不能被覆盖", encoding="utf-8")
    Path(f"{db}.lock").unlink(missing_ok=True)
    Path(f"{db}.lock").symlink_to(target)
    if not Path(f"{db}.lock").is_symlink():  # Wine makes the link but reports a plain file (Windows does not)
        pytest.skip("this system does not report the link it made as a link (Wine)")
    result = _quick("--db", str(db), "alerts", "--date", "2026-11-25")
    assert result.returncode == 2 and "锁文件" in result.stderr and "链接" in result.stderr
    assert target.read_text(encoding="utf-8") == "不能被覆盖"


def test_a_password_protected_workbook_is_called_so(tmp_path):
    db = tmp_path / "t.sqlite3"
    assert run_cli("--db", str(db), "init").returncode == 0
    locked = tmp_path / "幼儿.xlsx"
    locked.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 4000)  # how Excel stores an encrypted xlsx
    result = _quick("--db", str(db), "import", "children", str(locked))
    assert result.returncode == 2 and "设置了打开密码" in result.stderr and "已损坏" not in result.stderr


def test_a_text_file_offered_to_restore_is_called_a_text_file(tmp_path):
    db = tmp_path / "t.sqlite3"
    assert run_cli("--db", str(db), "init").returncode == 0
    note = tmp_path / "备份说明.sqlite3"
    note.write_text("这是一份说明，不是备份。\n" * 50, encoding="utf-8")
    result = _quick("--db", str(db), "restore", str(note))
    assert result.returncode == 2 and "文本文件" in result.stderr and "密钥文件" not in result.stderr


def test_a_truncated_encrypted_backup_is_named_by_its_own_path(tmp_path):
    db = tmp_path / "数据" / "t.sqlite3"
    assert run_cli("--db", str(db), "demo", "--date", "2026-11-25", env=ENV).returncode == 0
    (tmp_path / "U盘").mkdir()
    assert run_cli("--db", str(db), "backup", str(tmp_path / "U盘"), env=ENV).returncode == 0
    backup = next((tmp_path / "U盘").glob("*.sqlite3"))
    cut = tmp_path / "没复制完.sqlite3"
    cut.write_bytes(backup.read_bytes()[:12000])
    result = _quick("--db", str(db), "restore", str(cut), env={**ENV, "TUOYU_BACKUP_PASSWORD": PASSWORD})
    assert result.returncode == 2 and str(cut) in result.stderr, result.stderr
    assert "/tmp" not in result.stderr.replace(str(tmp_path), "") and "unpacked" not in result.stderr


def test_another_centres_key_file_is_not_called_damage(tmp_path):
    ours, theirs = tmp_path / "ours" / "t.sqlite3", tmp_path / "theirs" / "t.sqlite3"
    for db in (ours, theirs):
        assert run_cli("--db", str(db), "init", env=ENV).returncode == 0
    shutil.copyfile(f"{theirs}.key", f"{ours}.key")  # the same password, another data key
    result = _quick("--db", str(ours), "alerts", "--date", "2026-11-25", env=ENV)
    assert result.returncode == 2 and "可能属于另一份数据" in result.stderr


def test_a_data_file_in_a_read_only_folder_is_not_called_damaged(tmp_path, monkeypatch):
    from tuoyu_desktop.store import cipher, migrate
    from tuoyu_desktop.store.errors import DatabaseFileError

    db = tmp_path / "t.sqlite3"
    sqlite3.connect(db).execute("create table x(y)").connection.close()

    def read_only_folder(*_args, **_kwargs):  # what SQLite says when the -shm cannot be made
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(cipher, "connect", read_only_folder)
    with pytest.raises(DatabaseFileError) as caught:
        migrate.inspect_file(db)
    assert "只读" in str(caught.value) and "已损坏" not in str(caught.value) and "unable" not in str(caught.value)
