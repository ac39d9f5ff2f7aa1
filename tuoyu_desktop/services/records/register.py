"""The daily register (SPEC §8): open days, attendance marks and 晨午检, one row per child and day.

The rules are the domain's (``domain.register``); this module finds the child a row names (身份证号,
or 姓名+班级 by the placement of that day), loads the calendar and the open 传染病 cases once per
import, and stores the row (a second row for the same child and day corrects the first).
"""
from __future__ import annotations

import re
from datetime import date, datetime, time

from sqlmodel import Session, select

from ...domain.choices import (
    ABSENCE_REASONS,
    CHECK_ACTIONS,
    CHECK_FINDINGS,
    CHECK_RESULTS,
    CHECK_ROUNDS,
    PRESENT,
    SICK,
    SYMPTOMS,
    YES_NO,
)
from ...domain.idnumbers import mask_id
from ...domain.opendays import DayOverride, OpenDays
from ...domain.periods import PLACEMENT
from ...domain.reader import CHILD_REF, RowReader
from ...domain.register import Case, check_problems, check_result, mark_problems
from ...store.models import (
    AttendanceMark,
    Child,
    HealthCheck,
    OpenDayOverride,
)
from ..lookups import load_calendar, load_cases
from .base import Checked, Column, Context, RecordKind, upsert

CHILD_NOTE = "填身份证号；没有身份证号的幼儿填姓名和班级"
_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")


def calendar_of(ctx: Context) -> OpenDays:
    return ctx.cached("calendar", lambda: load_calendar(ctx.session))


def cases_of(ctx: Context) -> list[Case]:
    return ctx.cached("cases", lambda: load_cases(ctx.session))


def child_for(r: RowReader, ctx: Context, day: date | None, id_required: bool = False) -> Child | None:
    """The child a row names: by its record (a form opened from one child), by 身份证号, else by 姓名
    and the 班级 they were placed in on ``day``."""
    ref = r.raw.get(CHILD_REF)
    if ref not in (None, ""):
        child = ctx.session.get(Child, int(ref))
        if child is None:
            r.problem("", "这名幼儿的档案已不存在（可能已被删除）")
        return child
    if id_required or r.text("身份证号"):
        info = r.id_number("身份证号", id_required)
        if info is None:
            return None
        child = ctx.children_by_id().get(info.number)
        if child is None:
            r.problem("身份证号", f"没有身份证号为{mask_id(info.number)}的幼儿（请先录入或导入幼儿）")
            return None
        name = r.name("姓名") if r.has("姓名") else ""
        if name and name != child.name:
            r.problem("姓名", f"与幼儿档案中的姓名（{child.name}）不一致")
        return child
    name, class_name = r.name("姓名"), r.text("班级")
    if not name or not class_name:
        r.problem("身份证号", "请填写身份证号，或同时填写姓名和班级")
        return None
    klass = ctx.classes_by_name().get(class_name)
    if klass is None:
        r.problem("班级", f"没有名为“{class_name}”的班级")
        return None
    if day is None:
        return None
    placements = ctx.placements_by_child()
    by_name = ctx.cached("children_by_name", lambda: _children_by_name(ctx.session))
    found = [c for c in by_name.get(name, []) if any(p.class_id == klass.id and PLACEMENT.holds_on(p, day)
                                                      for p in placements.get(c.id, []))]
    if not found:
        r.problem("姓名", f"{day.isoformat()}{class_name}没有名叫{name}的幼儿")
        return None
    if len(found) > 1:
        r.problem("姓名", f"{class_name}有{len(found)}名幼儿叫{name}，请填写身份证号区分")
        return None
    return found[0]


def _children_by_name(session: Session) -> dict[str, list[Child]]:
    out: dict[str, list[Child]] = {}
    for c in session.exec(select(Child)):
        out.setdefault(c.name, []).append(c)
    return out


