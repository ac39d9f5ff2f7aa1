"""The return's daily-register figures A01–A12 (SPEC §8), from plain inputs for one month.

``marks`` and ``checks`` may hold more than the month (the cluster rule looks back over the open
days before the 1st); only those on the month's open days are counted. Rates are percent with one
decimal, empty (None) when their denominator is 0, like the section-3 rates.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable, Mapping, Sequence

from .choices import DAILY_CARE_TYPES, PRESENT, SICK
from .clusters import cluster_days, find_clusters
from .indicators import REGISTER_CODES, percent
from .opendays import OpenDays
from .policy import HealthRule
from .presence import children_present, ratio_fails
from .register import Case, Check, Mark, check_result


@dataclass(frozen=True)
class RegisterMonth:
    first: date  # the month's first and last day
    last: date
    calendar: OpenDays
    care_type: Mapping[int, str]  # child id → 托育形式
    marks: Sequence[Mark]
    checks: Sequence[Check]  # 晨检 and 午检
    cases: Sequence[Case]
    class_of: Callable[[int, date], int | None]  # the child's class by placement on a day
    caregivers: Mapping[date, Mapping[int, int]]  # open day → class id → 保育人员 present
    ratios: Mapping[int, int]  # class id → N of its ratio 1:N


def register_figures(month: RegisterMonth, rule: HealthRule) -> dict[str, object]:
    """{A01: …, A12: …} in code order."""
    days = month.calendar.between(month.first, month.last)
    open_set = set(days)
    marks = [m for m in month.marks if m.day in open_set]
    daily = [m for m in marks if month.care_type.get(m.child_id) in DAILY_CARE_TYPES]
    present = [m for m in marks if m.mark == PRESENT]
    checks = [c for c in month.checks if c.day in open_set]
    morning = {(c.child_id, c.day) for c in checks if c.round == "晨检"}
    f: dict[str, object] = {"A01": len(days)}
    f["A02"] = len(daily) + sum(1 for m in present if month.care_type.get(m.child_id) not in DAILY_CARE_TYPES)
    f["A03"] = len(present)
    f["A04"] = percent(f["A03"], f["A02"])
    f["A05"] = sum(1 for m in daily if m.mark == SICK)
    f["A06"] = percent(f["A05"], f["A02"])
    f["A07"] = sum(1 for m in present if (m.child_id, m.day) in morning)
    f["A08"] = percent(f["A07"], f["A03"])
    f["A09"] = sum(1 for c in checks if check_result(c.temperature, c.result, rule) == "异常")
    f["A10"] = sum(1 for c in month.cases if month.first <= c.onset_on <= month.last)
    clusters = find_clusters(month.marks, month.class_of, days, month.calendar, rule)
    f["A11"] = cluster_days(clusters, month.first, month.last)
    present_on: dict[date, list[Mark]] = {}
    for m in present:
        present_on.setdefault(m.day, []).append(m)
    f["A12"] = sum(1 for day in days
                   for class_id, n in children_present(present_on.get(day, []), month.class_of, day).items()
                   if ratio_fails(n, month.caregivers.get(day, {}).get(class_id, 0), month.ratios[class_id]))
    return {code: f[code] for code in REGISTER_CODES}
