"""A data file that cannot be written (read-only, full, pulled-out USB stick, locked by another
program): a Chinese sentence naming the file and what to do, exit code 2, nothing stored, and no ID
number or phone number in any message or log (issue 15, item 7)."""
import re
import sqlite3
from pathlib import Path

import pytest

from tests.exchange.helpers import filled
from tuoyu_desktop.domain.idnumbers import id_check_char
from tuoyu_desktop.store import plain as plain_module

PERSONAL = re.compile(r"\d{17}[\dXx]|1\d{10}")
EXPECTED = {"readonly": "数据文件只读", "full": "磁盘已满", "unplugged": "U盘", "locked": "被其他程序锁定"}


class _UnpluggedCursor(sqlite3.Cursor):
    """What SQLite reports once the disk under the file is gone: reads came from its cache, writes fail."""

    def execute(self, sql, *args):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlite3.OperationalError("disk I/O error")
        return super().execute(sql, *args)

    def executemany(self, sql, *args):
        raise sqlite3.OperationalError("disk I/O error")


class _UnpluggedConnection(sqlite3.Connection):
    def cursor(self, factory=_UnpluggedCursor):
        return super().cursor(factory)


@pytest.fixture
def failing(monkeypatch):
    """failing(kind, db_path): from now on the program's connections to ``db_path`` fail that way."""
    holders = []

    def install(kind, db_path):
        def connect(target, key, **kwargs):
            if kind == "readonly":  # as root chmod does not stop writes: open read-only as a read-only file is
                return sqlite3.connect(Path(target).resolve().as_uri() + "?mode=ro", uri=True, **kwargs)
            if kind == "unplugged":
                return sqlite3.connect(target, factory=_UnpluggedConnection, **kwargs)
            con = sqlite3.connect(target, **kwargs)
            if kind == "full":  # no page may be added: what a full disk gives
                pages = con.execute("PRAGMA page_count").fetchone()[0]
                con.execute(f"PRAGMA max_page_count = {pages}")
            return con

        monkeypatch.setattr(plain_module, "connect", connect)
        if kind == "locked":  # another program holds the write lock
            monkeypatch.setattr(plain_module, "BUSY_TIMEOUT_MS", 200)
            holder = sqlite3.connect(db_path, isolation_level=None)
            holder.execute("BEGIN EXCLUSIVE")
            holders.append(holder)

    yield install
    for holder in holders:
        holder.rollback()
        holder.close()


def _staff_rows(n):
    rows = []
    for i in range(n):
        first17 = f"3204021990{(i % 12) + 1:02d}{(i % 28) + 1:02d}{i % 1000:03d}"
        rows.append({"姓名": f"测试员工{i}", "性别": "男" if int(first17[16]) % 2 else "女", "身份证号": first17 + id_check_char(first17), "岗位": "保育人员",
                     "入职日期": "2026-09-01", "联系电话": f"139{i:08d}"})
    return rows


def _count_staff(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("select count(*) from staff").fetchone()[0]
    finally:
        con.close()


def _log_text(db):
    logs = list(Path(db).parent.rglob("*.log"))
    return "".join(p.read_text(encoding="utf-8") for p in logs)


@pytest.mark.parametrize("kind", EXPECTED)
def test_a_data_file_that_cannot_be_written_is_explained_in_chinese_without_sql_or_personal_data(
        kind, demo, db_path, tmp_path, failing, capsys):
    from tuoyu_desktop import cli

    source = filled("staff", _staff_rows(60), tmp_path / "从业人员.xlsx")
    before = _count_staff(db_path)
    demo.close()  # the window is closed; the command line works on the file
    failing(kind, db_path)
    code = cli.main(["--db", str(db_path), "import", "staff", str(source)])
    out = capsys.readouterr()
    message = out.err + out.out
    assert code == 2, message
    assert EXPECTED[kind] in message and str(db_path) in message
    for text in (message, _log_text(db_path)):
        assert not PERSONAL.search(text), text
        assert "INSERT INTO" not in text and "[parameters" not in text and "[SQL:" not in text
    assert "OperationalError" in _log_text(db_path) and "line" in _log_text(db_path)
    assert _count_staff(db_path) == before  # nothing half-stored

