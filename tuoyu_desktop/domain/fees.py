"""收费 rules that need no database (SPEC §11): which schedule row is in force, the 普惠 cap."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from .choices import CARE_TYPES
from .formatting import fen_to_yuan
from .policy import PolicyProfile


@dataclass(frozen=True)
class Fee:
    """One row of the schedule as the rules see it."""

    category: str
    name: str
    care_type: str  # or 全部
    applies_to: str  # 普惠 / 非普惠 / 全部
    basis: str
    price_fen: int
    starts_on: date
    ends_on: date | None = None

    def applies(self, care_type: str, puhui: bool) -> bool:
        return (self.care_type in ("全部", care_type)
                and self.applies_to in ("全部", "普惠" if puhui else "非普惠"))

    def in_force_on(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


def in_force(fees: Iterable[Fee], day: date, care_type: str, puhui: bool) -> list[Fee]:
    """The rows that apply to a child of ``care_type`` (普惠 or not) on ``day``: for each item (类别 and
    名称), the row in force with the latest 生效日期 — a price change is a new row from its date."""
    best: dict[tuple[str, str], Fee] = {}
    for fee in fees:
        if fee.applies(care_type, puhui) and fee.in_force_on(day):
            key = (fee.category, fee.name)
            held = best.get(key)
            # the later start wins; on the same day the row for the child's own form beats 全部
            if held is None or (fee.starts_on, fee.care_type != "全部", fee.applies_to != "全部") > (
                    held.starts_on, held.care_type != "全部", held.applies_to != "全部"):
                best[key] = fee
    return sorted(best.values(), key=lambda f: (f.category, f.name))


def puhui_cap_problem(category: str, basis: str, care_type: str, applies_to: str, price_fen: int,
                      profile: PolicyProfile) -> str | None:
    """A 保育费 a 普惠 child would pay above the profile's cap (元/月 by 托育形式), with its source."""
    caps = profile.fees.puhui_caps
    if category != "保育费" or basis != "每月" or applies_to == "非普惠" or not caps:
        return None
    forms = CARE_TYPES if care_type == "全部" else (care_type,)
    over = [(f, caps[f]) for f in forms if f in caps and price_fen > caps[f] * 100]
    if not over:
        return None
    limits = "、".join(f"{f}{cap}元/月" for f, cap in over)
    return (f"{fen_to_yuan(price_fen)}元超过普惠托育{limits}的收费上限（{profile.fees.source}，"
            f"政策方案“{profile.name}”）；非普惠的价格请在“适用”填“非普惠”")
