"""The roster: enrolment through the form, leaving, moving class, and the follow-up lists."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..domain.ages import add_months, completed_months
from ..domain.choices import LEAVE_REASONS
from ..domain.classes import MAX_MONTHS, fits_class
from ..domain.errors import Collector, InputError, Problem
from ..domain.periods import class_open_on, enrolled_on
from ..domain.policy import PolicyProfile
from ..domain.reader import RowReader
from ..domain.search import matches, search_key
from ..store.plain import BY_NAME, Db, as_db, in_
from ..store.spans import placed_on
from .centre import centre_profile
from .changes import Changes
from .lookups import enrolled_in_class
from .sheets import MASKED_NOTE, ListSheet

if TYPE_CHECKING:
    from sqlmodel import Session

    from ..store.models import Child

VACCINATION_CHECK_DAYS = 30


def _kind():
    """The 幼儿 record kind (its registry imports the ORM: only the changes ask for it)."""
    from .records import KINDS

    return KINDS["children"]


class DuplicateChild(InputError):
    """The child is already registered (same 身份证号), or probably is (same name, birth, phone)."""

    def __init__(self, existing: Child, certain: bool, class_name: str = ""):
        self.existing_id = existing.id  # plain values: the session is gone once this is raised
        self.existing_name = existing.name
        self.certain = certain
        where = f"（{class_name}）" if class_name else ""
        if certain:
            message = f"身份证号已登记：{existing.name}{where}，入托日期{existing.enrolled_on.isoformat()}"
        else:
            message = (f"可能重复：已有同姓名、同出生日期、同监护人电话的幼儿{existing.name}{where}，"
                       "请确认是否是同一名幼儿")
        super().__init__([Problem("身份证号" if certain else "姓名", message)])


def class_on(db: Db, child_id: int, day: date):
    """The child's class on ``day`` (a row of ``classes``), else the last one it was in, or None."""
    db = as_db(db)
    placement = db.first("placements", ("child_id = ?", child_id), placed_on(day), order="start_on DESC")
    if placement is None:  # after leaving: the last class the child was in
        placement = db.first("placements", ("child_id = ?", child_id), order="start_on DESC")
    return db.get("classes", placement.class_id) if placement else None


def save_child(session: Session, values: dict, profiles: dict[str, PolicyProfile], today: date,
               child_id: int | None = None, confirmed_not_duplicate: bool = False) -> tuple[Child, Changes]:
    """入托登记 (child_id None) or 编辑: validate the whole form (services.forms), then store it; a new
    child who may already be registered is asked about first (``DuplicateChild``)."""
    from .forms import check_record

    kind = _kind()
    checked, ctx = check_record(session, kind.key, values, profiles, today, child_id)
    if child_id is None and checked.existing is not None:
        certain = bool(checked.values.get("id_number"))
        if certain or not confirmed_not_duplicate:
            klass = class_on(session, checked.existing.id, today)
            raise DuplicateChild(checked.existing, certain, klass.name if klass else "")
        checked.existing = None
    kind.save(session, checked, ctx)
    kind.finish(session, ctx)
    session.flush()
    child = checked.extra["record"]
    return child, Changes.of(kind.saved_message(checked.values, child_id is None), *kind.touches)


def leave(session: Session, child_id: int, left_on_text: str, reason: str, today: date) -> Changes:
    """离托: the date and reason; the child's records and past figures stay."""
    from sqlmodel import select

    from ..store.models import Child, Placement

    child = session.get(Child, child_id)
    errors = Collector()
    r = RowReader({"离托日期": left_on_text, "离托原因": reason}, errors, None, today)
    left = r.date("离托日期", True)
    reason = r.choice("离托原因", LEAVE_REASONS, True)
    if left and left < child.enrolled_on:
        errors.add("离托日期", f"早于入托日期{child.enrolled_on.isoformat()}")
    errors.raise_if_any()
    child.left_on, child.leave_reason = left, reason
    placements = session.exec(select(Placement).where(Placement.child_id == child_id)
                              .order_by(Placement.start_on)).all()
    for p in placements:
        if p.start_on >= left:
            errors.add("离托日期", f"该幼儿{p.start_on.isoformat()}才转入现在的班级，离托日期不能更早")
    errors.raise_if_any()
    if placements:
        placements[-1].end_on = left
        session.add(placements[-1])
    session.add(child)
    return Changes.of(f"已办理离托 {child.name}（{left.isoformat()}，{reason}）", *_kind().touches)


