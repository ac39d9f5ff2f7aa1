"""培训 records: 专业 (岗前及继续教育) or 职业道德 hours, in steps of 0.5 课时."""
from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, select

from ...domain.choices import TRAINING_CATEGORIES, YES_NO
from ...domain.reader import RowReader
from ...store.models import TrainingRecord
from .base import Checked, Column, Context, RecordKind, upsert
from .staff import staff_for

#: SPEC §2 培训: one record may be a whole course as its certificate states it (a 40-课时
#: continuing-education course, a 120-课时 岗前培训); up to 200 课时 per record, in steps of 0.5.
MAX_HOURS_PER_RECORD = Decimal(200)
HOURS_RULE = "培训记录规则"


def check_hours(r: RowReader, field: str = "课时") -> float | None:
    hours = r.decimal(field, True, places=1, unit="课时", positive=True)
    if hours is not None and hours > MAX_HOURS_PER_RECORD:
        r.problem(field, f"不能大于{MAX_HOURS_PER_RECORD}课时（{HOURS_RULE}：每条记录最多200课时；一门课程按证书所写"
                         "整门登记，超过200课时的请分成几条记录）")
        return None
    if hours is not None and (hours * 2) != (hours * 2).to_integral_value():
        r.problem(field, f"课时按0.5递增，如1、1.5、2（{HOURS_RULE}）")
        return None
    return None if hours is None else float(hours)


class TrainingKind(RecordKind):
    key = "training"
    title = "培训"
    sheet = "培训"
    identity_label = "身份证号+培训日期+课程名称+类别"
    columns = (
        Column("身份证号", True, "id", note="员工的身份证号（员工须已录入）", example="11010519491231002X", width=22),
        Column("姓名", False, note="填写时须与员工档案一致", example="陆文静"),
        Column("培训日期", True, "date", note="不晚于今天（登记已完成的培训）", example="2026-03-15", hint="如 2026-03-15"),
        Column("课程名称", True, example="婴幼儿回应性照护", width=24),
        Column("类别", True, "choice", TRAINING_CATEGORIES, "专业＝岗前及继续教育（每年≥64课时）；职业道德（每年≥32课时）",
               "专业", hint="专业＝岗前及继续教育"),
        Column("课时", True, "number", example="8",
               note="大于0、每条最多200，按0.5递增；整门课程可按证书所写课时登记一条（如继续教育40课时、岗前培训120课时）",
               hint="按0.5递增，每条最多200（整门课程可登记一条）"),
        Column("是否岗前培训", False, "yesno", YES_NO, example="否", widget="check", hint="岗前培训"),
        Column("培训机构", False, example="常州市托育综合服务中心", width=22),
        Column("证书编号", False, "code"),
    )

    model = TrainingRecord
    area = "training"
    #: the 登记培训 dialog: one course for many staff (the person is chosen beside the form)
    form_fields = ("培训日期", "课程名称", "类别", "课时", "是否岗前培训", "培训机构", "证书编号")

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        staff = staff_for(r, ctx)
        day = r.date("培训日期", True, not_future=True)
        course = r.text("课程名称", True)
        category = r.choice("类别", TRAINING_CATEGORIES, True)
        hours = check_hours(r)
        preservice = r.yes_no("是否岗前培训", default=False)
        provider = r.text("培训机构")
        cert_no = r.code("证书编号")
        stored = ctx.cached("training", lambda: {(t.staff_id, t.trained_on, t.course, t.category): t
                                                 for t in ctx.session.exec(select(TrainingRecord))})
        existing = stored.get((staff.id, day, course, category)) if staff is not None else None
        values = dict(staff_id=staff.id if staff else None, trained_on=day, course=course, category=category,
                      hours=hours, is_preservice=bool(preservice), provider=provider, certificate_no=cert_no)
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        v = checked.values
        return (v["staff_id"], v["trained_on"], v["course"], v["category"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, TrainingRecord, checked.existing, checked.values)[1]

    def form_values(self, record: TrainingRecord, ctx: Context) -> dict:
        from ...domain.staffing import hours_text
        from ...store.models import Staff

        staff = ctx.session.get(Staff, record.staff_id)
        return {"身份证号": staff.id_number if staff else "", "姓名": staff.name if staff else "",
                "培训日期": record.trained_on.isoformat(), "课程名称": record.course, "类别": record.category,
                "课时": hours_text(record.hours), "是否岗前培训": bool(record.is_preservice),
                "培训机构": record.provider, "证书编号": record.certificate_no}

    def duplicate_problem(self, existing, editing: bool):
        return "课程名称", "这名员工同一天已有同一课程、同一类别的培训记录"

    def saved_message(self, values: dict, added: bool) -> str:
        return f"{'已登记' if added else '已保存'}培训记录 {values['course']}"

    def deleted_message(self, record: TrainingRecord) -> str:
        return f"已删除培训记录 {record.course}"
