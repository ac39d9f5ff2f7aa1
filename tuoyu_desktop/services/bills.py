"""月度收费单 (SPEC §11): drafts of a month from the records, 出账, 作废, the child's account, 欠费.

The lines are the domain's (``domain.bills.bill_lines``); this module gathers the facts they need —
the schedule, the open days of M and M−1, each child's enrolled open days, M−1's marks, what M−1's
confirmed bill charged for 伙食费, the manager's 调整 — and keeps what a confirmed bill was. A draft
is never stored: it is computed again each time from the records. A confirmed bill is stored with
its lines and never changes; 作废 marks it (kept) and the child's bill can be made again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Iterable

from ..domain.alert import Alert
from ..domain.bills import (
    OWED_BACK,
    ChildMonth,
    Line,
    PreviousMonth,
    bill_lines,
    total_fen,
)
from ..domain.errors import InputError, Problem
from ..domain.formatting import fen_to_yuan
from ..domain.month import Month
from ..domain.periods import ENROLMENT
from ..domain.pinyin import sort_key
from ..domain.policy import PolicyProfile
from ..domain.register import class_finder
from ..store.plain import Db, as_db, in_
from ..store.spans import touches
from .centre import centre_profile
from .changes import Changes
from .fees import schedule
from .lookups import load_calendar
from .settings import ARREARS_DAYS, REFUND_RUN, get_setting

if TYPE_CHECKING:  # pragma: no cover
    from sqlmodel import Session

AREA = "bills"
DRAFT, VOIDED = "未出账", "已作废"
SETTLED, PART_PAID, UNPAID = "已结清", "部分缴费", "未缴费"


def money(fen: int) -> str:
    """1234.50 as the bills write 元 (two decimals, a minus sign for money back)."""
    return f"{fen_to_yuan(fen)}"


@dataclass(frozen=True)
class BillView:
    """One bill of a month as the page, the files and the prints show it: a confirmed bill (with its
    number, 出账日期 and payment state) or a draft (``number`` empty)."""

    child_id: int | None
    name: str
    id_number: str
    class_name: str
    lines: tuple[Line, ...]
    number: str = ""
    bill_id: int | None = None
    confirmed_on: date | None = None
    previous_fen: int = 0
    voided_on: date | None = None
    void_reason: str = ""
    paid_state: str = ""  # 已结清 / 部分缴费 / 未缴费 for a confirmed bill
    food_unit_fen: int | None = None
    food_days: tuple[date, ...] = ()

    @property
    def total_fen(self) -> int:
        return total_fen(list(self.lines))

    @property
    def confirmed(self) -> bool:
        return bool(self.number)

    @property
    def state(self) -> str:
        """合计's 状态: 已作废, 应退 (a negative total), 未出账 (a draft), else how far it is paid."""
        if self.voided_on is not None:
            return VOIDED
        if self.total_fen < 0:
            return OWED_BACK
        if not self.confirmed:
            return DRAFT
        return self.paid_state or UNPAID

    @property
    def due_fen(self) -> int:
        """应缴: this bill's total with the 上期结余 before it."""
        return self.previous_fen + self.total_fen


@dataclass(frozen=True)
class MonthBills:
    month: Month
    bills: list[BillView]  # the live confirmed bills and the drafts of children without one, by class and name
    voided: list[BillView] = field(default_factory=list)

    @property
    def confirmed(self) -> list[BillView]:
        return [b for b in self.bills if b.confirmed]

    @property
    def drafts(self) -> list[BillView]:
        return [b for b in self.bills if not b.confirmed]


# the facts of a month ---------------------------------------------------------------------------------

def _refund_run(db: Db) -> int:
    text = get_setting(db, REFUND_RUN.key)
    return int(text) if text.isdigit() and int(text) >= 1 else 1


def _bill_lines(db: Db, bill_ids: Iterable[int]) -> dict[int, tuple[Line, ...]]:
    ids = list(bill_ids)
    out: dict[int, list[Line]] = {i: [] for i in ids}
    if ids:
        for r in as_db(db).rows("bill_lines", in_("bill_id", ids), order="bill_id, line_no",
                                columns=("bill_id", "category", "name", "note", "quantity", "unit_fen", "amount_fen")):
            out[r.bill_id].append(Line(r.category, r.name, r.note, r.quantity, r.unit_fen, r.amount_fen))
    return {k: tuple(v) for k, v in out.items()}


