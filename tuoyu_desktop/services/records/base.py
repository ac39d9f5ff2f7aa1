"""What every kind of record has, for forms and for Excel import alike.

A kind names its columns (the Chinese headers of SPEC §4), reads one raw record into clean
values with every problem collected (``check``), knows which record it would update
(``find``), may check rules across all rows of a file (``check_all``), and stores the values
(``save``), saying whether that added, updated or left a record unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from sqlmodel import Session, select

from ...domain.errors import Collector
from ...domain.policy import PolicyProfile
from ...domain.reader import RowReader
from ...store.models import (
    BlacklistEntry,
    Child,
    Placement,
    SchoolClass,
    Staff,
    StaffAssignment,
)

ADDED, UPDATED, UNCHANGED = "新增", "更新", "未变"


@dataclass(frozen=True)
class Column:
    header: str
    required: bool = False
    # text | date | choice | combo (choices offered, other text kept) | yesno | number | id | phone | code
    kind: str = "text"
    choices: tuple[str, ...] = ()
    note: str = ""
    example: str = ""
    width: int = 14
    hint: str = ""  # shown under the field in a form (the template shows ``note``)
    widget: str = ""  # a form's widget when it is not the usual one: combo (pick or type) | check
    field_width: int = 0  # a form field's width in characters (0: the kind's ``form_width``)


@dataclass
class Context:
    """What checking a record needs besides the record: the database, the profile, today."""

    session: Session
    profile: PolicyProfile
    today: date
    profiles: dict[str, PolicyProfile] = field(default_factory=dict)
    editing_id: int | None = None  # the record a form edits (so it is not its own duplicate)
    _cache: dict[str, Any] = field(default_factory=dict)

    def cached(self, name: str, build):
        if name not in self._cache:
            self._cache[name] = build()
        return self._cache[name]

    def classes_by_name(self) -> dict[str, SchoolClass]:
        return self.cached("classes", lambda: {c.name: c for c in self.session.exec(select(SchoolClass))})

    def staff_by_id(self) -> dict[str, Staff]:
        return self.cached("staff", lambda: {s.id_number: s for s in self.session.exec(select(Staff))})

    def blacklist(self) -> dict[str, BlacklistEntry]:
        return self.cached("blacklist", lambda: {b.id_number: b for b in self.session.exec(select(BlacklistEntry))})

    def children_by_id(self) -> dict[str, Child]:
        return self.cached("children_id", lambda: {c.id_number: c for c in self.session.exec(
            select(Child).where(Child.id_number.is_not(None)))})

    def children_without_id(self) -> dict[tuple, Child]:
        return self.cached("children_noid", lambda: {(c.name, c.birth_date, c.guardian_phone): c for c in
                                                     self.session.exec(select(Child).where(Child.id_number.is_(None)))})

    def placements_by_child(self) -> dict[int, list[Placement]]:
        def build():
            out: dict[int, list[Placement]] = {}
            for p in self.session.exec(select(Placement).order_by(Placement.child_id, Placement.start_on)):
                out.setdefault(p.child_id, []).append(p)
            return out
        return self.cached("placements", build)

    def posts_by_staff(self) -> dict[int, list[StaffAssignment]]:
        def build():
            out: dict[int, list[StaffAssignment]] = {}
            for a in self.session.exec(select(StaffAssignment).order_by(StaffAssignment.start_on, StaffAssignment.id)):
                out.setdefault(a.staff_id, []).append(a)
            return out
        return self.cached("staff_posts", build)


@dataclass
class Checked:
    """One record that passed ``check``: its values and the stored record it would update."""

    row: int | None
    values: dict[str, Any]
    existing: Any = None
    extra: dict[str, Any] = field(default_factory=dict)
    present: set[str] | None = None  # headers the file or form had (None: all)


class RecordKind:
    """One kind of record: everything the template, the import, the forms, the 操作日志 and the
    pages' refreshing need to know about it (the path a new kind follows: README, 新的数据种类)."""

    key: ClassVar[str]
    title: ClassVar[str]  # 幼儿, 班级 …
    sheet: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]
    identity_label: ClassVar[str] = ""
    single_row: ClassVar[bool] = False
    #: the table the records live in (its name also titles the 操作日志's entries)
    model: ClassVar[type]
    #: the area of the window this kind belongs to; a change of it refreshes the pages showing it
    area: ClassVar[str]
    #: further areas a change of this kind affects (a child's enrolment changes the classes' counts)
    also_touches: ClassVar[tuple[str, ...]] = ()
    #: the form's fields, by header, in the form's order (empty: the kind has no form of its own)
    form_fields: ClassVar[tuple[str, ...]] = ()
    form_width: ClassVar[int] = 30
    #: stored attribute → the optional column it comes from; a file without that column
    #: leaves the stored value of an existing record as it is
    optional_fields: ClassVar[dict[str, str]] = {}

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        raise NotImplementedError

    def identity(self, checked: Checked) -> tuple | None:
        """The key that must not appear twice in one file."""
        return None

    def check_all(self, rows: list[Checked], ctx: Context, errors: Collector) -> None:
        """Rules that span rows (a class filling up, a sixth voucher)."""

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        raise NotImplementedError

    def finish(self, session: Session, ctx: Context) -> None:
        """After every row was saved (e.g. rows that need the ids of records just added)."""

    # the form path (services.records.forms) ------------------------------------------------------
    def form_values(self, record, ctx: Context) -> dict[str, Any]:
        """A stored record as the values of its form (and of a template row)."""
        raise NotImplementedError

    def prepare_form(self, ctx: Context, values: dict[str, Any], current) -> None:
        """Before a form is checked (``current``: the record being edited, or None)."""

    def duplicate_problem(self, existing, editing: bool) -> tuple[str, str] | None:
        """(field, message) when the form's key belongs to another record (``existing``); None when
        that is not the form's problem (a kind that asks about a duplicate when saving)."""
        field_name = self.identity_label.split("+")[0] or self.columns[0].header
        return field_name, "与另一条记录重复" if editing else "已有相同的记录"

    def form_checks(self, checked: Checked, ctx: Context, errors: Collector, current) -> None:
        """Rules a form adds to those of a file row (``current`` is the record being edited)."""

    def saved_message(self, values: dict[str, Any], added: bool) -> str:
        raise NotImplementedError

    def deleted_message(self, record) -> str:
        raise NotImplementedError

    def delete(self, session: Session, record, ctx: Context) -> None:
        delete_with_dependents(session, record)

    @property
    def touches(self) -> tuple[str, ...]:
        return (self.area, *self.also_touches)

    def column(self, header: str) -> Column:
        return next(c for c in self.columns if c.header == header)

    def values_to_store(self, checked: Checked) -> dict[str, Any]:
        if checked.existing is None or checked.present is None:
            return checked.values
        return {k: v for k, v in checked.values.items()
                if k not in self.optional_fields or self.optional_fields[k] in checked.present}

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns if c.required)


