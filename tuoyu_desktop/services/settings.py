"""Key-value settings kept in the database (window size, last folders)."""
from __future__ import annotations

from sqlmodel import Session

from ..store.models import Setting


def get_setting(session: Session, key: str, default: str = "") -> str:
    row = session.get(Setting, key)
    return row.value if row else default


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key) or Setting(key=key)
    row.value = value
    session.add(row)
