"""The monthly return as one snapshot: cover, figures, details, alerts, trend — and month locking.

A snapshot is plain data (JSON-safe). The workbook and the PDF are written from it, so the
two always agree. Locking stores the snapshot; a locked month is exported from what was
stored, so later edits do not change it and re-export gives the same figures and 数据校验码.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import TYPE_CHECKING

from .. import __version__
from ..domain.errors import InputError, Problem
from ..domain.indicators import (
    GROWTH_INDICATORS,
    INDICATORS,
    REGISTER_INDICATORS,
    checksum,
)
from ..domain.month import Month
from ..domain.policy import PolicyProfile
from ..domain.staffing import cert_valid_on, hours_number
from ..store.plain import Db, as_db
from .alerts import collect_alerts
from .changes import Changes
from .growth import growth_month_figures
from .monthly import class_figures, compute, load_month, staff_training, trend
from .register import register_month

if TYPE_CHECKING:  # pragma: no cover
    from sqlmodel import Session

    from ..store.models import ReturnEvent

FORMAT_VERSION = 2  # 2 adds the daily register's A01–A12 and the growth rows G01–G07 (SPEC §8, §9)
TREND_MONTHS = 12


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def figure_value(value):
    """A figure from a snapshot as a number for the workbook (None stays empty)."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return value
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() and "." not in str(value) else float(number)


def format_version(figures: dict) -> int:
    """2 when the figures hold the daily register's rows; a month locked before them stays 1."""
    return 2 if "A01" in figures else 1


def indicator_rows(figures: dict) -> list[tuple]:
    """The 指标 sheet's rows: those of the figures' 格式版本 (so a month locked as version 1 keeps
    its rows and its 数据校验码)."""
    codes = INDICATORS + (REGISTER_INDICATORS + GROWTH_INDICATORS if format_version(figures) == 2 else ())
    return [(code, name, figure_value(figures.get(code)), unit) for code, name, unit in codes]


def build_snapshot(db: Db, profiles: dict[str, PolicyProfile], month: str,
                   now: datetime | None = None) -> dict:
    d = load_month(db, profiles, month)
    figures = {**compute(d), **register_month(db, d.profile, month), **growth_month_figures(db, profiles, month)}
    c = d.centre
    now = now or datetime.now()
    rows = indicator_rows({k: _plain(v) for k, v in figures.items()})
    classes = [[cf.klass.name, cf.klass.class_type, cf.klass.capacity, "是" if cf.klass.is_puhui else "否", cf.enrolled,
                cf.caregivers, cf.needed, "达标" if cf.ratio_ok else "不达标", "超额" if cf.over else ""]
               for cf in class_figures(d)]
    progress = staff_training(d)
    class_names = {k.id: k.name for k in d.classes}
    staff = []
    for s in d.staff:
        certs = d.certs.get(s.id, [])
        caregiver = [x for x in certs if x.cert_type in ("保育师", "育婴员") and cert_valid_on(x, d.end)]
        health = [x for x in certs if x.cert_type == "健康证" and cert_valid_on(x, d.end)]
        p = progress[s.id]
        health_until = max((x.expires_on for x in health if x.expires_on), default=None)
        role = d.staff_role[s.id]
        staff.append([s.name, role, class_names.get(d.staff_class[s.id], ""), s.id_number, s.phone, s.hired_on.isoformat(),
                      "、".join(f"{x.cert_type}{x.level}" for x in caregiver) or ("未持证" if role == "保育人员" else ""),
                      health_until.isoformat() if health_until else ("长期" if health else "无"),
                      hours_number(p.professional), hours_number(p.professional_target), hours_number(p.ethics),
                      hours_number(p.ethics_target), "达标" if p.met else "未达标",
                      "有" if s.id in d.preservice else "无"])
    names = {s.id: s.name for s in d.staff}
    training = [[names[t.staff_id], t.trained_on.isoformat(), t.course, t.category, hours_number(t.hours),
                 "是" if t.is_preservice else "否", t.provider] for t in d.training]
    medical = []
    if d.agreement:
        a = d.agreement
        medical.append(["协议", a.institution, a.number, f"{a.valid_from.isoformat()}至{a.valid_to.isoformat()}",
                        a.health_guide, a.guide_phone])
    medical += [["指导", v.visited_on.isoformat(), v.guide, v.content, v.findings, "已整改" if v.follow_up_done else ""]
                for v in d.visits]
    value = d.profile.voucher.value_yuan
    vouchers = [[v.serial, v.child_name, v.child_id_number, v.guardian, v.phone, v.redeemed_on.isoformat(), v.days,
                 v.days * value] for v in d.vouchers_month]
    alerts = [[a.group, a.text] for a in collect_alerts(db, profiles, d.end)]
    trend_rows = [[m, e01, _plain(r01)] for m, e01, r01 in trend(db, month, TREND_MONTHS)]
    return {
        "format_version": FORMAT_VERSION, "month": month, "generated_at": now.strftime("%Y-%m-%d %H:%M:%S"),
        "software_version": __version__, "profile": d.profile.name, "month_end": d.end.isoformat(),
        "cover": {"机构名称": c.name, "统一社会信用代码": c.uscc, "备案编号": c.filing_no, "所属区县": c.district,
                  "所属镇街": c.town, "机构性质": c.nature, "是否普惠机构": "是" if c.is_puhui else "否",
                  "负责人": c.head, "填报人": c.reporter, "联系电话": c.reporter_phone or c.phone},
        "figures": {k: _plain(v) for k, v in figures.items()},
        "checksum": checksum(rows),
        "classes": classes, "staff": staff, "training": training, "medical": medical, "vouchers": vouchers,
        "alerts": alerts, "trend": trend_rows,
    }


