"""The 操作日志 as people read it."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from typing import TYPE_CHECKING

from ..domain.idnumbers import mask_contact_phone, mask_id, mask_phone
from ..store.plain import Db, as_db

if TYPE_CHECKING:
    from sqlmodel import Session

#: the 操作日志's names of the tables that are no record kind of their own (see ``titles``)
OTHER_TITLES = {"placements": "班级安排", "staff_assignments": "岗位和班级记录", "locked_returns": "月报锁定",
                "return_events": "月报记录", "bills": "收费单", "bill_lines": "收费单明细"}


@cache
def titles() -> dict[str, str]:
    """The 操作日志's name of each table: a record kind's title, or ``OTHER_TITLES``'s."""
    from .records import KINDS

    return {**{k.model.__tablename__: k.title for k in KINDS.values()}, **OTHER_TITLES}


HIDDEN = {"id"}
LABELS = {
    "name": "姓名/名称", "sex": "性别", "birth_date": "出生日期", "id_number": "身份证号", "care_type": "托育形式",
    "monthly_fee_fen": "月收费(分)", "is_puhui": "普惠", "hardship_category": "困境类别", "guardian_name": "监护人",
    "guardian_phone": "监护人电话", "enrolled_on": "入托日期", "health_check_on": "入托体检日期",
    "vaccination_checked_on": "接种证查验日期", "left_on": "离开日期", "leave_reason": "离托原因", "notes": "备注",
    "class_type": "班型", "capacity": "核定人数", "opened_on": "开班日期", "closed_on": "停班日期", "role": "岗位",
    "class_id": "班级", "hired_on": "入职日期", "phone": "电话", "education": "学历", "cert_type": "证书类型",
    "level": "等级", "number": "编号", "issuer": "发证机关", "issued_on": "发证日期", "expires_on": "有效期至",
    "trained_on": "培训日期", "course": "课程", "category": "类别", "hours": "课时", "is_preservice": "岗前",
    "serial": "券号", "child_name": "幼儿姓名", "child_id_number": "身份证号", "redeemed_on": "兑换日期",
    "days": "天数", "deleted_at": "删除时间", "delete_reason": "删除原因", "head": "负责人", "uscc": "统一社会信用代码",
    "policy_profile": "政策方案", "monthly_rent_fen": "月租金(分)", "institution": "医疗机构", "valid_from": "生效日期",
    "valid_to": "到期日期", "visited_on": "指导日期", "content": "内容", "findings": "发现问题", "reason": "原因",
    "child_id": "幼儿", "staff_id": "员工", "start_on": "起始日期", "end_on": "结束日期",
    "signed_on": "签订日期", "health_guide": "健康指导员", "guide_phone": "健康指导员电话", "listed_on": "列入日期",
    "filing_no": "备案编号", "district": "所属区县", "town": "所属镇街", "nature": "机构性质", "centre_type": "机构类型",
    "grade": "机构等级", "address": "地址", "reporter": "填报人", "reporter_phone": "填报人电话",
    "health_check_result": "入托体检结果", "handbook_seen": "已查验保健手册", "needs_catch_up": "需补种",
    "month": "月份", "locked_at": "锁定时间", "checksum": "数据校验码", "day": "日期", "is_open": "开园",
    "note": "说明", "key": "设置项", "value": "设置值", "mark": "出勤", "symptom": "症状", "arrived_at": "入园时间",
    "left_at": "离园时间", "picked_up_by": "接送人", "followed_up_on": "追踪日期", "follow_up": "追踪结果",
    "diagnosis": "诊断", "disease": "传染病", "onset_on": "发病日期", "diagnosed_on": "诊断日期",
    "reported_on": "报告日期", "returned_on": "复课日期", "return_certificate": "复课证明", "round": "检查",
    "temperature": "体温(℃)", "result": "结果", "action": "处理", "measured_on": "测量日期", "length_cm": "身长/身高(cm)",
    "position": "测量方式", "weight_kg": "体重(kg)", "head_cm": "头围(cm)", "hb_g_l": "血红蛋白(g/L)",
    "hearing": "听力筛查", "agreement_id": "协议", "guide": "指导人员", "follow_up_done": "已整改",
    "guardian": "监护人", "recorded_on": "登记日期", "kind": "假别", "provider": "培训机构",
    "certificate_no": "证书编号", "snapshot_json": "报送数据", "at": "时间",
    "applies_to": "适用", "basis": "计费方式", "price_fen": "单价(分)", "starts_on": "生效日期", "ends_on": "停用日期",
    "class_name": "班级", "confirmed_on": "出账日期", "total_fen": "合计(分)",
    "previous_fen": "上期结余(分)", "food_unit_fen": "伙食费单价(分)", "food_days": "伙食费开园日",
    "voided_on": "作废日期", "void_reason": "作废原因", "bill_id": "收费单", "line_no": "序号", "quantity": "数量",
    "unit_fen": "单价(分)", "amount_fen": "金额(分)", "receipt_no": "收据号", "paid_on": "收款日期", "method": "方式",
    "payer": "付款人", "bill_number": "收费单号", "received_by": "收款人", "bought_on": "采购日期", "supplier": "供货方", "items": "品名",
    "invoice_no": "票据号", "supplier_licence": "供货方资质", "checked_by": "验收人",
    "meals": "供餐餐次", "meal": "餐次", "dish_no": "菜序", "dish": "菜名", "ingredient": "食材", "grams": "克数", "sampled_at": "留样时间",
    "sampled_by": "留样人", "storage": "冷藏设备/温度", "destroyed_at": "销毁时间",
    "surfaces": "消毒项目", "agent": "方法和浓度", "done_by": "执行人", "inspector": "检查人", "happened_at": "发生时间",
    "place": "地点", "what": "经过", "injury_type": "伤害类型", "body_part": "部位", "severity": "程度",
    "treatment": "处理方式", "hospital": "医院", "parent_told_at": "家长告知时间", "recorded_by": "记录人",
    "check_type": "类型", "done_at": "时间", "places": "部位", "participants": "参加人数", "minutes": "用时(分钟)",
    "review": "评价", "found_on": "发现日期", "source": "发现于", "description": "隐患", "due_on": "整改期限",
    "fixed_on": "整改日期", "fixed_by": "整改人",
    "drug": "药名", "dose": "剂量", "dose_times": "服药时间", "usage": "服用方法", "entrusted_by": "委托人",
    "parent_signed": "家长已签字", "pack_checked": "原包装已查验", "order_id": "带药委托", "given_at": "喂药时间",
    "dose_given": "实际剂量", "given_by": "喂药人", "verified_by": "核对人",
}
#: fields that name another record: shown by that record's name (``幼儿: 王子涵``, not ``幼儿=4``)
REFERENCES = {"child_id": ("children", "name"), "staff_id": ("staff", "name"), "class_id": ("classes", "name"),
              "agreement_id": ("agreements", "institution"),
              "order_id": ("medication_orders", "drug")}
