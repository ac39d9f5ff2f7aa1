"""带药 (SPEC §12): a parent's 委托 and each 喂药 on it, with no database.

A dose is due at each listed time of each open day of the 委托 on which the child is marked 出勤; a
委托 without 家长已签字 has none and cannot be given. The 喂药 of a day are matched to its due times
nearest first, so that a dose given at 12:05 covers the 12:00 one even when the 08:30 one was missed.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Iterable, Sequence

from .errors import Problem

RESULTS = ("已服", "拒服", "呕吐")
_TIME = re.compile(r"([01]?\d|2[0-3])[:：]([0-5]\d)")
TIMES_NOTE = "每天的服药时间，用顿号隔开，如 08:30、12:00"


def parse_times(text: str) -> tuple[time, ...]:
    """The times of day of a 委托 (``08:30、12:00``; also separated by , ， ; or spaces), in order and
    without repeats. ValueError saying how to write them otherwise."""
    parts = [p for p in re.split(r"[、,，;；\s]+", str(text or "").strip()) if p]
    if not parts:
        raise ValueError(f"请写明{TIMES_NOTE}")
    out = set()
    for p in parts:
        m = _TIME.fullmatch(p)
        if not m:
            raise ValueError(f"“{p}”不是时间（{TIMES_NOTE}）")
        out.add(time(int(m[1]), int(m[2])))
    return tuple(sorted(out))


def times_text(times: Iterable[time]) -> str:
    return "、".join(f"{t:%H:%M}" for t in times)


def order_problems(start_on: date | None, end_on: date | None) -> list[Problem]:
    if start_on and end_on and end_on < start_on:
        return [Problem("结束日期", f"早于开始日期{start_on.isoformat()}")]
    return []


def dose_problems(signed: bool, given_by: str, verified_by: str) -> list[Problem]:
    out = []
    if not signed:
        out.append(Problem("药名", "这份带药委托还没有家长签字，不能喂药（家长签字后在委托里勾选“家长已签字”）"))
    if given_by and verified_by and given_by == verified_by:
        out.append(Problem("核对人", "核对人应是喂药人以外的另一人"))
    return out


def match_doses(due: Sequence[time], given: Sequence[datetime]) -> dict[time, int | None]:
    """Each due time of a day → the index in ``given`` of the 喂药 that covers it (None if none):
    each 喂药, earliest first, takes the nearest due time not yet taken."""
    out: dict[time, int | None] = {t: None for t in due}
    minutes = {t: t.hour * 60 + t.minute for t in due}
    for i in sorted(range(len(given)), key=lambda i: given[i]):
        free = [t for t in due if out[t] is None]
        if not free:
            break
        at = given[i].hour * 60 + given[i].minute
        nearest = min(free, key=lambda t: (abs(minutes[t] - at), minutes[t]))
        out[nearest] = i
    return out
