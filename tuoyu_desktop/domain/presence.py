"""Who is really there (SPEC §8): staff leave, caregivers present per class, and the ratio by attendance.

A class's caregivers present on an open day are the employed 保育人员 whose post (所在班级) on that
day is the class and who are not on leave; the class-day fails when its present children exceed
caregivers present × N (ratio 1:N), so a class with children and no caregiver fails.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterable, Protocol

from .choices import PRESENT
from .errors import Problem
from .periods import employed_on

CAREGIVER = "保育人员"


class StaffLike(Protocol):
    id: int
    role: str  # the current post, used when no post history is given
    class_id: int | None
    hired_on: date
    left_on: date | None


@dataclass(frozen=True)
class Leave:
    """A staff member away from ``start_on`` to ``end_on``, both days included."""

    staff_id: int
    start_on: date
    end_on: date
    kind: str = ""


def leave_problems(start_on: date, end_on: date) -> list[Problem]:
    if end_on < start_on:
        return [Problem("结束日期", f"早于开始日期{start_on.isoformat()}")]
    return []


def on_leave(leaves: Iterable[Leave], staff_id: int, day: date) -> bool:
    return any(lv.staff_id == staff_id and lv.start_on <= day <= lv.end_on for lv in leaves)


def post_on(person: StaffLike, posts: list, day: date) -> tuple[str, int | None]:
    """(岗位, 所在班级) on ``day``: the latest post begun by then (the first one if none had begun,
    as the monthly return reads it; the person's current post if no history is kept)."""
    if not posts:
        return person.role, person.class_id
    held = [p for p in posts if p.start_on <= day]
    p = held[-1] if held else posts[0]
    return p.role, p.class_id


def caregivers_present(staff: Iterable[StaffLike], posts: Iterable, leaves: Iterable[Leave],
                       day: date) -> dict[int, int]:
    """class id → 保育人员 present on ``day``. ``posts``: every staff post row (staff_id, role,
    class_id, start_on), in the order they were recorded."""
    by_staff: dict[int, list] = {}
    for p in sorted(posts, key=lambda p: p.start_on):
        by_staff.setdefault(p.staff_id, []).append(p)
    leaves = list(leaves)
    count: Counter[int] = Counter()
    for person in staff:
        if not employed_on(person, day) or on_leave(leaves, person.id, day):
            continue
        role, class_id = post_on(person, by_staff.get(person.id, []), day)
        if role == CAREGIVER and class_id is not None:
            count[class_id] += 1
    return dict(count)


def children_present(marks: Iterable, class_of: Callable[[int, date], int | None], day: date) -> dict[int, int]:
    """class id → children marked 出勤 on ``day``, each in the class of their placement that day."""
    count: Counter[int] = Counter()
    for m in marks:
        if m.day == day and m.mark == PRESENT:
            class_id = class_of(m.child_id, day)
            if class_id is not None:
                count[class_id] += 1
    return dict(count)


def ratio_fails(children: int, caregivers: int, ratio: int) -> bool:
    """More children present than caregivers present × N (1:N); no caregiver for any child fails."""
    return children > caregivers * ratio
