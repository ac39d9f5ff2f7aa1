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
from .sheets import ListSheet


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

    @property
    def state(self) -> str:
        """开班 / 已停班（日期）/ 未开班, with 超额 when more children than places."""
        state = "开班" if self.open else (f"已停班（{self.closed_on.isoformat()}）" if self.closed_on else "未开班")
        return state + ("，超额" if self.over_capacity else "")

    def values(self) -> tuple:
        """The row as the 班级 page and its export show it (CLASS_HEADERS)."""
        return (self.name, self.class_type, self.capacity, self.enrolled, self.free, self.caregivers,
                self.caregivers_needed, self.ratio, "达标" if self.ratio_ok else "不达标", "是" if self.is_puhui else "否",
                self.state)


CLASS_HEADERS = ["班级名称", "班型", "核定人数", "在托", "空位", "保育人员", "应配", "师幼比标准", "师幼比", "普惠", "状态"]


def class_sheet(rows: list[ClassRow]) -> ListSheet:
    """The 班级 list as exported (the rows shown, in their order)."""
    return ListSheet("班级", CLASS_HEADERS, [list(r.values()) for r in rows])


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
