"""培训: records, one course for many staff at once, and the year view against 64 + 32 课时."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from ..domain.errors import Collector
from ..domain.policy import PolicyProfile
from ..domain.reader import RowReader
from ..domain.staffing import TrainingProgress, training_progress
from ..store.models import Staff, TrainingRecord
from ..store.periods import employed_on
from .centre import centre_profile
from .changes import Changes
from .forms import context
from .records import KINDS
from .records.base import form_values

KIND = KINDS["training"]


@dataclass(frozen=True)
class YearRow:
    staff_id: int
    name: str
    role: str
    hired_on: date
    progress: TrainingProgress
    preservice: bool


def year_view(session: Session, profile: PolicyProfile, year: int, as_of: date) -> list[YearRow]:
    """Employed staff on ``as_of`` with their hours from 1 January of ``year`` to ``as_of``."""
    start = date(year, 1, 1)
    staff = list(session.exec(select(Staff).where(employed_on(as_of)).order_by(Staff.name)))
    records: dict[int, list[tuple[str, float]]] = {}
    for t in session.exec(select(TrainingRecord).where(TrainingRecord.trained_on >= start,
                                                       TrainingRecord.trained_on <= as_of)):
        records.setdefault(t.staff_id, []).append((t.category, t.hours))
    preservice = set(session.exec(select(TrainingRecord.staff_id).where(TrainingRecord.is_preservice == True)))  # noqa: E712
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


def record_rows(session: Session, year: int | None = None) -> list[RecordRow]:
    names = {s.id: s.name for s in session.exec(select(Staff))}
    query = select(TrainingRecord).order_by(TrainingRecord.trained_on.desc())
    if year:
        query = query.where(TrainingRecord.trained_on >= date(year, 1, 1), TrainingRecord.trained_on <= date(year, 12, 31))
    return [RecordRow(t.id, names.get(t.staff_id, ""), t.trained_on, t.course, t.category, t.hours, t.is_preservice,
                      t.provider) for t in session.exec(query)]


def add_course_for_many(session: Session, staff_ids: list[int], values: dict, profiles, today: date) -> Changes:
    """One course everyone attended: a record for each chosen staff member, all or nothing."""
    ctx = context(session, profiles, today)
    errors = Collector()
    if not staff_ids:
        errors.add("参加人员", "请至少选择一名员工")
    checked_rows = []
    for staff_id in staff_ids:
        staff = session.get(Staff, staff_id)
        raw = {k: v for k, v in form_values(values).items() if k in KIND.form_fields}
        raw["身份证号"] = staff.id_number
        row_errors = Collector()
        checked = KIND.check(RowReader(raw, row_errors, None, today), ctx)
        if checked.existing is not None:
            row_errors.add("课程名称", f"{staff.name}在这一天已有同名同类别的培训记录")
        for p in row_errors.problems:
            if (p.field, p.message) not in {(q.field, q.message) for q in errors.problems}:
                errors.problems.append(p)
        checked_rows.append(checked)
    errors.raise_if_any()
    for checked in checked_rows:
        KIND.save(session, checked, ctx)
    return Changes.of(f"已为{len(staff_ids)}名员工登记培训“{values.get('课程名称', '')}”", "training", "staff")


@dataclass(frozen=True)
class TrainingPage:
    year_rows: list
    records: list[RecordRow]


def training_page(session: Session, profiles: dict[str, PolicyProfile], year: int, as_of: date) -> TrainingPage:
    """The 培训 page: the year view against the centre's targets, and the year's records."""
    return TrainingPage(year_view(session, centre_profile(session, profiles), year, as_of), record_rows(session, year))