def move(session: Session, child_id: int, class_name: str, on_text: str, profiles: dict[str, PolicyProfile],
         today: date) -> Changes:
    """转班/升班 from a date: the old placement ends the day before, history is kept."""
    from sqlmodel import select

    from ..store.models import Child, Placement
    from .forms import context

    ctx = context(session, profiles, today)
    child = session.get(Child, child_id)
    errors = Collector()
    r = RowReader({"转班日期": on_text, "转入班级": class_name}, errors, None, today)
    day = r.date("转班日期", True)
    target = ctx.classes_by_name().get(class_name)
    if not class_name:
        errors.add("转入班级", "必填，不能为空")
    elif target is None:
        errors.add("转入班级", f"没有名为“{class_name}”的班级")
    errors.raise_if_any()
    current = session.exec(select(Placement).where(Placement.child_id == child_id)
                           .order_by(Placement.start_on.desc())).first()
    if child.left_on and day >= child.left_on:
        errors.add("转班日期", f"该幼儿已于{child.left_on.isoformat()}离托")
    if day <= child.enrolled_on or (current and day <= current.start_on):
        errors.add("转班日期", f"应晚于现在班级的起始日期{(current.start_on if current else child.enrolled_on).isoformat()}")
    if current and current.class_id == target.id:
        errors.add("转入班级", "与现在的班级相同")
    errors.raise_if_any()
    problem = fits_class(target.class_type, completed_months(child.birth_date, day), ctx.profile)
    if problem:
        errors.add("转入班级", problem)
    if target.closed_on and day >= target.closed_on:
        errors.add("转入班级", f"{target.name}已于{target.closed_on.isoformat()}停班")
    if enrolled_in_class(session, target.id, day) + 1 > target.capacity:
        errors.add("转入班级", f"{target.name}在{day.isoformat()}已满（核定{target.capacity}人）")
    errors.raise_if_any()
    current.end_on = day
    session.add(current)
    session.add(Placement(child_id=child_id, class_id=target.id, start_on=day, end_on=child.left_on))
    return Changes.of(f"已转班 {child.name} → {target.name}（{day.isoformat()}起）", *_kind().touches)


@dataclass(frozen=True)
class ClassChoice:
    name: str
    class_type: str
    free: int
    problem: str | None  # None: the child may go here


def class_choices(db: Db, profile: PolicyProfile, birth: date | None, day: date | None,
                  exclude_child: int | None = None) -> list[ClassChoice]:
    """Every open class with its free places on ``day`` and whether a child born ``birth`` fits."""
    db = as_db(db)
    out = []
    for klass in db.rows("classes", order=BY_NAME):
        if day and not class_open_on(klass, day):
            continue
        free = klass.capacity - (enrolled_in_class(db, klass.id, day) if day else 0)
        problem = None
        if birth and day:
            problem = fits_class(klass.class_type, completed_months(birth, day), profile)
        if problem is None and free <= 0:
            problem = f"{klass.name}已满（核定{klass.capacity}人）"
        out.append(ClassChoice(klass.name, klass.class_type, free, problem))
    return out


def enrolment_options(db: Db, profiles: dict[str, PolicyProfile], birth: date | None,
                      day: date | None) -> list[ClassChoice]:
    """The 入托登记 form's classes: every class open on ``day``, whether the child fits, its places."""
    db = as_db(db)
    return class_choices(db, centre_profile(db, profiles), birth, day)


@dataclass(frozen=True)
class ChildBasics:
    id: int
    name: str
    birth_date: date


def child_basics(db: Db, child_id: int) -> ChildBasics:
    child = as_db(db).get("children", child_id)
    if child is None:
        raise InputError([Problem("", "这名幼儿的档案已不存在（可能已被删除），请刷新列表")])
    return ChildBasics(child.id, child.name, child.birth_date)


def move_options(db: Db, profiles: dict[str, PolicyProfile], child_id: int, birth: date,
                 day: date | None, today: date) -> list[ClassChoice]:
    """The 转班 form's classes: those the child fits on ``day`` with a free place, other than its own."""
    db = as_db(db)
    current = class_on(db, child_id, day or today)
    return [c for c in class_choices(db, centre_profile(db, profiles), birth, day)
            if c.problem is None and (current is None or c.name != current.name)]


@dataclass(frozen=True)
class RosterRow:
    id: int
    name: str
    sex: str
    birth_date: date
    months: int
    id_number: str
    class_name: str
    class_type: str
    care_type: str
    enrolled_on: date
    left_on: date | None
    guardian_name: str
    guardian_phone: str
    is_puhui: bool
    hardship: str
    id_missing: bool

    @property
    def search_text(self) -> str:
        """What the roster's search box finds this child by."""
        return search_key(self.name, self.id_number, self.guardian_phone, self.guardian_name, self.class_name)


def search_roster(rows: list[RosterRow], query: str) -> list[RosterRow]:
    """The roster rows the search box shows for ``query`` (every word must appear)."""
    return [r for r in rows if matches(r.search_text, query)]


