"""Open days (开园日, SPEC §8): which days a centre receives children.

By default a day is open when it is a working day of the State Council holiday schedule
(国务院办公厅 节假日安排), including the 调休 Saturdays and Sundays; the ``chinese-calendar`` package
holds that schedule. For a year the package does not know yet (it raises NotImplementedError),
Monday–Friday. The centre's own overrides (暑假, 冬季停托, Saturday care) win over both.

``chinese_calendar`` is imported on first use, not with this module (start-up stays fast).
"""
from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Mapping

SOURCE = "国务院办公厅节假日安排及本园开园日设置"
_ONE = timedelta(days=1)


@dataclass(frozen=True)
class DayOverride:
    """The centre's own decision for one day, with why (shown when a mark is refused)."""

    open: bool
    note: str = ""


@lru_cache(maxsize=None)
def _schedule(day: date) -> tuple[bool, str]:
    """(open by default, why closed) for one day."""
    import chinese_calendar

    try:
        workday = chinese_calendar.is_workday(day)
    except NotImplementedError:  # a year beyond (or before) the package's data
        return day.weekday() < 5, ("周末" if day.weekday() >= 5 else "")
    if workday:
        return True, ""
    _, name = chinese_calendar.get_holiday_detail(day)
    chinese = {h.value: h.chinese for h in chinese_calendar.Holiday}
    return False, chinese.get(name, "周末")


def default_open(day: date) -> bool:
    """Open by the holiday schedule alone (no centre override)."""
    return _schedule(day)[0]


class OpenDays:
    """The centre's open days: the schedule, then its overrides (a mapping day → DayOverride)."""

    def __init__(self, overrides: Mapping[date, DayOverride] | None = None) -> None:
        self.overrides: dict[date, DayOverride] = dict(overrides or {})

    def is_open(self, day: date) -> bool:
        override = self.overrides.get(day)
        return override.open if override is not None else default_open(day)

    def closed_reason(self, day: date) -> str:
        """Why a day is closed (the centre's note, 国庆节, 周末 …); empty for an open day."""
        if self.is_open(day):
            return ""
        override = self.overrides.get(day)
        if override is not None:
            return override.note or "本园设为不开园"
        return _schedule(day)[1] or "周末"

    def between(self, first: date, last: date) -> list[date]:
        """The open days from ``first`` to ``last``, both included, in order."""
        out, day = [], first
        while day <= last:
            if self.is_open(day):
                out.append(day)
            day += _ONE
        return out

    def in_month(self, year: int, month: int) -> list[date]:
        return self.between(date(year, month, 1), date(year, month, monthrange(year, month)[1]))

    def next_after(self, day: date) -> date:
        """The first open day after ``day`` (overrides are finite, so one always comes)."""
        day += _ONE
        while not self.is_open(day):
            day += _ONE
        return day

    def up_to(self, day: date, n: int) -> list[date]:
        """The ``n`` open days ending with ``day`` (``day`` itself when open), oldest first."""
        out: list[date] = []
        while len(out) < n:
            if self.is_open(day):
                out.append(day)
            day -= _ONE
        return out[::-1]
