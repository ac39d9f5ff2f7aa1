"""培训: records, one course for many staff at once, and the year view against 64 + 32 课时."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..domain.errors import Collector
from ..domain.policy import PolicyProfile
from ..domain.reader import RowReader
from ..domain.staffing import TrainingProgress, training_progress
from ..store.plain import BY_NAME, Db, as_db
from ..store.spans import employed_on
from .centre import centre_profile
from .changes import Changes
from .sheets import ListSheet

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class YearRow:
    staff_id: int
    name: str
    role: str
    hired_on: date
    progress: TrainingProgress
    preservice: bool


YEAR_HEADERS = ["姓名", "岗位", "入职日期", "专业课时", "专业目标", "专业", "职业道德课时", "职业道德目标", "职业道德", "岗前培训"]


def year_sheet(rows: list[YearRow], year: int, as_of: date, note: str) -> ListSheet:
    """The year's table as exported: hours against the targets, 达标 or not, 岗前培训."""
    out = []
    for r in rows:
        p = r.progress
        out.append([r.name, r.role, r.hired_on, float(p.professional), float(p.professional_target),
                    "达标" if p.professional_met else "未达标", float(p.ethics), float(p.ethics_target),
                    "达标" if p.ethics_met else "未达标", "有" if r.preservice else "无"])
    return ListSheet(f"{year}年培训", YEAR_HEADERS, out, f"统计截至{as_of.isoformat()}。{note}")


def year_view(db: Db, profile: PolicyProfile, year: int, as_of: date) -> list[YearRow]:
    """Employed staff on ``as_of`` with their hours from 1 January of ``year`` to ``as_of``."""
    db = as_db(db)
    start = date(year, 1, 1)
    staff = db.rows("staff", employed_on(as_of), order=BY_NAME)
    records: dict[int, list[tuple[str, float]]] = {}
    for t in db.rows("training_records", ("trained_on >= ?", start), ("trained_on <= ?", as_of),
                     columns=("staff_id", "category", "hours")):
        records.setdefault(t.staff_id, []).append((t.category, t.hours))
    preservice = {staff_id for (staff_id,) in db.values("SELECT staff_id FROM training_records WHERE is_preservice = 1")}
    rule = profile.training
    return [YearRow(s.id, s.name, s.role, s.hired_on,
                    training_progress(records.get(s.id, []), s.hired_on, year, rule.professional_hours,
                                      rule.ethics_hours), s.id in preservice) for s in staff]


@dataclass(frozen=True)
class RecordRow:
    id: int
    staff_name: str
    trained_on: date
    course: str
    category: str
    hours: float
    is_preservice: bool
    provider: str


def record_rows(db: Db, year: int | None = None) -> list[RecordRow]:
    db = as_db(db)
    names = {s.id: s.name for s in db.rows("staff", columns=("id", "name"))}
    within = (("trained_on >= ? AND trained_on <= ?", date(year, 1, 1), date(year, 12, 31)),) if year else ()
    # newest first; on one day the latest entered first (as the index on trained_on gives them)
    return [RecordRow(t.id, names.get(t.staff_id, ""), t.trained_on, t.course, t.category, t.hours, t.is_preservice,
                      t.provider) for t in db.rows("training_records", *within, order="trained_on DESC, id DESC")]


def add_course_for_many(session: Session, staff_ids: list[int], values: dict, profiles, today: date) -> Changes:
    """One course everyone attended: a record for each chosen staff member, all or nothing."""
    from ..store.models import Staff
    from .forms import context
    from .records import KINDS
    from .records.base import form_values

    kind = KINDS["training"]
    ctx = context(session, profiles, today)
    errors = Collector()
    if not staff_ids:
        errors.add("参加人员", "请至少选择一名员工")
    checked_rows = []
    for staff_id in staff_ids:
        staff = session.get(Staff, staff_id)
        raw = {k: v for k, v in form_values(values).items() if k in kind.form_fields}
        raw["身份证号"] = staff.id_number
        row_errors = Collector()
        checked = kind.check(RowReader(raw, row_errors, None, today), ctx)
        if checked.existing is not None:
            row_errors.add("课程名称", f"{staff.name}在这一天已有同名同类别的培训记录")
        for p in row_errors.problems:
            if (p.field, p.message) not in {(q.field, q.message) for q in errors.problems}:
                errors.problems.append(p)
        checked_rows.append(checked)
    errors.raise_if_any()
    for checked in checked_rows:
        kind.save(session, checked, ctx)
    return Changes.of(f"已为{len(staff_ids)}名员工登记培训“{values.get('课程名称', '')}”", "training", "staff")


@dataclass(frozen=True)
class TrainingPage:
    year_rows: list
    records: list[RecordRow]


def training_page(db: Db, profiles: dict[str, PolicyProfile], year: int, as_of: date) -> TrainingPage:
    """The 培训 page: the year view against the centre's targets, and the year's records."""
    db = as_db(db)
    return TrainingPage(year_view(db, centre_profile(db, profiles), year, as_of), record_rows(db, year))
