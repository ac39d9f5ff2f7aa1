"""从业人员 and their certificates: forms, lists by status, caregivers without a certificate."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from ..domain.errors import Collector
from ..domain.reader import RowReader
from ..domain.search import matches, search_key
from ..domain.staffing import cert_status, current_certificates, has_valid_caregiver_cert
from ..store.models import Certificate, SchoolClass, Staff
from .changes import Changes
from .children import context
from ..domain.periods import employed_on as employed
from ..store.periods import employed_on
from .records.base import form_values
from .records.staff import CertificateKind, StaffKind

STAFF = StaffKind()
CERT = CertificateKind()


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


def staff_rows(session: Session, today: date, include_left: bool = False) -> list[StaffRow]:
    classes = {c.id: c.name for c in session.exec(select(SchoolClass))}
    out = []
    for s in session.exec(select(Staff).order_by(Staff.name)):
        if not (employed(s, today) or include_left or s.hired_on > today):
            continue
        out.append(StaffRow(s.id, s.name, s.sex, s.id_number, s.role, classes.get(s.class_id, ""), s.hired_on,
                            s.left_on, s.phone, s.education, employed))
    return out


def staff_form_values(session: Session, staff: Staff) -> dict:
    klass = session.get(SchoolClass, staff.class_id) if staff.class_id else None
    return {"姓名": staff.name, "性别": staff.sex, "身份证号": staff.id_number, "岗位": staff.role,
            "所在班级": klass.name if klass else "", "入职日期": staff.hired_on.isoformat(),
            "离职日期": staff.left_on.isoformat() if staff.left_on else "", "联系电话": staff.phone,
            "学历": staff.education}


def check_staff_form(session: Session, values: dict, profiles, today: date, staff_id: int | None = None):
    ctx = context(session, profiles, today)
    errors = Collector()
    checked = STAFF.check(RowReader(form_values(values), errors, None, today), ctx)
    if staff_id is not None:
        current = session.get(Staff, staff_id)
        if checked.existing is not None and checked.existing.id != staff_id:
            errors.add("身份证号", f"与员工{checked.existing.name}的身份证号相同")
        checked.existing = current
    elif checked.existing is not None:
        errors.add("身份证号", f"已有此身份证号的员工：{checked.existing.name}（请在列表中编辑）")
    if checked.values.get("class_id") and checked.values.get("role") not in ("保育人员", ""):
        errors.add("所在班级", "只有保育人员需要填写所在班级")
    errors.raise_if_any()
    return checked, ctx


def save_staff(session: Session, values: dict, profiles, today: date, staff_id: int | None = None) -> Changes:
    checked, ctx = check_staff_form(session, values, profiles, today, staff_id)
    STAFF.save(session, checked, ctx)
    STAFF.finish(session, ctx)
    verb = "已保存" if staff_id else "已新增员工"
    return Changes(message=f"{verb} {checked.values['name']}", staff=True, classes=True)


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


def certificate_rows(session: Session, today: date, warn_days: int = 30, staff_id: int | None = None,
                     employed_only: bool = True) -> list[CertRow]:
    staff = {s.id: s for s in session.exec(select(Staff))}
    query = select(Certificate)
    if staff_id is not None:
        query = query.where(Certificate.staff_id == staff_id)
    elif employed_only:
        query = query.where(Certificate.staff_id.in_(
            [s.id for s in staff.values() if employed(s, today)]))
    certs = list(session.exec(query))
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


def uncertified_caregivers(session: Session, today: date) -> list[Staff]:
    """保育人员 employed today without a valid 保育师 or 育婴员 certificate (count as 未持证)."""
    carers = list(session.exec(select(Staff).where(Staff.role == "保育人员", employed_on(today)).order_by(Staff.name)))
    certs: dict[int, list[Certificate]] = {}
    for c in session.exec(select(Certificate).where(Certificate.staff_id.in_([s.id for s in carers]))):
        certs.setdefault(c.staff_id, []).append(c)
    return [s for s in carers if not has_valid_caregiver_cert(certs.get(s.id, []), today)]


def cert_form_values(cert: Certificate, staff: Staff) -> dict:
    iso = lambda d: d.isoformat() if d else ""
    return {"身份证号": staff.id_number, "姓名": staff.name, "证书类型": cert.cert_type, "等级": cert.level,
            "证书编号": cert.number, "发证机关": cert.issuer, "发证日期": iso(cert.issued_on), "有效期至": iso(cert.expires_on)}


def check_cert_form(session: Session, values: dict, profiles, today: date, cert_id: int | None = None):
    ctx = context(session, profiles, today)
    errors = Collector()
    checked = CERT.check(RowReader(form_values(values), errors, None, today), ctx)
    if cert_id is not None:
        checked.existing = session.get(Certificate, cert_id)
    elif checked.existing is not None:
        errors.add("证书编号", "该员工已有同一类型、同一编号（或同一发证日期）的证书")
    errors.raise_if_any()
    return checked, ctx


def save_certificate(session: Session, values: dict, profiles, today: date, cert_id: int | None = None) -> Changes:
    checked, ctx = check_cert_form(session, values, profiles, today, cert_id)
    CERT.save(session, checked, ctx)
    return Changes(message=f"已保存证书 {checked.values['cert_type']}", staff=True)


def delete_certificate(session: Session, cert_id: int) -> Changes:
    cert = session.get(Certificate, cert_id)
    session.delete(cert)
    return Changes(message=f"已删除证书 {cert.cert_type} {cert.number}", staff=True)
