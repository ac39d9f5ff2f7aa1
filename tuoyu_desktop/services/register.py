"""The daily register (SPEC §8): a class's day sheet, saving a class-day, the month's A01–A12, and alerts.

The rules are the domain's (``domain.register``, ``clusters``, ``presence``, ``register_figures``);
this module loads what they need from the store and stores what passed them. Everything here reads
on plain SQL (``store.plain``); only ``save_day`` writes, through the ORM it imports when called.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..domain.alert import Alert
from ..domain.choices import PRESENT, SICK
from ..domain.clusters import cluster_alerts, find_clusters
from ..domain.errors import InputError, Problem
from ..domain.month import Month
from ..domain.periods import EMPLOYMENT, ENROLMENT, PLACEMENT
from ..domain.policy import PolicyProfile
from ..domain.presence import Leave, caregivers_present, children_present, ratio_fails
from ..domain.register import (
    Check,
    Mark,
    check_problems,
    check_result,
    class_finder,
    mark_problems,
    missing_morning_checks,
    open_case_on,
    overdue_follow_ups,
    unmarked_children,
)
from ..domain.register_figures import RegisterMonth, register_figures
from ..store.plain import BY_NAME, Db, as_db, in_
from ..store.spans import class_open_on, touches
from .centre import centre_profile
from .changes import Changes
from .lookups import as_case, children_in_class, load_calendar, load_cases

if TYPE_CHECKING:
    from sqlmodel import Session

AREA = "register"
#: how far back the alerts look for a register left unfinished (calendar days)
LOOK_BACK_DAYS = 7


def _d(day: date) -> str:
    return f"{day.month}月{day.day}日"


@dataclass
class SheetRow:
    child_id: int
    name: str
    care_type: str
    mark: str = PRESENT
    symptom: str = ""
    temperature: float | None = None
    result: str = ""  # the 晨检's result; empty: no 晨检 recorded
    followed_up_on: date | None = None
    follow_up: str = ""
    diagnosis: str = ""
    open_case: str = ""  # the disease of an open 传染病 case (no 出勤 until 复课)
    stored: bool = False  # a mark is stored for the day


@dataclass
class DaySheet:
    day: date
    is_open: bool
    closed_reason: str
    class_id: int | None
    classes: list[tuple[int, str]]
    rows: list[SheetRow] = field(default_factory=list)
    note: str = ""  # e.g. why the sheet opened on another day than today
    fever: float = 37.3  # the centre's 异常 threshold (policy profile health.fever)

    @property
    def saved(self) -> bool:
        return any(r.stored for r in self.rows)


def register_day(db: Db, today: date) -> tuple[date, str]:
    """The day the 今日 page opens on: today when open, else the last open day before it (saying so)."""
    calendar = load_calendar(db)
    if calendar.is_open(today):
        return today, ""
    day = calendar.up_to(today, 1)[0]
    return day, f"今天（{_d(today)}）不开园：{calendar.closed_reason(today)}，显示最近的开园日{_d(day)}"


def _classes(db: Db, day: date) -> list:
    """The classes open on ``day``, by name (rows of ``classes``)."""
    return as_db(db).rows("classes", class_open_on(day), order=BY_NAME)


def day_sheet(db: Db, class_id: int | None, day: date,
              profiles: dict[str, PolicyProfile] | None = None) -> DaySheet:
    """A class's children on ``day`` with what is stored for them (出勤 and no 晨检 where nothing is)."""
    db = as_db(db)
    calendar = load_calendar(db)
    classes = _classes(db, day)
    if class_id is None or class_id not in {c.id for c in classes}:
        class_id = classes[0].id if classes else None
    sheet = DaySheet(day, calendar.is_open(day), calendar.closed_reason(day), class_id,
                     [(c.id, c.name) for c in classes])
    if profiles:
        sheet.fever = centre_profile(db, profiles).health.fever.celsius
    if class_id is None:
        return sheet
    children = children_in_class(db, class_id, day)
    ids = [c.id for c in children]
    marks = {m.child_id: m for m in db.rows("attendance_marks", ("day = ?", day), in_("child_id", ids))}
    checks = {c.child_id: c for c in db.rows("health_checks", ("day = ?", day), ("round = ?", "晨检"),
                                             in_("child_id", ids))}
    cases = load_cases(db, ids)
    for c in children:
        row = SheetRow(c.id, c.name, c.care_type)
        m, k = marks.get(c.id), checks.get(c.id)
        case = open_case_on(cases, c.id, day)
        if case is not None:  # at home with a registered disease: 病假, its cause already known (the case)
            row.open_case = case.disease
            row.mark = SICK
            row.symptom = "其他"
            row.followed_up_on, row.follow_up, row.diagnosis = day, f"传染病登记：{case.disease}", case.disease
        if m is not None:
            row.mark, row.symptom, row.stored = m.mark, m.symptom, True
            row.followed_up_on, row.follow_up, row.diagnosis = m.followed_up_on, m.follow_up, m.diagnosis
        if k is not None:
            row.temperature, row.result = k.temperature, k.result
        sheet.rows.append(row)
    return sheet


