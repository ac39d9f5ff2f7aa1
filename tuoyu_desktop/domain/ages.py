"""Age in completed months (实足月龄) and the class bands of 托育机构设置标准（试行）."""
from __future__ import annotations

import calendar
from datetime import date


def completed_months(birth: date, on: date) -> int:
    """Whole months from ``birth`` to ``on``.

    A month is complete on the same day-of-month as the birth, or on the last day
    of a shorter month (born 03-31 → one month old on 04-30, not yet on 04-29).
    Negative when ``on`` is before ``birth``.
    """
    months = (on.year - birth.year) * 12 + (on.month - birth.month)
    anniversary_day = min(birth.day, calendar.monthrange(on.year, on.month)[1])
    if on.day < anniversary_day:
        months -= 1
    return months


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's last day."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    day = min(d.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
