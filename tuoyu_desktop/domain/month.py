"""A month (and a term) as one value: parsed from what a person types, shown, counted.

Every month the program takes in — the command line's ``--month``, the 月报 and 申领表 pickers, a
stored return — is a ``Month``; its text form is always ``2026-10``. Terms follow SPEC §11:
春季 February–July, 秋季 September–next January (August belongs to no term).
"""
from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Iterator

from .errors import InputError, Problem

if TYPE_CHECKING:  # pragma: no cover
    from .opendays import OpenDays

_FORMS = (re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,3})"), re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月?"),
          re.compile(r"(\d{4})(\d{2})"))
HOW = "应写成年-月，如2026-10（也可以写2026/10或2026年10月）"


@dataclass(frozen=True, order=True)
class Month:
    year: int
    number: int  # 1–12

    def __post_init__(self) -> None:
        if not (1 <= self.number <= 12 and 1 <= self.year <= 9999):
            raise ValueError(f"no such month: {self.year}-{self.number}")

    @classmethod
    def parse(cls, text: object, field: str = "月份") -> "Month":
        """The month ``text`` names; InputError (on ``field``) saying how to write one otherwise."""
        typed = unicodedata.normalize("NFKC", "" if text is None else str(text)).strip()
        for form in _FORMS:
            m = form.fullmatch(typed)
            if m and 1 <= int(m[2]) <= 12:
                return cls(int(m[1]), int(m[2]))
        raise InputError([Problem(field, f"“{typed}”不是有效的月份（{HOW}）" if typed else f"请填写月份（{HOW}）")])

    @classmethod
    def of(cls, day: date) -> "Month":
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.number:02d}"

    @property
    def title(self) -> str:
        """2026年10月, as headings and file titles write it."""
        return f"{self.year}年{self.number}月"

    @property
    def first(self) -> date:
        return date(self.year, self.number, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.number, monthrange(self.year, self.number)[1])

    @property
    def bounds(self) -> tuple[date, date]:
        return self.first, self.last

    def shift(self, months: int) -> "Month":
        index = self.year * 12 + self.number - 1 + months
        return Month(index // 12, index % 12 + 1)

    @property
    def previous(self) -> "Month":
        return self.shift(-1)

    @property
    def next(self) -> "Month":
        return self.shift(1)

    def __contains__(self, day: date) -> bool:
        return (day.year, day.month) == (self.year, self.number)

    def days(self) -> Iterator[date]:
        day = self.first
        while day.month == self.number:
            yield day
            day += timedelta(days=1)

    def open_days(self, calendar: "OpenDays") -> list[date]:
        """The days of the month the centre is open (the national calendar and the centre's overrides)."""
        return [d for d in self.days() if calendar.is_open(d)]

    @property
    def term(self) -> "Term | None":
        if 2 <= self.number <= 7:
            return Term(self.year, "春季")
        if self.number >= 9:
            return Term(self.year, "秋季")
        if self.number == 1:
            return Term(self.year - 1, "秋季")
        return None  # August: between terms


@dataclass(frozen=True, order=True)
class Term:
    """A 学期: 春季 of ``year`` is February–July; 秋季 of ``year`` is September–January of ``year + 1``."""

    year: int
    season: str  # 春季 | 秋季

    @property
    def months(self) -> list[Month]:
        start = Month(self.year, 2 if self.season == "春季" else 9)
        return [start.shift(i) for i in range(6 if self.season == "春季" else 5)]

    @property
    def first(self) -> date:
        return self.months[0].first

    @property
    def last(self) -> date:
        return self.months[-1].last

    @property
    def title(self) -> str:
        return f"{self.year}年{self.season}学期"
