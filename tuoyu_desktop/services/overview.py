"""The 首页 figures: what the centre looks like today."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..store.plain import Db, as_db, where
from ..store.spans import class_open_on, employed_on, enrolled_on
from .centre import get_centre
from .safety import injuries_in_month


@dataclass(frozen=True)
class Overview:
    centre_name: str
    policy_profile: str
    children_enrolled: int
    classes_open: int
    capacity: int
    staff_employed: int
    injuries_this_month: int  # 伤害登记 of the month so far (SPEC §12)
    centre_complete: bool  # name and credit code filled in


def _one(db: Db, what: str, table: str, condition) -> int:
    clause, params = where([condition])
    return db.values(f"SELECT {what} FROM {table} WHERE {clause}", *params)[0][0]


def overview(db: Db, today: date) -> Overview:
    db = as_db(db)
    centre = get_centre(db)
    return Overview(
        centre_name=centre.name, policy_profile=centre.policy_profile,
        children_enrolled=_one(db, "count(*)", "children", enrolled_on(today)),
        classes_open=_one(db, "count(*)", "classes", class_open_on(today)),
        capacity=_one(db, "coalesce(sum(capacity), 0)", "classes", class_open_on(today)),
        staff_employed=_one(db, "count(*)", "staff", employed_on(today)),
        injuries_this_month=injuries_in_month(db, today),
        centre_complete=bool(centre.name and centre.uscc),
    )
