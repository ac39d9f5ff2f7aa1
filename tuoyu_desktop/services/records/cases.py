"""传染病登记 (a child's case, closed by 复课日期 and 复课证明) and staff leave (SPEC §8)."""
from __future__ import annotations

from sqlmodel import Session, select

from ...domain.choices import DISEASES, YES_NO
from ...domain.presence import leave_problems
from ...domain.reader import RowReader
from ...domain.register import Case, case_problems
from ...store.models import Child, DiseaseCase, Staff, StaffLeave
from .base import Checked, Column, Context, RecordKind, upsert
from .register import child_for
from .staff import ID_NOTE, staff_for

LEAVE_KINDS = ("病假", "事假", "年假", "产假", "培训", "其他")


def _iso(d) -> str:
    return d.isoformat() if d else ""


class DiseaseKind(RecordKind):
    key = "diseases"
    title = "传染病登记"
    sheet = "传染病"
    identity_label = "身份证号+病名+发病日期"
    columns = (
        Column("身份证号", True, "id", note="幼儿的身份证号（幼儿须已录入）", example="32040220240501002X", width=22),
        Column("病名", True, "choice", DISEASES, example="手足口病"),
        Column("发病日期", True, "date", example="2026-10-08"),
        Column("诊断日期", False, "date", example="2026-10-09"),
        Column("诊断机构", False, example="常州市儿童医院", width=22),
        Column("报告日期", False, "date", example="2026-10-09"),
        Column("复课日期", False, "date", note="未复课的不填；复课日期和复课证明都填后才能登记出勤", example="2026-10-20"),
        Column("复课证明", False, "yesno", YES_NO, "是否已收到医疗机构出具的复课证明", "是", widget="check",
               hint="已收到医疗机构出具的复课证明"),
    )
    model = DiseaseCase
    area = "register"
    form_fields = ("身份证号", "病名", "发病日期", "诊断日期", "诊断机构", "报告日期", "复课日期", "复课证明")

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        child = child_for(r, ctx, None, id_required=True)
        disease = r.choice("病名", DISEASES, True)
        onset = r.date("发病日期", True, not_future=True)
        diagnosed = r.date("诊断日期", not_future=True)
        institution = r.text("诊断机构")
        reported = r.date("报告日期", not_future=True)
        returned = r.date("复课日期")
        certificate = bool(r.yes_no("复课证明", False))
        values = dict(child_id=child.id if child else None, disease=disease, onset_on=onset, diagnosed_on=diagnosed,
                      institution=institution, reported_on=reported, returned_on=returned,
                      return_certificate=certificate)
        if child is None or not disease or onset is None:
            return Checked(r.row, values)
        for p in case_problems(Case(child.id, disease, onset, diagnosed, reported, returned, certificate)):
            r.problem(p.field, p.message)
        existing = ctx.session.exec(select(DiseaseCase).where(
            DiseaseCase.child_id == child.id, DiseaseCase.disease == disease, DiseaseCase.onset_on == onset)).first()
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        v = checked.values
        return (v["child_id"], v["disease"], v["onset_on"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, DiseaseCase, checked.existing, checked.values)[1]

    def form_values(self, c: DiseaseCase, ctx: Context) -> dict:
        child = ctx.session.get(Child, c.child_id)
        return {"身份证号": child.id_number or "", "病名": c.disease, "发病日期": _iso(c.onset_on),
                "诊断日期": _iso(c.diagnosed_on), "诊断机构": c.institution, "报告日期": _iso(c.reported_on),
                "复课日期": _iso(c.returned_on), "复课证明": c.return_certificate}

    def duplicate_problem(self, existing, editing: bool):
        return "发病日期", "该幼儿已有同一病名、同一发病日期的登记"

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已保存传染病登记 {values['disease']}"

    def deleted_message(self, c: DiseaseCase) -> str:
        return f"已删除传染病登记 {c.disease} {c.onset_on.isoformat()}"


class LeaveKind(RecordKind):
    key = "leave"
    title = "员工请假"
    sheet = "请假"
    identity_label = "身份证号+开始日期"
    columns = (
        Column("身份证号", True, "id", note=ID_NOTE, example="11010519491231002X", width=22),
        Column("开始日期", True, "date", example="2026-10-13"),
        Column("结束日期", True, "date", note="含当天", example="2026-10-14"),
        Column("类型", False, "combo", LEAVE_KINDS, example="病假"),
    )
    model = StaffLeave
    area = "register"
    also_touches = ("staff",)
    form_fields = ("身份证号", "开始日期", "结束日期", "类型")

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        staff = staff_for(r, ctx)
        start = r.date("开始日期", True)
        end = r.date("结束日期", True)
        kind = r.text("类型")
        if start and end:
            for p in leave_problems(start, end):
                r.problem(p.field, p.message)
        values = dict(staff_id=staff.id if staff else None, start_on=start, end_on=end, kind=kind)
        existing = ctx.session.exec(select(StaffLeave).where(
            StaffLeave.staff_id == staff.id, StaffLeave.start_on == start)).first() if staff and start else None
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        return (checked.values["staff_id"], checked.values["start_on"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, StaffLeave, checked.existing, checked.values)[1]

    def form_values(self, lv: StaffLeave, ctx: Context) -> dict:
        staff = ctx.session.get(Staff, lv.staff_id)
        return {"身份证号": staff.id_number, "开始日期": _iso(lv.start_on), "结束日期": _iso(lv.end_on), "类型": lv.kind}

    def duplicate_problem(self, existing, editing: bool):
        return "开始日期", "该员工已有同一开始日期的请假"

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已保存请假 {values['start_on'].isoformat()}至{values['end_on'].isoformat()}"

    def deleted_message(self, lv: StaffLeave) -> str:
        return f"已删除请假 {lv.start_on.isoformat()}至{lv.end_on.isoformat()}"
