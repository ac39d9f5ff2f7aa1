"""Reading one setting straight from the file, before the database is opened properly."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .backup import read_only_uri


def read_setting(db_path: Path, key: str) -> str:
    """The stored value of ``key``, read only (the file is not created, changed or locked); ''
    when the file, the table or the key is not there or the file cannot be read. Used for the
    window's size, so that the window opens at the size it was left at while the data still loads."""
    # A read-only connection to a WAL database that nobody has open would create its -wal and -shm
    # files; with no -wal file present nothing is writing it, and ``immutable`` reads without them.
    uri = read_only_uri(db_path)
    if not Path(f"{db_path}-wal").exists():
        uri += "&immutable=1"
    try:
        con = sqlite3.connect(uri, uri=True, timeout=0.2)
    except (sqlite3.Error, OSError, ValueError):
        return ""
    try:
        row = con.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return ""
    finally:
        con.close()
    return str(row[0]) if row and row[0] is not None else ""
