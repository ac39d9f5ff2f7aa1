"""The SQLite engine: foreign keys on, WAL, a busy timeout, real transactions (DDL included)."""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool
from sqlmodel import Session

BUSY_TIMEOUT_MS = 5000


def make_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine on the database file ``path``."""
    # Connect by file name, not through a URL: a folder named with # or % (or ? elsewhere than
    # Windows) would otherwise be misread as part of the URL.
    target = str(path)
    # hide_parameters: an error's text never carries a row's values (ID numbers, phones) anywhere
    engine = create_engine(
        "sqlite+pysqlite://", poolclass=QueuePool, hide_parameters=True,
        creator=lambda: sqlite3.connect(target, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000),
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so that
        # DDL in a migration is inside the transaction too (SQLAlchemy's pysqlite recipe).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN")

    return engine


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One user action, one transaction: commit when the block ends, roll back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