def roster(db: Db, today: date, include_left: bool = False) -> list[RosterRow]:
    """Children enrolled today (and, if asked, those who left), with their class today."""
    db = as_db(db)
    classes = {c.id: c for c in db.rows("classes")}
    staying = () if include_left else (("left_on IS NULL OR left_on > ?", today),)
    children = db.rows("children", *staying, order=BY_NAME)
    theirs = () if include_left else (in_("child_id", [c.id for c in children]),)
    current: dict[int, tuple] = {}
    for p in db.rows("placements", *theirs, order="start_on, id"):
        if p.start_on <= today or p.child_id not in current:
            current[p.child_id] = p
    rows = []
    for c in children:
        enrolled_now = enrolled_on(c, today)
        future = c.enrolled_on > today
        if not (enrolled_now or future or include_left):
            continue
        klass = classes.get(current[c.id].class_id) if c.id in current else None
        rows.append(RosterRow(c.id, c.name, c.sex, c.birth_date, completed_months(c.birth_date, today),
                              c.id_number or "", klass.name if klass else "", klass.class_type if klass else "",
                              c.care_type, c.enrolled_on, c.left_on, c.guardian_name, c.guardian_phone, c.is_puhui,
                              c.hardship_category, c.id_number is None))
    return rows


@dataclass(frozen=True)
class DueRow:
    id: int
    name: str
    class_name: str
    months_now: int
    due_on: date
    action: str  # 应升班 / 应离托（转入幼儿园）


def due_to_move(db: Db, profile: PolicyProfile, today: date, days: int = 30) -> list[DueRow]:
    """Children whose age passes their class band (or 36 months) now or within ``days``."""
    horizon = today + timedelta(days=days)
    out = []
    for row in roster(db, today):
        if row.enrolled_on > today:
            continue
        turns36 = add_months(row.birth_date, MAX_MONTHS)
        if turns36 <= horizon:
            out.append(DueRow(row.id, row.name, row.class_name, row.months, turns36, "应离托（转入幼儿园）"))
            continue
        if row.class_type and row.class_type != "混龄班":
            band_end = add_months(row.birth_date, profile.classes[row.class_type].max_months)
            if band_end <= horizon:
                out.append(DueRow(row.id, row.name, row.class_name, row.months, band_end, "应升班"))
    return sorted(out, key=lambda d: d.due_on)


@dataclass(frozen=True)
class HealthRow:
    id: int
    name: str
    class_name: str
    enrolled_on: date
    problem: str


def health_follow_up(db: Db, today: date) -> list[HealthRow]:
    """Enrolled children missing the admission check, the 接种证查验 within 30 days, or a 补种 re-check."""
    db = as_db(db)
    out = []
    rows = roster(db, today)
    children = {c.id: c for c in db.rows("children", in_("id", [r.id for r in rows]))}
    for row in rows:
        child = children[row.id]
        if child.enrolled_on > today:
            continue
        if child.health_check_on is None:
            out.append(HealthRow(row.id, row.name, row.class_name, row.enrolled_on, "缺入托体检"))
        deadline = child.enrolled_on + timedelta(days=VACCINATION_CHECK_DAYS)
        if child.vaccination_checked_on is None:
            late = "（已超过入托后30天）" if today > deadline else f"（应在{deadline.isoformat()}前）"
            out.append(HealthRow(row.id, row.name, row.class_name, row.enrolled_on, "未查验预防接种证" + late))
        elif child.vaccination_checked_on > deadline:
            out.append(HealthRow(row.id, row.name, row.class_name, row.enrolled_on,
                                 f"接种证查验晚于入托后30天（{child.vaccination_checked_on.isoformat()}）"))
        if child.needs_catch_up:
            out.append(HealthRow(row.id, row.name, row.class_name, row.enrolled_on,
                                 f"需补种，应在{today.year}-12-31前复查"))
    return out


@dataclass(frozen=True)
class ChildrenPage:
    roster: list[RosterRow]
    due: list
    health: list


def children_page(db: Db, profiles: dict[str, PolicyProfile], today: date,
                  include_left: bool = False) -> ChildrenPage:
    """The 幼儿 page: the roster, who is due to move up or leave, and whose admission health is open."""
    db = as_db(db)
    return ChildrenPage(roster(db, today, include_left=include_left),
                        due_to_move(db, centre_profile(db, profiles), today), health_follow_up(db, today))


ROSTER_HEADERS = ["姓名", "性别", "出生日期", "月龄", "班级", "托育形式", "入托日期", "身份证号", "监护人", "监护人电话", "状态"]


def roster_status(r: "RosterRow", today: date) -> str:
    """在托, 待入托（date）or 已离托（date）, as the roster and its export say it."""
    if r.left_on and r.left_on <= today:
        return f"已离托（{r.left_on.isoformat()}）"
    if r.enrolled_on > today:
        return f"待入托（{r.enrolled_on.isoformat()}）"
    return "在托" + ("，身份证号待补" if r.id_missing else "")


def roster_sheet(rows: list["RosterRow"], today: date, full: bool = False) -> ListSheet:
    """花名册 as exported: ID numbers and phones masked unless ``full``."""
    from ..domain.idnumbers import mask_id, mask_phone

    out = [[r.name, r.sex, r.birth_date, r.months, r.class_name, r.care_type, r.enrolled_on,
            r.id_number if full else mask_id(r.id_number), r.guardian_name,
            r.guardian_phone if full else mask_phone(r.guardian_phone), roster_status(r, today)] for r in rows]
    return ListSheet("幼儿花名册", ROSTER_HEADERS, out, "" if full else MASKED_NOTE)
