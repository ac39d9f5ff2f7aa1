"""An open database with the policy profiles: what the CLI and the window both work on."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine
from sqlmodel import Session

from .. import paths
from ..domain.policy import PolicyProfile, load_profiles
from ..store import audit
from ..store.cipher import DataKey
from ..store.engine import transaction
from ..store.lock import DatabaseLock
from ..store.migrate import open_database


@dataclass
class Workspace:
    db_path: Path | None
    engine: Engine
    profiles: dict[str, PolicyProfile]
    lock: DatabaseLock | None = None
    key: DataKey | None = None  # the data key when the database is encrypted
    legacy_password: str = ""  # the old start-up password as typed (plain data): offered for encrypting

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends without error."""
        with transaction(self.engine) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def reopen(self) -> None:
        """After the file was replaced (restore): new connections, upgraded schema."""
        self.engine.dispose()
        if self.db_path is not None:
            self.engine = open_database(self.db_path, self.key)


def open_workspace(db_path: Path, policies: Path | None = None, key: DataKey | None = None) -> Workspace:
    """Open the database for this program alone: a second copy is told it is open elsewhere. An
    encrypted database needs its ``key`` (services.security.open_key)."""
    profiles = load_profiles(policies or paths.policies_dir())
    audit.install()
    lock = DatabaseLock(db_path)
    lock.acquire()
    try:
        return Workspace(db_path, open_database(db_path, key), profiles, lock, key)
    except BaseException:
        lock.release()
        raise
