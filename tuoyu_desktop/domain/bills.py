"""The lines of a child's bill for month M (SPEC §11, steps 1–7), from plain facts; no database.

Money is integer 分 throughout; a line is rounded once, half up, from its exact fraction. The
caller (the bills service) gathers the facts: the schedule, the open days, the child's enrolled
open days, M−1's marks and what M−1's confirmed bill charged for 伙食费.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .choices import ABSENCE_REASONS, FEE_CATEGORIES, PRESENT
from .fees import Fee, in_force

#: the 类别 of the lines that are not schedule items
REFUND, WAIVER, ADJUSTMENT = "伙食费", "减免", "调整"
OWED_BACK = "应退"


@dataclass(frozen=True)
class Line:
    category: str
    name: str
    note: str  # 说明: where the amount comes from
    quantity: int  # the days or attendances a line counts (1 for a month or a one-time item)
    unit_fen: int
    amount_fen: int


@dataclass(frozen=True)
class PreviousMonth:
    """What M−1 tells the bill of M: its open days, the child's marks on them, whether it was
    billed, and the 伙食费 its confirmed bill charged (单价, and the days it charged for)."""

    first_day: date
    open_days: tuple[date, ...] = ()
    marks: dict[date, str] = field(default_factory=dict)
    food_unit_fen: int | None = None  # None: the confirmed bill of M−1 had no 伙食费 line
    food_days: frozenset[date] = frozenset()


@dataclass(frozen=True)
class ChildMonth:
    """The facts of one child in month M."""

    care_type: str
    puhui: bool
    enrolled_on: date
    enrolled_open_days: tuple[date, ...]  # E(c, M)
    own_monthly_fen: int | None = None  # the child's own 月收费: its 保育费
    hardship: bool = False  # has a 困境类别
    adjustments: tuple[tuple[str, int], ...] = ()  # (reason, 分), typed by the manager


def round_half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded half up (away from zero for a half), exactly."""
    sign = -1 if (numerator < 0) != (denominator < 0) else 1
    n, d = abs(numerator), abs(denominator)
    return sign * ((2 * n + d) // (2 * d))


def refunded_days(previous: PreviousMonth, threshold: int) -> list[date]:
    """The 缺勤 open days of M−1 in runs of at least ``threshold`` consecutive 缺勤 open days (a closed
    day is not an open day, so it does not break a run; an unmarked open day or a 出勤 does), among
    the days M−1's bill charged 伙食费 for."""
    runs: list[list[date]] = [[]]
    for day in previous.open_days:
        if previous.marks.get(day) in ABSENCE_REASONS:
            runs[-1].append(day)
        elif runs[-1]:
            runs.append([])
    return [d for run in runs if len(run) >= max(threshold, 1) for d in run if d in previous.food_days]


def bill_lines(month_first: date, open_days: tuple[date, ...], child: ChildMonth, fees: list[Fee],
               previous: PreviousMonth | None, *, refund_threshold: int = 1, waiver_yuan: int = 0) -> list[Line]:
    """The lines of the child's bill of the month starting ``month_first`` (O(M) = ``open_days``)."""
    lines: list[Line] = []
    enrolled = len(child.enrolled_open_days)
    total_open = len(open_days)
    month_fees = in_force(fees, month_first, child.care_type, child.puhui)
    if child.own_monthly_fen is not None:  # the child's own 月收费 is its 保育费
        month_fees = [f for f in month_fees if f.category != "保育费"] + [
            Fee("保育费", "保育费", child.care_type, "全部", "每月", child.own_monthly_fen, month_first)]
    month_fees.sort(key=lambda f: (FEE_CATEGORIES.index(f.category), f.name))  # 保育费 first, as the bill prints
    for fee in month_fees:
        if fee.basis == "每月" and enrolled and total_open:
            amount = round_half_up(fee.price_fen * enrolled, total_open)
            note = "整月" if enrolled == total_open else f"按开园日折算 {enrolled}/{total_open}"
            lines.append(Line(fee.category, fee.name, note + ("（本人月收费）" if child.own_monthly_fen is not None
                                                              and fee.category == "保育费" else ""),
                              1, fee.price_fen, amount))
        elif fee.basis == "每个开园日" and enrolled:
            lines.append(Line(fee.category, fee.name, f"预收 {enrolled} 个开园日", enrolled, fee.price_fen,
                              fee.price_fen * enrolled))
    if previous is not None:
        attended = sum(1 for d in previous.open_days if previous.marks.get(d) == PRESENT)
        for fee in in_force(fees, previous.first_day, child.care_type, child.puhui):
            if fee.basis == "每次出勤" and attended:
                lines.append(Line(fee.category, fee.name, f"上月出勤 {attended} 次", attended, fee.price_fen,
                                  fee.price_fen * attended))
    if (child.enrolled_on.year, child.enrolled_on.month) == (month_first.year, month_first.month):
        for fee in in_force(fees, child.enrolled_on, child.care_type, child.puhui):
            if fee.basis == "入托一次性":
                lines.append(Line(fee.category, fee.name, f"入托 {child.enrolled_on.isoformat()}", 1, fee.price_fen,
                                  fee.price_fen))
    if previous is not None and previous.food_unit_fen is not None:
        days = refunded_days(previous, refund_threshold)
        if days:
            lines.append(Line(REFUND, "伙食费退费", f"上月缺勤 {len(days)} 个开园日" + (
                f"（连续缺勤满{refund_threshold}天才退）" if refund_threshold > 1 else ""), len(days),
                -previous.food_unit_fen, -previous.food_unit_fen * len(days)))
    if waiver_yuan and child.hardship:
        care = sum(line.amount_fen for line in lines if line.category == "保育费")
        waived = min(waiver_yuan * 100, care)
        if waived > 0:
            lines.append(Line(WAIVER, "困境减免", f"每月至多{waiver_yuan}元", 1, -waived, -waived))
    for reason, amount in child.adjustments:
        lines.append(Line(ADJUSTMENT, reason, "", 1, amount, amount))
    return lines


def total_fen(lines: list[Line]) -> int:
    return sum(line.amount_fen for line in lines)
