"""Reading one setting straight from the file, before the database is opened properly."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.idnumbers import normalize_code
from .backup import read_only_uri
from .cipher import DataKey, connect
from .errors import db_errors


@dataclass(frozen=True)
class CentreName:
    """Who a database file belongs to, as its 机构 row says."""

    name: str = ""
    uscc: str = ""  # 统一社会信用代码

    @property
    def empty(self) -> bool:
        return not (self.name.strip() or self.uscc.strip())

    def same_as(self, other: "CentreName") -> bool:
        """The credit code identifies a centre (its name may change); the name only when a code is missing."""
        if self.uscc.strip() and other.uscc.strip():
            return normalize_code(self.uscc) == normalize_code(other.uscc)
        return self.name.strip() == other.name.strip()

    def label(self) -> str:
        return f"{self.name.strip() or '（未填写机构名称）'}（统一社会信用代码：{self.uscc.strip() or '未填写'}）"


def _query_one(db_path: Path, sql: str, params: tuple = (), key: DataKey | None = None) -> tuple | None:
    """One row, read only (the file is not created, changed or locked); None when the file, the
    table or the row is not there or the file cannot be read."""
    # A read-only connection to a WAL database that nobody has open would create its -wal and -shm
    # files; with no -wal file present nothing is writing it, and ``immutable`` reads without them.
    uri = read_only_uri(db_path)
    if not Path(f"{db_path}-wal").exists():
        uri += "&immutable=1"
    try:
        con = connect(uri, key, uri=True, timeout=0.2)
    except (*db_errors(), OSError, ValueError):
        return None
    try:
        return con.execute(sql, params).fetchone()
    except db_errors():
        return None
    finally:
        con.close()


def read_centre(db_path: Path, key: DataKey | None = None) -> CentreName:
    """The centre's name and credit code in ``db_path``, read only; empty when there is none."""
    row = _query_one(db_path, "SELECT name, uscc FROM centre ORDER BY id LIMIT 1", key=key)
    if not row:
        return CentreName()
    return CentreName(str(row[0] or ""), str(row[1] or ""))


@dataclass(frozen=True)
class FileFacts:
    """What a person recognises a backup by, besides its centre: when it was last changed, how much it holds."""

    last_change: str = ""  # the newest 操作日志 time, 2026-11-20 17:32 ('' when nothing was logged)
    children: int = 0
    staff: int = 0

    def lines(self) -> list[str]:
        return [f"备份中最后一次修改：{self.last_change or '（没有操作日志）'}", f"幼儿 {self.children} 名，员工 {self.staff} 名"]


def read_facts(db_path: Path, key: DataKey | None = None) -> FileFacts:
    """FileFacts of ``db_path``, read only."""
    row = _query_one(db_path, "SELECT (SELECT max(at) FROM audit_log), (SELECT count(*) FROM children), "
                              "(SELECT count(*) FROM staff)", key=key)
    if not row:
        return FileFacts()
    return FileFacts(str(row[0] or "")[:16].replace("T", " "), int(row[1] or 0), int(row[2] or 0))


def read_setting(db_path: Path, key: str) -> str:
    """The stored value of ``key``, read only (the file is not created, changed or locked); ''
    when the file, the table or the key is not there or the file cannot be read. Used for the
    window's size, so that the window opens at the size it was left at while the data still loads."""
    row = _query_one(db_path, "SELECT value FROM settings WHERE key = ?", (key,))
    return str(row[0]) if row and row[0] is not None else ""