def save_day(session: Session, profiles: dict[str, PolicyProfile], class_id: int, day: date,
             rows: list[SheetRow]) -> Changes:
    """Store a class's marks and 晨检 for ``day`` in one go: every row is checked first; any problem
    (named by the child) and nothing is stored. A row without a 晨检 result removes a stored 晨检."""
    from sqlmodel import select

    from ..store.models import AttendanceMark, Child, HealthCheck, SchoolClass

    rule = centre_profile(session, profiles).health
    calendar = load_calendar(session)
    klass = session.get(SchoolClass, class_id)
    children = {c.id: c for c in children_in_class(session, class_id, day)}
    cases = load_cases(session, [r.child_id for r in rows])
    problems: list[Problem] = []
    for r in rows:
        child = children.get(r.child_id) or session.get(Child, r.child_id)
        if child is None:
            problems.append(Problem("", "有一名幼儿的档案已被删除，请刷新后重试"))
            continue
        found = mark_problems(child, day, r.mark, r.symptom, calendar, cases, rule)
        if r.result:
            found += [p for p in check_problems(child, day, "晨检", r.temperature, r.result, (), "", calendar, rule)
                      if p.field != "日期"]
        problems += [Problem(f"{child.name} {p.field}", p.message) for p in found]
        if found and found[0].field == "日期":
            break  # the same for every child: say it once
    if problems:
        raise InputError(problems)
    ids = [r.child_id for r in rows]
    marks = {m.child_id: m for m in session.exec(select(AttendanceMark).where(
        AttendanceMark.day == day, AttendanceMark.child_id.in_(ids)))}
    checks = {c.child_id: c for c in session.exec(select(HealthCheck).where(
        HealthCheck.day == day, HealthCheck.round == "晨检", HealthCheck.child_id.in_(ids)))}
    changed = 0
    for r in rows:
        symptom = r.symptom if r.mark == SICK else ""
        values = dict(mark=r.mark, symptom=symptom, followed_up_on=r.followed_up_on if r.mark == SICK else None,
                      follow_up=r.follow_up if r.mark == SICK else "", diagnosis=r.diagnosis if r.mark == SICK else "")
        changed += _put(session, marks.get(r.child_id), AttendanceMark, dict(child_id=r.child_id, day=day), values)
        stored = checks.get(r.child_id)
        if r.result:  # also for a child sent home after it (晨检 异常 → 通知家长接回 → 病假)
            values = dict(temperature=r.temperature, result=check_result(r.temperature, r.result, rule))
            changed += _put(session, stored, HealthCheck, dict(child_id=r.child_id, day=day, round="晨检"), values)
        elif stored is not None:
            session.delete(stored)
            changed += 1
    session.flush()
    present = sum(1 for r in rows if r.mark == PRESENT)
    from .bills import frozen_note

    return Changes.of(f"已保存{klass.name if klass else ''} {day.isoformat()} 的出勤和晨检：出勤{present}人，"
                      f"缺勤{len(rows) - present}人" + (frozen_note(session, day) if changed else "（没有变化）"), AREA)


def _put(session: Session, record, model, key: dict, values: dict) -> int:
    """Add a ``model`` row for ``key`` with ``values``, or change ``record`` to them; 1 if anything changed."""
    if record is None:
        session.add(model(**key, **values))
        return 1
    if all(getattr(record, k) == v for k, v in values.items()):
        return 0
    for k, v in values.items():
        setattr(record, k, v)
    session.add(record)
    return 1


# the month's figures ---------------------------------------------------------------------------------

