"""A month of the daily register per class, as the printouts and the Excel export show it (SPEC §8):
幼儿出勤登记表 (class × month grid with totals) and 晨午检记录表 (class × day)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from ..domain.choices import MARKS, PRESENT
from ..domain.periods import PLACEMENT, enrolled_on
from ..store import periods as sql_periods
from ..store.models import AttendanceMark, Child, HealthCheck, Placement, SchoolClass
from .centre import get_centre
from .lookups import load_calendar
from .vouchers import month_bounds

#: the 幼儿出勤登记表's sign for each mark (SPEC §8: ✓ / 病 / 事 / 其)
SIGNS = {"出勤": "✓", "病假": "病", "事假": "事", "其他": "其"}


@dataclass
class ChildMonth:
    name: str
    marks: dict[date, str] = field(default_factory=dict)  # day → 出勤/病假/事假/其他
    symptoms: dict[date, str] = field(default_factory=dict)
    checks: dict[tuple[date, str], HealthCheck] = field(default_factory=dict)  # (day, 晨检/午检) → check

    def count(self, mark: str) -> int:
        return sum(1 for m in self.marks.values() if m == mark)


@dataclass
class ClassMonth:
    name: str
    children: list[ChildMonth]

    def present_on(self, day: date) -> int:
        return sum(1 for c in self.children if c.marks.get(day) == PRESENT)

    def total(self, mark: str) -> int:
        return sum(c.count(mark) for c in self.children)


@dataclass
class MonthSheets:
    month: str
    centre: str
    days: list[date]  # the month's open days
    classes: list[ClassMonth]


def month_sheets(session: Session, month: str, class_id: int | None = None) -> MonthSheets:
    """Every class (or one) with the children placed in it on some open day of ``month``; a child
    counts in a class only on the days of their placement there."""
    first, last = month_bounds(month)
    days = load_calendar(session).between(first, last)
    classes = list(session.exec(select(SchoolClass).order_by(SchoolClass.name)))
    if class_id is not None:
        classes = [c for c in classes if c.id == class_id]
    placements = list(session.exec(select(Placement).where(sql_periods.touches(PLACEMENT, Placement, first, last))))
    children = {c.id: c for c in session.exec(select(Child).where(Child.id.in_({p.child_id for p in placements})))}
    marks: dict[int, list[AttendanceMark]] = {}
    for m in session.exec(select(AttendanceMark).where(AttendanceMark.day >= first, AttendanceMark.day <= last)):
        marks.setdefault(m.child_id, []).append(m)
    checks: dict[int, list[HealthCheck]] = {}
    for c in session.exec(select(HealthCheck).where(HealthCheck.day >= first, HealthCheck.day <= last)):
        checks.setdefault(c.child_id, []).append(c)
    out = []
    for klass in classes:
        lines: dict[int, ChildMonth] = {}
        for p in placements:
            if p.class_id != klass.id or p.child_id not in children:
                continue
            held = {d for d in days if PLACEMENT.holds_on(p, d) and enrolled_on(children[p.child_id], d)}
            if not held:
                continue
            line = lines.setdefault(p.child_id, ChildMonth(children[p.child_id].name))
            for m in marks.get(p.child_id, []):
                if m.day in held and m.mark in MARKS:
                    line.marks[m.day] = m.mark
                    if m.symptom:
                        line.symptoms[m.day] = m.symptom
            for c in checks.get(p.child_id, []):
                if c.day in held:
                    line.checks[(c.day, c.round)] = c
        out.append(ClassMonth(klass.name, sorted(lines.values(), key=lambda c: c.name)))
    return MonthSheets(month, get_centre(session).name, days, out)