def clock(r: RowReader, field: str) -> str:
    """入园/离园时间 as HH:MM (a time cell, or text such as 8:05)."""
    value = r.raw.get(field)
    if isinstance(value, datetime):
        value = value.time()
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    text = r.text(field)
    if not text:
        return ""
    m = _TIME.match(text)
    if m is None:
        r.problem(field, "应为时:分，如 08:05")
        return ""
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def _child_columns(example_id: str = "32040220240501002X") -> tuple[Column, ...]:
    return (Column("身份证号", False, "id", note=CHILD_NOTE, example=example_id, width=22),
            Column("姓名", False, note="没有身份证号时必填", example="李欣怡"),
            Column("班级", False, note="没有身份证号时必填：该日所在班级", example="托小一班"))


class OpenDayKind(RecordKind):
    key = "opendays"
    title = "开园日设置"
    sheet = "开园日"
    identity_label = "日期"
    columns = (
        Column("日期", True, "date", example="2026-07-20", hint="如 2026-07-20"),
        Column("开园", True, "yesno", YES_NO, "是：该日开园（如周六托管）；否：不开园（如暑假）", "否"),
        Column("说明", False, example="暑假", width=20),
    )
    model = OpenDayOverride
    area = "register"
    form_fields = ("日期", "开园", "说明")

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        day = r.date("日期", True)
        is_open = r.yes_no("开园", None, True)
        note = r.text("说明")
        if day is not None and is_open is False:
            marks = ctx.session.exec(select(AttendanceMark.id).where(AttendanceMark.day == day)).all()
            if marks:
                r.problem("开园", f"{day.isoformat()}已有{len(marks)}条出勤登记，不能设为不开园"
                                  "（不开园日不能有出勤登记，SPEC §8；请先删除该日的登记）")
        existing = ctx.session.get(OpenDayOverride, day) if day else None
        return Checked(r.row, dict(day=day, is_open=bool(is_open), note=note), existing)

    def identity(self, checked: Checked):
        return checked.values["day"]

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        action = upsert(session, OpenDayOverride, checked.existing, checked.values)[1]
        calendar_of(ctx).overrides[checked.values["day"]] = DayOverride(checked.values["is_open"],
                                                                        checked.values["note"])
        return action

    def form_values(self, o: OpenDayOverride, ctx: Context) -> dict:
        return {"日期": o.day.isoformat(), "开园": o.is_open, "说明": o.note}

    def duplicate_problem(self, existing, editing: bool):
        return None  # a day has one setting: saving the day again changes it (SPEC §8)

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已设置{values['day'].isoformat()}{'开园' if values['is_open'] else '不开园'}"

    def deleted_message(self, o: OpenDayOverride) -> str:
        return f"{o.day.isoformat()}已恢复按国家节假日安排"


