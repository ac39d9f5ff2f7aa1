"""收费月报 and 伙食费收支 (SPEC §11): what the accountant and the notice board get from the bills.

收费月报 of M: 应收 by 类别 from the month's confirmed bills (not voided), 退费, 减免, 调整, 实收 by 方式
from the payments dated in M, 欠费 on the day it is made (every child owing, with the oldest bill not
settled), the counts of 收费单 and 收据. 伙食费收支 of a term: income = the net 伙食费 of the term's
confirmed bills, spend = the food purchases, 结余率 = (income − spend) / income; the 规范 allows 2%.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from ..domain.alert import Alert
from ..domain.bills import ADJUSTMENT, WAIVER
from ..domain.choices import FEE_CATEGORIES, PAYMENT_METHODS
from ..domain.month import Month, Term
from ..store.plain import Db, as_db
from .bills import Arrears, arrears, money
from .centre import get_centre

REFUND_NAME = "伙食费退费"
#: the 规范's bound on a term's 伙食费 结余 (膳食费专款专用，每学期盈亏不超过2%)
FOOD_MARGIN = Fraction(2, 100)
FOOD_SOURCE = "托儿所幼儿园卫生保健工作规范：膳食费专款专用，账目每月公布，每学期盈亏不超过2%"


@dataclass(frozen=True)
class ReportRow:
    section: str  # 应收 / 实收 / 欠费 / 统计
    label: str
    value: int  # 分, or a count when ``count``
    count: bool = False

    @property
    def shown(self) -> str:
        return str(self.value) if self.count else money(self.value)


@dataclass(frozen=True)
class FeeReport:
    centre: str
    month: Month
    day: date  # 欠费 as on this day
    rows: list[ReportRow]
    owing: list[Arrears]


def _month_lines(db: Db, month: Month) -> list[tuple[str, str, int]]:
    return as_db(db).values(
        "SELECT l.category, l.name, l.amount_fen FROM bill_lines l JOIN bills b ON b.id = l.bill_id "
        "WHERE b.month = ? AND b.voided_on IS NULL", str(month))


def fee_report(db: Db, month: Month | str, *, today: date) -> FeeReport:
    db = as_db(db)
    month = month if isinstance(month, Month) else Month.parse(month)
    lines = _month_lines(db, month)
    rows: list[ReportRow] = []
    for category in FEE_CATEGORIES:
        rows.append(ReportRow("应收", category, sum(a for c, n, a in lines if c == category and n != REFUND_NAME)))
    rows.append(ReportRow("应收", "退费", sum(a for c, n, a in lines if n == REFUND_NAME)))
    rows.append(ReportRow("应收", "减免", sum(a for c, _, a in lines if c == WAIVER)))
    rows.append(ReportRow("应收", "调整", sum(a for c, _, a in lines if c == ADJUSTMENT)))
    rows.append(ReportRow("应收", "应收合计", sum(a for _, _, a in lines)))
    first, last = month.bounds
    paid = db.values("SELECT method, amount_fen FROM payments WHERE voided_on IS NULL AND paid_on >= ? AND paid_on <= ?",
                     first.isoformat(), last.isoformat())
    for method in PAYMENT_METHODS:
        rows.append(ReportRow("实收", method, sum(a for m, a in paid if m == method)))
    rows.append(ReportRow("实收", "其中退款", sum(a for _, a in paid if a < 0)))
    rows.append(ReportRow("实收", "实收合计", sum(a for _, a in paid)))
    owing = arrears(db, today, days=0)
    rows.append(ReportRow("欠费", f"欠费合计（截至{today.isoformat()}）", sum(a.amount_fen for a in owing)))
    rows.append(ReportRow("欠费", "欠费人数", len(owing), True))
    bills = db.values("SELECT COUNT(*) FROM bills WHERE month = ? AND voided_on IS NULL", str(month))[0][0]
    receipts = db.values("SELECT COUNT(*), SUM(voided_on IS NOT NULL) FROM payments WHERE paid_on >= ? AND paid_on <= ?",
                         first.isoformat(), last.isoformat())[0]
    rows.append(ReportRow("统计", "收费单张数", bills, True))
    rows.append(ReportRow("统计", "收据张数", receipts[0] or 0, True))
    rows.append(ReportRow("统计", "其中作废收据", receipts[1] or 0, True))
    return FeeReport(get_centre(db).name, month, today, rows, owing)


# 伙食费收支 ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FoodMonth:
    month: Month
    income_fen: int
    spend_fen: int
    balance_fen: int  # 累计结余 from the term's first month

    @property
    def surplus_fen(self) -> int:
        return self.income_fen - self.spend_fen


@dataclass(frozen=True)
class FoodAccount:
    centre: str
    term: Term
    months: list[FoodMonth]

    @property
    def income_fen(self) -> int:
        return sum(m.income_fen for m in self.months)

    @property
    def spend_fen(self) -> int:
        return sum(m.spend_fen for m in self.months)

    @property
    def rate(self) -> Fraction | None:
        """结余率 (income − spend) / income; None without income."""
        return Fraction(self.income_fen - self.spend_fen, self.income_fen) if self.income_fen else None

    @property
    def rate_text(self) -> str:
        return "—" if self.rate is None else f"{float(self.rate) * 100:.2f}%"

    @property
    def off(self) -> bool:
        return self.rate is not None and abs(self.rate) > FOOD_MARGIN


def food_account(db: Db, term: Term) -> FoodAccount:
    db = as_db(db)
    months, running = [], 0
    for month in term.months:
        income = sum(a for c, _, a in _month_lines(db, month) if c == "伙食费")
        first, last = month.bounds
        spend = db.values("SELECT COALESCE(SUM(amount_fen), 0) FROM food_purchases WHERE bought_on >= ? AND bought_on <= ?",
                          first.isoformat(), last.isoformat())[0][0]
        running += income - spend
        months.append(FoodMonth(month, income, spend, running))
    return FoodAccount(get_centre(db).name, term, months)


def term_of(day: date) -> Term:
    """The term ``day`` falls in; in August (no term) the 春季 just ended."""
    return Month.of(day).term or Term(day.year, "春季")


def food_alerts(db: Db, today: date) -> list[Alert]:
    """The last term that has ended, when its 伙食费 结余率 is beyond ±2% (SPEC §11)."""
    term = term_of(today)
    if today <= term.last:
        term = Term(term.year - 1, "秋季") if term.season == "春季" else Term(term.year, "春季")
    account = food_account(db, term)
    if not account.off:
        return []
    word = "结余" if account.rate > 0 else "亏损"
    return [Alert("伙食费", f"{term.title}伙食费收入{money(account.income_fen)}元、支出{money(account.spend_fen)}元，"
                         f"{word}率{account.rate_text}，超过±2%（{FOOD_SOURCE}）", "bills")]
