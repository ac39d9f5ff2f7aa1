"""Small reads many services and record kinds share, on plain SQL (``store.plain``): no ORM import.

Each takes a ``Db`` or, from a change in progress, its ORM session (``as_db``).
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..domain.opendays import DayOverride, OpenDays
from ..domain.periods import ENROLMENT, PLACEMENT
from ..domain.register import Case
from ..store.plain import BY_NAME, Db, as_db, in_, where
from ..store.spans import agreement_valid_on, holds_on

if TYPE_CHECKING:  # pragma: no cover
    from ..domain.policy import PolicyProfile


def _in_class(class_id: int, day: date) -> tuple[str, list]:
    """FROM … WHERE: children (``c``) placed (``p``) in the class on ``day`` and enrolled that day."""
    clause, params = where([("p.class_id = ?", class_id), holds_on(PLACEMENT, day, "p."), holds_on(ENROLMENT, day, "c.")])
    return f"FROM children c JOIN placements p ON p.child_id = c.id WHERE {clause}", params


def enrolled_in_class(db: Db, class_id: int, day: date) -> int:
    """How many children are in the class on ``day``."""
    sql, params = _in_class(class_id, day)
    return as_db(db).values(f"SELECT count(*) {sql}", *params)[0][0]


def children_in_class(db: Db, class_id: int, day: date) -> list:
    """The children in the class on ``day``, by name (rows of ``children``)."""
    db = as_db(db)
    sql, params = _in_class(class_id, day)
    return db.rows("children", in_("id", [r[0] for r in db.values(f"SELECT c.id {sql}", *params)]), order=BY_NAME)


def load_calendar(db: Db) -> OpenDays:
    """The open/closed days the centre set against the national calendar (SPEC §8)."""
    db = as_db(db)
    return OpenDays({o.day: DayOverride(o.is_open, o.note) for o in db.rows("open_day_overrides")})


def as_case(c) -> Case:
    return Case(c.child_id, c.disease, c.onset_on, c.diagnosed_on, c.reported_on, c.returned_on, c.return_certificate)


def load_cases(db: Db, child_ids=None) -> list[Case]:
    db = as_db(db)
    conditions = () if child_ids is None else (in_("child_id", child_ids),)
    return [as_case(c) for c in db.rows("disease_cases", *conditions)]


def agreement_on(db: Db, day: date):
    """The 医育结合 agreement valid on ``day`` (the newest if a renewal overlaps), or None."""
    return as_db(db).first("agreements", agreement_valid_on(day), order="valid_from DESC")


def voucher_period(profile: PolicyProfile, day: date) -> tuple[date, date] | None:
    """The span within which a child's 体验券 visits count against the cap (None: lifetime)."""
    if profile.voucher.period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    return None


def days_used(db: Db, id_number: str, profile: PolicyProfile, day: date, exclude_serial: str | None = None) -> int:
    """The visit-days of the child's 体验券 redemptions (not deleted) in the period of ``day``."""
    conditions = [("child_id_number IS ?", id_number), "deleted_at IS NULL"]
    period = voucher_period(profile, day)
    if period:
        conditions.append(("redeemed_on >= ? AND redeemed_on <= ?", *period))
    if exclude_serial:
        conditions.append(("serial != ?", exclude_serial))
    clause, params = where(conditions)
    return as_db(db).values(f"SELECT coalesce(sum(days), 0) FROM voucher_redemptions WHERE {clause}", *params)[0][0]