def _days(text: str) -> tuple[date, ...]:
    return tuple(date.fromisoformat(d) for d in text.split(",") if d)


def drafts(db: Db, profiles: dict[str, PolicyProfile], month: Month, *, skip: Iterable[int] = (),
           only: Iterable[int] | None = None) -> list[BillView]:
    """The bills of ``month`` as the records make them now (SPEC §11 steps 1–7), for every child
    enrolled on an open day of it or owed lines from the month before; ``skip``: children left out
    (they have a confirmed bill), ``only``: just these children."""
    db = as_db(db)
    calendar = load_calendar(db)
    first, last = month.bounds
    before = month.previous
    open_days = tuple(calendar.between(first, last))
    open_before = tuple(calendar.between(*before.bounds))
    conditions = [touches(ENROLMENT, before.first, last)]
    if only is not None:
        conditions.append(in_("id", list(only)))
    skipped = set(skip)
    children = [c for c in db.rows("children", *conditions) if c.id not in skipped]
    if not children:
        return []
    ids = [c.id for c in children]
    fees = [fee for _, fee in schedule(db)]
    marks: dict[int, dict[date, str]] = {}
    for child_id, day, mark in db.values(
            "SELECT child_id, day, mark FROM attendance_marks WHERE day >= ? AND day <= ?",
            before.first.isoformat(), before.last.isoformat()):
        marks.setdefault(child_id, {})[date.fromisoformat(day)] = mark
    billed_before = {b.child_id: b for b in db.rows("bills", ("month = ? AND voided_on IS NULL", str(before)),
                                                     columns=("child_id", "food_unit_fen", "food_days"))}
    adjustments: dict[int, list[tuple[str, int]]] = {}
    for a in db.rows("bill_adjustments", ("month = ?", str(month)), order="id"):
        adjustments.setdefault(a.child_id, []).append((a.reason, a.amount_fen))
    profile = centre_profile(db, profiles)
    waiver = profile.subsidies.hardship_fee_waiver_monthly_yuan
    run = _refund_run(db)
    class_of = class_finder(db.rows("placements", in_("child_id", ids),
                                    columns=("child_id", "class_id", "start_on", "end_on")))
    class_names = dict(db.values("SELECT id, name FROM classes"))
    out = []
    for child in children:
        enrolled = tuple(d for d in open_days if ENROLMENT.holds_on(child, d))
        held = billed_before.get(child.id)
        previous = PreviousMonth(before.first, open_before, marks.get(child.id, {}),
                                 held.food_unit_fen if held else None, frozenset(_days(held.food_days)) if held else
                                 frozenset())
        facts = ChildMonth(child.care_type, child.is_puhui, child.enrolled_on, enrolled, child.monthly_fee_fen,
                           bool(child.hardship_category), tuple(adjustments.get(child.id, ())))
        lines = bill_lines(first, open_days, facts, fees, previous, refund_threshold=run, waiver_yuan=waiver)
        if not enrolled and not lines:
            continue
        food = next((x for x in lines if x.category == "伙食费" and x.unit_fen > 0 and x.quantity == len(enrolled)
                     and x.note.startswith("预收")), None)
        on = enrolled[-1] if enrolled else (child.left_on - timedelta(days=1) if child.left_on else last)
        class_id = class_of(child.id, on) or class_of(child.id, enrolled[0] if enrolled else before.last)
        out.append(BillView(child.id, child.name, child.id_number or "", class_names.get(class_id, ""), tuple(lines),
                            food_unit_fen=food.unit_fen if food else None,
                            food_days=enrolled if food else ()))
    return _ordered(out)


def _ordered(bills: list[BillView]) -> list[BillView]:
    return sorted(bills, key=lambda b: (sort_key(b.class_name), sort_key(b.name), b.number))


def _stored(db: Db, condition) -> list[BillView]:
    rows = as_db(db).rows("bills", condition, order="number")
    lines = _bill_lines(db, [r.id for r in rows])
    return [BillView(r.child_id, r.child_name, r.child_id_number, r.class_name, lines[r.id], r.number, r.id,
                     r.confirmed_on, r.previous_fen, r.voided_on, r.void_reason, food_unit_fen=r.food_unit_fen,
                     food_days=_days(r.food_days)) for r in rows]


