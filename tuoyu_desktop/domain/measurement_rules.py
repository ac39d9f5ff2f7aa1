"""The input rules of one measurement (SPEC §9), for the form, the entry grid and the import.

Values arrive already parsed (numbers as Decimal, dates as date; see ``parsing``); each rule that
refuses names its source. A standing height for a child under 24 months is a problem of its own
kind, ``StandingHeightUnderTwo``, carrying what the form needs to offer storing it as a length.
"Under 24 months" here is the completed age in months (实足月龄) the user sees; on the second
birthday itself (730 days in some years) the WHO tables still expect a length, and the evaluation
converts the height (+0.7 cm) as the WHO software does.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .ages import completed_months
from .errors import Problem
from .who2006 import HEIGHT, LENGTH, POSITION_ADJUSTMENT_CM, POSITIONS

HEARING_RESULTS = ("通过", "未通过")
# field names: the columns of the import kind `measurements` (SPEC §9)
DATE, LENGTH_FIELD, WEIGHT, HEAD, HB, HEARING, INSTITUTION = (
    "测量日期", "身长身高", "体重", "头围", "血红蛋白", "听力筛查", "检查机构")
LENGTH_CM = (Decimal(45), Decimal(120))
WEIGHT_KG = (Decimal("2.0"), Decimal("30.0"))
HB_G_L = (Decimal(50), Decimal(200))
SPEC = "产品规范第9节"
REGULATION = "《托儿所幼儿园卫生保健工作规范》"
WHO = "WHO 2006儿童生长标准"


def number_text(value: float | None) -> str:
    """A stored measure as the user typed it: 86.5, 12.35, 110 (no trailing .0)."""
    if value is None:
        return ""
    return format(Decimal(str(value)).normalize(), "f")


@dataclass(frozen=True)
class StandingHeightUnderTwo(Problem):
    """A standing height (身高) recorded for a child under 24 months, whose standard is a lying length.

    The form offers to store it as a length: ``value_cm`` as it was entered (if the child was in
    fact measured lying), or ``as_length_cm`` (+0.7 cm, the WHO's conversion) if it was measured
    standing.
    """

    value_cm: Decimal = Decimal(0)
    as_length_cm: Decimal = Decimal(0)
    age_months: int = 0


def _range(out: list[Problem], field: str, value: Decimal | None, bounds: tuple[Decimal, Decimal], unit: str,
           source: str, row: int | None, required: bool) -> None:
    if value is None:
        if required:
            out.append(Problem(field, f"必填（{source}）", row))
        return
    low, high = bounds
    if not low <= value <= high:
        out.append(Problem(field, f"{value}{unit}不在{low}–{high}{unit}之间（{source}）", row))


def check_measurement(birth: date, measured_on: date | None, length_cm: Decimal | None, weight_kg: Decimal | None,
                      *, today: date, position: str | None = None, head_cm: Decimal | None = None,
                      hb_g_l: Decimal | None = None, hearing: str | None = None,
                      row: int | None = None) -> list[Problem]:
    """Every problem of one measurement; [] when it may be stored.

    ``position`` is 身长 (lying) or 身高 (standing); None means the one the standard expects for
    the child's age (lying under 24 months, standing from 24 months).
    """
    out: list[Problem] = []
    if measured_on is None:
        out.append(Problem(DATE, f"必填（{SPEC}）", row))
    elif measured_on < birth:
        out.append(Problem(DATE, f"{measured_on.isoformat()}早于出生日期{birth.isoformat()}（{SPEC}）", row))
    elif measured_on > today:
        out.append(Problem(DATE, f"{measured_on.isoformat()}晚于今天{today.isoformat()}（{SPEC}）", row))
    _range(out, LENGTH_FIELD, length_cm, LENGTH_CM, " cm", f"{WHO}的身长/身高范围，{SPEC}", row, True)
    _range(out, WEIGHT, weight_kg, WEIGHT_KG, " kg", SPEC, row, True)
    _range(out, HB, hb_g_l, HB_G_L, " g/L", SPEC, row, False)
    if head_cm is not None and head_cm <= 0:
        out.append(Problem(HEAD, f"应为正数（{SPEC}）", row))
    if hearing is not None and hearing not in HEARING_RESULTS:
        out.append(Problem(HEARING, f"应填“通过”或“未通过”（{REGULATION}，{SPEC}）", row))
    if position is not None and position not in POSITIONS:
        out.append(Problem(LENGTH_FIELD, f"测量方式应为“{LENGTH}”（卧位）或“{HEIGHT}”（立位）（{WHO}）", row))
    elif (position == HEIGHT and measured_on is not None and birth <= measured_on
          and completed_months(birth, measured_on) < 24 and length_cm is not None):
        months = completed_months(birth, measured_on)
        converted = length_cm + Decimal(str(POSITION_ADJUSTMENT_CM))
        out.append(StandingHeightUnderTwo(
            LENGTH_FIELD,
            f"{months}月龄（不满24个月）应测卧位身长，却记为立位身高{length_cm} cm（{WHO}，{REGULATION}）。"
            f"若实为卧位测量，可按身长{length_cm} cm保存；若确为立位测量，可按WHO折算为身长{converted} cm保存",
            row, value_cm=length_cm, as_length_cm=converted, age_months=months))
    return out