# (only the columns the rules read: a big centre has tens of thousands of marks in a month)
def _marks(db: Db, first: date, last: date) -> list[Mark]:
    rows = as_db(db).rows("attendance_marks", ("day >= ? AND day <= ?", first, last),
                          columns=("child_id", "day", "mark", "symptom", "followed_up_on"))
    return [Mark(*row) for row in rows]


def _checks(db: Db, first: date, last: date) -> list[Check]:
    rows = as_db(db).rows("health_checks", ("day >= ? AND day <= ?", first, last),
                          columns=("child_id", "day", "round", "temperature", "result"))
    return [Check(*row) for row in rows]


def _class_finder(db: Db, first: date | None = None, last: date | None = None):
    """``class_of(child_id, day)``; with ``first`` and ``last``, for days of that span only (it reads
    the placements touching it, not ten years of them)."""
    span = (touches(PLACEMENT, first, last),) if first is not None else ()
    return class_finder(as_db(db).rows("placements", *span, columns=("child_id", "class_id", "start_on", "end_on")))


def _caregivers(db: Db, days: list[date]) -> dict[date, dict[int, int]]:
    if not days:
        return {}
    db = as_db(db)
    first, last = min(days), max(days)
    staff = db.rows("staff", touches(EMPLOYMENT, first, last))
    posts = db.rows("staff_assignments", order="start_on, id")
    leaves = [Leave(lv.staff_id, lv.start_on, lv.end_on, lv.kind)
              for lv in db.rows("staff_leave", ("start_on <= ? AND end_on >= ?", last, first))]
    return {day: caregivers_present(staff, posts, leaves, day) for day in days}


def _ratios(db: Db, profile: PolicyProfile) -> dict[int, int]:
    return {class_id: profile.classes[class_type].ratio
            for class_id, class_type in as_db(db).values("SELECT id, class_type FROM classes")}


def register_month(db: Db, profile: PolicyProfile, month: str) -> dict[str, object]:
    """A01–A12 of ``month`` (YYYY-MM) from the stored register."""
    db = as_db(db)
    first, last = Month.parse(month).bounds
    calendar = load_calendar(db)
    rule = profile.health
    back = calendar.up_to(first - timedelta(days=1), max(rule.cluster.window_open_days - 1, 1))[0]
    care = dict(db.values("SELECT id, care_type FROM children"))
    cases = [as_case(c) for c in db.rows("disease_cases", ("onset_on >= ? AND onset_on <= ?", first, last))]
    days = calendar.between(first, last)
    month_data = RegisterMonth(first, last, calendar, care, _marks(db, back, last), _checks(db, first, last),
                               cases, _class_finder(db), _caregivers(db, days), _ratios(db, profile))
    return register_figures(month_data, rule)


# alerts -------------------------------------------------------------------------------------------------

