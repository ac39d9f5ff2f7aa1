"""A month of the daily register per class, as the printouts and the Excel export show it (SPEC §8):
幼儿出勤登记表 (class × month grid with totals) and 晨午检记录表 (class × day)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain.choices import MARKS, PRESENT
from ..domain.month import Month
from ..domain.periods import PLACEMENT, enrolled_on
from ..domain.pinyin import sort_key as pinyin_sort_key
from ..store.plain import BY_NAME, Db, as_db, in_
from ..store.spans import touches
from .centre import get_centre
from .lookups import load_calendar

#: the 幼儿出勤登记表's sign for each mark (SPEC §8: ✓ / 病 / 事 / 其)
SIGNS = {"出勤": "✓", "病假": "病", "事假": "事", "其他": "其"}


@dataclass
class ChildMonth:
    name: str
    marks: dict[date, str] = field(default_factory=dict)  # day → 出勤/病假/事假/其他
    symptoms: dict[date, str] = field(default_factory=dict)
    checks: dict[tuple[date, str], object] = field(default_factory=dict)  # (day, 晨检/午检) → health_checks row

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


def month_sheets(db: Db, month: str, class_id: int | None = None, first: date | None = None,
                 last: date | None = None) -> MonthSheets:
    """Every class (or one) with the children placed in it on some open day of ``month``; a child
    counts in a class only on the days of their placement there. ``first`` and ``last`` narrow the
    month to a part of it (the inspection pack of a date range)."""
    db = as_db(db)
    start, end = Month.parse(month).bounds
    first, last = max(first or start, start), min(last or end, end)
    days = load_calendar(db).between(first, last)
    classes = db.rows("classes", order=BY_NAME, columns=("id", "name"))
    if class_id is not None:
        classes = [c for c in classes if c.id == class_id]
    placements = db.rows("placements", touches(PLACEMENT, first, last), order="id")
    children = {c.id: c for c in db.rows("children", in_("id", {p.child_id for p in placements}),
                                         columns=("id", "name", "enrolled_on", "left_on"))}
    marks: dict[int, list] = {}
    for m in db.rows("attendance_marks", ("day >= ? AND day <= ?", first, last), order="day, id",
                     columns=("child_id", "day", "mark", "symptom")):
        marks.setdefault(m.child_id, []).append(m)
    checks: dict[int, list] = {}
    for c in db.rows("health_checks", ("day >= ? AND day <= ?", first, last), order="day, id"):
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
        out.append(ClassMonth(klass.name, sorted(lines.values(), key=lambda c: pinyin_sort_key(c.name))))
    return MonthSheets(month, get_centre(db).name, days, out)
