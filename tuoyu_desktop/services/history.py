"""Named operations (one per change the window or the command line makes), their log, and 撤销.

Each operation is one transaction; the 操作日志 entries it wrote carry its id. 撤销 takes back the
last operation by writing, as a new operation, the inverse of its entries in reverse order: a row it
added is deleted, a row it deleted is put back as it was, a changed field gets its old value. It is
refused — with the reason — when something changed after it (the database would no longer be what
it was before the operation plus that operation), when it was itself an undo, when it locked a
month (解锁 needs a reason) or when nothing was done yet.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from itertools import groupby
from typing import TYPE_CHECKING

from ..domain.errors import InputError
from ..store.plain import Db, as_db
from .audit_log import local_time
from .changes import Changes

if TYPE_CHECKING:  # pragma: no cover
    from sqlmodel import Session

#: tables whose changes an undo must not take back silently: (table, why)
NOT_UNDONE = {"return_events": "锁定或解锁月报不能撤销：已报送的月份请用“解锁”（须写原因）"}


@dataclass(frozen=True)
class OperationRow:
    id: int
    name: str
    at: str
    user: str
    rows: int
    undo_of: int | None
    undone: bool


def close_operation(session: "Session", operation_id: int, name: str) -> None:
    """The operation's name and its number of rows, once its use case has run (same transaction)."""
    from sqlalchemy import text

    session.execute(text("UPDATE operations SET name = :name, rows = (SELECT count(*) FROM audit_log "
                         "WHERE operation_id = :id) WHERE id = :id"), {"name": name, "id": operation_id})


def operations_log(db: Db, last: int | None = None) -> list[OperationRow]:
    """The operations, the newest first (``last``: only so many)."""
    db = as_db(db)
    undone = {r[0] for r in db.values("SELECT undo_of FROM operations WHERE undo_of IS NOT NULL")}
    rows = db.values("SELECT id, name, at, user, rows, undo_of FROM operations ORDER BY id DESC"
                     + (" LIMIT ?" if last else ""), *([last] if last else []))
    return [OperationRow(i, name, local_time(at), user, n, undo_of, i in undone) for i, name, at, user, n, undo_of in rows]


@dataclass(frozen=True)
class Undoable:
    """What 撤销 would take back now, or why it cannot."""

    operation: OperationRow | None
    reason: str = ""  # empty: it can be undone

    @property
    def label(self) -> str:
        return f"撤销“{self.operation.name}”" if self.operation and not self.reason else "撤销"


def undoable(db: Db) -> Undoable:
    db = as_db(db)
    found = db.values("SELECT id, name, at, user, rows, undo_of FROM operations ORDER BY id DESC LIMIT 1")
    if not found:
        return Undoable(None, "还没有可以撤销的操作")
    i, name, at, user, n, undo_of = found[0]
    op = OperationRow(i, name, local_time(at), user, n, undo_of, False)
    if undo_of is not None:
        return Undoable(op, f"最近的操作“{name}”本身就是撤销，不能再撤销")
    if db.values("SELECT 1 FROM operations WHERE undo_of = ?", i):
        return Undoable(op, f"“{name}”已经撤销过了")
    later = db.values("SELECT table_name, summary, at FROM audit_log WHERE id > (SELECT max(id) FROM audit_log "
                      "WHERE operation_id = ?) AND (operation_id IS NULL OR operation_id != ?) ORDER BY id LIMIT 1",
                      i, i)
    if later:
        return Undoable(op, f"“{name}”之后数据又有改动（{local_time(later[0][2])}），撤销它会把之后的改动弄乱；"
                            "请直接修改需要更正的记录")
    tables = {r[0] for r in db.values("SELECT DISTINCT table_name FROM audit_log WHERE operation_id = ?", i)}
    for table, why in NOT_UNDONE.items():
        if table in tables:
            return Undoable(op, why)
    return Undoable(op)


def undo_last(session: "Session") -> Changes:
    """Take back the last operation (as a new operation named 撤销“…”); InputError with the reason if it cannot."""
    from sqlalchemy import select

    from ..store.audit import OPERATION
    from ..store.models import AuditEntry

    state = undoable(session)
    if state.reason:
        raise InputError(state.reason)
    op = state.operation
    # the undo is itself an operation of the 操作日志: named here, closed by Operations.change
    session.info.setdefault(OPERATION, {}).update(name=f"撤销“{op.name}”", undo_of=op.id)
    entries = session.execute(select(AuditEntry).where(AuditEntry.operation_id == op.id)
                              .order_by(AuditEntry.id.desc())).scalars().all()
    # taken back newest first, a run of one table and action at a time (a child's placements go
    # before the child): each run's rows are read in one query and written in one flush
    for (table_name, action), run in groupby(entries, key=lambda e: (e.table_name, e.action)):
        run = list(run)
        table = _table(table_name)
        if action == "删除":
            session.add_all([table.model(**table.typed(json.loads(e.old_json))) for e in run])
        else:
            keys = [table.key(e.record_id) for e in run]
            rows = table.rows_by_key(session, keys)
            for e, key in zip(run, keys):
                row = rows.get(key)
                if row is None:
                    continue
                if action == "新增":
                    session.delete(row)
                else:
                    for column, value in table.typed(json.loads(e.old_json) if e.old_json else {}).items():
                        setattr(row, column, value)
        session.flush()
    # what an operation touched may be shown anywhere (a child's placements feed the classes, 首页, 月报)
    return Changes(message=f"已撤销“{op.name}”（{len(entries)}行）", everything=True)


@dataclass(frozen=True)
class _Table:
    """What taking back a table's rows needs of its model: found once per table, not once per row."""

    model: type
    key_attr: str  # the primary key's attribute
    key_type: type
    types: dict[str, type]  # attribute → Python type of its column

    def key(self, record_id: str):
        """A 操作日志 entry's record id back as the primary key's type."""
        return date.fromisoformat(record_id) if self.key_type is date else self.key_type(record_id)

    def rows_by_key(self, session, keys: list) -> dict:
        from sqlalchemy import select

        column = getattr(self.model, self.key_attr)
        out = {}
        for start in range(0, len(keys), 500):  # SQLite's limit on a statement's parameters
            for row in session.execute(select(self.model).where(column.in_(keys[start:start + 500]))).scalars():
                out[getattr(row, self.key_attr)] = row
        return out

    def typed(self, values: dict) -> dict:
        """The 操作日志's JSON values back as the columns' types (dates and times were written as text)."""
        out = {}
        for name, value in values.items():
            kind = self.types.get(name)
            if kind is None:
                continue
            if isinstance(value, str) and kind is datetime:
                value = datetime.fromisoformat(value)
            elif isinstance(value, str) and kind is date:
                value = date.fromisoformat(value)
            out[name] = value
        return out


@cache
def _table(name: str) -> _Table:
    from sqlalchemy import inspect
    from sqlmodel import SQLModel

    from ..store import models  # noqa: F401  (every table model registered)

    for mapper in SQLModel._sa_registry.mappers:
        if getattr(mapper.class_, "__tablename__", None) == name:
            info = inspect(mapper.class_)
            column = info.primary_key[0]
            return _Table(mapper.class_, info.get_property_by_column(column).key, column.type.python_type,
                          {c.key: c.columns[0].type.python_type for c in info.column_attrs})
    raise InputError(f"操作日志里的表“{name}”不是本程序的表，无法撤销")
