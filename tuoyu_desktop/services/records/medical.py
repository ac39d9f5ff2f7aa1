"""医育结合: agreements with health institutions (a renewal may overlap the old one) and their visits."""
from __future__ import annotations

from sqlmodel import Session, select

from ...domain.reader import RowReader
from ...store.models import Agreement, Visit
from ..lookups import agreement_on
from .base import Checked, Column, Context, RecordKind, upsert


class AgreementKind(RecordKind):
    key = "agreements"
    title = "医育结合协议"
    sheet = "医育结合协议"
    identity_label = "协议编号"
    columns = (
        Column("医疗机构名称", True, example="天宁区茶山街道社区卫生服务中心", width=30, field_width=34),
        Column("协议编号", False, "code", example="YYJH-2026-01"),
        Column("签订日期", True, "date", example="2026-01-05"),
        Column("生效日期", True, "date", example="2026-01-10"),
        Column("到期日期", True, "date", note="续签的新协议可以与旧协议的有效期重叠", example="2027-01-09",
               hint="续签的新协议可与旧协议重叠"),
        Column("健康指导员", False, example="周海燕"),
        Column("联系电话", False, "phone", example="0519-88102345"),
    )
    model = Agreement
    area = "agreements"
    form_fields = ("医疗机构名称", "协议编号", "签订日期", "生效日期", "到期日期", "健康指导员", "联系电话")

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        institution = r.text("医疗机构名称", True)
        number = r.code("协议编号")
        signed = r.date("签订日期", True, not_future=True)
        valid_from = r.date("生效日期", True)
        valid_to = r.date("到期日期", True)
        guide = r.name("健康指导员")
        phone = r.phone("联系电话")
        if valid_from and valid_to and valid_to < valid_from:
            r.problem("到期日期", "早于生效日期")
        query = select(Agreement).where(Agreement.number == number) if number else select(Agreement).where(
            Agreement.institution == institution, Agreement.valid_from == valid_from)
        existing = ctx.session.exec(query).first() if (number or (institution and valid_from)) else None
        values = dict(institution=institution, number=number, signed_on=signed, valid_from=valid_from,
                      valid_to=valid_to, health_guide=guide, guide_phone=phone)
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        v = checked.values
        return v["number"] or (v["institution"], v["valid_from"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, Agreement, checked.existing, checked.values)[1]

    def form_values(self, a: Agreement, ctx: Context) -> dict:
        return {"医疗机构名称": a.institution, "协议编号": a.number, "签订日期": a.signed_on.isoformat(),
                "生效日期": a.valid_from.isoformat(), "到期日期": a.valid_to.isoformat(), "健康指导员": a.health_guide,
                "联系电话": a.guide_phone}

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已保存医育结合协议 {values['institution']}"

    def deleted_message(self, a: Agreement) -> str:
        return f"已删除协议 {a.number or a.institution}"


class VisitKind(RecordKind):
    key = "visits"
    title = "指导记录"
    sheet = "指导记录"
    identity_label = "日期+内容"
    columns = (
        Column("日期", True, "date", example="2026-10-20", hint="如 2026-10-20"),
        Column("指导人员", False, example="周海燕"),
        Column("内容", True, example="晨午检与传染病防控指导", width=30, field_width=40),
        Column("发现问题", False, example="个别幼儿晨检记录不完整", width=30, field_width=40),
        Column("是否已整改", False, "yesno", ("是", "否"), "发现的问题是否已整改", "是", widget="check",
               hint="发现的问题已整改"),
    )
    model = Visit
    area = "agreements"
    form_fields = ("日期", "指导人员", "内容", "发现问题", "是否已整改")

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        day = r.date("日期", True, not_future=True)
        guide = r.name("指导人员")
        content = r.text("内容", True)
        findings = r.text("发现问题")
        follow_up = r.yes_no("是否已整改", default=False)
        agreement = agreement_on(ctx.session, day) if day else None
        existing = ctx.session.exec(select(Visit).where(Visit.visited_on == day, Visit.content == content)).first() \
            if day and content else None
        values = dict(visited_on=day, guide=guide, content=content, findings=findings,
                      follow_up_done=bool(follow_up), agreement_id=agreement.id if agreement else None)
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        return (checked.values["visited_on"], checked.values["content"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, Visit, checked.existing, checked.values)[1]

    def form_values(self, v: Visit, ctx: Context) -> dict:
        return {"日期": v.visited_on.isoformat(), "指导人员": v.guide, "内容": v.content, "发现问题": v.findings,
                "是否已整改": v.follow_up_done}

    def duplicate_problem(self, existing, editing: bool):
        return "内容", "与另一条记录重复" if editing else "已有相同的记录"

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已保存指导记录 {values['visited_on'].isoformat()}"

    def deleted_message(self, v: Visit) -> str:
        return f"已删除指导记录 {v.visited_on.isoformat()}"