def register_alerts(db: Db, profile: PolicyProfile, today: date) -> list[Alert]:
    """未登记, 晨检 missing, overdue 因病缺勤追踪, 聚集性预警 and the ratio by attendance, as seen on ``today``."""
    db = as_db(db)
    rule = profile.health
    calendar = load_calendar(db)
    first = today - timedelta(days=LOOK_BACK_DAYS)
    days = calendar.between(first, today)
    if not days:
        return []
    back = calendar.up_to(days[0], rule.cluster.window_open_days)[0]
    marks = _marks(db, back, today)
    started = min((m.day for m in marks), default=today)  # a centre not using the register yet: today only
    checks = _checks(db, first, today)
    class_of = _class_finder(db)
    names = dict(db.values("SELECT id, name FROM classes"))
    children = db.rows("children", touches(ENROLMENT, first, today),
                       columns=("id", "name", "care_type", "enrolled_on", "left_on"))
    out: list[Alert] = []
    for day in days:
        if day < started and day != today:
            continue
        by_class: dict[int, list[int]] = {}
        for child_id in unmarked_children(children, marks, day, calendar):
            by_class.setdefault(class_of(child_id, day), []).append(child_id)
        for class_id, ids in sorted(by_class.items(), key=lambda kv: names.get(kv[0], "")):
            out.append(Alert("出勤登记", f"{names.get(class_id, '未分班')} {_d(day)}有{len(ids)}名幼儿未登记出勤",
                             "class", class_id))
        missing: dict[int, int] = {}
        for child_id in missing_morning_checks(marks, checks, day):
            missing[class_of(child_id, day)] = missing.get(class_of(child_id, day), 0) + 1
        for class_id, n in sorted(missing.items(), key=lambda kv: names.get(kv[0], "")):
            out.append(Alert("晨检", f"{names.get(class_id, '未分班')} {_d(day)}有{n}名出勤幼儿没有晨检记录"
                                   f"（{rule.fever.source.split(' ')[0]}）", "class", class_id))
    by_id = {c.id: c for c in children}
    sick_marks = [m for m in marks if m.mark == SICK]
    for m in overdue_follow_ups(sick_marks, today, calendar, rule):
        child = by_id.get(m.child_id)
        out.append(Alert("因病缺勤追踪", f"{child.name if child else ''} {_d(m.day)}病假（{m.symptom}）未在下一个开园日内"
                                        f"追踪病因（{rule.follow_up.source}）", "child", m.child_id))
    recent = calendar.up_to(today, rule.cluster.window_open_days)
    out += cluster_alerts(find_clusters(marks, class_of, recent, calendar, rule), names)
    if calendar.is_open(today):
        day_marks = [m for m in marks if m.day == today]
        if day_marks:
            ratios = _ratios(db, profile)
            carers = _caregivers(db, [today])[today]
            for class_id, n in sorted(children_present(day_marks, class_of, today).items(),
                                      key=lambda kv: names.get(kv[0], "")):
                if ratio_fails(n, carers.get(class_id, 0), ratios[class_id]):
                    out.append(Alert("师幼比", f"{names[class_id]} {_d(today)}出勤{n}人，在岗保育人员"
                                             f"{carers.get(class_id, 0)}人，按实际出勤师幼比不达标（1:{ratios[class_id]}，"
                                             "托育机构设置标准（试行））", "class", class_id))
    return out


def latest_case_id(db: Db, child_id: int) -> int | None:
    """The child's latest 传染病 case (to enter its 复课日期 and 复课证明), if any."""
    case = as_db(db).first("disease_cases", ("child_id = ?", child_id), order="onset_on DESC, id DESC",
                           columns=("id",))
    return case.id if case else None


def child_id_number(db: Db, child_id: int) -> str:
    child = as_db(db).first("children", ("id = ?", child_id), columns=("id_number",))
    return child.id_number or "" if child else ""


# the 传染病与请假 page ----------------------------------------------------------------------------

@dataclass(frozen=True)
class CaseRow:
    id: int
    child_id: int
    child_name: str
    class_name: str  # the child's class on the day of onset
    disease: str
    onset_on: date
    diagnosed_on: date | None
    institution: str
    reported_on: date | None
    returned_on: date | None
    certificate: bool
    status: str  # 未复课 / 已复课 / 复课缺证明


@dataclass(frozen=True)
class LeaveRow:
    id: int
    staff_name: str
    kind: str
    start_on: date
    end_on: date
    days: int  # calendar days, both ends included
    status: str  # 请假中 / 未开始 / 已结束, as on ``today``


@dataclass(frozen=True)
class CasesPage:
    cases: list[CaseRow]
    leaves: list[LeaveRow]


def cases_page(db: Db, today: date) -> CasesPage:
    """Every 传染病登记 (newest onset first) and every 员工请假 (newest first), for the list page."""
    db = as_db(db)
    names = {r.id: r.name for r in db.rows("children", columns=("id", "name"))}
    classes = dict(db.values("SELECT id, name FROM classes"))
    class_of = _class_finder(db)
    cases = []
    for c in db.rows("disease_cases", order="onset_on DESC, id DESC"):
        status = ("未复课" if c.returned_on is None else "已复课" if c.return_certificate else "复课缺证明")
        cases.append(CaseRow(c.id, c.child_id, names.get(c.child_id, ""), classes.get(class_of(c.child_id, c.onset_on), ""),
                             c.disease, c.onset_on, c.diagnosed_on, c.institution, c.reported_on, c.returned_on,
                             c.return_certificate, status))
    staff = {r.id: r.name for r in db.rows("staff", columns=("id", "name"))}
    leaves = [LeaveRow(lv.id, staff.get(lv.staff_id, ""), lv.kind, lv.start_on, lv.end_on,
                       (lv.end_on - lv.start_on).days + 1,
                       "未开始" if lv.start_on > today else "已结束" if lv.end_on < today else "请假中")
              for lv in db.rows("staff_leave", order="start_on DESC, id DESC")]
    return CasesPage(cases, leaves)
