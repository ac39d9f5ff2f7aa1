"""Growth and health checks (SPEC §9): a child's measurements with z-scores, a class's measuring
day, the check schedule's alerts, the 体检统计 per class and the return's G01–G07.

The rules are the domain's (``growth``, ``checkups``, ``growth_figures``, ``measurement_rules``);
this module only reads the stored records into them.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..domain.ages import add_months, completed_months
from ..domain.alert import Alert
from ..domain.checkups import (
    ADMISSION,
    AWAY_MONTHS,
    Check,
    Stay,
    checkup_alerts,
    due_checks,
)
from ..domain.choices import PRESENT
from ..domain.errors import Collector, InputError, Problem
from ..domain.growth import (
    ANAEMIA,
    ANAEMIA_BELOW_G_L,
    CLASS_RULES,
    OBESE,
    OVERWEIGHT,
    STUNTED,
    UNDERWEIGHT,
    WASTED,
    evaluate,
)
from ..domain.growth_figures import Measured, growth_figures, within_half_year
from ..domain.measurement_rules import (
    DATE,
    HB,
    HEAD,
    HEARING,
    INSTITUTION,
    LENGTH_FIELD,
    WEIGHT,
    Previous,
    growth_jumps,
    number_text,
)
from ..domain.month import Month
from ..domain.periods import ENROLMENT, PLACEMENT
from ..domain.policy import PolicyProfile
from ..domain.reader import CHILD_REF, RowReader
from ..store.plain import BY_NAME, Db, as_db, in_, where
from ..store.spans import enrolled_on, holds_on
from .centre import centre_profile
from .changes import Changes
from .lookups import children_in_class

if TYPE_CHECKING:
    from sqlmodel import Session

#: the columns of the measuring-day grid, in the order Tab moves through them
GRID_FIELDS = (LENGTH_FIELD, WEIGHT, HEAD, HB, HEARING)


@dataclass(frozen=True)
class MeasurementRow:
    id: int
    measured_on: date
    age_months: int
    length_cm: float
    position: str
    weight_kg: float
    head_cm: float | None
    hb_g_l: float | None
    hearing: str
    institution: str
    waz: float | None
    laz: float | None
    wlz: float | None
    classes: tuple[str, ...]


@dataclass(frozen=True)
class ChildGrowth:
    child_id: int
    name: str
    sex: str
    birth_date: date
    class_name: str
    rows: list[MeasurementRow]  # oldest first
    alerts: list[Alert]


def _evaluated(child, m) -> MeasurementRow:
    e = evaluate(child.sex, child.birth_date, m.measured_on, m.weight_kg, m.length_cm, m.position or None, m.hb_g_l)
    return MeasurementRow(m.id, m.measured_on, e.age_months, m.length_cm, m.position, m.weight_kg, m.head_cm,
                          m.hb_g_l, m.hearing, m.institution, e.waz, e.laz, e.wlz, e.classes)


def _class_name(db: Db, child_id: int, day: date) -> str:
    db = as_db(db)
    join = "SELECT k.name FROM classes k JOIN placements p ON p.class_id = k.id WHERE "
    clause, params = where([("p.child_id = ?", child_id), holds_on(PLACEMENT, day, "p.")])
    found = db.values(join + clause + " LIMIT 1", *params)
    if not found:  # left, or not yet in: the latest class
        found = db.values(join + "p.child_id = ? ORDER BY p.start_on DESC LIMIT 1", child_id)
    return found[0][0] if found else ""


def _measurements(db: Db, child_ids=None) -> dict[int, list]:
    """Each child's measurements (rows of ``measurements``), oldest first."""
    conditions = () if child_ids is None else (in_("child_id", child_ids),)
    out: dict[int, list] = {}
    for m in as_db(db).rows("measurements", *conditions, order="child_id, measured_on"):
        out.setdefault(m.child_id, []).append(m)
    return out


def child_growth(db: Db, profiles: dict[str, PolicyProfile], child_id: int, today: date) -> ChildGrowth:
    """One child's measurements, oldest first, each with WAZ / LAZ / WLZ and its classes."""
    db = as_db(db)
    child = db.get("children", child_id)
    if child is None:
        raise InputError([Problem("", "这名幼儿的档案已不存在（可能已被删除），请刷新列表")])
    stored = _measurements(db, [child_id]).get(child_id, [])
    return ChildGrowth(child.id, child.name, child.sex, child.birth_date, _class_name(db, child_id, today),
                       [_evaluated(child, m) for m in stored],
                       _child_alerts(child, stored, today, centre_profile(db, profiles).growth.check_warn_days))


