"""托育服务体验券: redeeming (rules of the profile), deleting with a reason, the monthly claim (申领)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlmodel import Session, select

from ..domain.ages import month_end
from ..domain.errors import InputError, Problem
from ..store.models import Child, VoucherRedemption
from .centre import centre_profile, get_centre
from .changes import Changes
from .children import roster
from .records.vouchers import days_used

__all__ = ["InputError", "Problem"]  # re-exported for the window


def child_values(session: Session, child_id: int) -> dict:
    """Prefill the redemption form from an enrolled child."""
    c = session.get(Child, child_id)
    return {"幼儿姓名": c.name, "身份证号": c.id_number or "", "监护人": c.guardian_name, "联系电话": c.guardian_phone}


def delete_redemption(session: Session, redemption_id: int, reason: str) -> Changes:
    """A redemption is never erased: it is marked deleted with the reason, and its serial stays used."""
    reason = (reason or "").strip()
    if not reason:
        raise InputError([Problem("删除原因", "删除体验券记录必须填写原因")])
    r = session.get(VoucherRedemption, redemption_id)
    if r.deleted_at is not None:
        raise InputError([Problem("删除原因", "这条记录已经删除过")])
    r.deleted_at = datetime.now(timezone.utc)
    r.delete_reason = reason
    session.add(r)
    return Changes.of(f"已删除体验券记录 {r.serial}（原因：{reason}）", "vouchers")


@dataclass(frozen=True)
class RedemptionRow:
    id: int
    serial: str
    child_name: str
    id_number: str
    guardian: str
    phone: str
    redeemed_on: date
    days: int
    enrolled: bool
    used_total: int
    deleted: bool
    delete_reason: str


def redemption_rows(session: Session, profile, include_deleted: bool = False) -> list[RedemptionRow]:
    rows = list(session.exec(select(VoucherRedemption).order_by(VoucherRedemption.redeemed_on.desc())))
    out = []
    for r in rows:
        if r.deleted_at is not None and not include_deleted:
            continue
        used = days_used(session, r.child_id_number, profile, r.redeemed_on)
        out.append(RedemptionRow(r.id, r.serial, r.child_name, r.child_id_number, r.guardian, r.phone, r.redeemed_on,
                                 r.days, r.child_id is not None, used, r.deleted_at is not None, r.delete_reason))
    return out


@dataclass(frozen=True)
class Claim:
    month: str
    value_yuan: int
    rows: list[VoucherRedemption]

    @property
    def days(self) -> int:
        return sum(r.days for r in self.rows)

    @property
    def children(self) -> int:
        return len({r.child_id_number for r in self.rows})

    @property
    def amount(self) -> int:
        return self.days * self.value_yuan


def month_bounds(month: str) -> tuple[date, date]:
    try:
        year, mon = (int(p) for p in month.split("-"))
        return date(year, mon, 1), month_end(year, mon)
    except (ValueError, TypeError):
        raise InputError([Problem("月份", f"“{month}”不是有效的月份（应为YYYY-MM，如2026-10）")]) from None


def monthly_claim(session: Session, profile, month: str) -> Claim:
    """申领: every redemption (not deleted) dated in the month; amount = visit-days × value."""
    start, end = month_bounds(month)
    rows = list(session.exec(select(VoucherRedemption).where(
        VoucherRedemption.redeemed_on >= start, VoucherRedemption.redeemed_on <= end,
        VoucherRedemption.deleted_at.is_(None)).order_by(VoucherRedemption.redeemed_on, VoucherRedemption.serial)))
    return Claim(month, profile.voucher.value_yuan, rows)


def enrolled_choices(session: Session, today: date) -> dict[str, int]:
    """The redemption form's list of enrolled children: “name（class）” → child id."""
    return {f"{r.name}（{r.class_name}）": r.id for r in roster(session, today)}


def redemption_page(session: Session, profiles, include_deleted: bool = False) -> list[RedemptionRow]:
    return redemption_rows(session, centre_profile(session, profiles), include_deleted)


@dataclass(frozen=True)
class ClaimFiles:
    centre_name: str
    stem: str  # the file name of the claim without its extension
    claim: "Claim"


def claim_for(session: Session, profiles, month: str) -> ClaimFiles:
    """The month's 申领 under the centre's profile, and the name its files are given."""
    centre = get_centre(session)
    claim = monthly_claim(session, centre_profile(session, profiles), month)
    return ClaimFiles(centre.name, f"{centre.uscc}_{centre.name}_{claim.month}_体验券申领表", claim)
