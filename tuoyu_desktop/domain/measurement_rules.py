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
#: 头围 of a child 0–3 years: from below −3 SD at birth (girls 30.3 cm) to above +3 SD at 36 months
#: (boys 53.6 cm) in the WHO Child Growth Standards' head-circumference-for-age tables (WHO 2007)
HEAD_CM = (Decimal(30), Decimal(56))
REGULATION = "《托儿所幼儿园卫生保健工作规范》"
WHO = "WHO 2006儿童生长标准"
#: where a range comes from, in the words a manager reads (no section numbers of our own spec)
LENGTH_SOURCE = f"{WHO}的身长/身高范围"
WEIGHT_SOURCE = "3岁以下幼儿体重的合理范围，请核对是否输错"
HEAD_SOURCE = "WHO头围标准0–3岁的范围，请核对是否输错"
HB_SOURCE = "血红蛋白的合理范围，请核对是否输错"


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
            out.append(Problem(field, "必填", row))
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
        out.append(Problem(DATE, "必填：请写测量的日期", row))
    elif measured_on < birth:
        out.append(Problem(DATE, f"{measured_on.isoformat()}早于出生日期{birth.isoformat()}，请核对", row))
    elif measured_on > today:
        out.append(Problem(DATE, f"{measured_on.isoformat()}晚于今天{today.isoformat()}，请核对", row))
    _range(out, LENGTH_FIELD, length_cm, LENGTH_CM, " cm", LENGTH_SOURCE, row, True)
    _range(out, WEIGHT, weight_kg, WEIGHT_KG, " kg", WEIGHT_SOURCE, row, True)
    _range(out, HB, hb_g_l, HB_G_L, " g/L", HB_SOURCE, row, False)
    _range(out, HEAD, head_cm, HEAD_CM, " cm", HEAD_SOURCE, row, False)
    if hearing is not None and hearing not in HEARING_RESULTS:
        out.append(Problem(HEARING, f"应填“通过”或“未通过”（{REGULATION}）", row))
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


# -- a change since the previous measurement that growth does not allow ----------------------------
#: the most a child grows in a month, by completed months of age at the earlier measurement: set
#: above the top (+3 SD) monthly increments of the WHO growth velocity standards (WHO 2009), so
#: that only a typing mistake (a value in the wrong column, a slipped digit) goes past them
LENGTH_CM_A_MONTH = ((6, Decimal("5.0")), (12, Decimal("2.5")), (24, Decimal("1.6")), (None, Decimal("1.3")))
WEIGHT_KG_A_MONTH = ((6, Decimal("1.5")), (12, Decimal("0.8")), (None, Decimal("0.5")))
#: room for measuring error (and lying length vs standing height, 0.7 cm)
LENGTH_ROOM_CM, SHORTER_ROOM_CM, WEIGHT_ROOM_KG = Decimal("2.0"), Decimal("1.5"), Decimal("0.5")
#: a loss of more than a tenth of the body weight
WEIGHT_LOSS_SHARE = Decimal("0.10")
DAYS_A_MONTH = Decimal("30.4375")


@dataclass(frozen=True)
class Previous:
    """The child's latest measurement before the one being entered."""

    measured_on: date
    length_cm: Decimal
    weight_kg: Decimal


def _per_month(table, age_months: int) -> Decimal:
    return next(rate for limit, rate in table if limit is None or age_months < limit)


def _cm(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.1'))} cm"


def _kg(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')).normalize():f} kg"


def growth_jumps(birth: date, previous: Previous | None, measured_on: date | None, length_cm: Decimal | None,
                 weight_kg: Decimal | None) -> list[Problem]:
    """Warnings (to confirm, not refusals) for a length or weight that moved since ``previous`` by more
    than a child grows in that time: shorter beyond measuring error, longer or heavier than the fastest
    growth, or a tenth of the weight lost. [] when nothing stands out or there is nothing to compare."""
    if previous is None or measured_on is None or measured_on <= previous.measured_on:
        return []
    months = Decimal((measured_on - previous.measured_on).days) / DAYS_A_MONTH
    age = completed_months(birth, previous.measured_on) if birth <= previous.measured_on else 0
    since = f"比上次测量（{previous.measured_on.isoformat()}"
    out: list[Problem] = []
    if length_cm is not None:
        change = length_cm - previous.length_cm
        most = LENGTH_ROOM_CM + _per_month(LENGTH_CM_A_MONTH, age) * months
        if change < -SHORTER_ROOM_CM:
            out.append(Problem(LENGTH_FIELD, f"{since}，{_cm(previous.length_cm)}）短了{_cm(-change)}，"
                                             "是否填到了别的列（如头围）？"))
        elif change > most:
            out.append(Problem(LENGTH_FIELD, f"{since}，{_cm(previous.length_cm)}）长了{_cm(change)}，"
                                             f"超过这段时间幼儿能长的（约{_cm(most)}）"))
    if weight_kg is not None:
        change = weight_kg - previous.weight_kg
        most = WEIGHT_ROOM_KG + _per_month(WEIGHT_KG_A_MONTH, age) * months
        if change < 0 and -change > previous.weight_kg * WEIGHT_LOSS_SHARE and -change > Decimal("0.3"):
            out.append(Problem(WEIGHT, f"{since}，{_kg(previous.weight_kg)}）减轻了{_kg(-change)}，超过体重的十分之一"))
        elif change > most:
            out.append(Problem(WEIGHT, f"{since}，{_kg(previous.weight_kg)}）增加了{_kg(change)}，"
                                       f"超过这段时间幼儿能长的（约{_kg(most)}）"))
    return out
