"""带药 (SPEC §12): the doses due on a day, who gives them, and the alert for a missed one.

A dose is due at each listed time of each open day of a signed 委托 on which the child is marked 出勤.
On today's list a child not yet marked counts as coming (the register is often kept after the first
dose); a child marked absent has no dose. A due dose of a past day not recorded is an alert, and one
of today whose time has passed by the clock (when the day asked for is the real today).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..domain.alert import Alert
from ..domain.choices import PRESENT
from ..domain.medication import match_doses, parse_times
from ..store.plain import Db, as_db, in_
from ..store.spans import employed_on
from .lookups import load_calendar
from .register import _class_finder

AREA = "safety"


@dataclass(frozen=True)
class DueDose:
    order_id: int
    child_id: int
    child: str
    class_id: int | None
    class_name: str
    drug: str
    dose: str
    usage: str
    day: date
    at: time
    given: object | None  # the medication_doses row that covers it
    marked: bool  # the child's 出勤 of the day is stored (today: not yet, counted as coming)
    givers: str = ""  # the staff of the child's class that day (who gives it), 、-joined

    @property
    def text(self) -> str:
        return f"{self.at:%H:%M} {self.child} {self.drug} {self.dose}"


def _orders(db: Db, first: date, last: date) -> list:
    return db.rows("medication_orders", ("parent_signed = 1 AND start_on <= ? AND end_on >= ?", last, first),
                   order="start_on, id")


def due_doses(db: Db, first: date, last: date, today: date, with_givers: bool = False) -> list[DueDose]:
    """Every dose due from ``first`` to ``last`` (open days; 出勤 stored, or today not yet marked), with
    the 喂药 covering it; by day, time and child."""
    db = as_db(db)
    orders = _orders(db, first, last)
    if not orders:
        return []
    calendar = load_calendar(db)
    children = {c.id: c.name for c in db.rows("children", in_("id", {o.child_id for o in orders}),
                                              columns=("id", "name"))}
    marks = {(child_id, date.fromisoformat(d)): m for child_id, d, m in db.values(
        f"SELECT child_id, day, mark FROM attendance_marks WHERE day >= ? AND day <= ? AND child_id IN "
        f"({','.join(str(o.child_id) for o in orders)})", first.isoformat(), last.isoformat())}
    doses: dict[tuple[int, date], list] = {}
    for d in db.rows("medication_doses", in_("order_id", [o.id for o in orders]),
                     ("given_at >= ? AND given_at < ?", first, last + timedelta(days=1)), order="given_at"):
        doses.setdefault((d.order_id, d.given_at.date()), []).append(d)
    class_of = _class_finder(db, first, last)
    classes = dict(db.values("SELECT id, name FROM classes"))
    staff_of: dict[int, str] = {}
    if with_givers:
        for s in db.rows("staff", employed_on(last), ("class_id IS NOT NULL",), order="name",
                         columns=("name", "class_id")):
            staff_of[s.class_id] = f"{staff_of[s.class_id]}、{s.name}" if s.class_id in staff_of else s.name
    out = []
    for o in orders:
        try:
            times = parse_times(o.dose_times)
        except ValueError:
            continue
        for day in calendar.between(max(first, o.start_on), min(last, o.end_on)):
            mark = marks.get((o.child_id, day))
            if mark != PRESENT and not (mark is None and day == today):
                continue
            given = doses.get((o.id, day), [])
            matched = match_doses(times, [d.given_at for d in given])
            class_id = class_of(o.child_id, day)
            for at in times:
                index = matched[at]
                out.append(DueDose(o.id, o.child_id, children.get(o.child_id, ""), class_id, classes.get(class_id, ""),
                                   o.drug, o.dose, o.usage, day, at, None if index is None else given[index],
                                   mark is not None, staff_of.get(class_id, "")))
    out.sort(key=lambda d: (d.day, d.at, d.class_name, d.child))
    return out


def clock_for(today: date) -> datetime | None:
    """The wall clock when ``today`` is the real today (a day asked for by ``--date`` has no clock)."""
    now = datetime.now()
    return now if now.date() == today else None


def dose_alerts(db: Db, today: date, now: datetime | None = None) -> list[Alert]:
    """A due dose of a past day not recorded; of today, one whose time has passed by ``now``."""
    db = as_db(db)
    first = db.values("SELECT MIN(start_on) FROM medication_orders WHERE parent_signed = 1")[0][0]
    if first is None:
        return []
    last = today if now is not None else today - timedelta(days=1)
    out = []
    for d in due_doses(db, date.fromisoformat(first), last, today):
        if d.given is not None or (d.day == today and (now is None or d.at >= now.time())):
            continue
        out.append(Alert("带药", f"{d.child} {d.day.month}月{d.day.day}日 {d.at:%H:%M} {d.drug}（{d.dose}）没有喂药记录"
                                 "（按带药委托应喂药；已喂的请补登记，没有喂的请写明原因）", "safety"))
    return out


@dataclass(frozen=True)
class MedicationPage:
    orders: list  # (row, child name) — the last 60 days' and every current one
    doses: list  # (row, child name, drug)


def medication_page(db: Db, today: date, days: int = 60) -> MedicationPage:
    db = as_db(db)
    since = today - timedelta(days=days)
    children = dict(db.values("SELECT id, name FROM children"))
    orders = db.rows("medication_orders", ("end_on >= ?", since), order="start_on DESC, id DESC")
    by_id = {o.id: o for o in orders}
    doses = [(d, children.get(by_id[d.order_id].child_id, "") if d.order_id in by_id else "",
              by_id[d.order_id].drug if d.order_id in by_id else "")
             for d in db.rows("medication_doses", ("given_at >= ?", since), order="given_at DESC")]
    return MedicationPage([(o, children.get(o.child_id, "")) for o in orders], doses)
