"""The return's growth indicators G01–G07 (SPEC §9, 格式版本 2), from plain records.

Every figure is over the children enrolled on the month's last day (``periods.enrolled_on``),
using each child's latest measurement "in the 6 months up to the last day". That window is the
schedule's own rule (``checkups``): a measurement still counts on day D when its next check,
6 months later (``add_months``), is not yet overdue on D — so a child counted here is never one
the 体检 alerts call overdue, and the other way round.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .ages import add_months, month_end
from .checkups import CHECK_MONTHS
from .growth import ANAEMIA_BELOW_G_L, evaluate
from .indicators import GROWTH_CODES, percent
from .periods import enrolled_on


@dataclass(frozen=True)
class Measured:
    """One stored measurement, as the figures need it."""

    child_id: int
    measured_on: date
    weight_kg: Decimal | float | None
    length_cm: Decimal | float | None
    position: str | None = None  # 身长 / 身高 / None (the one expected for the age)
    hb_g_l: Decimal | float | int | None = None


def within_half_year(measured_on: date, day: date) -> bool:
    """Whether a measurement is "in the 6 months up to" ``day``: on or before it, next check not yet overdue."""
    return measured_on <= day and add_months(measured_on, CHECK_MONTHS) >= day


def growth_figures(children, measurements: list[Measured], year: int, month: int) -> dict[str, int | Decimal | None]:
    """{G01: …, G07: …} for a month. ``children`` have id, sex (男/女), birth_date, enrolled_on, left_on.

    G01 counts every measurement dated in the month (SPEC §9), whoever it was of; G02–G07 are over
    the children enrolled on the month's last day and their latest measurement of the half year."""
    first, last = date(year, month, 1), month_end(year, month)
    enrolled = {c.id: c for c in children if enrolled_on(c, last)}
    mine = [m for m in measurements if m.child_id in enrolled]
    recent: dict[int, list[Measured]] = {}
    for m in sorted(mine, key=lambda m: m.measured_on):
        if within_half_year(m.measured_on, last):
            recent.setdefault(m.child_id, []).append(m)
    underweight = stunted = heavy = anaemic = 0
    for child_id, ms in recent.items():
        child, latest = enrolled[child_id], ms[-1]
        e = evaluate(child.sex, child.birth_date, latest.measured_on, latest.weight_kg, latest.length_cm,
                     latest.position)
        underweight += e.waz is not None and e.waz < -2
        stunted += e.laz is not None and e.laz < -2
        heavy += e.wlz is not None and e.wlz > 2
        hbs = [m.hb_g_l for m in ms if m.hb_g_l is not None]
        anaemic += bool(hbs) and hbs[-1] < ANAEMIA_BELOW_G_L
    figures = {
        "G01": sum(first <= m.measured_on <= last for m in measurements),  # also of a child who left in the month
        "G02": len(recent),
        "G03": percent(len(recent), len(enrolled)),
        "G04": underweight, "G05": stunted, "G06": heavy, "G07": anaemic,
    }
    return {code: figures[code] for code in GROWTH_CODES}
