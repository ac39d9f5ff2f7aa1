"""An open database with the policy profiles: what the CLI and the window both work on.

Reading and writing go different ways. ``reading()`` gives a ``store.plain.Db`` on a plain DB-API
connection (kept open for the next read): the return, the alerts and the pages that only look need
no ORM. ``session()`` is the ORM's transaction for changes; its engine (and SQLAlchemy with it) is
made the first time something is written, so a command that only reads never imports it.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from .. import paths
from ..domain.policy import PolicyProfile, load_profiles
from ..store.cipher import DataKey
from ..store.lock import DatabaseLock
from ..store.migrate import remove_stale_staging, upgrade
from ..store.plain import Db, open_connection

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy import Engine
    from sqlmodel import Session


@dataclass
class Workspace:
    db_path: Path
    profiles: dict[str, PolicyProfile]
    lock: DatabaseLock | None = None
    key: DataKey | None = None  # the data key when the database is encrypted
    legacy_password: str = ""  # the old start-up password as typed (plain data): offered for encrypting
    _engine: Any = None
    _idle: list = field(default_factory=list)  # plain connections (as Db) not in a read now
    _busy: dict = field(default_factory=dict)  # thread id → reads in progress on that thread
    _generation: int = 0  # bumped by release: a connection of an older one is closed after its read
    _guard: threading.Condition = field(default_factory=threading.Condition)

    @property
    def engine(self) -> "Engine":
        """The ORM's engine, made (and every session audited) on first use."""
        with self._guard:
            if self._engine is None:
                from ..store import audit
                from ..store.engine import make_engine

                audit.install()
                self._engine = make_engine(self.db_path, key=self.key)
            return self._engine

    @contextmanager
    def session(self) -> Iterator["Session"]:
        """One transaction: committed when the block ends without error."""
        from ..store.engine import transaction

        with transaction(self.engine) as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Db]:
        """One read transaction on a plain connection (what it sees stays consistent). Connections are
        kept for the next read, whichever thread makes it, and closed by ``release``."""
        me = threading.get_ident()
        with self._guard:
            generation = self._generation
            db = self._idle.pop() if self._idle else None
            self._busy[me] = self._busy.get(me, 0) + 1
        try:
            if db is None:
                db = Db(open_connection(self.db_path, self.key))
            db.connection.execute("BEGIN")
        except BaseException:
            self._end_read(me, generation, db, usable=False)
            raise
        try:
            yield db
        finally:
            try:
                db.connection.execute("ROLLBACK")
            except BaseException:
                self._end_read(me, generation, db, usable=False)
                raise
            self._end_read(me, generation, db, usable=True)

    def _end_read(self, me: int, generation: int, db: Db | None, *, usable: bool) -> None:
        """Back into the pool, unless it failed or was released while it was reading: then closed."""
        with self._guard:
            self._busy[me] -= 1
            keep = usable and db is not None and generation == self._generation
            if keep:
                self._idle.append(db)
            self._guard.notify_all()
        if db is not None and not keep:
            db.connection.close()

    def release(self) -> None:
        """Let go of the file (before it is replaced, and at the end): the ORM's connections and every
        plain one closed, after waiting for reads in progress on other threads to end (a connection
        must not close under a query; one this thread is still reading on closes when its read ends)."""
        me = threading.get_ident()
        with self._guard:
            self._generation += 1
            self._guard.wait_for(lambda: not any(n for t, n in self._busy.items() if t != me), timeout=60)
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
            idle, self._idle = self._idle, []
        for db in idle:
            db.connection.close()

    def close(self) -> None:
        self.release()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def reopen(self) -> None:
        """After the file was replaced (restore, encryption): upgraded schema, new connections."""
        self.release()
        upgrade(self.db_path, self.key)


def open_workspace(db_path: Path, policies: Path | None = None, key: DataKey | None = None) -> Workspace:
    """Open the database for this program alone: a second copy is told it is open elsewhere. An
    encrypted database needs its ``key`` (services.security.open_key)."""
    profiles = load_profiles(policies or paths.policies_dir())
    lock = DatabaseLock(db_path)
    lock.acquire()
    try:
        remove_stale_staging(db_path)  # a restore killed halfway: its copy goes before anything else
        upgrade(db_path, key)
        return Workspace(db_path, profiles, lock, key)
    except BaseException:
        lock.release()
        raise
