"""安全台账 (SPEC §12): the 安全 page's lists, 消毒 "same as last time" for a day, and the alerts.

A register's gaps count from its first record (the days before the centre began keeping it are no
gaps); a day's gap is an alert from the next day on, until it is filled.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from ..domain.alert import Alert
from ..domain.errors import InputError, Problem
from ..domain.policy import PolicyProfile
from ..domain.safety import (
    CHECK_ARTICLE,
    DRILL_ARTICLE,
    PATROL_ARTICLE,
    drill_due,
    months_without,
    short_patrols,
)
from ..store.plain import BY_NAME, Db, as_db
from ..store.spans import class_open_on
from .changes import Changes
from .lookups import load_calendar

if TYPE_CHECKING:  # pragma: no cover
    from sqlmodel import Session

AREA = "safety"


def _d(day: date) -> str:
    return f"{day.month}月{day.day}日"


@dataclass(frozen=True)
class SafetyPage:
    disinfections: list  # rows with the class name
    injuries: list  # rows with the child's name
    fire: list
    hazards: list
    injuries_this_month: int


def safety_page(db: Db, today: date, days: int = 60) -> SafetyPage:
    """The last ``days`` days of 消毒 and 消防 records, every 伤害 and 隐患 of the last year and every open 隐患."""
    db = as_db(db)
    since = today - timedelta(days=days)
    classes = dict(db.values("SELECT id, name FROM classes"))
    children = dict(db.values("SELECT id, name FROM children"))
    dis = [(r, classes.get(r.class_id, "")) for r in db.rows("disinfections", ("day >= ?", since),
                                                             order="day DESC, class_id")]
    inj = [(r, children.get(r.child_id, "")) for r in db.rows("injuries", ("happened_at >= ?", today - timedelta(days=365)),
                                                              order="happened_at DESC")]
    fire = db.rows("fire_checks", ("done_at >= ?", since), order="done_at DESC")
    hazards = db.rows("hazards", ("fixed_on IS NULL OR found_on >= ?", today - timedelta(days=365)),
                      order="fixed_on IS NOT NULL, found_on DESC")
    return SafetyPage(dis, inj, fire, hazards, injuries_in_month(db, today))


def injuries_in_month(db: Db, today: date) -> int:
    first = today.replace(day=1)
    return as_db(db).values("SELECT COUNT(*) FROM injuries WHERE happened_at >= ? AND happened_at < ?",
                            first.isoformat(), (today + timedelta(days=1)).isoformat())[0][0]


def disinfect_as_last_time(session: Session, today: date) -> Changes:
    """消毒 of the day (``today``, or another said by keyword) for every class open that day without a record: each with its class's last record
    (items, method, who) — the one key that confirms "same as yesterday"."""
    from ..store.models import Disinfection

    day = today
    db = as_db(session)
    calendar = load_calendar(db)
    if not calendar.is_open(day):
        raise InputError([Problem("日期", f"{day.isoformat()}不开园（{calendar.closed_reason(day)}）")])
    done = {c for (c,) in db.values("SELECT class_id FROM disinfections WHERE day = ?", day.isoformat())}
    added, without = [], []
    for klass in db.rows("classes", class_open_on(day), order=BY_NAME):
        if klass.id in done:
            continue
        last = db.first("disinfections", ("class_id = ? AND day < ?", klass.id, day), order="day DESC")
        if last is None:
            without.append(klass.name)
            continue
        session.add(Disinfection(class_id=klass.id, day=day, surfaces=last.surfaces, agent=last.agent,
                                 done_by=last.done_by, inspector=last.inspector))
        added.append(klass.name)
    if not added:
        reason = (f"{'、'.join(without)}还没有以前的消毒记录，请先各登记一次" if without else
                  f"{_d(day)}每个班都已有消毒记录")
        raise InputError([Problem("日期", reason)])
    message = f"已按上次的记录登记{_d(day)}的消毒：{'、'.join(added)}"
    if without:
        message += f"；{'、'.join(without)}没有以前的记录，请单独登记"
    return Changes.of(message, AREA)


# alerts -------------------------------------------------------------------------------------------

def _first_day(db: Db, sql: str) -> date | None:
    value = as_db(db).values(sql)[0][0]
    return None if value is None else date.fromisoformat(str(value)[:10])


def safety_alerts(db: Db, profile: PolicyProfile, today: date) -> list[Alert]:
    db = as_db(db)
    out: list[Alert] = []
    calendar = None
    rule = profile.safety
    # 消毒: every class open on a past open day, from the first record on
    first = _first_day(db, "SELECT MIN(day) FROM disinfections")
    if first is not None:
        calendar = load_calendar(db)
        done = {(c, date.fromisoformat(d)) for c, d in db.values(
            "SELECT class_id, day FROM disinfections WHERE day >= ?", first.isoformat())}
        classes = db.rows("classes", order=BY_NAME)
        for day in calendar.between(first, today - timedelta(days=1)):
            missing = [k.name for k in classes if (k.opened_on is None or k.opened_on <= day)
                       and (k.closed_on is None or k.closed_on > day) and (k.id, day) not in done]
            if missing:
                out.append(Alert("消毒", f"{day.isoformat()} {'、'.join(missing)} 没有消毒记录（托儿所幼儿园卫生保健工作规范）",
                                 "safety"))
    # 伤害: 家长告知 by the end of the day
    names = dict(db.values("SELECT id, name FROM children"))
    for i in db.rows("injuries", ("parent_told_at IS NULL AND happened_at < ?", today), order="happened_at"):
        out.append(Alert("伤害", f"{names.get(i.child_id, '')} {i.happened_at:%Y-%m-%d %H:%M} {i.injury_type}（{i.body_part}）："
                                 "还没有登记家长告知时间（伤害发生后当天应告知家长）", "safety"))
    # 消防
    first_fire = _first_day(db, "SELECT MIN(done_at) FROM fire_checks")
    if first_fire is not None:
        calendar = calendar or load_calendar(db)
        counts: dict[date, int] = {}
        checked: set[tuple[int, int]] = set()
        drills, firsts = [], {}
        for kind, at in db.values("SELECT check_type, done_at FROM fire_checks"):
            at = datetime.fromisoformat(str(at))
            firsts[kind] = min(firsts.get(kind, at.date()), at.date())
            if kind == "巡查":
                counts[at.date()] = counts.get(at.date(), 0) + 1
            elif kind == "检查":
                checked.add((at.year, at.month))
            else:
                drills.append(at.date())
        if "巡查" in firsts:  # each register's gaps from its own first record
            for day, n in short_patrols(calendar.between(firsts["巡查"], today - timedelta(days=1)), counts,
                                        rule.patrols_per_day):
                out.append(Alert("消防", f"{day.isoformat()} 防火巡查{n}次，少于每个开园日{rule.patrols_per_day}次"
                                         f"（{rule.source}{PATROL_ARTICLE}）", "safety"))
        if "检查" in firsts:
            for year, month in months_without(firsts["检查"], today, checked):
                out.append(Alert("消防", f"{year}年{month}月没有防火检查（每月至少{rule.checks_per_month}次，"
                                         f"{rule.source}{CHECK_ARTICLE}）", "safety"))
        due = drill_due(max(drills) if drills else None, first_fire, rule.drill_months)
        if due < today:
            last = f"上次演练{max(drills).isoformat()}" if drills else "还没有登记过演练"
            out.append(Alert("消防", f"疏散演练已逾期：{last}，应在{due.isoformat()}前再演练（至少每{rule.drill_months}个月一次，"
                                     f"{rule.source}{DRILL_ARTICLE}）", "safety"))
    for h in db.rows("hazards", "fixed_on IS NULL", order="found_on"):
        late = f"，已逾期{(today - h.due_on).days}天" if h.due_on < today else ""
        out.append(Alert("隐患", f"{h.found_on.isoformat()}{h.source}发现的隐患“{h.description}”未整改（整改期限"
                                 f"{h.due_on.isoformat()}{late}）", "safety"))
    return out


@dataclass
class DisinfectionRow:
    class_id: int
    class_name: str
    surfaces: str = ""
    agent: str = ""
    done_by: str = ""
    inspector: str = ""
    stored: bool = False  # the day's record is stored; else the values are the class's last record


def disinfection_day(db: Db, day: date) -> list[DisinfectionRow]:
    """The 消毒 sheet of a day: every class open that day, with its stored record, or its last one's
    items, method and people to confirm (remembered from the last day)."""
    db = as_db(db)
    stored = {r.class_id: r for r in db.rows("disinfections", ("day = ?", day))}
    out = []
    for klass in db.rows("classes", class_open_on(day), order=BY_NAME):
        r = stored.get(klass.id) or db.first("disinfections", ("class_id = ? AND day < ?", klass.id, day), order="day DESC")
        row = DisinfectionRow(klass.id, klass.name, stored=klass.id in stored)
        if r is not None:
            row.surfaces, row.agent, row.done_by, row.inspector = r.surfaces, r.agent, r.done_by, r.inspector
        out.append(row)
    return out


def save_disinfection_day(session: Session, day: date, rows: list[DisinfectionRow]) -> Changes:
    """Store the day's 消毒 of every class whose row is filled in (all checked first: any problem and
    nothing is stored); a row left empty is no record."""
    from sqlmodel import select

    from ..store.models import Disinfection

    calendar = load_calendar(session)
    if not calendar.is_open(day):
        raise InputError([Problem("日期", f"{day.isoformat()}不开园（{calendar.closed_reason(day)}）")])
    problems, filled = [], []
    for r in rows:
        values = [r.surfaces.strip(), r.agent.strip(), r.done_by.strip()]
        if not any(values + [r.inspector.strip()]):
            continue
        for field_name, value in zip(("消毒项目", "方法和浓度", "执行人"), values):
            if not value:
                problems.append(Problem(f"{r.class_name} {field_name}", "必填"))
        filled.append(r)
    if problems:
        raise InputError(problems)
    if not filled:
        raise InputError([Problem("", "没有填写任何班级的消毒记录")])
    stored = {d.class_id: d for d in session.exec(select(Disinfection).where(Disinfection.day == day)).all()}
    for r in filled:
        record = stored.get(r.class_id) or Disinfection(class_id=r.class_id, day=day, surfaces="", agent="", done_by="")
        record.surfaces, record.agent = r.surfaces.strip(), r.agent.strip()
        record.done_by, record.inspector = r.done_by.strip(), r.inspector.strip()
        session.add(record)
    session.flush()
    return Changes.of(f"已保存{_d(day)}的消毒记录：{'、'.join(r.class_name for r in filled)}", AREA)
