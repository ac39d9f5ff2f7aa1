"""操作日志: every change to a record is written, in the same transaction, as a chained entry."""
from __future__ import annotations

import getpass
import hashlib
import json
from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session as OrmSession

from .models import AuditEntry, Operation, Setting

NOT_AUDITED = (AuditEntry, Setting, Operation)
#: ``session.info[OPERATION]``: the named operation the session's changes belong to (``name``, and
#: its ``id`` once its first change is flushed, and the ``user`` the runner was bound to); set by
#: services.operations.Operations.change
OPERATION = "tuoyu.operation"
_installed = False


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment: still audit, anonymously
        return "未知用户"


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _columns(obj) -> dict:
    mapper = inspect(obj).mapper
    return {c.key: _plain(getattr(obj, c.key)) for c in mapper.column_attrs}


def entry_hash(prev: str, at: str, user: str, action: str, table: str, record_id: str, old: str, new: str) -> str:
    text = "|".join((prev, at, user, action, table, record_id, old, new))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _summary(obj) -> str:
    for attr in ("name", "serial", "course", "institution", "month", "content", "cert_type"):
        value = getattr(obj, attr, None)
        if value:
            return str(value)
    return ""


def _after_flush(session: OrmSession, _context) -> None:
    rows = []
    for obj, action in ([(o, "新增") for o in session.new] + [(o, "修改") for o in session.dirty]
                        + [(o, "删除") for o in session.deleted]):
        if isinstance(obj, NOT_AUDITED) or not hasattr(obj, "__tablename__"):
            continue
        state = inspect(obj)
        if action == "修改":
            old, new = {}, {}
            for attr in state.mapper.column_attrs:
                history = state.attrs[attr.key].history
                if history.has_changes():
                    old[attr.key] = _plain(history.deleted[0]) if history.deleted else None
                    new[attr.key] = _plain(history.added[0]) if history.added else None
            if not new:
                continue
        elif action == "新增":
            old, new = {}, _columns(obj)
        else:
            old, new = _columns(obj), {}
        rows.append((action, obj.__tablename__, str(getattr(obj, "id", "") or getattr(obj, "key", "")), _summary(obj),
                     json.dumps(old, ensure_ascii=False, sort_keys=True) if old else "",
                     json.dumps(new, ensure_ascii=False, sort_keys=True) if new else ""))
    if not rows:
        return
    connection = session.connection()
    table = AuditEntry.__table__
    prev = connection.execute(select(table.c.hash).order_by(table.c.id.desc()).limit(1)).scalar() or ""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    operation = session.info.get(OPERATION)
    user = (operation or {}).get("user") or current_user()
    if operation is not None and operation.get("id") is None:  # its first change: the operation's row
        operation["id"] = connection.execute(insert(Operation.__table__).values(
            name=operation.get("name") or "修改数据", at=now, user=user, rows=0,
            undo_of=operation.get("undo_of"))).inserted_primary_key[0]
    values = []
    for action, name, record_id, summary, old, new in rows:
        digest = entry_hash(prev, now.isoformat(), user, action, name, record_id, old, new)
        values.append(dict(at=now, user=user, action=action, table_name=name, record_id=record_id, summary=summary,
                           old_json=old, new_json=new, prev_hash=prev, hash=digest,
                           operation_id=operation["id"] if operation is not None else None))
        prev = digest
    connection.execute(insert(table), values)


def install() -> None:
    """Audit every Session of the program (idempotent)."""
    global _installed
    if not _installed:
        event.listen(OrmSession, "after_flush", _after_flush)
        _installed = True


def verify_chain(session) -> int | None:
    """The id of the first entry whose hash does not follow from the ones before, or None if intact."""
    prev = ""
    for e in session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars():
        at = e.at if e.at.tzinfo else e.at.replace(tzinfo=timezone.utc)
        expected = entry_hash(prev, at.isoformat(), e.user, e.action, e.table_name, e.record_id, e.old_json,
                              e.new_json)
        if e.prev_hash != prev or e.hash != expected:
            return e.id
        prev = e.hash
    return None