def month_bills(db: Db, profiles: dict[str, PolicyProfile], month: Month | str) -> MonthBills:
    """The month's confirmed bills (with how far each is paid) and the drafts of the children who
    have none — all of them drafts before the month is confirmed; the voided ones apart."""
    db = as_db(db)
    month = month if isinstance(month, Month) else Month.parse(month)
    stored = _stored(db, ("month = ?", str(month)))
    live = [b for b in stored if b.voided_on is None]
    states = paid_states(db, {b.child_id for b in live if b.child_id is not None})
    live = [_with_state(b, states) for b in live]
    made = drafts(db, profiles, month, skip={b.child_id for b in live})
    if made:  # a draft's 上期结余: the child's account as it stands
        from dataclasses import replace

        owed = balances(db)
        made = [replace(b, previous_fen=owed.get(b.child_id, 0)) for b in made]
    return MonthBills(month, _ordered(live + made), [b for b in stored if b.voided_on is not None])


def _with_state(bill: BillView, states: dict[int, str]) -> BillView:
    from dataclasses import replace

    return replace(bill, paid_state=states.get(bill.bill_id, UNPAID))


# confirming, voiding ---------------------------------------------------------------------------------

def _confirmed_months(db: Db) -> list[Month]:
    return [Month.parse(m) for (m,) in as_db(db).values("SELECT DISTINCT month FROM bills ORDER BY month")]


def _balance_before(db: Db, child_id: int, day: date) -> int:
    """上期结余 of a bill confirmed on ``day``: the child's confirmed bills (not voided) − the payments
    (not voided) dated before ``day``."""
    db = as_db(db)
    billed = db.values("SELECT COALESCE(SUM(total_fen), 0) FROM bills WHERE child_id = ? AND voided_on IS NULL",
                       child_id)[0][0]
    paid = db.values("SELECT COALESCE(SUM(amount_fen), 0) FROM payments WHERE child_id = ? AND voided_on IS NULL "
                     "AND paid_on < ?", child_id, day.isoformat())[0][0]
    return billed - paid


def _store(session: Session, month: Month, bills: list[BillView], on: date) -> list[str]:
    from ..store.models import Bill, BillLine

    db = as_db(session)
    numbers = [n for (n,) in db.values("SELECT number FROM bills WHERE month = ?", str(month))]
    seq = max((int(n.rsplit("-", 1)[1]) for n in numbers), default=0)
    made = []
    for bill in bills:
        seq += 1
        number = f"{month.year:04d}{month.number:02d}-{seq:03d}"
        row = Bill(number=number, month=str(month), child_id=bill.child_id, child_name=bill.name,
                   child_id_number=bill.id_number, class_name=bill.class_name, confirmed_on=on,
                   total_fen=bill.total_fen, previous_fen=_balance_before(session, bill.child_id, on),
                   food_unit_fen=bill.food_unit_fen, food_days=",".join(d.isoformat() for d in bill.food_days))
        session.add(row)
        session.flush()
        for i, line in enumerate(bill.lines, 1):
            session.add(BillLine(bill_id=row.id, line_no=i, category=line.category, name=line.name, note=line.note,
                                 quantity=line.quantity, unit_fen=line.unit_fen, amount_fen=line.amount_fen))
        made.append(number)
    session.flush()
    return made


