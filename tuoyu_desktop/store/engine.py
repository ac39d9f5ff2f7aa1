"""The SQLite engine: foreign keys on, WAL, a busy timeout, real transactions (DDL included)."""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool
from sqlmodel import Session

from .cipher import DataKey, dbapi_module
from .plain import configure, raw_connection

#: crash tests: a file created when the process first writes to the database, and a pause after it
WRITE_MARKER_ENV = "TUOYU_TEST_WRITE_MARKER"
WRITE_PAUSE_ENV = "TUOYU_TEST_WRITE_PAUSE"
_WRITES = ("INSERT", "UPDATE", "DELETE")


def make_engine(path: Path, *, foreign_keys: bool = True, key: DataKey | None = None) -> Engine:
    """An engine on the database file ``path``; with ``key``, an SQLCipher (encrypted) file."""
    # hide_parameters: an error's text never carries a row's values (ID numbers, phones) anywhere
    engine = create_engine(
        "sqlite+pysqlite://", poolclass=QueuePool, hide_parameters=True, module=dbapi_module(key),
        creator=lambda: raw_connection(path, key),
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # SQLAlchemy, not the sqlite3 module, decides where transactions begin (its pysqlite recipe)
        configure(dbapi_conn, foreign_keys=foreign_keys)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN")

    if os.environ.get(WRITE_MARKER_ENV):
        _mark_first_write(engine, Path(os.environ[WRITE_MARKER_ENV]), float(os.environ.get(WRITE_PAUSE_ENV) or 0))
    return engine


def _mark_first_write(engine: Engine, marker: Path, pause: float) -> None:
    """Create ``marker`` when the first data-changing statement is about to run, then pause.

    Only for the kill -9 tests, which must kill a process while it is writing; it is switched on
    by an environment variable and costs nothing otherwise.
    """
    @event.listens_for(engine, "before_cursor_execute")
    def _before(conn, cursor, statement, parameters, context, executemany):
        if marker.exists() or not statement.lstrip().upper().startswith(_WRITES):
            return
        # written whole, then renamed: the test never sees the marker before its text is in it
        part = marker.with_name(marker.name + ".part")
        part.write_text(" ".join(statement.split()[:3]), encoding="utf-8")
        os.replace(part, marker)
        time.sleep(pause)


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
