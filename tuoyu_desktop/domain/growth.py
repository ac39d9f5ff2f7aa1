"""A measurement's evaluation (SPEC §9): age in days, WAZ / LAZ / WLZ of the WHO 2006 standard, and
the classes a centre must follow up (托儿所幼儿园卫生保健工作规范).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .ages import completed_months
from .who2006 import ZScores, zscores

UNDERWEIGHT, STUNTED, WASTED, OVERWEIGHT, OBESE, ANAEMIA = "低体重", "生长迟缓", "消瘦", "超重", "肥胖", "贫血"
CLASSES = (UNDERWEIGHT, STUNTED, WASTED, OVERWEIGHT, OBESE, ANAEMIA)
#: the rule of each class, as a user reads it (SPEC §9)
CLASS_RULES = {UNDERWEIGHT: "年龄别体重 WAZ < −2", STUNTED: "年龄别身长/身高 LAZ < −2",
               WASTED: "身长/身高别体重 WLZ < −2", OVERWEIGHT: "+2 < WLZ ≤ +3", OBESE: "WLZ > +3",
               ANAEMIA: "血红蛋白 < 110 g/L"}
ANAEMIA_BELOW_G_L = 110


def age_in_days(birth: date, on: date) -> int:
    """Age in days from the birth date (the WHO tables are indexed by it): 0 on the day of birth."""
    return (on - birth).days


def classify(waz: float | None, laz: float | None, wlz: float | None,
             hb_g_l: Decimal | float | int | None = None) -> tuple[str, ...]:
    """The classes of SPEC §9 a measurement falls in, in the order of CLASSES; () when none."""
    found = []
    if waz is not None and waz < -2:
        found.append(UNDERWEIGHT)
    if laz is not None and laz < -2:
        found.append(STUNTED)
    if wlz is not None:
        if wlz < -2:
            found.append(WASTED)
        elif 2 < wlz <= 3:
            found.append(OVERWEIGHT)
        elif wlz > 3:
            found.append(OBESE)
    if hb_g_l is not None and hb_g_l < ANAEMIA_BELOW_G_L:
        found.append(ANAEMIA)
    return tuple(found)


@dataclass(frozen=True)
class Evaluation:
    age_days: int
    age_months: int  # completed months (实足月龄), for display
    waz: float | None
    laz: float | None
    wlz: float | None
    length_used_cm: float | None  # after the WHO's ±0.7 cm for the other position
    adjustment_cm: float
    classes: tuple[str, ...]
    implausible: tuple[str, ...]  # scores the WHO software flags as biologically implausible

    @property
    def overweight_or_obese(self) -> bool:
        return self.wlz is not None and self.wlz > 2


def evaluate(sex: str, birth: date, measured_on: date, weight_kg: Decimal | float | None,
             length_cm: Decimal | float | None, position: str | None = None,
             hb_g_l: Decimal | float | int | None = None) -> Evaluation:
    """Evaluate one measurement of a child (sex 男/女; position 身长 lying / 身高 standing / None)."""
    days = age_in_days(birth, measured_on)
    if days < 0:
        raise ValueError("measured before birth")
    z: ZScores = zscores(sex, days, None if weight_kg is None else float(weight_kg),
                         None if length_cm is None else float(length_cm), position)
    return Evaluation(days, completed_months(birth, measured_on), z.waz, z.laz, z.wlz, z.length_used_cm,
                      z.adjustment_cm, classify(z.waz, z.laz, z.wlz, hb_g_l), z.implausible)