def locked(db: Db, month: str):
    """The month's stored return (a row of ``locked_returns``), or None if it was not sent."""
    return as_db(db).first("locked_returns", ("month = ?", month))


ENDED, CURRENT, FUTURE = "ended", "current", "future"


def month_state(month: str, today: date) -> str:
    """Whether ``month`` has ended by ``today`` (only then can it be sent), is still running, or is yet to come."""
    start, end = Month.parse(month).bounds
    return ENDED if end < today else CURRENT if start <= today else FUTURE


def get_return(db: Db, profiles: dict[str, PolicyProfile], month: str, now: datetime | None = None, *,
               today: date) -> dict:
    """The locked snapshot of ``month`` if it was sent, else one computed now. The month still
    running gives a 预览 (``preview``); a month that has not begun is refused (SPEC §3)."""
    stored = locked(db, month)
    if stored is not None:
        snapshot = json.loads(stored.snapshot_json)
        snapshot["locked"] = True
        return snapshot
    state = month_state(month, today)
    if state == FUTURE:
        raise InputError([Problem("月份", f"{month}还没有开始（今天是{today.isoformat()}），不能生成月报")])
    snapshot = build_snapshot(db, profiles, month, now)
    if state == CURRENT:
        snapshot["preview"] = True
    return snapshot


def lock(session: Session, snapshot: dict, *, today: date) -> Changes:
    """已报送: keep this snapshot as the month's return. Only a month that has ended (SPEC §3)."""
    from ..store.models import LockedReturn, ReturnEvent

    month = snapshot["month"]
    if snapshot.get("preview") or month_state(month, today) != ENDED:
        raise InputError([Problem("月份", f"{month}还没有结束，不能锁定（报送）；本月的月报只能预览，"
                                          "月份结束后再生成并锁定")])
    if locked(session, month) is not None:
        raise InputError([Problem("月份", f"{month}已经锁定（已报送）")])
    now = datetime.now(timezone.utc)
    kept = {k: v for k, v in snapshot.items() if k not in ("locked", "preview")}
    session.add(LockedReturn(month=month, locked_at=now, checksum=snapshot["checksum"],
                             snapshot_json=json.dumps(kept, ensure_ascii=False, sort_keys=True)))
    session.add(ReturnEvent(month=month, action="锁定", at=now, checksum=snapshot["checksum"]))
    return Changes.of(f"{month}月报已锁定（已报送），校验码 {snapshot['checksum'][:12]}…", "settings")


def unlock(session: Session, month: str, reason: str) -> Changes:
    from sqlmodel import select

    from ..store.models import LockedReturn, ReturnEvent

    reason = (reason or "").strip()
    stored = session.exec(select(LockedReturn).where(LockedReturn.month == month)).first()
    if stored is None:
        raise InputError([Problem("月份", f"{month}没有锁定")])
    if not reason:
        raise InputError([Problem("解锁原因", "解锁已报送的月报必须填写原因")])
    session.add(ReturnEvent(month=month, action="解锁", at=datetime.now(timezone.utc), reason=reason,
                            checksum=stored.checksum))
    session.delete(stored)
    return Changes.of(f"{month}月报已解锁（原因：{reason}）", "settings")


def events(session: Session, month: str | None = None) -> list[ReturnEvent]:
    from sqlmodel import select

    from ..store.models import ReturnEvent

    query = select(ReturnEvent).order_by(ReturnEvent.at)
    if month:
        query = query.where(ReturnEvent.month == month)
    return list(session.exec(query))
