"""The 操作日志 as people read it."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timezone
from functools import cache
from typing import TYPE_CHECKING

from ..domain.idnumbers import mask_id, mask_phone
from ..store.plain import Db, as_db

if TYPE_CHECKING:
    from sqlmodel import Session

#: the 操作日志's names of the tables that are no record kind of their own (see ``titles``)
OTHER_TITLES = {"placements": "班级安排", "staff_assignments": "岗位和班级记录", "locked_returns": "月报锁定",
                "return_events": "月报记录"}


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
}
MASKED = {"id_number": mask_id, "child_id_number": mask_id, "guardian_phone": mask_phone, "phone": mask_phone}


def _show(key: str, value) -> str:
    if key in MASKED and isinstance(value, str):
        value = MASKED[key](value)
    return "" if value is None else str(value)


@dataclass(frozen=True)
class AuditRow:
    id: int
    at_text: str
    user: str
    action: str
    table: str
    summary: str
    change: str


def _describe(old: str, new: str) -> str:
    before = json.loads(old) if old else {}
    after = json.loads(new) if new else {}
    label = lambda k: LABELS.get(k, k)
    if before and after:
        return "；".join(f"{label(k)}: {_show(k, before.get(k))} → {_show(k, after.get(k))}" for k in after
                        if k not in HIDDEN)
    data = after or before
    return "；".join(f"{label(k)}={_show(k, v)}" for k, v in data.items() if k not in HIDDEN and v not in (None, "", False))


def recent_entries(db: Db, limit: int = 500) -> list[AuditRow]:
    rows = as_db(db).rows("audit_log", order="id DESC", limit=limit)
    names = titles()
    out = []
    for e in rows:
        at = e.at if e.at.tzinfo else e.at.replace(tzinfo=timezone.utc)
        out.append(AuditRow(e.id, at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), e.user, e.action,
                            names.get(e.table_name, e.table_name), e.summary, _describe(e.old_json, e.new_json)[:300]))
    return out


def check_log(session: Session) -> int | None:
    """The number of the first entry whose hash no longer chains (someone changed the log), or None."""
    from ..store.audit import verify_chain

    return verify_chain(session)
