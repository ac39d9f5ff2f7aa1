"""从业人员 and their certificates: forms, lists by status, caregivers without a certificate."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.errors import InputError, Problem
from ..domain.periods import employed_on as employed
from ..domain.policy import PolicyProfile
from ..domain.search import matches, search_key
from ..domain.staffing import (
    cert_status,
    current_certificates,
    has_valid_caregiver_cert,
)
from ..store.plain import BY_NAME, Db, as_db, in_
from ..store.spans import employed_on
from .centre import centre_profile
from .sheets import MASKED_NOTE, ListSheet


@dataclass(frozen=True)
class StaffRow:
    id: int
    name: str
    sex: str
    id_number: str
    role: str
    class_name: str
    hired_on: date
    left_on: date | None
    phone: str
    education: str
    employed: bool

    @property
    def search_text(self) -> str:
        """What the staff list's search box finds this person by."""
        return search_key(self.name, self.id_number, self.phone, self.role, self.class_name)


def search_staff(rows: list[StaffRow], query: str) -> list[StaffRow]:
    """The staff rows the search box shows for ``query`` (every word must appear)."""
    return [r for r in rows if matches(r.search_text, query)]


def staff_rows(db: Db, today: date, include_left: bool = False) -> list[StaffRow]:
    db = as_db(db)
    classes = {c.id: c.name for c in db.rows("classes", columns=("id", "name"))}
    out = []
    for s in db.rows("staff", order=BY_NAME):
        now = employed(s, today)
        if not (now or include_left or s.hired_on > today):
            continue
        out.append(StaffRow(s.id, s.name, s.sex, s.id_number, s.role, classes.get(s.class_id, ""), s.hired_on,
                            s.left_on, s.phone, s.education, now))
    return out




# certificates -------------------------------------------------------------------------------
@dataclass(frozen=True)
class CertRow:
    id: int
    staff_id: int
    staff_name: str
    role: str
    cert_type: str
    level: str
    number: str
    issuer: str
    issued_on: date | None
    expires_on: date | None
    status: str
    replaced: bool


def certificate_rows(db: Db, today: date, warn_days: int = 30, staff_id: int | None = None,
                     employed_only: bool = True) -> list[CertRow]:
    db = as_db(db)
    staff = {s.id: s for s in db.rows("staff")}
    if staff_id is not None:
        whose = (("staff_id = ?", staff_id),)
    elif employed_only:
        whose = (in_("staff_id", [s.id for s in staff.values() if employed(s, today)]),)
    else:
        whose = ()
    certs = db.rows("certificates", *whose)
    current = {id(c) for c in current_certificates(certs)}
    out = []
    for c in certs:
        s = staff[c.staff_id]
        if employed_only and staff_id is None and not employed(s, today):
            continue
        out.append(CertRow(c.id, s.id, s.name, s.role, c.cert_type, c.level, c.number, c.issuer, c.issued_on,
                           c.expires_on, cert_status(c, today, warn_days), id(c) not in current))
    order = {"已过期": 0, "即将到期": 1, "未生效": 2, "有效": 3}
    return sorted(out, key=lambda r: (r.replaced, order[r.status], r.expires_on or date.max, r.staff_name))


def uncertified_caregivers(db: Db, today: date) -> list:
    """保育人员 employed today without a valid 保育师 or 育婴员 certificate (count as 未持证), as rows of
    ``staff``."""
    db = as_db(db)
    carers = db.rows("staff", ("role = ?", "保育人员"), employed_on(today), order=BY_NAME)
    certs: dict[int, list] = {}
    for c in db.rows("certificates", in_("staff_id", [s.id for s in carers])):
        certs.setdefault(c.staff_id, []).append(c)
    return [s for s in carers if not has_valid_caregiver_cert(certs.get(s.id, []), today)]


@dataclass(frozen=True)
class StaffBasics:
    id: int
    name: str
    id_number: str
    role: str


def staff_basics(db: Db, staff_id: int) -> StaffBasics:
    s = as_db(db).get("staff", staff_id)
    if s is None:
        raise InputError([Problem("", "这名员工的档案已不存在（可能已被删除），请刷新列表")])
    return StaffBasics(s.id, s.name, s.id_number, s.role)


def employed_staff(db: Db, today: date) -> list[StaffBasics]:
    """Who is employed today, by name (the people a course can be registered for)."""
    return [StaffBasics(s.id, s.name, s.id_number, s.role)
            for s in as_db(db).rows("staff", employed_on(today), order=BY_NAME)]


def class_names(db: Db) -> tuple[str, ...]:
    return tuple(name for (name,) in as_db(db).values(f"SELECT name FROM classes ORDER BY {BY_NAME}"))


@dataclass(frozen=True)
class UncertifiedRow:
    id: int
    name: str
    hired_on: date


@dataclass(frozen=True)
class StaffPage:
    staff: list[StaffRow]
    warn_days: int
    certificates: list[CertRow]  # current ones (not replaced by a newer of the same type)
    uncertified: list[UncertifiedRow]


def staff_page(db: Db, profiles: dict[str, PolicyProfile], today: date, include_left: bool) -> StaffPage:
    """The 从业人员 page: the staff, every current certificate by status, caregivers without one."""
    db = as_db(db)
    warn = centre_profile(db, profiles).alerts.cert_warn_days
    return StaffPage(staff_rows(db, today, include_left), warn,
                     [c for c in certificate_rows(db, today, warn) if not c.replaced],
                     [UncertifiedRow(s.id, s.name, s.hired_on) for s in uncertified_caregivers(db, today)])


STAFF_HEADERS = ["姓名", "性别", "岗位", "所在班级", "入职日期", "身份证号", "联系电话", "学历", "离职日期"]


def staff_sheet(rows: list, full: bool = False) -> ListSheet:
    """从业人员 as exported: ID numbers and phones masked unless ``full``."""
    from ..domain.idnumbers import mask_id, mask_phone

    out = [[r.name, r.sex, r.role, r.class_name, r.hired_on, r.id_number if full else mask_id(r.id_number),
            r.phone if full else mask_phone(r.phone), r.education, r.left_on or ""] for r in rows]
    return ListSheet("从业人员", STAFF_HEADERS, out, "" if full else MASKED_NOTE)
