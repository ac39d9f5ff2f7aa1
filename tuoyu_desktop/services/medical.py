"""医育结合 agreements and visits (the area arrives with its own issue; alerts are needed now)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.ages import add_months
from ..domain.alert import Alert
from ..domain.policy import PolicyProfile
from ..store.plain import Db, as_db
from .centre import centre_profile
from .lookups import agreement_on


def agreement_alerts(db: Db, profile: PolicyProfile, day: date) -> list[Alert]:
    db = as_db(db)
    # not "签约率100%": on a single centre's screen that reads like a rate it has reached
    source = "（应与辖区医疗卫生机构签订，各地方案要求托育机构全部签约）"
    out = []
    current = agreement_on(db, day)
    if current is None:
        out.append(Alert("医育结合", f"{day.isoformat()}没有有效的医育结合服务协议{source}", "agreement", None))
    else:
        left = (current.valid_to - day).days
        if left <= profile.alerts.agreement_warn_days:
            following = db.first("agreements", ("valid_to > ?", current.valid_to), columns=("id",))
            if following is None:
                out.append(Alert("医育结合", f"与{current.institution}的协议将于{current.valid_to.isoformat()}到期"
                                              f"（还有{left}天），请及时续签", "agreement", current.id))
    gap = profile.alerts.visit_gap_months
    since = add_months(day, -gap)
    last = db.first("visits", ("visited_on <= ?", day), order="visited_on DESC", columns=("visited_on",))
    if last is None or last.visited_on <= since:
        when = f"最近一次是{last.visited_on.isoformat()}" if last else "还没有指导记录"
        out.append(Alert("医育结合", f"近{gap}个月没有医疗机构到园指导（{when}）", "agreement",
                         current.id if current else None))
    return out


# the 医育结合 page -------------------------------------------------------------------------


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


def agreement_rows(db: Db, today: date, warn_days: int = 60) -> list[AgreementRow]:
    out = []
    for a in as_db(db).rows("agreements", order="valid_from DESC, id"):
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


@dataclass(frozen=True)
class VisitRow:
    id: int
    visited_on: date
    guide: str
    content: str
    findings: str
    follow_up_done: bool
    agreement: str


def visit_rows(db: Db) -> list[VisitRow]:
    db = as_db(db)
    agreements = {a.id: a.number or a.institution for a in db.rows("agreements", columns=("id", "number", "institution"))}
    return [VisitRow(v.id, v.visited_on, v.guide, v.content, v.findings, v.follow_up_done,
                     agreements.get(v.agreement_id, "（无有效协议）"))
            for v in db.rows("visits", order="visited_on DESC, id DESC")]  # ties: newest first, as the index gave them


@dataclass(frozen=True)
class MedicalPage:
    agreements: list[AgreementRow]
    visits: list[VisitRow]
    alerts: list[Alert]


def medical_page(db: Db, profiles: dict[str, PolicyProfile], today: date) -> MedicalPage:
    """The 医育结合 page: the agreements with their state, the visits, and what is missing."""
    db = as_db(db)
    profile = centre_profile(db, profiles)
    return MedicalPage(agreement_rows(db, today, profile.alerts.agreement_warn_days), visit_rows(db),
                       agreement_alerts(db, profile, today))