def confirm_month(session: Session, profiles: dict[str, PolicyProfile], month: Month | str, on: date | None = None,
                  *, today: date) -> Changes:
    """出账: number and freeze the month's drafts on ``on`` (default today). Months go in order: the
    first month ever confirmed needs nothing before it; later, M−1 must have no draft left. Confirming
    M again confirms the bills of the children who had none (enrolled after); with none it is refused."""
    month = month if isinstance(month, Month) else Month.parse(month)
    on = on or today
    db = as_db(session)
    months = _confirmed_months(db)
    if months and month < months[0]:
        raise InputError([Problem("月份", f"收费单按月份顺序出账：已从{months[0].title}开始出账，"
                                          f"不能再给更早的{month.title}出账")])
    if months and month > months[0]:
        before = month.previous
        live_before = {c for (c,) in db.values("SELECT child_id FROM bills WHERE month = ? AND voided_on IS NULL",
                                               str(before))}
        left = drafts(db, profiles, before, skip=live_before)
        if left:
            names = "、".join(b.name for b in left[:3]) + ("等" if len(left) > 3 else "")
            raise InputError([Problem("月份", f"{before.title}还有{len(left)}张收费单没有出账（{names}）：收费单按月份"
                                              f"顺序出账，请先给{before.title}出账")])
    live = {c for (c,) in db.values("SELECT child_id FROM bills WHERE month = ? AND voided_on IS NULL", str(month))}
    new = drafts(db, profiles, month, skip=live)
    if not new:
        if live:
            raise InputError([Problem("月份", f"{month.title}的收费单已经出账（{len(live)}张），没有新的幼儿要出账")])
        raise InputError([Problem("月份", f"{month.title}没有要出账的收费单（这个月没有在托的幼儿）")])
    made = _store(session, month, new, on)
    span = made[0] if len(made) == 1 else f"{made[0]}–{made[-1]}"
    return Changes.of(f"已出账{month.title}收费单{len(made)}张（{span}），出账日期{on.isoformat()}", AREA)


def void_bill(session: Session, profiles: dict[str, PolicyProfile], bill_id: int, reason: str, remake: bool = True,
              *, today: date) -> Changes:
    """作废 a confirmed bill with a reason (it is kept, marked) and, by default, make the child's bill of
    that month again from the records as they are now (a new number, 出账日期 today)."""
    from ..store.models import Bill

    reason = (reason or "").strip()
    bill = session.get(Bill, bill_id)
    if bill is None:
        raise InputError([Problem("收费单", "这张收费单已不存在")])
    if bill.voided_on is not None:
        raise InputError([Problem("收费单", f"收费单{bill.number}已于{bill.voided_on.isoformat()}作废")])
    if not reason:
        raise InputError([Problem("作废原因", "作废收费单必须填写原因")])
    bill.voided_on, bill.void_reason = today, reason
    session.add(bill)
    session.flush()
    message = f"已作废收费单{bill.number}（{bill.child_name}，原因：{reason}）"
    if remake and bill.child_id is not None:
        month = Month.parse(bill.month)
        again = drafts(session, profiles, month, only={bill.child_id})
        if again:
            made = _store(session, month, again, today)
            message += f"，重新出账为{made[0]}"
    return Changes.of(message, AREA)


# payments against bills: the account ---------------------------------------------------------------

@dataclass(frozen=True)
class PaymentView:
    id: int
    receipt_no: str
    child_id: int | None
    child_name: str
    paid_on: date
    amount_fen: int
    method: str
    payer: str
    received_by: str
    notes: str
    bill_number: str
    voided_on: date | None
    void_reason: str
    settles: tuple[str, ...] = ()  # the bills this payment went to (oldest first)


def _payment(r, settles=()) -> PaymentView:
    return PaymentView(r.id, r.receipt_no, r.child_id, r.child_name, r.paid_on, r.amount_fen, r.method, r.payer,
                       r.received_by, r.notes, r.bill_number, r.voided_on, r.void_reason, tuple(settles))


def _settle(bills: list, payments: list) -> tuple[dict[int, str], dict[int, list[str]]]:
    """How far each bill is paid when the payments settle the bills oldest first, and which bills each
    payment went to. ``bills``: (id, number, total) by month; ``payments``: (id, amount) by date."""
    paid = sum(amount for _, amount in payments)
    states: dict[int, str] = {}
    ranges = []
    before = 0
    for bill_id, number, total in bills:
        covered = min(max(paid - before, 0), total) if total > 0 else total
        states[bill_id] = SETTLED if total <= 0 or covered == total else PART_PAID if covered > 0 else UNPAID
        if total > 0:
            ranges.append((before, before + total, number))
        before += total
    went: dict[int, list[str]] = {}
    start = 0
    for payment_id, amount in payments:
        end = start + amount
        if amount > 0:
            went[payment_id] = [n for lo, hi, n in ranges if lo < end and hi > start]
        start = end
    return states, went


