"""生长发育与健康检查: one measurement of a child (SPEC §9).

The rules of a measurement are ``domain.measurement_rules`` (ranges, the date, a standing height
under 24 months); this kind reads the values, finds the child (by 身份证号 in a file, by the
record's id in a form opened from the child) and stores one record per child and day.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlmodel import Session, select

from ...domain.growth import age_in_days
from ...domain.measurement_rules import (
    DATE,
    HB,
    HEAD,
    HEARING,
    HEARING_RESULTS,
    INSTITUTION,
    LENGTH_FIELD,
    WEIGHT,
    StandingHeightUnderTwo,
    check_measurement,
    number_text,
)
from ...domain.reader import RowReader
from ...domain.who2006 import HEIGHT, LENGTH, POSITIONS, uses_length
from ...store.models import Child, Measurement
from .base import Checked, Column, Context, RecordKind, upsert
from .register import CHILD_REF, child_for

POSITION = "测量方式"


def default_position(birth: date, measured_on: date) -> str:
    """The position the WHO tables expect for the age: lying under 24 months, standing from 24."""
    return LENGTH if uses_length(age_in_days(birth, measured_on)) else HEIGHT


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


class MeasurementKind(RecordKind):
    key = "measurements"
    title = "体检测量"
    sheet = "体检测量"
    identity_label = "身份证号+测量日期"
    columns = (
        Column("身份证号", True, "id", note="幼儿的身份证号（幼儿须已录入）", example="320402202401010010", width=22),
        Column(DATE, True, "date", note="不能早于出生日期、不能晚于今天", example="2026-03-10", hint="如 2026-03-10"),
        Column(LENGTH_FIELD, True, "number", note="cm，45–120，1位小数；不满24个月为卧位身长，24个月起为立位身高",
               example="86.5", hint="cm，45–120", field_width=10),
        Column(WEIGHT, True, "number", note="kg，2.0–30.0，最多2位小数", example="12.35", hint="kg，2.0–30.0",
               field_width=10),
        Column(HEAD, False, "number", note="cm，可不填", example="47.5", hint="cm，可不填", field_width=10),
        Column(HB, False, "number", note="血红蛋白 g/L，50–200，可不填（每年至少一次）", example="118",
               hint="g/L，50–200", field_width=10),
        Column(HEARING, False, "choice", HEARING_RESULTS, "通过/未通过，可不填（每年至少一次）", "通过"),
        Column(INSTITUTION, False, example="天宁区茶山街道社区卫生服务中心", width=30),
        Column(POSITION, False, "choice", POSITIONS,
               "身长=卧位，身高=立位；不填按月龄（不满24个月身长，24个月起身高）", "身长",
               hint="不填按月龄"),
    )
    model = Measurement
    area = "measurements"
    form_fields = (DATE, POSITION, LENGTH_FIELD, WEIGHT, HEAD, HB, HEARING, INSTITUTION)
    form_width = 34

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        child = child_for(r, ctx, None, id_required=True)
        measured_on = r.date(DATE)
        length = r.decimal(LENGTH_FIELD, places=1, unit=" cm")
        weight = r.decimal(WEIGHT, places=2, unit=" kg")
        head = r.decimal(HEAD, places=1, unit=" cm")
        hb = r.decimal(HB, places=1, unit=" g/L")
        hearing = r.choice(HEARING, HEARING_RESULTS) or None
        position = r.choice(POSITION, POSITIONS) or None
        institution = r.text(INSTITUTION)
        if child is not None:
            already = {p.field for p in r.errors.problems if p.row == r.row}
            for p in check_measurement(child.birth_date, measured_on, length, weight, today=r.today,
                                       position=position, head_cm=head, hb_g_l=hb, hearing=hearing, row=r.row):
                if p.field in already:
                    continue
                if isinstance(p, StandingHeightUnderTwo) and r.row is not None:
                    r.problem(p.field, f"{p.message}。改法：把“{POSITION}”改为“{LENGTH}”，“{LENGTH_FIELD}”填"
                                       f"{p.value_cm}（卧位测得）或{p.as_length_cm}（立位测得，已折算）后重新导入")
                else:
                    r.errors.problems.append(p)
            if position is None and measured_on is not None and measured_on >= child.birth_date:
                position = default_position(child.birth_date, measured_on)
        existing = None
        if child is not None and measured_on is not None:
            stored = ctx.cached("measurements", lambda: {
                (m.child_id, m.measured_on): m for m in ctx.session.exec(select(Measurement))})
            existing = stored.get((child.id, measured_on))
        values = dict(child_id=child.id if child else None, measured_on=measured_on, length_cm=_float(length),
                      position=position or "", weight_kg=_float(weight), head_cm=_float(head), hb_g_l=_float(hb),
                      hearing=hearing or "", institution=institution)
        return Checked(r.row, values, existing, extra={"child": child})

    def identity(self, checked: Checked):
        return (checked.values["child_id"], checked.values["measured_on"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        record, action = upsert(session, Measurement, checked.existing, checked.values)
        stored = ctx.cached("measurements", dict)
        if stored:
            stored[(record.child_id, record.measured_on)] = record
        return action

    def form_values(self, m: Measurement, ctx: Context) -> dict:
        child = ctx.session.get(Child, m.child_id)
        return {"身份证号": child.id_number or "", CHILD_REF: str(m.child_id), DATE: m.measured_on.isoformat(),
                POSITION: m.position, LENGTH_FIELD: number_text(m.length_cm), WEIGHT: number_text(m.weight_kg),
                HEAD: number_text(m.head_cm), HB: number_text(m.hb_g_l), HEARING: m.hearing,
                INSTITUTION: m.institution}

    def duplicate_problem(self, existing, editing: bool):
        return DATE, "这名幼儿这一天已有测量记录" + ("" if editing else "（请在列表中编辑）")

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已保存{values['measured_on'].isoformat()}的测量记录"

    def deleted_message(self, m: Measurement) -> str:
        return f"已删除{m.measured_on.isoformat()}的测量记录"
