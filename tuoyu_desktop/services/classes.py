"""班级 page: each class with its children, places, caregivers and whether the ratio holds."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.classes import caregivers_needed, ratio_text
from ..domain.periods import class_open_on
from ..domain.policy import PolicyProfile
from ..store.plain import BY_NAME, Db, as_db
from ..store.spans import employed_on
from .centre import centre_profile
from .children import roster
from .lookups import enrolled_in_class


@dataclass(frozen=True)
class ClassRow:
    id: int
    name: str
    class_type: str
    capacity: int
    enrolled: int
    free: int
    caregivers: int
    caregivers_needed: int
    ratio: str
    ratio_ok: bool
    is_puhui: bool
    open: bool
    opened_on: date | None
    closed_on: date | None

    @property
    def over_capacity(self) -> bool:
        return self.enrolled > self.capacity


def class_rows(db: Db, profile: PolicyProfile, today: date) -> list[ClassRow]:
    db = as_db(db)
    carers: dict[int, int] = {}
    for s in db.rows("staff", ("role = ?", "保育人员"), employed_on(today), columns=("class_id",)):
        if s.class_id is not None:
            carers[s.class_id] = carers.get(s.class_id, 0) + 1
    rows = []
    for c in db.rows("classes", order=BY_NAME):
        enrolled = enrolled_in_class(db, c.id, today)
        needed = caregivers_needed(enrolled, c.class_type, profile)
        is_open = class_open_on(c, today)
        rows.append(ClassRow(c.id, c.name, c.class_type, c.capacity, enrolled, c.capacity - enrolled,
                             carers.get(c.id, 0), needed, ratio_text(c.class_type, profile),
                             carers.get(c.id, 0) >= needed, c.is_puhui, is_open, c.opened_on, c.closed_on))
    return rows


def class_page(db: Db, profiles: dict[str, PolicyProfile], today: date) -> list[ClassRow]:
    """The 班级 page: every class under the centre's policy profile."""
    db = as_db(db)
    return class_rows(db, centre_profile(db, profiles), today)


def children_of_class(db: Db, class_name: str, today: date):
    return [r for r in roster(db, today) if r.class_name == class_name]