# -- the schedule's alerts ---------------------------------------------------------------------------

def _child_alerts(child, stored: list, day: date, warn_days: int,
                  absences: list[tuple[date, date]] = ()) -> list[Alert]:
    checks = [Check(m.measured_on, hb=m.hb_g_l is not None, hearing=bool(m.hearing)) for m in stored]
    dues = due_checks(day, [Stay(child.enrolled_on, child.left_on)], checks,
                      admission_check_on=child.health_check_on, absences=absences)
    if any(d.item == ADMISSION for d in dues):
        # no check at all: the 幼儿 alerts already say 缺入托体检, and Hb and hearing are due with it
        return []
    return checkup_alerts(child.name, dues, day, warn_days=warn_days, child_id=child.id)


def growth_alerts(db: Db, profile: PolicyProfile, day: date) -> list[Alert]:
    """体检 alerts of every child enrolled on ``day``: due within 30 days (the profile's
    ``growth.check_warn_days``) or overdue (SPEC §9)."""
    db = as_db(db)
    children = db.rows("children", enrolled_on(day), order=BY_NAME)
    stored = _measurements(db, [c.id for c in children])
    away = long_absences(db, [c.id for c in children], day)
    out: list[Alert] = []
    for child in children:
        out += _child_alerts(child, stored.get(child.id, []), day, profile.growth.check_warn_days,
                             away.get(child.id, []))
    return out


#: how far back the register is read for absences (a regular check every 6 months covers older ones)
ABSENCE_LOOK_BACK_DAYS = 400


def long_absences(db: Db, child_ids: list[int], day: date) -> dict[int, list[tuple[date, date]]]:
    """Each child's spans (first day away, first day back) of 3 months or more without 出勤, read from
    the daily register (SPEC §2: such an absence requires a new check before returning). A gap counts
    only while the register was kept: some child has a mark inside it."""
    db = as_db(db)
    first = day - timedelta(days=ABSENCE_LOOK_BACK_DAYS)
    if not child_ids:
        return {}
    present, params = where([("mark = ?", PRESENT), ("day >= ? AND day <= ?", first, day), in_("child_id", child_ids)])
    # consecutive days 出勤 of each child far enough apart to hold 3 months (any 3 months span ≥ 89
    # days); SQLite pairs them (a window function), so the 10 years' marks are not read into Python
    pairs = db.values(
        "SELECT child_id, before, back FROM (SELECT child_id, day AS back, LAG(day) OVER "
        f"(PARTITION BY child_id ORDER BY day) AS before FROM attendance_marks WHERE {present}) "
        "WHERE before IS NOT NULL AND julianday(back) - julianday(before) >= 89 ORDER BY child_id, back",
        *params)
    if not pairs:
        return {}
    kept = [date.fromisoformat(d) for (d,) in db.values(
        "SELECT DISTINCT day FROM attendance_marks WHERE day >= ? AND day <= ? ORDER BY day", first, day)]
    out: dict[int, list[tuple[date, date]]] = {}
    for child_id, before, back in pairs:
        before, back = date.fromisoformat(before), date.fromisoformat(back)
        gone = before + timedelta(days=1)
        i = bisect_left(kept, gone)
        if add_months(gone, AWAY_MONTHS) <= back and i < len(kept) and kept[i] < back:
            out.setdefault(child_id, []).append((gone, back))
    return out


# -- a class's measuring day ---------------------------------------------------------------------

@dataclass(frozen=True)
class SheetRow:
    child_id: int
    name: str
    sex: str
    age_months: int
    values: dict[str, str]  # the grid's fields: what is stored for that day, or empty
    birth_date: date | None = None
    previous: Previous | None = None  # the latest measurement before the day


@dataclass(frozen=True)
class MeasuringSheet:
    class_id: int
    class_name: str
    day: date
    rows: list[SheetRow]


def class_choices(db: Db, today: date) -> list[tuple[int, str]]:
    """(id, name) of the classes with children ``today``."""
    clause, params = where([holds_on(PLACEMENT, today, "p.")])
    rows = as_db(db).values("SELECT DISTINCT k.id, k.name FROM classes k JOIN placements p ON p.class_id = k.id "
                            f"WHERE {clause} ORDER BY k.id", *params)
    return [(r[0], r[1]) for r in rows]


