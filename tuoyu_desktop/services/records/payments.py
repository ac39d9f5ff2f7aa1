"""收款 (SPEC §11): money received for a child (or, negative, paid back), each with a 收据号 YYYY-NNNNN.

One sequence per calendar year, no gaps: a receipt is never deleted, only voided (it keeps its
number). A file may bring the receipts of the months before the program was used with their own
numbers (kept as given, gaps among them allowed); a row without one, and every new receipt,
continues after the highest number of its 收款日期's year.
"""
from __future__ import annotations

import re
from datetime import date

from sqlmodel import Session, select

from ...domain.choices import PAYMENT_METHODS
from ...domain.errors import Collector, InputError, Problem
from ...domain.formatting import fen_to_yuan, yuan_to_fen
from ...domain.reader import RowReader
from ...store.models import Bill, Payment
from ..bills import locked_problem
from .base import ADDED, Checked, Column, Context, RecordKind
from .register import CHILD_REF, child_for

RECEIPT = re.compile(r"(\d{4})-(\d{5})")


def next_receipt(session: Session, year: int, also: set[str] = frozenset()) -> str:
    """The number after the highest of ``year`` (stored, or among ``also``)."""
    stored = session.exec(select(Payment.receipt_no).where(Payment.receipt_no.like(f"{year:04d}-%"))).all()
    highest = max((int(n[5:]) for n in [*stored, *also] if RECEIPT.fullmatch(n) and n.startswith(f"{year:04d}-")),
                  default=0)
    return f"{year:04d}-{highest + 1:05d}"