def form_values(values: dict[str, Any]) -> dict[str, Any]:
    """A form's values as a spreadsheet row would hold them (ticked boxes as 是/否)."""
    return {k: ("是" if v is True else "否" if v is False else v) for k, v in values.items()}


def upsert(session: Session, model_class, existing, values: dict[str, Any]):
    """Add a record, or change ``existing`` to ``values``; return (record, action)."""
    if existing is None:
        record = model_class(**values)
        session.add(record)
        return record, ADDED
    changed = False
    for key, value in values.items():
        if getattr(existing, key) != value:
            setattr(existing, key, value)
            changed = True
    if changed:
        session.add(existing)
    return existing, UPDATED if changed else UNCHANGED


def delete_with_dependents(session: Session, record) -> None:
    """Delete ``record`` and, first, every row that the database would delete with it (a foreign key
    ON DELETE CASCADE: a child's placements, attendance marks, measurements …) through the session,
    so that each is in the 操作日志 and 撤销 can put it back; rows whose key is SET NULL get it set."""
    from sqlalchemy import inspect, select
    from sqlmodel import SQLModel

    table = record.__table__
    for mapper in list(SQLModel._sa_registry.mappers):
        other = mapper.local_table
        for fk in other.foreign_keys:
            if fk.column.table is not table:
                continue
            column = fk.parent
            value = getattr(record, fk.column.key)
            rows = session.execute(select(mapper.class_).where(column == value)).scalars().all()
            for row in rows:
                if (fk.ondelete or "").upper() == "CASCADE":
                    delete_with_dependents(session, row)
                elif (fk.ondelete or "").upper() == "SET NULL":
                    setattr(row, inspect(mapper.class_).get_property_by_column(column).key, None)
    session.delete(record)
    session.flush()