class AttendanceKind(RecordKind):
    key = "attendance"
    title = "出勤登记"
    sheet = "出勤"
    identity_label = "幼儿+日期"
    columns = (
        *_child_columns(),
        Column("日期", True, "date", note="开园日，且幼儿该日在托", example="2026-10-12"),
        Column("出勤", True, "yesno", YES_NO, example="否"),
        Column("缺勤原因", False, "choice", ABSENCE_REASONS, "未出勤时必填", "病假"),
        Column("症状", False, "choice", SYMPTOMS, "病假时必填", "发热"),
        Column("入园时间", False, note="时:分", example=""),
        Column("离园时间", False, note="时:分", example=""),
        Column("接送人", False, example=""),
        Column("追踪日期", False, "date", note="病假的追踪：须在下一个开园日结束前完成", example="2026-10-13"),
        Column("追踪结果", False, example="已退热，在家休息", width=24),
        Column("诊断", False, example="上呼吸道感染"),
    )
    optional_fields = {"arrived_at": "入园时间", "left_at": "离园时间", "picked_up_by": "接送人",
                       "followed_up_on": "追踪日期", "follow_up": "追踪结果", "diagnosis": "诊断"}
    model = AttendanceMark
    area = "register"

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        day = r.date("日期", True, not_future=True)
        child = child_for(r, ctx, day)
        present = r.yes_no("出勤", None, True)
        reason = r.choice("缺勤原因", ABSENCE_REASONS)
        symptom = r.choice("症状", SYMPTOMS)
        if present is False and not reason:
            r.problem("缺勤原因", f"未出勤时必填：{'、'.join(ABSENCE_REASONS)}之一")
        if present and reason:
            r.problem("缺勤原因", "出勤的幼儿不填缺勤原因")
        mark = PRESENT if present else reason
        if symptom and mark != SICK:
            r.problem("症状", "只有病假填写症状")
        followed = r.date("追踪日期", not_future=True)
        values = dict(child_id=child.id if child else None, day=day, mark=mark, symptom=symptom if mark == SICK else "",
                      arrived_at=clock(r, "入园时间"), left_at=clock(r, "离园时间"), picked_up_by=r.name("接送人"),
                      followed_up_on=followed, follow_up=r.text("追踪结果"), diagnosis=r.text("诊断"))
        if child is None or day is None or present is None or not mark:
            return Checked(r.row, values)
        if followed and followed < day:
            r.problem("追踪日期", f"早于病假日期{day.isoformat()}")
        for p in mark_problems(child, day, mark, symptom, calendar_of(ctx), cases_of(ctx), ctx.profile.health):
            r.problem(p.field, p.message)
        existing = ctx.session.exec(select(AttendanceMark).where(
            AttendanceMark.child_id == child.id, AttendanceMark.day == day)).first()
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        return (checked.values["child_id"], checked.values["day"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, AttendanceMark, checked.existing, self.values_to_store(checked))[1]


class HealthCheckKind(RecordKind):
    key = "healthchecks"
    title = "晨午检"
    sheet = "晨午检"
    identity_label = "幼儿+日期+检次"
    columns = (
        *_child_columns(),
        Column("日期", True, "date", example="2026-10-12"),
        Column("检次", True, "choice", CHECK_ROUNDS, example="晨检"),
        Column("体温", False, "number", note="℃，35.0–42.0；≥37.3 ℃记为异常", example="36.6"),
        Column("结果", True, "choice", CHECK_RESULTS, example="正常"),
        Column("异常情况", False, note="可填多项，用顿号分开：" + "、".join(CHECK_FINDINGS), example="", width=20),
        Column("处理", False, "choice", CHECK_ACTIONS, example=""),
    )
    model = HealthCheck
    area = "register"

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        day = r.date("日期", True, not_future=True)
        child = child_for(r, ctx, day)
        round_ = r.choice("检次", CHECK_ROUNDS, True)
        celsius = r.decimal("体温", places=1, unit="℃")
        result = r.choice("结果", CHECK_RESULTS, True)
        findings = tuple(f for f in re.split(r"[、，,；;\s]+", r.text("异常情况")) if f)
        action = r.choice("处理", CHECK_ACTIONS)
        rule = ctx.profile.health
        temperature = float(celsius) if celsius is not None else None
        values = dict(child_id=child.id if child else None, day=day, round=round_, temperature=temperature,
                      result=check_result(celsius, result, rule) if result else result,
                      findings="、".join(findings), action=action)
        if child is None or day is None or not round_:
            return Checked(r.row, values)
        for p in check_problems(child, day, round_, temperature, result or "正常", findings, action,
                                calendar_of(ctx), rule):
            r.problem(p.field, p.message)
        existing = ctx.session.exec(select(HealthCheck).where(
            HealthCheck.child_id == child.id, HealthCheck.day == day, HealthCheck.round == round_)).first()
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        v = checked.values
        return (v["child_id"], v["day"], v["round"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, HealthCheck, checked.existing, checked.values)[1]
