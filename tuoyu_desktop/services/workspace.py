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
from ..store.engine import make_engine, transaction
from ..store.migrate import open_database


@dataclass
class Workspace:
    db_path: Path | None
    engine: Engine
    profiles: dict[str, PolicyProfile]

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends without error."""
        with transaction(self.engine) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def reopen(self) -> None:
        """After the file was replaced (restore): new connections, upgraded schema."""
        self.engine.dispose()
        if self.db_path is not None:
            self.engine = open_database(self.db_path)


def open_workspace(db_path: Path, policies: Path | None = None) -> Workspace:
    profiles = load_profiles(policies or paths.policies_dir())
    return Workspace(db_path, open_database(db_path), profiles)


def memory_workspace(policies: Path | None = None) -> Workspace:
    """A private in-memory database with the newest schema (tests, self-checks)."""
    from sqlmodel import SQLModel

    from ..store.models import SCHEMA_APP_ID

    engine = make_engine(None)
    SQLModel.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id={SCHEMA_APP_ID}")
    return Workspace(None, engine, load_profiles(policies or paths.policies_dir()))