MASKED = {"id_number": mask_id, "child_id_number": mask_id, "guardian_phone": mask_phone, "phone": mask_phone,
          # the phones this change gave labels to: an office's contact, masked by the return's rule
          "guide_phone": mask_contact_phone, "reporter_phone": mask_contact_phone}


def _show(key: str, value, names: dict | None = None) -> str:
    """A stored value as a manager reads it: masked ID numbers and phones, money in 元, 是/否,
    numbers without a trailing .0, another record by its name."""
    if key in MASKED and isinstance(value, str):
        value = MASKED[key](value)
    if value is None:
        return ""
    if key in REFERENCES and names is not None:
        name = names.get((REFERENCES[key][0], value))
        return name if name else f"（已删除的记录 {value}）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if key.endswith("_fen") and isinstance(value, int):
        return f"{value / 100:.2f}元"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _label(key: str) -> str:
    return LABELS.get(key, key).replace("(分)", "")


@dataclass(frozen=True)
class AuditRow:
    id: int
    at_text: str
    user: str
    action: str
    table: str
    summary: str
    change: str


@dataclass(frozen=True)
class _Values:
    """An entry's old and new values, parsed once."""

    before: dict
    after: dict

    @classmethod
    def of(cls, entry) -> "_Values":
        return cls(json.loads(entry.old_json) if entry.old_json else {},
                   json.loads(entry.new_json) if entry.new_json else {})

    def items(self):
        yield from self.before.items()
        yield from self.after.items()