class PaymentKind(RecordKind):
    key = "payments"
    title = "收款"
    sheet = "收款"
    identity_label = "收据号"
    columns = (
        Column("身份证号", True, "id", note="幼儿的身份证号（幼儿须已录入）", example="320402202401010010", width=22),
        Column("收款日期", True, "date", example="2026-11-03"),
        Column("金额", True, "number", note="元，最多两位小数；退款（付给家长）写负数", example="3178",
               hint="元；退款写负数，如 -54"),
        Column("方式", True, "choice", PAYMENT_METHODS, "现金/微信/支付宝/银行转账/其他", "微信"),
        Column("收据号", False, "code", note="如 2026-00012；不填则接着当年最大的收据号编", example="",
               hint="不填则自动编号"),
        Column("付款人", False, example="王建国"),
        Column("备注", False, width=24),
        Column("收款人", False, note="经手收款的老师（印在收据上）"),
        Column("收费单号", False, "code", note="为哪张收费单收的款，可不填（收款总是先冲最早的欠费）",
               hint="可不填"),
    )
    model = Payment
    area = "bills"
    form_fields = ("收款日期", "金额", "方式", "付款人", "收款人", "收费单号", "备注")
    form_width = 28

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        child = child_for(r, ctx, None, id_required=True)
        paid_on = r.date("收款日期", True)
        amount = r.decimal("金额", True, places=2, minimum=None, unit="元")
        if amount is not None and amount == 0:
            r.problem("金额", "不能为0")
            amount = None
        method = r.choice("方式", PAYMENT_METHODS, True)
        receipt = r.code("收据号")
        if receipt:
            m = RECEIPT.fullmatch(receipt)
            if not m:
                r.problem("收据号", f"“{receipt}”不是收据号的格式（年份-5位序号，如2026-00012）")
                receipt = ""
            elif paid_on and int(m[1]) != paid_on.year:
                r.problem("收据号", f"收据号{receipt}的年份与收款日期{paid_on.isoformat()}不是同一年（收据号每年重新编号）")
            else:
                used = ctx.session.exec(select(Payment).where(Payment.receipt_no == receipt)).first()
                if used is not None:
                    r.problem("收据号", f"收据号{receipt}已经用过（{used.paid_on.isoformat()} {used.child_name} "
                                       f"{fen_to_yuan(used.amount_fen)}元）")
        bill_number = r.code("收费单号")
        if bill_number and child is not None:
            bill = ctx.session.exec(select(Bill).where(Bill.number == bill_number)).first()
            if bill is None:
                r.problem("收费单号", f"没有收费单{bill_number}")
            elif bill.child_id != child.id:
                r.problem("收费单号", f"收费单{bill_number}是{bill.child_name}的，不是{child.name}的")
            elif bill.voided_on is not None:
                again = ctx.session.exec(select(Bill).where(Bill.child_id == child.id, Bill.month == bill.month,
                                                            Bill.voided_on.is_(None))).first()
                r.problem("收费单号", f"收费单{bill_number}已于{bill.voided_on.isoformat()}作废（{bill.void_reason}），"
                                     "不能再收这张单的款" + (f"；请收重新出账的{again.number}" if again else ""))
        if paid_on is not None:
            locked = locked_problem(ctx.session, paid_on)
            if locked:
                r.problem("收款日期", locked)
        values = dict(receipt_no=receipt, child_id=child.id if child else None, child_name=child.name if child else "",
                      paid_on=paid_on, amount_fen=yuan_to_fen(amount) if amount is not None else None, method=method,
                      payer=r.text("付款人"), received_by=r.text("收款人"), notes=r.text("备注"),
                      bill_number=bill_number)
        return Checked(r.row, values)

    def identity(self, checked: Checked):
        return checked.values["receipt_no"] or None

    def check_all(self, rows: list[Checked], ctx: Context, errors: Collector) -> None:
        """Rows without a 收据号 continue after the highest of their year (stored or in the file)."""
        given = {c.values["receipt_no"] for c in rows if c.values["receipt_no"]}
        for c in sorted((c for c in rows if not c.values["receipt_no"] and c.values["paid_on"]),
                        key=lambda c: (c.values["paid_on"], c.row or 0)):
            number = next_receipt(ctx.session, c.values["paid_on"].year, given)
            c.values["receipt_no"] = number
            given.add(number)

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        values = dict(checked.values)
        if not values["receipt_no"]:
            session.flush()
            values["receipt_no"] = next_receipt(session, values["paid_on"].year)
        checked.values["receipt_no"] = values["receipt_no"]
        session.add(Payment(**values))
        return ADDED

    def prepare_form(self, ctx: Context, values: dict, current) -> None:
        if current is not None:
            raise InputError([Problem("收据号", f"收据{current.receipt_no}已开出，不能修改；开错了请作废后重新收款")])

    def form_values(self, p: Payment, ctx: Context) -> dict:
        return {CHILD_REF: str(p.child_id or ""), "收款日期": p.paid_on.isoformat(), "金额": f"{fen_to_yuan(p.amount_fen)}",
                "方式": p.method, "收据号": p.receipt_no, "付款人": p.payer, "备注": p.notes, "收款人": p.received_by,
                "收费单号": p.bill_number}

    def duplicate_problem(self, existing, editing: bool):
        return None

    def saved_message(self, values: dict, added: bool) -> str:
        amount = values["amount_fen"]
        what = "退款" if amount < 0 else "收款"
        return f"已{what}{fen_to_yuan(abs(amount))}元（{values['child_name']}，收据号{values['receipt_no']}）"

    def deleted_message(self, record) -> str:
        return ""

    def delete(self, session: Session, record, ctx: Context) -> None:
        raise InputError([Problem("收据号", f"收据{record.receipt_no}不能删除（收据号不能留空号）；开错了请作废")])


def void_payment(session: Session, payment_id: int, reason: str, *, today: date):
    """作废 a receipt taken by mistake: kept with its number, marked, no longer counted (the bills
    already confirmed keep the 上期结余 printed on them; the next bill's counts without it)."""
    from ..changes import Changes

    reason = (reason or "").strip()
    payment = session.get(Payment, payment_id)
    if payment is None:
        raise InputError([Problem("收据号", "这张收据已不存在")])
    if payment.voided_on is not None:
        raise InputError([Problem("收据号", f"收据{payment.receipt_no}已于{payment.voided_on.isoformat()}作废")])
    if not reason:
        raise InputError([Problem("作废原因", "作废收据必须填写原因")])
    locked = locked_problem(session, payment.paid_on)
    if locked:
        raise InputError([Problem("收据号", f"收据{payment.receipt_no}（{payment.paid_on.isoformat()}）：{locked}")])
    payment.voided_on, payment.void_reason = today, reason
    session.add(payment)
    return Changes.of(f"已作废收据{payment.receipt_no}（{payment.child_name}，原因：{reason}）", "bills")
