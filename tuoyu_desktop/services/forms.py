"""One path for every kind's form: check as the user types, save, delete, and a record's values.

The kind (``services.records``) says what differs — its columns, duplicate message, extra rules,
messages and areas; this module is the same for all of them, so a new kind gets its form by
describing itself (README: 新的数据种类).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from ..domain.errors import Collector, InputError, Problem
from ..domain.policy import PolicyProfile
from ..domain.reader import RowReader
from .centre import centre_profile
from .changes import Changes
from .records import KINDS, Checked, Context, RecordKind
from .records.base import form_values as as_row


def context(session: Session, profiles: dict[str, PolicyProfile], today: date) -> Context:
    return Context(session, centre_profile(session, profiles), today, profiles)


def _current(session: Session, kind: RecordKind, record_id: int | None):
    if record_id is None:
        return None
    record = session.get(kind.model, record_id)
    if record is None:
        raise InputError([Problem("", f"这条{kind.title}记录已不存在（可能已被删除），请关闭后刷新列表")])
    return record


def check_record(session: Session, key: str, values: dict[str, Any], profiles: dict[str, PolicyProfile],
                 today: date, record_id: int | None = None) -> tuple[Checked, Context]:
    """Every problem of the form (raises InputError), or the checked record ready to save."""
    kind = KINDS[key]
    ctx = context(session, profiles, today)
    ctx.editing_id = record_id
    current = _current(session, kind, record_id)
    errors = Collector()
    row = as_row(values)
    kind.prepare_form(ctx, row, current)
    checked = kind.check(RowReader(row, errors, None, today), ctx)
    other = checked.existing
    if other is not None and (current is None or other.id != current.id):
        problem = kind.duplicate_problem(other, current is not None)
        if problem and not any(p.field == problem[0] for p in errors.problems):
            errors.add(*problem)
    if current is not None:
        checked.existing = current
    checked.present = set(row)
    kind.form_checks(checked, ctx, errors, current)
    errors.raise_if_any()
    return checked, ctx


def save_record(session: Session, key: str, values: dict[str, Any], profiles: dict[str, PolicyProfile],
                today: date, record_id: int | None = None) -> Changes:
    """新增 (record_id None) or 编辑: check the whole form, then store it, in the caller's transaction."""
    kind = KINDS[key]
    checked, ctx = check_record(session, key, values, profiles, today, record_id)
    kind.save(session, checked, ctx)
    kind.finish(session, ctx)
    return Changes.of(kind.saved_message(checked.values, record_id is None), *kind.touches)


def delete_record(session: Session, key: str, record_id: int, profiles: dict[str, PolicyProfile],
                  today: date) -> Changes:
    kind = KINDS[key]
    record = _current(session, kind, record_id)
    message = kind.deleted_message(record)
    kind.delete(session, record, context(session, profiles, today))
    return Changes.of(message, *kind.touches)


def record_values(session: Session, key: str, record_id: int, profiles: dict[str, PolicyProfile],
                  today: date) -> dict[str, Any]:
    """The stored record as its form's values."""
    kind = KINDS[key]
    return kind.form_values(_current(session, kind, record_id), context(session, profiles, today))
