"""医育结合 agreements and visits (the area arrives with its own issue; alerts are needed now)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from ..domain.ages import add_months
from ..domain.alert import Alert
from ..domain.errors import Collector
from ..domain.policy import PolicyProfile
from ..domain.reader import RowReader
from ..store.models import Agreement, Visit
from .changes import Changes
from .records.medical import AgreementKind, VisitKind, agreement_on
from .records.base import form_values


def agreement_alerts(session: Session, profile: PolicyProfile, day: date) -> list[Alert]:
    source = "（医育结合签约率100%）"
    out = []
    current = agreement_on(session, day)
    if current is None:
        out.append(Alert("医育结合", f"{day.isoformat()}没有有效的医育结合服务协议{source}", "agreement", None))
    else:
        left = (current.valid_to - day).days
        if left <= profile.alerts.agreement_warn_days:
            following = session.exec(select(Agreement).where(Agreement.valid_to > current.valid_to)).first()
            if following is None:
                out.append(Alert("医育结合", f"与{current.institution}的协议将于{current.valid_to.isoformat()}到期"
                                              f"（还有{left}天），请及时续签", "agreement", current.id))
    gap = profile.alerts.visit_gap_months
    since = add_months(day, -gap)
    last = session.exec(select(Visit).where(Visit.visited_on <= day).order_by(Visit.visited_on.desc())).first()
    if last is None or last.visited_on <= since:
        when = f"最近一次是{last.visited_on.isoformat()}" if last else "还没有指导记录"
        out.append(Alert("医育结合", f"近{gap}个月没有医疗机构到园指导（{when}）", "agreement",
                         current.id if current else None))
    return out


# the 医育结合 page -------------------------------------------------------------------------
AGREEMENT = AgreementKind()
VISIT = VisitKind()


@dataclass(frozen=True)
class AgreementRow:
    id: int
    institution: str
    number: str
    signed_on: date
    valid_from: date
    valid_to: date
    health_guide: str
    guide_phone: str
    status: str


def agreement_rows(session: Session, today: date, warn_days: int = 60) -> list[AgreementRow]:
    out = []
    for a in session.exec(select(Agreement).order_by(Agreement.valid_from.desc())):
        if a.valid_from > today:
            status = "未生效"
        elif a.valid_to < today:
            status = "已到期"
        elif (a.valid_to - today).days <= warn_days:
            status = f"有效，{(a.valid_to - today).days}天后到期"
        else:
            status = "有效"
        out.append(AgreementRow(a.id, a.institution, a.number, a.signed_on, a.valid_from, a.valid_to,
                                a.health_guide, a.guide_phone, status))
    return out


def agreement_form_values(a: Agreement) -> dict:
    return {"医疗机构名称": a.institution, "协议编号": a.number, "签订日期": a.signed_on.isoformat(),
            "生效日期": a.valid_from.isoformat(), "到期日期": a.valid_to.isoformat(), "健康指导员": a.health_guide,
            "联系电话": a.guide_phone}


def _check(kind, session, values, profiles, today, record_id, model):
    from .children import context

    ctx = context(session, profiles, today)
    ctx.editing_id = record_id  # an edit: the record itself is no overlapping other one
    errors = Collector()
    values = form_values(values)
    if record_id is not None:
        current = session.get(model, record_id)
        checked = kind.check(RowReader(values, errors, None, today), ctx)
        if checked.existing is not None and checked.existing.id != record_id:
            errors.add("协议编号" if kind is AGREEMENT else "内容", "与另一条记录重复")
        checked.existing = current
    else:
        checked = kind.check(RowReader(values, errors, None, today), ctx)
        if checked.existing is not None:
            errors.add("协议编号" if kind is AGREEMENT else "内容", "已有相同的记录")
    errors.raise_if_any()
    return checked, ctx


def save_agreement(session: Session, values: dict, profiles, today: date, agreement_id: int | None = None) -> Changes:
    checked, ctx = _check(AGREEMENT, session, values, profiles, today, agreement_id, Agreement)
    AGREEMENT.save(session, checked, ctx)
    return Changes(message=f"已保存医育结合协议 {checked.values['institution']}", agreements=True)


def check_agreement(session: Session, values: dict, profiles, today: date, agreement_id: int | None = None):
    return _check(AGREEMENT, session, values, profiles, today, agreement_id, Agreement)


@dataclass(frozen=True)
class VisitRow:
    id: int
    visited_on: date
    guide: str
    content: str
    findings: str
    follow_up_done: bool
    agreement: str


def visit_rows(session: Session) -> list[VisitRow]:
    agreements = {a.id: a.number or a.institution for a in session.exec(select(Agreement))}
    return [VisitRow(v.id, v.visited_on, v.guide, v.content, v.findings, v.follow_up_done,
                     agreements.get(v.agreement_id, "（无有效协议）"))
            for v in session.exec(select(Visit).order_by(Visit.visited_on.desc()))]


def visit_form_values(v: Visit) -> dict:
    return {"日期": v.visited_on.isoformat(), "指导人员": v.guide, "内容": v.content, "发现问题": v.findings,
            "是否已整改": v.follow_up_done}


def check_visit(session: Session, values: dict, profiles, today: date, visit_id: int | None = None):
    return _check(VISIT, session, values, profiles, today, visit_id, Visit)


def save_visit(session: Session, values: dict, profiles, today: date, visit_id: int | None = None) -> Changes:
    checked, ctx = _check(VISIT, session, values, profiles, today, visit_id, Visit)
    VISIT.save(session, checked, ctx)
    return Changes(message=f"已保存指导记录 {checked.values['visited_on'].isoformat()}", agreements=True)


def delete_visit(session: Session, visit_id: int) -> Changes:
    visit = session.get(Visit, visit_id)
    session.delete(visit)
    return Changes(message=f"已删除指导记录 {visit.visited_on.isoformat()}", agreements=True)


def delete_agreement(session: Session, agreement_id: int) -> Changes:
    agreement = session.get(Agreement, agreement_id)
    session.delete(agreement)
    return Changes(message=f"已删除协议 {agreement.number or agreement.institution}", agreements=True)
