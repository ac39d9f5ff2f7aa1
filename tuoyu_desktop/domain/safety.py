"""安全台账 rules that need no database (SPEC §12): the choices of the registers, and which days,
months and records are missing or still open."""
from __future__ import annotations

from datetime import date, datetime
from typing import Iterable, Mapping

from .ages import add_months
from .errors import Problem

DISINFECTION_ITEMS = ("餐桌", "水杯", "毛巾", "玩具", "地面", "卫生间", "门把手", "寝室", "空气/紫外线")
INJURY_TYPES = ("跌倒/坠落", "碰撞", "烧烫伤", "异物", "咬伤/抓伤", "夹伤", "其他")
SEVERITIES = ("轻", "中", "重")
TREATMENTS = ("园内处理", "送医")
FIRE_TYPES = ("巡查", "检查", "演练")
HAZARD_SOURCES = ("巡查", "检查")
PATROL_ARTICLE, CHECK_ARTICLE, DRILL_ARTICLE = "第二十五条", "第二十六条", "第四十条"


def injury_problems(happened_at: datetime | None, told_at: datetime | None, treatment: str, hospital: str) -> list[Problem]:
    out = []
    if happened_at and told_at and told_at < happened_at:
        out.append(Problem("家长告知时间", f"早于发生时间{happened_at:%Y-%m-%d %H:%M}"))
    if treatment == "送医" and not hospital:
        out.append(Problem("送医医院", "送医的请写明送到哪家医院"))
    return out


def hazard_problems(found_on: date | None, due_on: date | None, fixed_on: date | None, fixed_by: str) -> list[Problem]:
    out = []
    if found_on and due_on and due_on < found_on:
        out.append(Problem("整改期限", f"早于发现日期{found_on.isoformat()}"))
    if found_on and fixed_on and fixed_on < found_on:
        out.append(Problem("整改日期", f"早于发现日期{found_on.isoformat()}"))
    if fixed_on and not fixed_by:
        out.append(Problem("整改人", "填了整改日期，请同时填写整改人"))
    if fixed_by and not fixed_on:
        out.append(Problem("整改日期", "填了整改人，请同时填写整改日期"))
    return out


def short_patrols(days: Iterable[date], counts: Mapping[date, int], minimum: int) -> list[tuple[date, int]]:
    """The open days with fewer 巡查 than ``minimum``: (day, how many there were)."""
    return [(d, counts.get(d, 0)) for d in days if counts.get(d, 0) < minimum]


def months_without(first: date, today: date, done: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The calendar months from ``first``'s to the last one ended before ``today`` with nothing done."""
    out, year, month = [], first.year, first.month
    while (year, month) < (today.year, today.month):
        if (year, month) not in done:
            out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def drill_due(last_drill: date | None, first_record: date, months: int) -> date:
    """The day by which the next 疏散演练 is due: ``months`` calendar months after the last one (or
    after the register began, when there has been none)."""
    return add_months(last_drill or first_record, months)
