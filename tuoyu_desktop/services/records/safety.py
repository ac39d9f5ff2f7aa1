"""安全台账 (SPEC §12): 消毒记录, 伤害登记, 消防 (巡查, 检查, 演练) and 隐患, each a record kind with its
template, import, form (the 安全 page's KindDialog), 操作日志 and undo."""
from __future__ import annotations

from sqlmodel import Session, select

from ...domain.errors import InputError
from ...domain.formatting import moment_cn
from ...domain.kitchen import parse_moment
from ...domain.periods import class_open_on
from ...domain.reader import RowReader
from ...domain.safety import (
    FIRE_TYPES,
    HAZARD_SOURCES,
    INJURY_TYPES,
    SEVERITIES,
    TREATMENTS,
    hazard_problems,
    injury_problems,
)
from ...store.models import Child, Disinfection, FireCheck, Hazard, Injury, SchoolClass
from ..lookups import load_calendar
from .base import Checked, Column, Context, RecordKind, upsert
from .register import CHILD_REF, child_for

TIME_NOTE = "如 2026-11-02 10:20"


def _moment(r: RowReader, field: str, required: bool = False):
    value = r.raw.get(field)
    if value in (None, ""):
        if required:
            r.problem(field, "必填")
        return None
    try:
        return parse_moment(value, None, field)
    except InputError as exc:
        for p in exc.problems:
            r.problem(field, p.message)
        return None


def _time_text(value) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