def measuring_sheet(db: Db, class_id: int, day: date) -> MeasuringSheet:
    """The children of a class on ``day`` with what is already stored for that day."""
    db = as_db(db)
    klass = db.get("classes", class_id)
    if klass is None:
        raise InputError([Problem("班级", "这个班级已不存在，请刷新")])
    children = children_in_class(db, class_id, day)
    stored = {m.child_id: m for m in db.rows("measurements", ("measured_on = ?", day),
                                             in_("child_id", [c.id for c in children]))}
    earlier = {m.child_id: Previous(m.measured_on, Decimal(number_text(m.length_cm)), Decimal(number_text(m.weight_kg)))
               for m in db.rows("measurements", ("measured_on < ?", day), in_("child_id", [c.id for c in children]),
                                order="measured_on, id")}  # the last one per child wins
    rows = []
    for c in children:
        m = stored.get(c.id)
        values = {f: "" for f in GRID_FIELDS} if m is None else {
            LENGTH_FIELD: number_text(m.length_cm), WEIGHT: number_text(m.weight_kg), HEAD: number_text(m.head_cm),
            HB: number_text(m.hb_g_l), HEARING: m.hearing}
        rows.append(SheetRow(c.id, c.name, c.sex, completed_months(c.birth_date, day), values, c.birth_date,
                             earlier.get(c.id)))
    return MeasuringSheet(klass.id, klass.name, day, rows)


def measuring_day_warnings(sheet: MeasuringSheet, rows: dict[int, dict[str, Any]]) -> list[Problem]:
    """What to confirm before a measuring day is saved: each child whose length or weight moved since
    the previous measurement by more than growth allows (``姓名 列名: 原因``). Values that do not
    parse are left to the save's own check."""
    out: list[Problem] = []
    for row in sheet.rows:
        values = rows.get(row.child_id) or {}
        if row.previous is None or row.birth_date is None:
            continue
        length, weight = _decimal(values.get(LENGTH_FIELD)), _decimal(values.get(WEIGHT))
        out += [Problem(f"{row.name} {p.field}", p.message)
                for p in growth_jumps(row.birth_date, row.previous, sheet.day, length, weight)]
    return out


def measurement_warnings(db: Db, child_id: int, values: dict[str, Any], measurement_id: int | None = None
                         ) -> list[Problem]:
    """The form's twin of ``measuring_day_warnings``: one measurement as typed (its 测量日期, 身长身高,
    体重) against the child's latest measurement before that date."""
    from ..domain.parsing import parse_date

    db = as_db(db)
    child = db.get("children", child_id)
    try:
        day = parse_date(str(values.get(DATE) or ""))
    except ValueError:
        return []
    if child is None or day is None:
        return []
    conditions = [("child_id = ?", child_id), ("measured_on < ?", day)]
    if measurement_id is not None:
        conditions.append(("id != ?", measurement_id))
    earlier = db.rows("measurements", *conditions, order="measured_on DESC, id DESC", limit=1)
    if not earlier:
        return []
    m = earlier[0]
    previous = Previous(m.measured_on, Decimal(number_text(m.length_cm)), Decimal(number_text(m.weight_kg)))
    return growth_jumps(child.birth_date, previous, day, _decimal(values.get(LENGTH_FIELD)),
                        _decimal(values.get(WEIGHT)))


def _decimal(text) -> Decimal | None:
    try:
        value = Decimal(str(text or "").strip())
    except ArithmeticError:
        return None
    return value if value.is_finite() else None


def save_measuring_day(session: Session, profiles: dict[str, PolicyProfile], today: date, class_id: int,
                       day: date, rows: dict[int, dict[str, Any]], institution: str = "") -> Changes:
    """Store a class's measuring day in one go (the caller's transaction): every row that has a
    value is checked first; any problem refuses all of them, named ``姓名 列名: 原因``.

    ``rows``: child id → the grid's values. A row left empty is skipped (the child was absent).
    """
    from .forms import context
    from .records import KINDS

    kind = KINDS["measurements"]
    sheet = measuring_sheet(session, class_id, day)
    names = {r.child_id: r.name for r in sheet.rows}
    ctx = context(session, profiles, today)
    errors, checked = Collector(), []
    for child_id, values in rows.items():
        if child_id not in names:
            raise InputError([Problem("", "名单已变化（有幼儿转班或离托），请重新打开这一天的录入表")])
        if not any(str(values.get(f) or "").strip() for f in GRID_FIELDS):
            continue
        raw = {CHILD_REF: child_id, DATE: day, INSTITUTION: institution,
               **{f: values.get(f, "") for f in GRID_FIELDS}}
        own = Collector()
        c = kind.check(RowReader(raw, own, None, today), ctx)
        errors.problems += [Problem(f"{names[child_id]} {p.field}", p.message) for p in own.problems]
        if not own.problems:
            checked.append(c)
    errors.raise_if_any()
    for c in checked:
        kind.save(session, c, ctx)
    return Changes.of(f"已保存{sheet.class_name} {day.isoformat()}的测量（{len(checked)}人）", *kind.touches)


