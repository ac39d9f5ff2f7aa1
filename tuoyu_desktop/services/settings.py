"""Key-value settings kept in the database (window size, last folders)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..store.plain import Db, as_db

if TYPE_CHECKING:  # pragma: no cover
    from sqlmodel import Session


def get_setting(db: Db, key: str, default: str = "") -> str:
    row = as_db(db).first("settings", ("key = ?", key), columns=("value",))
    return row.value if row else default


def set_setting(session: Session, key: str, value: str) -> None:
    from ..store.models import Setting

    row = session.get(Setting, key) or Setting(key=key)
    row.value = value
    session.add(row)