def _describe(values: _Values, names: dict | None = None) -> str:
    before, after = values.before, values.after
    if before and after:
        return "；".join(f"{_label(k)}: {_show(k, before.get(k), names)} → {_show(k, after.get(k), names)}" for k in after
                        if k not in HIDDEN)
    data = after or before
    return "；".join(f"{_label(k)}: {_show(k, v, names)}" for k, v in data.items()
                    if k not in HIDDEN and v not in (None, "", False))


def _referenced(db: Db, parsed: list[_Values]) -> dict[tuple[str, int], str]:
    """(table, id) → name of every record the entries' values refer to (one query per table)."""
    wanted: dict[str, set[int]] = {}
    for values in parsed:
        for key, value in values.items():
            if key in REFERENCES and isinstance(value, int):
                wanted.setdefault(REFERENCES[key][0], set()).add(value)
    names: dict[tuple[str, int], str] = {}
    for table, ids in wanted.items():
        column = next(c for t, c in REFERENCES.values() if t == table)
        for row_id, name in db.values(f'SELECT id, {column} FROM "{table}" WHERE id IN ({",".join("?" * len(ids))})',
                                      *ids):
            names[(table, row_id)] = name
    return names


def _owners(db: Db, entries) -> dict[tuple[str, str], str]:
    """(table, record id) → the name of the child, staff member, class or agreement a record without a
    name of its own belongs to (a measurement: its child), for the entries whose summary is empty."""
    out: dict[tuple[str, str], str] = {}
    wanted: dict[str, set[str]] = {}
    for e in entries:
        if not e.summary and e.record_id:
            wanted.setdefault(e.table_name, set()).add(e.record_id)
    for table, ids in wanted.items():
        links = [(fk[3], fk[2]) for fk in db.values(f'PRAGMA foreign_key_list("{table}")')]
        link = next(((col, target) for col, target in links if col in REFERENCES), None)
        if link is None:
            continue
        column, target = link
        shown = REFERENCES[column][1]
        marks = ",".join("?" * len(ids))
        for record_id, name in db.values(f'SELECT r.id, t.{shown} FROM "{table}" r JOIN "{target}" t '
                                         f'ON t.id = r.{column} WHERE r.id IN ({marks})', *[int(i) for i in ids
                                                                                          if i.isdigit()]):
            out[(table, str(record_id))] = name
    return out


def _first_reference(values: _Values, names: dict) -> str:
    """The name of the first record an entry's values point to (a deleted measurement: its child)."""
    for key, value in values.items():
        if key in REFERENCES and (REFERENCES[key][0], value) in names:
            return names[(REFERENCES[key][0], value)]
    return ""


def local_time(at) -> str:
    """A stored time (UTC, naive as SQLite gives it back, or its ISO text) as this computer's local time."""
    when = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
    when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
    return when.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def recent_entries(db: Db, limit: int = 500, operation_id: int | None = None) -> list[AuditRow]:
    """The newest entries (``limit``), or every entry of one named operation, the newest first."""
    db = as_db(db)
    if operation_id is None:
        rows = db.rows("audit_log", order="id DESC", limit=limit)
    else:
        rows = db.rows("audit_log", ("operation_id = ?", operation_id), order="id DESC")
    titles_of = titles()
    parsed = [_Values.of(e) for e in rows]
    names = _referenced(db, parsed)
    owners = _owners(db, rows)
    out = []
    for e, values in zip(rows, parsed):
        summary = e.summary or owners.get((e.table_name, e.record_id)) or _first_reference(values, names)
        out.append(AuditRow(e.id, local_time(e.at), e.user, e.action,
                            titles_of.get(e.table_name, e.table_name), summary, _describe(values, names)[:300]))
    return out


def check_log(session: Session) -> int | None:
    """The number of the first entry whose hash no longer chains (someone changed the log), or None."""
    from ..store.audit import verify_chain

    return verify_chain(session)
