"""聚集性预警 (SPEC §8, indicator A11): sick leave with the same 症状 gathering in one class.

In one class (each child counted in the class of their placement on the day of the mark), a
(class, open day) fires when, for one 症状, at least ``same_day_children`` children have a 病假 mark
on that day, or at least ``window_children`` distinct children have one over that day and the open
days before it (``window_open_days`` in all: open days, not calendar days). Thresholds and source
come from the policy profile's ``health.cluster``.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterable, Mapping

from .alert import Alert
from .choices import SICK
from .opendays import OpenDays
from .policy import HealthRule

GROUP = "聚集性预警"


@dataclass(frozen=True)
class Cluster:
    class_id: int
    day: date
    symptom: str
    children: tuple[int, ...]  # ids, sorted: the day's children, or the window's when that rule held
    window: bool  # True when only the rule over several open days held
    first_day: date  # the first day the counted marks cover
    source: str


def find_clusters(marks: Iterable, class_of: Callable[[int, date], int | None], days: Iterable[date],
                  calendar: OpenDays, rule: HealthRule) -> list[Cluster]:
    """Every (class, open day, 症状) of ``days`` on which the rule holds, in day, class, 症状 order.

    ``marks`` must include those of the open days before the first of ``days`` that the window
    reaches back to; ``class_of(child_id, day)`` is the child's class by placement on that day."""
    r = rule.cluster
    sick: dict[date, dict[tuple[int, str], set[int]]] = defaultdict(lambda: defaultdict(set))
    for m in marks:
        if m.mark != SICK:
            continue
        class_id = class_of(m.child_id, m.day)
        if class_id is not None:
            sick[m.day][(class_id, m.symptom)].add(m.child_id)
    out: list[Cluster] = []
    for day in sorted(set(days)):
        if not calendar.is_open(day):
            continue
        window = calendar.up_to(day, r.window_open_days)
        # SPEC §8 A11: the window rule is about the day *and* the open days before it, so a day with no
        # new 病假 still counts while the window holds enough children
        keys = set().union(*(sick[d].keys() for d in window if d in sick))
        for key in sorted(keys):
            today = sick[day].get(key, set()) if day in sick else set()
            over: set[int] = set().union(*(sick[d].get(key, set()) for d in window if d in sick))
            if len(over) >= r.window_children:
                out.append(Cluster(key[0], day, key[1], tuple(sorted(over)), len(today) < r.same_day_children,
                                   window[0], r.source))
            elif len(today) >= r.same_day_children:
                out.append(Cluster(key[0], day, key[1], tuple(sorted(today)), False, day, r.source))
    return out


def cluster_days(clusters: Iterable[Cluster], first: date, last: date) -> int:
    """A11: the (class, open day) pairs of [first, last] on which the rule held, each once."""
    return len({(c.class_id, c.day) for c in clusters if first <= c.day <= last})


def _day(d: date) -> str:
    return f"{d.month}月{d.day}日"


def cluster_alerts(clusters: Iterable[Cluster], class_names: Mapping[int, str]) -> list[Alert]:
    out = []
    for c in clusters:
        span = f"{_day(c.first_day)}至{_day(c.day)}" if c.first_day != c.day else _day(c.day)
        text = (f"{class_names.get(c.class_id, '')} {span}有{len(c.children)}名幼儿因“{c.symptom}”病假，"
                f"达到聚集性疫情报告标准，须在24小时内报告（{c.source}）")
        out.append(Alert(GROUP, text, "class", c.class_id))
    return out
