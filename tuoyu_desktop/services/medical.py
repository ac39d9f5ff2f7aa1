"""医育结合 agreements and visits (the area arrives with its own issue; alerts are needed now)."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from ..domain.ages import add_months
from ..domain.policy import PolicyProfile
from ..store.models import Agreement, Visit

if TYPE_CHECKING:  # pragma: no cover
    from .alerts import Alert


def agreement_valid_on(session: Session, day: date) -> Agreement | None:
    return session.exec(select(Agreement).where(Agreement.valid_from <= day, Agreement.valid_to >= day)
                        .order_by(Agreement.valid_from.desc())).first()


def agreement_alerts(session: Session, profile: PolicyProfile, day: date) -> list["Alert"]:
    from .alerts import Alert

    source = "（医育结合签约率100%）"
    out = []
    current = agreement_valid_on(session, day)
    if current is None:
        out.append(Alert("医育结合", f"{day.isoformat()}没有有效的医育结合服务协议{source}", "agreement", None))
    else:
        left = (current.valid_to - day).days
        if left <= profile.alerts.agreement_warn_days:
            following = session.exec(select(Agreement).where(Agreement.valid_from > current.valid_to)).first()
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
