"""调整 (SPEC §11 step 7): a line the manager adds to a child's bill of a month — a sibling discount, a
correction of a month already confirmed — with its reason, positive or negative."""
from __future__ import annotations

from sqlmodel import Session, select

from ...domain.errors import InputError, Problem
from ...domain.formatting import fen_to_yuan, yuan_to_fen
from ...domain.month import Month
from ...domain.reader import RowReader
from ...store.models import Bill, BillAdjustment, Child
from .base import Checked, Column, Context, RecordKind, upsert
from .register import CHILD_REF, child_for


def _confirmed(session: Session, child_id: int, month: str) -> Bill | None:
    return session.exec(select(Bill).where(Bill.child_id == child_id, Bill.month == month,
                                           Bill.voided_on.is_(None))).first()


def _refused(month: str, bill: Bill) -> str:
    nxt = Month.parse(month).next
    return (f"{bill.child_name}{Month.parse(month).title}的收费单已出账（{bill.number}），出账的收费单不再改变；"
            f"调整请记在{nxt.title}（{nxt}），或先作废该收费单")


class AdjustmentKind(RecordKind):
    key = "adjustments"
    title = "收费调整"
    sheet = "收费调整"
    identity_label = "身份证号+月份+原因"
    columns = (
        Column("身份证号", True, "id", note="幼儿的身份证号（幼儿须已录入）", example="320402202401010010", width=22),
        Column("月份", True, note="记在哪个月的收费单上，如 2026-12", example="2026-12", hint="如 2026-12"),
        Column("原因", True, note="印在收费单上，如 同胞减免、11月多收更正", example="同胞减免", width=24,
               hint="印在收费单上"),
        Column("金额", True, "number", note="元，最多两位小数；减收写负数", example="-200", hint="元；减收写负数"),
    )
    model = BillAdjustment
    area = "bills"
    form_fields = ("月份", "原因", "金额")

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        child = child_for(r, ctx, None, id_required=True)
        month = ""
        if r.text("月份", True):
            try:
                month = str(Month.parse(r.text("月份"), "月份"))
            except InputError as exc:
                for p in exc.problems:
                    r.problem("月份", p.message)
        reason = r.text("原因", True)
        amount = r.decimal("金额", True, places=2, minimum=None, unit="元")
        if amount is not None and amount == 0:
            r.problem("金额", "不能为0")
            amount = None
        if child is not None and month:
            bill = _confirmed(ctx.session, child.id, month)
            if bill is not None:
                r.problem("月份", _refused(month, bill))
        existing = None
        if child is not None and month and reason:
            existing = ctx.session.exec(select(BillAdjustment).where(
                BillAdjustment.child_id == child.id, BillAdjustment.month == month,
                BillAdjustment.reason == reason)).first()
        values = dict(child_id=child.id if child else None, month=month, reason=reason,
                      amount_fen=yuan_to_fen(amount) if amount is not None else None)
        return Checked(r.row, values, existing, extra={"child": child})

    def identity(self, checked: Checked):
        v = checked.values
        return (v["child_id"], v["month"], v["reason"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, BillAdjustment, checked.existing, checked.values)[1]

    def form_values(self, a: BillAdjustment, ctx: Context) -> dict:
        child = ctx.session.get(Child, a.child_id)
        return {"身份证号": child.id_number or "", CHILD_REF: str(a.child_id), "月份": a.month, "原因": a.reason,
                "金额": f"{fen_to_yuan(a.amount_fen)}"}

    def duplicate_problem(self, existing, editing: bool):
        return "原因", f"这个月已有同样原因的调整（{fen_to_yuan(existing.amount_fen)}元）"

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已保存{values['month']}的收费调整：{values['reason']} {fen_to_yuan(values['amount_fen'])}元"

    def deleted_message(self, a: BillAdjustment) -> str:
        return f"已删除{a.month}的收费调整：{a.reason}"

    def delete(self, session: Session, record: BillAdjustment, ctx: Context) -> None:
        bill = _confirmed(session, record.child_id, record.month)
        if bill is not None:
            raise InputError([Problem("月份", _refused(record.month, bill))])
        super().delete(session, record, ctx)
