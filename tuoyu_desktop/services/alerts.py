"""Every alert of every area, as one list: the `alerts` command and the 首页 show the same."""
from __future__ import annotations

from datetime import date

from ..domain.alert import Alert
from ..domain.policy import PolicyProfile
from ..domain.staffing import (
    EXPIRED,
    EXPIRING,
    PRORATION_RULE,
    TRAINING_SOURCE,
    hours_text,
)
from ..store.plain import Db, as_db
from .bills import arrears_alerts
from .centre import centre_profile
from .children import due_to_move, health_follow_up
from .classes import class_rows
from .fee_report import food_alerts
from .growth import growth_alerts
from .kitchen import kitchen_alerts
from .medical import agreement_alerts
from .medication import clock_for, dose_alerts
from .register import register_alerts
from .safety import safety_alerts
from .staff import certificate_rows, uncertified_caregivers
from .training import year_view

STANDARD = "托育机构设置标准（试行）"


def collect_alerts(db: Db, profiles: dict[str, PolicyProfile], today: date) -> list[Alert]:
    db = as_db(db)  # one connection for every area's reads
    profile = centre_profile(db, profiles)
    alerts: list[Alert] = []
    alerts += _class_alerts(db, profile, today)
    alerts += _children_alerts(db, profile, today)
    alerts += _certificate_alerts(db, profile, today)
    alerts += [Alert("持证", f"{s.name}（保育人员）没有有效的保育师或育婴员证书，按未持证统计", "staff", s.id)
               for s in uncertified_caregivers(db, today)]
    alerts += _training_alerts(db, profile, today)
    alerts += agreement_alerts(db, profile, today)
    alerts += register_alerts(db, profile, today)
    alerts += growth_alerts(db, profile, today)
    alerts += arrears_alerts(db, today)
    alerts += food_alerts(db, today)
    alerts += kitchen_alerts(db, profile, today)
    alerts += safety_alerts(db, profile, today)
    alerts += dose_alerts(db, today, clock_for(today))
    return alerts


def _class_alerts(db, profile, day) -> list[Alert]:
    out = []
    for r in class_rows(db, profile, day):
        if not r.open:
            continue
        if r.over_capacity:
            out.append(Alert("班级", f"{r.name} 在托{r.enrolled}人，超过核定人数{r.capacity}人", "class", r.id))
        if not r.ratio_ok:
            out.append(Alert("班级", f"{r.name} 师幼比不达标：在托{r.enrolled}人需保育人员{r.caregivers_needed}人"
                                     f"（{r.ratio}），现有{r.caregivers}人（{STANDARD}）", "class", r.id))
    return out


def _children_alerts(db, profile, day) -> list[Alert]:
    out = [Alert("幼儿", f"{d.name}（{d.class_name}，{d.months_now}个月）{d.action}：{d.due_on.isoformat()}"
                         f"{'满36个月' if '离托' in d.action else '超出班型月龄'}", "child", d.id)
           for d in due_to_move(db, profile, day)]
    out += [Alert("入托健康", f"{h.name}（{h.class_name}）{h.problem}", "child", h.id) for h in health_follow_up(db, day)]
    return out


def _certificate_alerts(db, profile, day) -> list[Alert]:
    out = []
    for c in certificate_rows(db, day, profile.alerts.cert_warn_days):
        if c.replaced or c.status not in (EXPIRED, EXPIRING):
            continue
        if c.status == EXPIRED:
            text = f"{c.staff_name} {c.cert_type}已于{c.expires_on.isoformat()}过期"
        else:
            left = (c.expires_on - day).days
            text = f"{c.staff_name} {c.cert_type}将于{c.expires_on.isoformat()}到期（还有{left}天）"
        out.append(Alert("证书", text, "staff", c.staff_id))
    return out


def _training_alerts(db, profile, day) -> list[Alert]:
    out = []
    for r in year_view(db, profile, day.year, day):
        p = r.progress
        parts = []
        if not p.professional_met:
            parts.append(f"专业{hours_text(p.professional)}/{hours_text(p.professional_target)}课时")
        if not p.ethics_met:
            parts.append(f"职业道德{hours_text(p.ethics)}/{hours_text(p.ethics_target)}课时")
        if parts:
            out.append(Alert("培训", f"{r.name} {day.year}年培训未达标：" + "，".join(parts), "staff", r.staff_id))
    return out


TRAINING_NOTE = f"培训目标：每人每年岗前及继续教育≥64课时、职业道德≥32课时（{TRAINING_SOURCE}）。{PRORATION_RULE}"
