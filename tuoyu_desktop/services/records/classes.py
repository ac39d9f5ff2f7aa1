"""班级: name, 班型, 核定人数 within the profile's cap, 普惠, open and close dates."""
from __future__ import annotations

from sqlmodel import Session, select

from ...domain.choices import CLASS_TYPES, YES_NO
from ...domain.classes import cap_problem
from ...domain.reader import RowReader
from ...store.models import SchoolClass
from ..lookups import enrolled_in_class
from .base import Checked, Column, Context, RecordKind, upsert


class ClassKind(RecordKind):
    key = "classes"
    title = "班级"
    sheet = "班级"
    identity_label = "班级名称"
    columns = (
        Column("班级名称", True, example="托小一班", note="同一机构内不能重名；再次导入同名班级会更新该班级"),
        Column("班型", True, "choice", CLASS_TYPES, "乳儿班6–12个月，托小班12–24个月，托大班24–36个月，混龄班18个月以上",
               "托小班"),
        Column("核定人数", True, "number", note="不超过班型上限：乳儿班10、托小班15、托大班20、混龄班18（以政策方案为准）",
               example="15", hint="乳儿班≤10 托小班≤15 托大班≤20 混龄班≤18"),
        Column("是否普惠", True, "yesno", YES_NO, "普惠托位填“是”", "是"),
        Column("开班日期", False, "date", example="2025-09-01", hint="如 2025-09-01"),
        Column("停班日期", False, "date", note="班级停办的日期；停班后不再计入核定托位", hint="停办时填写"),
    )
    model = SchoolClass
    area = "classes"
    form_fields = ("班级名称", "班型", "核定人数", "是否普惠", "开班日期", "停班日期")

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        name = r.name("班级名称", True, what="班级名称")
        class_type = r.choice("班型", CLASS_TYPES, True)
        capacity = r.integer("核定人数", True, minimum=1)
        puhui = r.yes_no("是否普惠", default=None, required=True)
        opened = r.date("开班日期")
        closed = r.date("停班日期")
        if class_type and capacity:
            problem = cap_problem(class_type, capacity, ctx.profile)
            if problem:
                r.problem("核定人数", problem)
        if opened and closed and closed < opened:
            r.problem("停班日期", "早于开班日期")
        existing = ctx.classes_by_name().get(name) if name else None
        if existing is not None and existing.id is not None:
            now = enrolled_in_class(ctx.session, existing.id, ctx.today)
            if capacity and capacity < now:
                r.problem("核定人数", f"{name}现有在托幼儿{now}人，核定人数不能少于在托人数")
            if class_type and class_type != existing.class_type and now:
                r.problem("班型", f"{name}现有在托幼儿{now}人，不能改为{class_type}（请先为幼儿办理转班）")
        values = dict(name=name, class_type=class_type, capacity=capacity, is_puhui=bool(puhui),
                      opened_on=opened, closed_on=closed)
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        return checked.values["name"]

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        record, action = upsert(session, SchoolClass, checked.existing, checked.values)
        ctx.classes_by_name()[record.name] = record
        return action

    def form_values(self, klass: SchoolClass, ctx: Context) -> dict:
        return {"班级名称": klass.name, "班型": klass.class_type, "核定人数": str(klass.capacity),
                "是否普惠": "是" if klass.is_puhui else "否",
                "开班日期": klass.opened_on.isoformat() if klass.opened_on else "",
                "停班日期": klass.closed_on.isoformat() if klass.closed_on else ""}

    def prepare_form(self, ctx: Context, values: dict, current) -> None:
        if current is not None:
            # checks about the class itself (enrolled now, type change) must see it under its new name
            ctx.classes_by_name()[values.get("班级名称") or current.name] = current

    def duplicate_problem(self, existing, editing: bool):
        return "班级名称", f"已有名为“{existing.name}”的班级"

    def form_checks(self, checked: Checked, ctx: Context, errors, current) -> None:
        name = checked.values["name"]
        other = ctx.session.exec(select(SchoolClass).where(SchoolClass.name == name)).first() if name else None
        if other is not None and current is not None and other.id != current.id:
            errors.add("班级名称", f"已有名为“{name}”的班级")
        closed = checked.values["closed_on"]
        if current is not None and closed:
            still = enrolled_in_class(ctx.session, current.id, closed)
            if still:
                errors.add("停班日期", f"{current.name}在{closed.isoformat()}还有{still}名幼儿，请先为他们转班或离托")

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已保存班级 {values['name']}"