def _account_rows(db: Db, child_ids: Iterable[int] | None, day: date | None = None):
    db = as_db(db)
    bill_cond = ["voided_on IS NULL"]
    pay_cond = ["voided_on IS NULL"]
    if day is not None:
        bill_cond.append(("confirmed_on <= ?", day))
        pay_cond.append(("paid_on <= ?", day))
    if child_ids is not None:
        ids = list(child_ids)
        bill_cond.append(in_("child_id", ids))
        pay_cond.append(in_("child_id", ids))
    bills = db.rows("bills", *bill_cond, order="month, number",
                    columns=("id", "child_id", "number", "month", "confirmed_on", "total_fen", "child_name",
                             "class_name"))
    payments = db.rows("payments", *pay_cond, order="paid_on, receipt_no", columns=("id", "child_id", "amount_fen"))
    return bills, payments


def paid_states(db: Db, child_ids: Iterable[int] | None = None) -> dict[int, str]:
    """bill id → 已结清 / 部分缴费 / 未缴费 for the confirmed bills of these children (all if None)."""
    bills, payments = _account_rows(db, child_ids)
    states: dict[int, str] = {}
    for child_id, (child_bills, child_payments) in _by_child(bills, payments).items():
        states.update(_settle([(b.id, b.number, b.total_fen) for b in child_bills],
                              [(p.id, p.amount_fen) for p in child_payments])[0])
    return states


def _by_child(bills, payments) -> dict[int, tuple[list, list]]:
    out: dict[int, tuple[list, list]] = {}
    for b in bills:
        out.setdefault(b.child_id, ([], []))[0].append(b)
    for p in payments:
        out.setdefault(p.child_id, ([], []))[1].append(p)
    return out


@dataclass(frozen=True)
class Account:
    """A child's account: every confirmed bill (voided ones marked), every payment, the balance."""

    child_id: int
    name: str
    bills: list[BillView]
    payments: list[PaymentView]

    @property
    def balance_fen(self) -> int:
        """Confirmed bills not voided − payments not voided: > 0 owed, < 0 paid ahead or to pay back."""
        return (sum(b.total_fen for b in self.bills if b.voided_on is None)
                - sum(p.amount_fen for p in self.payments if p.voided_on is None))


def account(db: Db, child_id: int) -> Account:
    db = as_db(db)
    child = db.get("children", child_id)
    stored = _stored(db, ("child_id = ?", child_id))
    rows = db.rows("payments", ("child_id = ?", child_id), order="paid_on, receipt_no")
    live = [b for b in stored if b.voided_on is None]  # by number: by month, then as confirmed
    states, went = _settle([(b.bill_id, b.number, b.total_fen) for b in live],
                           [(r.id, r.amount_fen) for r in rows if r.voided_on is None])
    bills = [_with_state(b, states) if b.voided_on is None else b for b in stored]
    return Account(child_id, child.name if child else (stored[0].name if stored else ""), bills,
                   [_payment(r, went.get(r.id, ())) for r in rows])


def balances(db: Db, day: date | None = None) -> dict[int, int]:
    """child id → balance (confirmed bills − payments, none voided), as on ``day`` when given."""
    bills, payments = _account_rows(db, None, day)
    out: dict[int, int] = {}
    for b in bills:
        out[b.child_id] = out.get(b.child_id, 0) + b.total_fen
    for p in payments:
        out[p.child_id] = out.get(p.child_id, 0) - p.amount_fen
    return out


@dataclass(frozen=True)
class Arrears:
    child_id: int
    name: str
    class_name: str
    amount_fen: int
    since: str  # the oldest bill not settled
    since_on: date  # its 出账日期


def arrears(db: Db, day: date, days: int | None = None) -> list[Arrears]:
    """欠费 on ``day`` (SPEC §11): a balance > 0 whose oldest unsettled bill was confirmed ``days`` (the
    centre's setting, 15 by default) or more days before; ``days=0`` lists every balance owed."""
    db = as_db(db)
    if days is None:
        text = get_setting(db, ARREARS_DAYS.key)
        days = int(text) if text.isdigit() else 15
    bills, payments = _account_rows(db, None, day)
    out = []
    for child_id, (child_bills, child_payments) in _by_child(bills, payments).items():
        if not child_bills or child_id is None:
            continue
        owed = sum(b.total_fen for b in child_bills) - sum(p.amount_fen for p in child_payments)
        if owed <= 0:
            continue
        states, _ = _settle([(b.id, b.number, b.total_fen) for b in child_bills],
                            [(p.id, p.amount_fen) for p in child_payments])
        oldest = next(b for b in child_bills if states[b.id] != SETTLED)
        if (day - oldest.confirmed_on).days >= days:
            out.append(Arrears(child_id, child_bills[-1].child_name, child_bills[-1].class_name, owed, oldest.number,
                               oldest.confirmed_on))
    return sorted(out, key=lambda a: (sort_key(a.class_name), sort_key(a.name)))