# -- 体检统计 per class ----------------------------------------------------------------------------

STAT_CLASSES = (UNDERWEIGHT, STUNTED, WASTED, OVERWEIGHT, OBESE, ANAEMIA)  # domain.growth.CLASSES


@dataclass(frozen=True)
class ClassStats:
    class_name: str
    enrolled: int
    measured: int  # with a measurement in the 6 months up to the day
    counts: dict[str, int]  # class of SPEC §9 → children (latest measurement; 贫血: latest Hb)

    @property
    def coverage(self):
        from ..domain.indicators import percent

        return percent(self.measured, self.enrolled)


def checkup_stats(db: Db, today: date) -> list[ClassStats]:
    """体检统计 of every class with children ``today``, and a 合计 row last."""
    db = as_db(db)
    clause, params = where([holds_on(PLACEMENT, today, "p."), holds_on(ENROLMENT, today, "c.")])
    placed = db.values("SELECT c.id, k.name FROM children c JOIN placements p ON p.child_id = c.id "
                       f"JOIN classes k ON p.class_id = k.id WHERE {clause} ORDER BY k.id, c.name, c.id", *params)
    children_by_id = {c.id: c for c in db.rows("children", in_("id", {child_id for child_id, _ in placed}))}
    stored = _measurements(db, list(children_by_id))
    by_class: dict[str, list] = {}
    for child_id, name in placed:
        by_class.setdefault(name, []).append(children_by_id[child_id])
    out = []
    for name, children in by_class.items():
        counts = {k: 0 for k in STAT_CLASSES}
        measured = 0
        for child in children:
            recent = [m for m in stored.get(child.id, []) if within_half_year(m.measured_on, today)]
            if not recent:
                continue
            measured += 1
            latest = _evaluated(child, recent[-1])
            hbs = [m.hb_g_l for m in recent if m.hb_g_l is not None]
            found = {c for c in latest.classes if c != ANAEMIA}
            if hbs and hbs[-1] < ANAEMIA_BELOW_G_L:  # the latest Hb in the 6 months, as G07
                found.add(ANAEMIA)
            for k in found:
                counts[k] += 1
        out.append(ClassStats(name, len(children), measured, counts))
    total = ClassStats("合计", sum(s.enrolled for s in out), sum(s.measured for s in out),
                       {k: sum(s.counts[k] for s in out) for k in STAT_CLASSES})
    return out + [total]


def stats_table(stats: list[ClassStats]) -> tuple[list[str], list[list]]:
    """The 体检统计 table's header and rows (numbers as numbers)."""
    header = ["班级", "在托人数", "半年内已体检", "体检覆盖率%", *STAT_CLASSES]
    rows = [[s.class_name, s.enrolled, s.measured, None if s.coverage is None else float(s.coverage),
             *(s.counts[k] for k in STAT_CLASSES)] for s in stats]
    return header, rows


STATS_NOTE = ("每名在托幼儿按其近6个月内最近一次测量评价（WHO 2006儿童生长标准）；贫血按近6个月内最近一次血红蛋白"
              "（< 110 g/L）。" + "；".join(f"{k}：{v}" for k, v in CLASS_RULES.items()) + "。")


# -- the return's G01–G07 ------------------------------------------------------------------------------

def growth_month_figures(db: Db, profiles: dict[str, PolicyProfile], month: str) -> dict[str, Any]:
    """G01–G07 of SPEC §9 for ``month`` (YYYY-MM) from the stored records (for the 格式版本 2 return)."""
    the_month = Month.parse(month)
    last = the_month.last
    # only what the figures can use: children enrolled on the last day, measurements of the half year
    # before it (a month's margin), as plain rows
    db = as_db(db)
    children = db.rows("children", enrolled_on(last), columns=("id", "sex", "birth_date", "enrolled_on", "left_on"))
    measured = [Measured(child_id, on, weight, length, position or None, hb) for child_id, on, weight, length,
                position, hb in db.rows("measurements", ("measured_on <= ?", last),
                                        ("measured_on >= ?", add_months(last, -7)),
                                        columns=("child_id", "measured_on", "weight_kg", "length_cm", "position",
                                                 "hb_g_l"))]
    return growth_figures(children, measured, the_month.year, the_month.number)

