"""Reading with plain SQL on the DB-API connection (sqlite3, or sqlcipher3 for encrypted data).

Everything that only looks at the data — the monthly return, the alerts, the 首页 — reads through
``Db``: typed rows (named tuples) of one table, with the values converted by the column types the
migrations declared (DATE, DATETIME, BOOLEAN), so a row reads like the table model's object. It
needs neither SQLAlchemy nor SQLModel, whose import alone costs more than the whole return's work;
the ORM is imported when something is written. ``tests/test_plain.py`` keeps every table's rows
equal to the ORM's.

    db.rows("staff", employed_on(day), order="name")
    db.rows("certificates", in_("staff_id", ids), ("issued_on IS NULL OR issued_on <= ?", end))
"""
from __future__ import annotations

from collections import namedtuple
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..domain import pinyin
from .cipher import DataKey, connect

BUSY_TIMEOUT_MS = 5000

#: lists of people and classes in 拼音 order (王 before 张), with the id as the tie-break
BY_NAME = f"name COLLATE {pinyin.COLLATION}, id"


def configure(connection, *, foreign_keys: bool = True) -> None:
    """What every connection of the program is set to: transactions begun by the program (so DDL
    in a migration is inside one too), foreign keys on, a busy timeout, WAL."""
    connection.isolation_level = None
    connection.create_collation(pinyin.COLLATION, pinyin.compare)  # ORDER BY name COLLATE pinyin
    cur = connection.cursor()
    cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def open_connection(path: Path, key: DataKey | None = None):
    """A DB-API connection on the database file, set up as the program's (``configure``)."""
    connection = raw_connection(path, key)
    configure(connection)
    return connection


def raw_connection(path: Path, key: DataKey | None = None):
    """A DB-API connection on the file (by name, never a URL: a folder named with # or % stays
    itself), keyed first when encrypted; usable from another thread (closed at the end)."""
    return connect(str(path), key, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)


#: a condition: SQL with ? placeholders, and its parameters
Where = tuple


def _date(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def _datetime(value):
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _bool(value):
    return None if value is None else bool(value)


_CONVERT = {"DATE": _date, "DATETIME": _datetime, "BOOLEAN": _bool}


def param(value):
    """A parameter as the ORM stores it: dates as ISO text, datetimes with a space, booleans as 0/1."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def in_(column: str, values: Iterable) -> Where:
    """``column IN (…)``; an empty list matches nothing."""
    values = tuple(values)
    if not values:
        return ("0",)
    return (f"{column} IN ({','.join('?' * len(values))})", *values)


def where(conditions: Sequence[Where | str]) -> tuple[str, list]:
    """The conditions joined with AND, and their parameters in order (converted where they are run)."""
    parts, params = [], []
    for condition in conditions:
        if isinstance(condition, str):
            condition = (condition,)
        parts.append(f"({condition[0]})")
        params += condition[1:]
    return " AND ".join(parts), params


#: one named-tuple class per table and column list, for every connection (making one costs more than a read)
_ROW_TYPES: dict[tuple[str, tuple[str, ...]], type] = {}


class Db:
    """Typed reads on one DB-API connection, inside the caller's transaction."""

    def __init__(self, connection):
        self.connection = connection
        self._columns: dict[str, list[tuple[str, Any]]] = {}

    def columns(self, table: str) -> list[tuple[str, Any]]:
        """``(name, converter)`` of each column of ``table``, from its declared type."""
        found = self._columns.get(table)
        if found is None:
            found = [(row[1], _CONVERT.get((row[2] or "").upper()))
                     for row in self.connection.execute(f'PRAGMA table_info("{table}")')]
            if not found:
                raise LookupError(f"no table {table}")
            self._columns[table] = found
        return found

    def rows(self, table: str, *conditions: Where | str, order: str = "", columns: Sequence[str] | None = None,
             limit: int | None = None) -> list:
        """The rows of ``table`` meeting every condition, as named tuples with typed values."""
        known = self.columns(table)
        if columns is not None:
            by_name = dict(known)
            known = [(name, by_name[name]) for name in columns]
        names = tuple(name for name, _ in known)
        row_type = _ROW_TYPES.get((table, names))
        if row_type is None:
            row_type = _ROW_TYPES[(table, names)] = namedtuple(f"{table}_row", names)
        sql = f'SELECT {", ".join(names)} FROM "{table}"'
        clause, params = where(conditions)
        if clause:
            sql += f" WHERE {clause}"
        if order:
            sql += f" ORDER BY {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        converters = [(i, convert) for i, (_, convert) in enumerate(known) if convert is not None]
        out = []
        make = row_type._make
        for raw in self.connection.execute(sql, [param(v) for v in params]):
            if converters:
                raw = list(raw)
                for i, convert in converters:
                    raw[i] = convert(raw[i])
            out.append(make(raw))
        return out

    def first(self, table: str, *conditions: Where | str, order: str = "", columns: Sequence[str] | None = None):
        found = self.rows(table, *conditions, order=order, columns=columns, limit=1)
        return found[0] if found else None

    def get(self, table: str, row_id):
        """The row with this id, or None."""
        return None if row_id is None else self.first(table, ("id = ?", row_id))

    def values(self, sql: str, *params) -> list[tuple]:
        """Raw rows of any SELECT (no conversion): counts, ids and joins."""
        return self.connection.execute(sql, [param(v) for v in params]).fetchall()


def as_db(source) -> Db:
    """A ``Db`` for a read function called with a ``Db`` or inside an ORM session's transaction (the
    session's pending changes flushed first, so the plain reads see them)."""
    if isinstance(source, Db):
        return source
    source.flush()
    connection = source.connection().connection.driver_connection
    kept = source.info.get("plain_db")  # one per transaction: an import asks for it row after row
    if kept is None or kept.connection is not connection:
        kept = source.info["plain_db"] = Db(connection)
    return kept
