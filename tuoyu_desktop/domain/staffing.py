"""Certificates and training rules for staff (SPEC §2; 天宁区 plan, task 12)."""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Iterable, Protocol

from .choices import CAREGIVER_CERTS, CAREGIVER_LEVELS, OLD_LEVEL_NAMES
from .periods import CERTIFICATE

VALID, EXPIRING, EXPIRED, NOT_YET = "有效", "即将到期", "已过期", "未生效"
TRAINING_SOURCE = "天宁区普惠托育服务三年行动实施方案（2023-2025年）"
PRORATION_RULE = ("年中入职的，按入职后剩余的整月数折算：全年目标 × 整月数 ÷ 12，再向上取到0.5课时"
                  "（1日入职当月算整月，如3月1日入职为10个月、3月15日入职为9个月；"
                  "2月1日入职为11个月：专业64 × 11 ÷ 12 = 58.7，取59课时，职业道德29.3，取29.5课时）。")


LEVEL_SOURCE = "保育师、育婴员国家职业技能标准"
_LEVELS = {**{name: name for name in CAREGIVER_LEVELS},
           **{f"{i}级": level for i, level in zip((5, 4, 3, 2, 1), CAREGIVER_LEVELS)},
           **{old: level for old, level in zip(OLD_LEVEL_NAMES, CAREGIVER_LEVELS)},
           **{old + "工": level for old, level in zip(OLD_LEVEL_NAMES[:3], CAREGIVER_LEVELS)}}


def certificate_level(cert_type: str, text: str) -> str:
    """The level to store for a certificate: for 保育师 and 育婴员 the one spelling 五级 … 一级 (older
    certificates say 初级/中级/高级/技师/高级技师, or both as in 四级/中级工); any other type keeps
    what is written. Raises ValueError (Chinese) for a 保育师/育婴员 level that is none of these."""
    written = (text or "").strip().strip("\u3000").strip()
    if not written or cert_type not in CAREGIVER_CERTS:
        return written
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", written))
    compact = re.sub(r"^(国家职业资格|职业技能等级)", "", compact)
    parts = [p for p in re.split(r"[/、（）()]", compact) if p]
    found = {_LEVELS.get(p) for p in parts}
    if parts and None not in found and len(found) == 1:
        return found.pop()
    raise ValueError(f"“{written}”不是{cert_type}的等级：应为五级…一级，或旧称初级…高级技师（{LEVEL_SOURCE}）")


class CertLike(Protocol):
    staff_id: int
    cert_type: str
    issued_on: date | None
    expires_on: date | None


def cert_valid_on(cert: CertLike, day: date) -> bool:
    """Valid on D: issued on or before D (or no issue date) and no expiry or expiry ≥ D."""
    return CERTIFICATE.holds_on(cert, day)


def cert_status(cert: CertLike, day: date, warn_days: int = 30) -> str:
    if cert.issued_on is not None and cert.issued_on > day:
        return NOT_YET
    if cert.expires_on is None:
        return VALID
    if cert.expires_on < day:
        return EXPIRED
    if cert.expires_on <= day + timedelta(days=warn_days):
        return EXPIRING
    return VALID


def current_certificates(certs: Iterable[CertLike]) -> list[CertLike]:
    """Certificates not replaced by a later one of the same type for the same person.

    A 保育师 or 育婴员 certificate is replaced only by a later one of the same type that states its
    level (a 四级 by a 三级 on renewal or promotion); one saved without a level replaces nothing, so a
    certificate typed in without its 等级 never marks the real one "已被新证替代"."""
    def order(c):
        return (c.issued_on or date.min, c.expires_on or date.max)

    groups: dict[tuple[int, str], list[CertLike]] = {}
    others = []
    for c in certs:
        if c.cert_type == "其他":
            others.append(c)
        else:
            groups.setdefault((c.staff_id, c.cert_type), []).append(c)
    current = []
    for (_staff, cert_type), group in groups.items():
        if cert_type not in CAREGIVER_CERTS:
            current.append(max(group, key=order))
            continue
        levelled = [c for c in group if getattr(c, "level", "")]
        latest = max(levelled, key=order) if levelled else None
        current += [latest] if latest is not None else []
        current += [c for c in group if not getattr(c, "level", "") and (latest is None or order(c) > order(latest))]
    return current + others


def has_valid_caregiver_cert(certs: Iterable[CertLike], day: date) -> bool:
    return any(c.cert_type in CAREGIVER_CERTS and cert_valid_on(c, day) for c in certs)


def target_months(hired_on: date, year: int) -> int:
    """Whole months of ``year`` from the hire date on (12 if hired before the year)."""
    if hired_on.year < year:
        return 12
    if hired_on.year > year:
        return 0
    return 12 - hired_on.month + (1 if hired_on.day == 1 else 0)


def prorated_target(full_year: float, hired_on: date, year: int) -> Fraction:
    """The year's target for someone hired in it: by whole months left, rounded up to a half 课时
    (training is counted in half hours; a target of 58.67 would read as an error)."""
    exact = Fraction(str(full_year)) * target_months(hired_on, year) / 12
    return Fraction(math.ceil(exact * 2), 2)


@dataclass(frozen=True)
class TrainingProgress:
    professional: Fraction
    professional_target: Fraction
    ethics: Fraction
    ethics_target: Fraction

    @property
    def professional_met(self) -> bool:
        return self.professional >= self.professional_target

    @property
    def ethics_met(self) -> bool:
        return self.ethics >= self.ethics_target

    @property
    def met(self) -> bool:
        return self.professional_met and self.ethics_met


def training_progress(records: Iterable[tuple[str, float]], hired_on: date, year: int,
                      professional_full: float = 64, ethics_full: float = 32) -> TrainingProgress:
    """``records``: (category, hours) of one person in the year up to the chosen day."""
    done = {"专业": Fraction(0), "职业道德": Fraction(0)}
    for category, hours in records:
        done[category] = done.get(category, Fraction(0)) + Fraction(str(hours))
    return TrainingProgress(done["专业"], prorated_target(professional_full, hired_on, year),
                            done["职业道德"], prorated_target(ethics_full, hired_on, year))


def hours_number(value: Fraction | float) -> int | float:
    """Hours as a number for a workbook cell: 64, or 6.5 (one decimal, as hours_text shows it)."""
    number = round(float(value), 1)
    return int(number) if number == int(number) else number


def hours_text(value: Fraction | float) -> str:
    number = float(value)
    return f"{number:.1f}".rstrip("0").rstrip(".") if number != int(number) else str(int(number))
