"""托育服务体验券: redeeming (rules of the profile), deleting with a reason, the monthly claim (申领)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from ..domain.errors import InputError, Problem
from ..domain.month import Month
from ..store.plain import Db, as_db
from .centre import centre_profile, get_centre
from .changes import Changes
from .lookups import days_used

if TYPE_CHECKING:  # pragma: no cover
    from sqlmodel import Session

__all__ = ["InputError", "Problem"]  # re-exported for the window


def child_values(db: Db, child_id: int) -> dict:
    """Prefill the redemption form from an enrolled child."""
    c = as_db(db).get("children", child_id)
    return {"幼儿姓名": c.name, "身份证号": c.id_number or "", "监护人": c.guardian_name, "联系电话": c.guardian_phone}


def delete_redemption(session: Session, redemption_id: int, reason: str) -> Changes:
    """A redemption is never erased: it is marked deleted with the reason, and its serial stays used."""
    reason = (reason or "").strip()
    if not reason:
        raise InputError([Problem("删除原因", "删除体验券记录必须填写原因")])
    from ..store.models import VoucherRedemption

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


def redemption_rows(db: Db, profile, include_deleted: bool = False) -> list[RedemptionRow]:
    db = as_db(db)
    rows = db.rows("voucher_redemptions", order="redeemed_on DESC, id DESC")  # ties: newest first, as the index gave them
    out = []
    for r in rows:
        if r.deleted_at is not None and not include_deleted:
            continue
        used = days_used(db, r.child_id_number, profile, r.redeemed_on)
        out.append(RedemptionRow(r.id, r.serial, r.child_name, r.child_id_number, r.guardian, r.phone, r.redeemed_on,
                                 r.days, r.child_id is not None, used, r.deleted_at is not None, r.delete_reason))
    return out


@dataclass(frozen=True)
class Claim:
    month: str
    value_yuan: int
    rows: list  # rows of voucher_redemptions

    @property
    def days(self) -> int:
        return sum(r.days for r in self.rows)

    @property
    def children(self) -> int:
        return len({r.child_id_number for r in self.rows})

    @property
    def amount(self) -> int:
        return self.days * self.value_yuan


def monthly_claim(db: Db, profile, month: str) -> Claim:
    """申领: every redemption (not deleted) dated in the month; amount = visit-days × value."""
    start, end = Month.parse(month).bounds
    rows = as_db(db).rows("voucher_redemptions", ("redeemed_on >= ? AND redeemed_on <= ?", start, end),
                          "deleted_at IS NULL", order="redeemed_on, serial")
    return Claim(month, profile.voucher.value_yuan, rows)


def enrolled_choices(db: Db, today: date) -> dict[str, int]:
    """The redemption form's list of enrolled children: “name（class）” → child id."""
    from .children import roster

    return {f"{r.name}（{r.class_name}）": r.id for r in roster(db, today)}


def redemption_page(db: Db, profiles, include_deleted: bool = False) -> list[RedemptionRow]:
    db = as_db(db)
    return redemption_rows(db, centre_profile(db, profiles), include_deleted)


@dataclass(frozen=True)
class ClaimFiles:
    centre_name: str
    stem: str  # the file name of the claim without its extension
    claim: "Claim"


def claim_for(db: Db, profiles, month: str) -> ClaimFiles:
    """The month's 申领 under the centre's profile, and the name its files are given."""
    db = as_db(db)
    centre = get_centre(db)
    claim = monthly_claim(db, centre_profile(db, profiles), month)
    return ClaimFiles(centre.name, f"{centre.uscc}_{centre.name}_{claim.month}_体验券申领表", claim)
