"""The 首页 figures: what the centre looks like today."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, func, select

from ..store.models import Child, SchoolClass, Staff
from ..store.periods import class_open_on, employed_on, enrolled_on
from .centre import get_centre


@dataclass(frozen=True)
class Overview:
    centre_name: str
    policy_profile: str
    children_enrolled: int
    classes_open: int
    capacity: int
    staff_employed: int
    centre_complete: bool  # name and credit code filled in


def overview(session: Session, today: date) -> Overview:
    centre = get_centre(session)
    count = lambda model, cond: session.exec(select(func.count()).select_from(model).where(cond)).one()
    capacity = session.exec(select(func.coalesce(func.sum(SchoolClass.capacity), 0)).where(class_open_on(today))).one()
    return Overview(
        centre_name=centre.name, policy_profile=centre.policy_profile,
        children_enrolled=count(Child, enrolled_on(today)), classes_open=count(SchoolClass, class_open_on(today)),
        capacity=capacity, staff_employed=count(Staff, employed_on(today)),
        centre_complete=bool(centre.name and centre.uscc),
    )