class DisinfectionKind(RecordKind):
    key = "disinfection"
    title = "消毒记录"
    sheet = "消毒记录"
    identity_label = "日期+班级"
    columns = (
        Column("日期", True, "date", note="开园日", example="2026-11-02"),
        Column("班级", True, example="托大一班"),
        Column("消毒项目", True, note="用顿号隔开，如 餐桌、水杯、毛巾、玩具、地面、卫生间、空气/紫外线",
               example="餐桌、水杯、毛巾、玩具", width=30, hint="如 餐桌、水杯、毛巾、玩具"),
        Column("方法和浓度", True, note="如 含氯消毒剂 500 mg/L 擦拭；紫外线 30 分钟", example="含氯消毒剂 500 mg/L",
               width=26, hint="如 含氯消毒剂 500 mg/L"),
        Column("执行人", True, example="王芳"),
        Column("检查人", False, example="孙红梅"),
    )
    model = Disinfection
    area = "safety"
    form_fields = ("日期", "班级", "消毒项目", "方法和浓度", "执行人", "检查人")

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        day = r.date("日期", True, not_future=True)
        class_name = r.text("班级", True)
        klass = ctx.classes_by_name().get(class_name) if class_name else None
        if class_name and klass is None:
            r.problem("班级", f"没有名为“{class_name}”的班级")
        if day is not None:
            calendar = ctx.cached("calendar", lambda: load_calendar(ctx.session))
            if not calendar.is_open(day):
                r.problem("日期", f"{day.isoformat()}不开园（{calendar.closed_reason(day)}）")
            elif klass is not None and not class_open_on(klass, day):
                r.problem("班级", f"{klass.name}在{day.isoformat()}没有开班")
        existing = None
        if day and klass is not None:
            existing = ctx.session.exec(select(Disinfection).where(Disinfection.class_id == klass.id,
                                                                   Disinfection.day == day)).first()
        values = dict(day=day, class_id=klass.id if klass else None, surfaces=r.text("消毒项目", True),
                      agent=r.text("方法和浓度", True), done_by=r.text("执行人", True), inspector=r.text("检查人"))
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        return (checked.values["class_id"], checked.values["day"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, Disinfection, checked.existing, checked.values)[1]

    def form_values(self, d: Disinfection, ctx: Context) -> dict:
        klass = ctx.session.get(SchoolClass, d.class_id)
        return {"日期": d.day.isoformat(), "班级": klass.name if klass else "", "消毒项目": d.surfaces, "方法和浓度": d.agent,
                "执行人": d.done_by, "检查人": d.inspector}

    def duplicate_problem(self, existing, editing: bool):
        return "日期", "这个班这一天已有消毒记录（请编辑那一条）"

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已保存{values['day'].isoformat()}的消毒记录"

    def deleted_message(self, d: Disinfection) -> str:
        return f"已删除{d.day.isoformat()}的消毒记录"


class InjuryKind(RecordKind):
    key = "injuries"
    title = "伤害登记"
    sheet = "伤害登记"
    identity_label = "身份证号+发生时间"
    columns = (
        Column("身份证号", True, "id", note="幼儿的身份证号（幼儿须已录入）", example="320402202401010010", width=22),
        Column("发生时间", True, note=TIME_NOTE, example="2026-11-02 10:20", hint=TIME_NOTE),
        Column("地点", True, example="户外活动场地"),
        Column("经过", True, example="奔跑时绊倒", width=30),
        Column("伤害类型", True, "choice", INJURY_TYPES, "/".join(INJURY_TYPES), "跌倒/坠落"),
        Column("部位", True, example="额头"),
        Column("程度", True, "choice", SEVERITIES, "轻/中/重", "轻"),
        Column("处理", True, "choice", TREATMENTS, "园内处理/送医", "园内处理"),
        Column("送医医院", False, note="送医时必填"),
        Column("家长告知时间", False, note=TIME_NOTE + "；当天没有告知的，第二天起提醒", example="2026-11-02 10:40",
               hint="告知家长后填写"),
        Column("记录人", True, example="王芳"),
    )
    model = Injury
    area = "safety"
    form_fields = ("发生时间", "地点", "经过", "伤害类型", "部位", "程度", "处理", "送医医院", "家长告知时间", "记录人")

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        child = child_for(r, ctx, None, id_required=True)
        happened = _moment(r, "发生时间", True)
        told = _moment(r, "家长告知时间")
        treatment = r.choice("处理", TREATMENTS, True)
        hospital = r.text("送医医院")
        for p in injury_problems(happened, told, treatment, hospital):
            r.problem(p.field, p.message)
        existing = None
        if child is not None and happened is not None:
            existing = ctx.session.exec(select(Injury).where(Injury.child_id == child.id,
                                                             Injury.happened_at == happened)).first()
        values = dict(child_id=child.id if child else None, happened_at=happened, place=r.text("地点", True),
                      what=r.text("经过", True), injury_type=r.choice("伤害类型", INJURY_TYPES, True),
                      body_part=r.text("部位", True), severity=r.choice("程度", SEVERITIES, True), treatment=treatment,
                      hospital=hospital, parent_told_at=told, recorded_by=r.text("记录人", True))
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        return (checked.values["child_id"], checked.values["happened_at"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, Injury, checked.existing, checked.values)[1]

    def form_values(self, i: Injury, ctx: Context) -> dict:
        child = ctx.session.get(Child, i.child_id)
        return {"身份证号": child.id_number or "" if child else "", CHILD_REF: str(i.child_id),
                "发生时间": _time_text(i.happened_at), "地点": i.place, "经过": i.what, "伤害类型": i.injury_type,
                "部位": i.body_part, "程度": i.severity, "处理": i.treatment, "送医医院": i.hospital,
                "家长告知时间": _time_text(i.parent_told_at), "记录人": i.recorded_by}

    def duplicate_problem(self, existing, editing: bool):
        return "发生时间", "这名幼儿这个时间已有一条伤害登记（请编辑那一条）"

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已保存伤害登记（{moment_cn(values['happened_at'])}，{values['injury_type']}）"

    def deleted_message(self, i: Injury) -> str:
        return f"已删除伤害登记（{moment_cn(i.happened_at)}）"


class FireCheckKind(RecordKind):
    key = "firechecks"
    title = "消防巡查检查演练"
    sheet = "消防"
    identity_label = "类型+时间"
    columns = (
        Column("类型", True, "choice", FIRE_TYPES, "巡查（防火巡查）/检查（防火检查）/演练（疏散演练）", "巡查"),
        Column("时间", True, note=TIME_NOTE, example="2026-11-02 08:30", hint=TIME_NOTE),
        Column("执行人", True, note="巡查人、检查人或演练组织人", example="陈国强"),
        Column("部位", False, note="巡查、检查的部位", example="厨房、疏散通道、配电室", width=24),
        Column("发现问题", False, example="无", width=24),
        Column("处理", False, width=20),
        Column("参加人数", False, "number", note="演练必填", example=""),
        Column("用时", False, "number", note="演练：疏散用时，分钟", example=""),
        Column("评价", False, note="演练", width=20),
    )
    model = FireCheck
    area = "safety"
    form_fields = ("类型", "时间", "执行人", "部位", "发现问题", "处理", "参加人数", "用时", "评价")

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        kind = r.choice("类型", FIRE_TYPES, True)
        done_at = _moment(r, "时间", True)
        people = r.decimal("参加人数", places=0, positive=True)
        minutes = r.decimal("用时", places=0, positive=True, unit="分钟")
        if kind == "演练" and people is None and not any(p.field == "参加人数" for p in r.errors.problems):
            r.problem("参加人数", "演练请填写参加人数")
        existing = None
        if kind and done_at:
            existing = ctx.session.exec(select(FireCheck).where(FireCheck.check_type == kind,
                                                                FireCheck.done_at == done_at)).first()
        values = dict(check_type=kind, done_at=done_at, done_by=r.text("执行人", True), places=r.text("部位"),
                      findings=r.text("发现问题"), action=r.text("处理"),
                      participants=int(people) if people is not None else None,
                      minutes=int(minutes) if minutes is not None else None, review=r.text("评价"))
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        return (checked.values["check_type"], checked.values["done_at"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, FireCheck, checked.existing, checked.values)[1]

    def form_values(self, f: FireCheck, ctx: Context) -> dict:
        return {"类型": f.check_type, "时间": _time_text(f.done_at), "执行人": f.done_by, "部位": f.places,
                "发现问题": f.findings, "处理": f.action, "参加人数": "" if f.participants is None else str(f.participants),
                "用时": "" if f.minutes is None else str(f.minutes), "评价": f.review}

    def duplicate_problem(self, existing, editing: bool):
        return "时间", f"这个时间已有一条{existing.check_type}记录"

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已保存防火{values['check_type']}（{moment_cn(values['done_at'])}）"

    def deleted_message(self, f: FireCheck) -> str:
        return f"已删除{f.check_type}记录（{moment_cn(f.done_at)}）"


class HazardKind(RecordKind):
    key = "hazards"
    title = "火灾隐患"
    sheet = "隐患"
    identity_label = "发现日期+隐患"
    columns = (
        Column("发现日期", True, "date", example="2026-11-02"),
        Column("发现于", True, "choice", HAZARD_SOURCES, "巡查/检查", "巡查"),
        Column("隐患", True, example="二楼疏散通道堆放杂物", width=30),
        Column("整改期限", True, "date", example="2026-11-05"),
        Column("整改日期", False, "date", note="整改完成后填写（同时填写整改人）"),
        Column("整改人", False),
    )
    model = Hazard
    area = "safety"
    form_fields = ("发现日期", "发现于", "隐患", "整改期限", "整改日期", "整改人")

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        found = r.date("发现日期", True, not_future=True)
        due = r.date("整改期限", True)
        fixed = r.date("整改日期", not_future=True)
        by = r.text("整改人")
        for p in hazard_problems(found, due, fixed, by):
            r.problem(p.field, p.message)
        description = r.text("隐患", True)
        existing = None
        if found and description:
            existing = ctx.session.exec(select(Hazard).where(Hazard.found_on == found,
                                                             Hazard.description == description)).first()
        values = dict(found_on=found, source=r.choice("发现于", HAZARD_SOURCES, True), description=description,
                      due_on=due, fixed_on=fixed, fixed_by=by)
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        return (checked.values["found_on"], checked.values["description"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, Hazard, checked.existing, checked.values)[1]

    def form_values(self, h: Hazard, ctx: Context) -> dict:
        return {"发现日期": h.found_on.isoformat(), "发现于": h.source, "隐患": h.description,
                "整改期限": h.due_on.isoformat(), "整改日期": h.fixed_on.isoformat() if h.fixed_on else "",
                "整改人": h.fixed_by}

    def duplicate_problem(self, existing, editing: bool):
        return "隐患", "这一天已登记过同样的隐患"

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已保存隐患（{values['description']}）" + ("，已整改" if values["fixed_on"] else "")

    def deleted_message(self, h: Hazard) -> str:
        return f"已删除隐患（{h.description}）"
