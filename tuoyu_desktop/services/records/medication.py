"""带药 (SPEC §12): the parent's 委托 (``medication``) and each 喂药 on it (``doses``), record kinds with
template, import, form, 操作日志 and undo. Which doses are due, and the alert for a missed one, are
services.medication's."""
from __future__ import annotations

from sqlmodel import Session, select

from ...domain.errors import InputError
from ...domain.formatting import moment_cn
from ...domain.kitchen import parse_moment
from ...domain.medication import (
    RESULTS,
    TIMES_NOTE,
    dose_problems,
    order_problems,
    parse_times,
    times_text,
)
from ...domain.reader import RowReader
from ...store.models import Child, MedicationDose, MedicationOrder
from .base import Checked, Column, Context, RecordKind, upsert
from .register import CHILD_REF, child_for

YES_NO = ("是", "否")


class MedicationKind(RecordKind):
    key = "medication"
    title = "带药委托"
    sheet = "带药委托"
    identity_label = "身份证号+药名+开始日期"
    columns = (
        Column("身份证号", True, "id", note="幼儿的身份证号（幼儿须已录入）", example="320402202401010010", width=22),
        Column("药名", True, example="布洛芬混悬液"),
        Column("剂量", True, note="每次的量，如 5 ml、半片", example="5 ml"),
        Column("服药时间", True, note=TIMES_NOTE, example="10:00、14:30", hint="如 10:00、14:30"),
        Column("服用方法", False, example="饭后温水送服", width=18),
        Column("开始日期", True, "date", example="2026-11-02"),
        Column("结束日期", True, "date", note="最后一天", example="2026-11-04"),
        Column("委托人", True, note="委托喂药的家长", example="王磊"),
        Column("家长已签字", True, "yesno", YES_NO, "委托书上家长已签字才能喂药：是/否", "是", widget="check"),
        Column("原包装已查验", False, "yesno", YES_NO, "原包装、医嘱或处方已查验：是/否", "是", widget="check"),
    )
    model = MedicationOrder
    area = "safety"
    form_fields = ("药名", "剂量", "服药时间", "服用方法", "开始日期", "结束日期", "委托人", "家长已签字", "原包装已查验")

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        child = child_for(r, ctx, None, id_required=True)
        drug = r.text("药名", True)
        start, end = r.date("开始日期", True), r.date("结束日期", True)
        times = ()
        if r.text("服药时间", True):
            try:
                times = parse_times(r.raw.get("服药时间"))
            except ValueError as exc:
                r.problem("服药时间", str(exc))
        for p in order_problems(start, end):
            r.problem(p.field, p.message)
        existing = None
        if child is not None and drug and start:
            existing = ctx.session.exec(select(MedicationOrder).where(
                MedicationOrder.child_id == child.id, MedicationOrder.drug == drug,
                MedicationOrder.start_on == start)).first()
        values = dict(child_id=child.id if child else None, drug=drug, dose=r.text("剂量", True),
                      dose_times=times_text(times), usage=r.text("服用方法"), start_on=start, end_on=end,
                      entrusted_by=r.text("委托人", True), parent_signed=bool(r.yes_no("家长已签字", None, True)),
                      pack_checked=bool(r.yes_no("原包装已查验", False)))
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        v = checked.values
        return (v["child_id"], v["drug"], v["start_on"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, MedicationOrder, checked.existing, checked.values)[1]

    def form_values(self, o: MedicationOrder, ctx: Context) -> dict:
        child = ctx.session.get(Child, o.child_id)
        return {"身份证号": child.id_number or "" if child else "", CHILD_REF: str(o.child_id), "药名": o.drug,
                "剂量": o.dose, "服药时间": o.dose_times, "服用方法": o.usage, "开始日期": o.start_on.isoformat(),
                "结束日期": o.end_on.isoformat(), "委托人": o.entrusted_by, "家长已签字": "是" if o.parent_signed else "否",
                "原包装已查验": "是" if o.pack_checked else "否"}

    def duplicate_problem(self, existing, editing: bool):
        return "药名", "这名幼儿这一天开始的这种药已有委托（请编辑那一条）"

    def saved_message(self, values: dict, added: bool) -> str:
        signed = "" if values["parent_signed"] else "（家长还没有签字：签字前不能喂药）"
        return f"已保存带药委托：{values['drug']} {values['dose']}，{values['dose_times']}{signed}"

    def deleted_message(self, o: MedicationOrder) -> str:
        return f"已删除带药委托（{o.drug}）"


def order_for(ctx: Context, child_id: int, drug: str, day) -> MedicationOrder | None:
    """The child's 委托 of ``drug`` whose dates hold ``day`` (the latest begun, if two do)."""
    return ctx.session.exec(select(MedicationOrder).where(
        MedicationOrder.child_id == child_id, MedicationOrder.drug == drug, MedicationOrder.start_on <= day,
        MedicationOrder.end_on >= day).order_by(MedicationOrder.start_on.desc())).first()


class DoseKind(RecordKind):
    key = "doses"
    title = "喂药记录"
    sheet = "喂药记录"
    identity_label = "身份证号+药名+时间"
    columns = (
        Column("身份证号", True, "id", note="幼儿的身份证号", example="320402202401010010", width=22),
        Column("药名", True, note="带药委托里的药名", example="布洛芬混悬液"),
        Column("时间", True, note="喂药的日期和时间，如 2026-11-02 10:05", example="2026-11-02 10:05",
               hint="如 2026-11-02 10:05"),
        Column("剂量", False, note="实际喂的量（不填：按委托的剂量）", example="5 ml"),
        Column("结果", True, "choice", RESULTS, "已服/拒服/呕吐", "已服"),
        Column("喂药人", True, example="王芳"),
        Column("核对人", True, note="喂药人以外的另一人", example="孙红梅"),
    )
    model = MedicationDose
    area = "safety"
    form_fields = ("药名", "时间", "剂量", "结果", "喂药人", "核对人")

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        child = child_for(r, ctx, None, id_required=True)
        drug = r.text("药名", True)
        at = None
        if r.raw.get("时间") in (None, ""):
            r.problem("时间", "必填")
        else:
            try:
                at = parse_moment(r.raw.get("时间"), None, "时间")
            except InputError as exc:
                for p in exc.problems:
                    r.problem(p.field, p.message)
        if at is not None and at.date() > ctx.today:
            r.problem("时间", "不能登记以后的喂药")
            at = None
        given_by, verified_by = r.text("喂药人", True), r.text("核对人", True)
        order = existing = None
        if child is not None and drug and at is not None:
            order = order_for(ctx, child.id, drug, at.date())
            if order is None:
                r.problem("药名", f"{child.name}在{at.date().isoformat()}没有“{drug}”的带药委托（请先登记委托，或核对药名和日期）")
            else:
                for p in dose_problems(order.parent_signed, given_by, verified_by):
                    r.problem(p.field, p.message)
                existing = ctx.session.exec(select(MedicationDose).where(
                    MedicationDose.order_id == order.id, MedicationDose.given_at == at)).first()
        elif given_by and given_by == verified_by:
            r.problem("核对人", "核对人应是喂药人以外的另一人")
        values = dict(order_id=order.id if order else None, given_at=at,
                      dose_given=r.text("剂量") or (order.dose if order else ""),
                      result=r.choice("结果", RESULTS, True), given_by=given_by, verified_by=verified_by)
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        return (checked.values["order_id"], checked.values["given_at"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, MedicationDose, checked.existing, checked.values)[1]

    def form_values(self, d: MedicationDose, ctx: Context) -> dict:
        order = ctx.session.get(MedicationOrder, d.order_id)
        child = ctx.session.get(Child, order.child_id) if order else None
        return {"身份证号": child.id_number or "" if child else "", CHILD_REF: str(order.child_id) if order else "",
                "药名": order.drug if order else "", "时间": f"{d.given_at:%Y-%m-%d %H:%M}", "剂量": d.dose_given,
                "结果": d.result, "喂药人": d.given_by, "核对人": d.verified_by}

    def duplicate_problem(self, existing, editing: bool):
        return "时间", "这个时间已登记过这份委托的喂药"

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已登记喂药（{moment_cn(values['given_at'])}，{values['result']}）"

    def deleted_message(self, d: MedicationDose) -> str:
        return f"已删除喂药记录（{moment_cn(d.given_at)}）"
