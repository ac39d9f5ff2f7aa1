"""Issue 27 item 6: every file the program writes appears under its name only complete; a full disk,
a read-only folder or 取消 leaves the target as it was and no part file, and says so in Chinese."""
import errno
import os
import sqlite3
from pathlib import Path

import pytest

from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.files import Cancelled, cancellable, written_whole


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part") or ".part-" in p.name)


def _disk_full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_leaves_no_half_written_file_and_says_which_file(tmp_path):
    target = tmp_path / "m.xlsx"
    with pytest.raises(InputError) as caught:
        with written_whole(target) as part:
            part.write_bytes(b"PK\x03\x04 half a workbook")
            _disk_full()
    message = str(caught.value)
    assert "磁盘已满" in message and str(target) in message and "No space" not in message
    assert not target.exists() and _leftovers(tmp_path) == []


def test_a_failed_write_keeps_the_last_good_file(tmp_path):
    target = tmp_path / "幼儿出勤登记表_2026-11.pdf"
    target.write_bytes(b"%PDF good one")
    with pytest.raises(InputError, match="文件夹只读"):
        with written_whole(target) as part:
            part.write_bytes(b"%PDF partial")
            raise OSError(errno.EROFS, "Read-only file system")
    assert target.read_bytes() == b"%PDF good one" and _leftovers(tmp_path) == []


def test_a_file_open_in_another_program_is_named_not_os_english(tmp_path, monkeypatch):
    target = tmp_path / "申领表.xlsx"

    def locked(_src, _dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(InputError) as caught:
        with written_whole(target) as part:
            part.write_bytes(b"done")
    assert "正被其他程序" in str(caught.value) and "Permission" not in str(caught.value)
    assert _leftovers(tmp_path) == []


def test_a_monthly_workbook_on_a_full_disk_is_not_left_unreadable(tmp_path, monkeypatch):
    from openpyxl import Workbook

    from tuoyu_desktop.exchange.cells import save_workbook

    target = tmp_path / "m.xlsx"
    monkeypatch.setattr(Workbook, "save", lambda self, filename: (Path(filename).write_bytes(b"PK"), _disk_full()))
    with pytest.raises(InputError, match="磁盘已满"):
        save_workbook(Workbook(), target)
    assert not target.exists() and _leftovers(tmp_path) == []


def test_cancelling_a_pdf_stops_it_and_writes_nothing(tmp_path):
    from tuoyu_desktop.reports.document import build_pdf, make_styles

    styles = make_styles()
    story = [styles.para(f"第{i}段", "body") for i in range(400)]
    seen = []

    def cancel_after_ten():
        seen.append(1)
        if len(seen) > 10:
            raise Cancelled()

    target = tmp_path / "年度培训表.pdf"
    with cancellable(cancel_after_ten), pytest.raises(Cancelled):
        build_pdf(target, story, styles, "测试")
    assert not target.exists() and _leftovers(tmp_path) == []
    assert build_pdf(target, story, styles, "测试").read_bytes().startswith(b"%PDF")  # not cancelled: written


def test_a_backup_to_a_full_disk_names_the_backup_file_and_the_disk(tmp_path, monkeypatch, workspace):
    from tuoyu_desktop.store import backup
    from tuoyu_desktop.store.errors import BackupError

    def full(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "verified_copy", full)
    target = tmp_path / "U盘" / "tuoyu_备份.sqlite3"
    with pytest.raises(BackupError) as caught:
        backup.copy_database(workspace.db_path, target)
    message = str(caught.value)
    assert "磁盘已满" in message and str(target) in message and "disk is full" not in message
    assert str(workspace.db_path) not in message
    assert not target.exists() and _leftovers(target.parent) == []