def arrears_alerts(db: Db, day: date) -> list[Alert]:
    return [Alert("欠费", f"{a.name}（{a.class_name or '未分班'}）欠费{money(a.amount_fen)}元，自收费单{a.since}"
                        f"（出账日期{a.since_on.isoformat()}）起未结清", "account", a.child_id)
            for a in arrears(db, day)]


def locked_problem(db: Db, day: date) -> str | None:
    """Why money dated ``day`` cannot be entered or voided: its month's 月报 is locked (已报送), and a
    payment would change that month's 实收 and 欠费, figures of a month already sent."""
    month = Month.of(day)
    if as_db(db).first("locked_returns", ("month = ?", str(month)), columns=("month",)) is None:
        return None
    return (f"{month.title}的月报已锁定（已报送），这个月的收费数字（实收、欠费）不能再变；请把收款日期写在之后的月份，"
            f"或先在“月报”页解锁{month.title}（须写原因）")


def frozen_note(db: Db, day: date) -> str:
    """What to tell when a register change of ``day`` comes after the bills it fed were confirmed: the
    bills of the next month refund the absences and charge the attendances of this one."""
    nxt = Month.of(day).next
    if not as_db(db).values("SELECT 1 FROM bills WHERE month = ? AND voided_on IS NULL LIMIT 1", str(nxt)):
        return ""
    return (f"；{nxt.title}的收费单已出账（按{Month.of(day).title}的出勤退伙食费），出账的收费单不再改变，"
            f"如需更正请在下一张收费单上记调整")


def class_of_child(db: Db, child_id: int) -> str:
    """The class a child is in now (its latest placement), for a receipt."""
    row = as_db(db).values("SELECT c.name FROM placements p JOIN classes c ON c.id = p.class_id WHERE p.child_id = ? "
                           "ORDER BY p.start_on DESC, p.id DESC LIMIT 1", child_id)
    return row[0][0] if row else ""


def has_money(db: Db, child_id: int) -> bool:
    """Whether a child has a confirmed bill, a receipt or a 调整 on the books."""
    return bool(as_db(db).values("SELECT 1 FROM bills WHERE child_id = ? UNION ALL SELECT 1 FROM payments WHERE "
                                 "child_id = ? UNION ALL SELECT 1 FROM bill_adjustments WHERE child_id = ? LIMIT 1",
                                 child_id, child_id, child_id))


def fee_settings(db: Db) -> dict[str, str]:
    """The centre's 收费 settings as the 设置 page's form shows them."""
    return {"伙食费退费起点": str(_refund_run(db)), "欠费提醒天数": get_setting(db, ARREARS_DAYS.key)}


def save_fee_settings(session: Session, values: dict[str, str]) -> Changes:
    """伙食费退费起点 (consecutive absent open days, 1–31) and 欠费提醒天数 (1–365), each a whole number."""
    from .settings import set_setting

    problems, out = [], {}
    for field_name, key, low, high in (("伙食费退费起点", REFUND_RUN.key, 1, 31), ("欠费提醒天数", ARREARS_DAYS.key, 1, 365)):
        text = str(values.get(field_name, "")).strip()
        if not text.isdigit() or not low <= int(text) <= high:
            problems.append(Problem(field_name, f"应为{low}–{high}的整数" + (f"（当前为“{text}”）" if text else "")))
        else:
            out[key] = str(int(text))
    if problems:
        raise InputError(problems)
    for key, value in out.items():
        set_setting(session, key, value)
    return Changes.of(f"已保存收费设置：连续缺勤满{out[REFUND_RUN.key]}个开园日退伙食费，出账满{out[ARREARS_DAYS.key]}天"
                      "未结清提醒欠费", AREA)
