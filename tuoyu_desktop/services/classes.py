"""班级 page: each class with its children, places, caregivers and whether the ratio holds."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from ..domain.classes import caregivers_needed, ratio_text
from ..domain.errors import Collector
from ..domain.policy import PolicyProfile
from ..domain.reader import RowReader
from ..store.models import SchoolClass, Staff
from .changes import Changes
from .children import context, roster
from ..domain.periods import class_open_on
from ..store.periods import employed_on
from .records.classes import ClassKind, enrolled_in_class
from .records.base import form_values

KIND = ClassKind()


@dataclass(frozen=True)
class ClassRow:
    id: int
    name: str
    class_type: str
    capacity: int
    enrolled: int
    free: int
    caregivers: int
    caregivers_needed: int
    ratio: str
    ratio_ok: bool
    is_puhui: bool
    open: bool
    opened_on: date | None
    closed_on: date | None

    @property
    def over_capacity(self) -> bool:
        return self.enrolled > self.capacity


def class_rows(session: Session, profile: PolicyProfile, today: date) -> list[ClassRow]:
    carers: dict[int, int] = {}
    for s in session.exec(select(Staff).where(Staff.role == "保育人员", employed_on(today))):
        if s.class_id is not None:
            carers[s.class_id] = carers.get(s.class_id, 0) + 1
    rows = []
    for c in session.exec(select(SchoolClass).order_by(SchoolClass.name)):
        enrolled = enrolled_in_class(session, c.id, today)
        needed = caregivers_needed(enrolled, c.class_type, profile)
        is_open = class_open_on(c, today)
        rows.append(ClassRow(c.id, c.name, c.class_type, c.capacity, enrolled, c.capacity - enrolled,
                             carers.get(c.id, 0), needed, ratio_text(c.class_type, profile),
                             carers.get(c.id, 0) >= needed, c.is_puhui, is_open, c.opened_on, c.closed_on))
    return rows


def children_of_class(session: Session, class_name: str, today: date):
    return [r for r in roster(session, today) if r.class_name == class_name]


def class_form_values(klass: SchoolClass) -> dict:
    return {"班级名称": klass.name, "班型": klass.class_type, "核定人数": str(klass.capacity),
            "是否普惠": "是" if klass.is_puhui else "否",
            "开班日期": klass.opened_on.isoformat() if klass.opened_on else "",
            "停班日期": klass.closed_on.isoformat() if klass.closed_on else ""}


def check_class_form(session: Session, values: dict, profiles, today: date, class_id: int | None = None):
    ctx = context(session, profiles, today)
    errors = Collector()
    values = form_values(values)
    current = session.get(SchoolClass, class_id) if class_id else None
    if current is not None:
        # checks about the class itself (enrolled now, type change) must see it under its stored name
        ctx.classes_by_name()[values.get("班级名称") or current.name] = current
    checked = KIND.check(RowReader(values, errors, None, today), ctx)
    name = checked.values["name"]
    other = session.exec(select(SchoolClass).where(SchoolClass.name == name)).first() if name else None
    if other is not None and (current is None or other.id != current.id):
        errors.add("班级名称", f"已有名为“{name}”的班级")
    closed = checked.values["closed_on"]
    if current is not None and closed:
        still = enrolled_in_class(session, current.id, closed)
        if still:
            errors.add("停班日期", f"{current.name}在{closed.isoformat()}还有{still}名幼儿，请先为他们转班或离托")
    checked.existing = current
    errors.raise_if_any()
    return checked, ctx


def save_class(session: Session, values: dict, profiles, today: date, class_id: int | None = None) -> Changes:
    checked, ctx = check_class_form(session, values, profiles, today, class_id)
    KIND.save(session, checked, ctx)
    return Changes(message=f"已保存班级 {checked.values['name']}", classes=True)
