"""从业人员, their certificates, and the commission's blacklist."""
from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from ...domain.ages import add_months
from ...domain.choices import (
    CAREGIVER_LEVELS,
    CERT_TYPES,
    OLD_LEVEL_NAMES,
    SEXES,
    STAFF_ROLES,
)
from ...domain.idnumbers import check_id_against, mask_id
from ...domain.reader import RowReader
from ...domain.staffing import certificate_level
from ...store.models import (
    BlacklistEntry,
    Certificate,
    SchoolClass,
    Staff,
    StaffAssignment,
)
from .base import Checked, Column, Context, RecordKind, upsert

ID_NOTE = "18位；请把该列设为文本，避免Excel改成科学计数法"


def blacklist_problem(entry: BlacklistEntry) -> str:
    parts = [f"原因：{entry.reason}" if entry.reason else "", f"发布单位：{entry.issuer}" if entry.issuer else "",
             f"日期：{entry.listed_on.isoformat()}" if entry.listed_on else ""]
    detail = "，".join(p for p in parts if p)
    return f"此人在从业禁止黑名单中，不能聘用（{detail or '黑名单未写明原因'}）"


def staff_for(r: RowReader, ctx: Context, id_field: str = "身份证号", name_field: str = "姓名") -> Staff | None:
    """The stored staff member a certificate or training row names by 身份证号 (name must agree)."""
    info = r.id_number(id_field, True)
    if info is None:
        return None
    staff = ctx.staff_by_id().get(info.number)
    if staff is None:
        r.problem(id_field, f"没有身份证号为{mask_id(info.number)}的员工（请先录入或导入从业人员）")
        return None
    name = r.name(name_field)
    if name and name != staff.name:
        r.problem(name_field, f"与员工档案中的姓名（{staff.name}）不一致")
    return staff


class StaffKind(RecordKind):
    key = "staff"
    title = "从业人员"
    sheet = "从业人员"
    identity_label = "身份证号"
    columns = (
        Column("姓名", True, example="陆文静"),
        Column("性别", False, "choice", SEXES, "填写时须与身份证号一致", "女"),
        Column("身份证号", True, "id", note=ID_NOTE, example="11010519491231002X", width=22),
        Column("岗位", True, "choice", STAFF_ROLES, example="保育人员"),
        Column("所在班级", False, note="保育人员所在班级的名称（用于师幼比）", example="托小一班", hint="保育人员填写"),
        Column("入职日期", True, "date", example="2024-03-01", hint="如 2024-03-01"),
        Column("离职日期", False, "date", note="已离职的才填", hint="离职时填写"),
        Column("联系电话", False, "phone", example="13912345678"),
        Column("学历", False, example="大专"),
    )
    optional_fields = {"sex": "性别", "class_id": "所在班级", "left_on": "离职日期", "phone": "联系电话",
                       "education": "学历"}
    model = Staff
    area = "staff"
    also_touches = ("classes",)  # a caregiver's class counts in its ratio
    form_fields = ("身份证号", "姓名", "性别", "岗位", "所在班级", "入职日期", "离职日期", "联系电话", "学历")

    def form_values(self, staff: Staff, ctx: Context) -> dict:
        klass = ctx.session.get(SchoolClass, staff.class_id) if staff.class_id else None
        return {"姓名": staff.name, "性别": staff.sex, "身份证号": staff.id_number, "岗位": staff.role,
                "所在班级": klass.name if klass else "", "入职日期": staff.hired_on.isoformat(),
                "离职日期": staff.left_on.isoformat() if staff.left_on else "", "联系电话": staff.phone,
                "学历": staff.education}

    def duplicate_problem(self, existing: Staff, editing: bool):
        if editing:
            return "身份证号", f"与员工{existing.name}的身份证号相同"
        return "身份证号", f"已有此身份证号的员工：{existing.name}（请在列表中编辑）"

    def form_checks(self, checked: Checked, ctx: Context, errors, current) -> None:
        if checked.values.get("class_id") and checked.values.get("role") not in ("保育人员", ""):
            errors.add("所在班级", "只有保育人员需要填写所在班级")

    def saved_message(self, values: dict, added: bool) -> str:
        return f"{'已新增员工' if added else '已保存'} {values['name']}"

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        name = r.name("姓名", True)
        sex = r.choice("性别", SEXES)
        info = r.id_number("身份证号", True)
        if info:
            for field, message in check_id_against(info, None, sex or None):
                r.problem(field, message)
        role = r.choice("岗位", STAFF_ROLES, True)
        class_name = r.text("所在班级")
        klass = ctx.classes_by_name().get(class_name) if class_name else None
        if class_name and klass is None:
            r.problem("所在班级", f"没有名为“{class_name}”的班级")
        hired = r.date("入职日期", True)
        left = r.date("离职日期")
        phone = r.phone("联系电话")
        education = r.text("学历")
        if hired and left and left < hired:
            r.problem("离职日期", "早于入职日期")
        number = info.number if info else None
        banned = ctx.blacklist().get(number) if number else None
        if banned is not None and left is None:
            r.problem("身份证号", blacklist_problem(banned))
        existing = ctx.staff_by_id().get(number) if number else None
        values = dict(name=name, sex=sex or (info.sex if info else ""), id_number=number, role=role,
                      class_id=klass.id if klass is not None else None, hired_on=hired, left_on=left,
                      phone=phone, education=education)
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        return checked.values["id_number"]

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        existing = checked.existing
        before = (existing.role, existing.class_id, existing.left_on) if existing is not None else None
        record, action = upsert(session, Staff, existing, self.values_to_store(checked))
        ctx.staff_by_id()[record.id_number] = record
        if before is None:  # the first post is added once the new id is known (finish)
            ctx.cached("new_staff", list).append(record)
        elif (record.role, record.class_id) != before[:2]:
            rehired = before[2] is not None and record.left_on is None
            change_post(session, record, before[:2], rehired, ctx)
        return action

    def finish(self, session: Session, ctx: Context) -> None:
        pending = ctx.cached("new_staff", list)
        if not pending:
            return
        session.flush()
        for st in pending:
            _add_post(session, ctx, st, st.role, st.class_id, st.hired_on)
        pending.clear()


def _add_post(session: Session, ctx: Context, staff: Staff, role: str, class_id: int | None, start: date) -> None:
    row = StaffAssignment(staff_id=staff.id, role=role, class_id=class_id, start_on=start, recorded_on=ctx.today)
    session.add(row)
    ctx.posts_by_staff().setdefault(staff.id, []).append(row)


def change_post(session: Session, staff: Staff, old: tuple[str, int | None], rehired: bool, ctx: Context) -> None:
    """``staff`` now holds ``staff.role`` / ``staff.class_id`` (having held ``old``): a move from
    today (from the new hiring date for someone re-hired), or, when the latest row was saved today,
    a correction of that row."""
    post = (staff.role, staff.class_id)
    rows = ctx.posts_by_staff().setdefault(staff.id, [])
    start = staff.hired_on if rehired else max(ctx.today, staff.hired_on)
    with session.no_autoflush:
        if not rows:  # stored before the history was kept: the old post held from hiring
            if start > staff.hired_on:
                _add_post(session, ctx, staff, *old, staff.hired_on)
            _add_post(session, ctx, staff, *post, start)
            return
        last = rows[-1]
        if last.recorded_on == ctx.today and not rehired:
            last.role, last.class_id = post
            session.add(last)
            if len(rows) > 1 and (rows[-2].role, rows[-2].class_id) == post:  # back to what it was
                session.delete(rows.pop())
            return
        for later in [r for r in rows if r.start_on >= start]:
            rows.remove(later)
            session.delete(later)
        if not rows or (rows[-1].role, rows[-1].class_id) != post:
            _add_post(session, ctx, staff, *post, start)


def default_expiry(cert_type: str, issued: date | None) -> date | None:
    """健康证 is renewed yearly: it expires a year after issue unless a date is entered."""
    if cert_type == "健康证" and issued:
        return add_months(issued, 12)
    return None


class CertificateKind(RecordKind):
    key = "certificates"
    title = "证书"
    sheet = "证书"
    identity_label = "身份证号+证书类型+证书编号"
    columns = (
        Column("身份证号", True, "id", note="员工的身份证号（员工须已录入）", example="11010519491231002X", width=22),
        Column("姓名", False, note="填写时须与员工档案一致", example="陆文静"),
        Column("证书类型", True, "choice", CERT_TYPES, example="保育师"),
        Column("等级", False, "combo", CAREGIVER_LEVELS,
               "保育师、育婴员证书的等级，统一存为五级…一级；旧证书写的" + "/".join(OLD_LEVEL_NAMES)
               + "（初级=五级…高级技师=一级）也可以填。其他证书有等级的照写", "四级",
               hint="保育师、育婴员填写（旧称中级等也可）"),
        Column("证书编号", False, "code", example="BYS20240001"),
        Column("发证机关", False, example="江苏省人力资源和社会保障厅"),
        Column("发证日期", False, "date", example="2024-06-01", hint="如 2025-06-01"),
        Column("有效期至", False, "date", note="长期有效的不填；健康证不填时按发证日期后一年",
               hint="长期有效不填；健康证不填为一年"),
    )
    model = Certificate
    area = "staff"
    form_fields = ("证书类型", "等级", "证书编号", "发证机关", "发证日期", "有效期至")

    def form_values(self, cert: Certificate, ctx: Context) -> dict:
        staff = ctx.session.get(Staff, cert.staff_id)
        iso = lambda d: d.isoformat() if d else ""
        return {"身份证号": staff.id_number, "姓名": staff.name, "证书类型": cert.cert_type, "等级": cert.level,
                "证书编号": cert.number, "发证机关": cert.issuer, "发证日期": iso(cert.issued_on),
                "有效期至": iso(cert.expires_on)}

    def duplicate_problem(self, existing, editing: bool):
        return "证书编号", "该员工已有同一类型、同一编号（或同一发证日期）的证书"

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已保存证书 {values['cert_type']}"

    def deleted_message(self, cert: Certificate) -> str:
        return f"已删除证书 {cert.cert_type} {cert.number}"

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        staff = staff_for(r, ctx)
        cert_type = r.choice("证书类型", CERT_TYPES, True)
        level = r.text("等级")
        try:
            level = certificate_level(cert_type, level)
        except ValueError as exc:
            r.problem("等级", str(exc))
        number = r.code("证书编号")
        issuer = r.text("发证机关")
        issued = r.date("发证日期", not_future=True)
        expires = r.date("有效期至")
        if issued and expires and expires < issued:
            r.problem("有效期至", "早于发证日期")
        if expires is None:
            expires = default_expiry(cert_type, issued)
        stored = ctx.cached("certificates", lambda: {
            (c.staff_id, c.cert_type, c.number or c.issued_on): c for c in ctx.session.exec(select(Certificate))})
        existing = stored.get((staff.id, cert_type, number or issued)) if staff is not None else None
        values = dict(staff_id=staff.id if staff else None, cert_type=cert_type, level=level, number=number,
                      issuer=issuer, issued_on=issued, expires_on=expires)
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        v = checked.values
        return (v["staff_id"], v["cert_type"], v["number"] or v["issued_on"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, Certificate, checked.existing, checked.values)[1]


class BlacklistKind(RecordKind):
    key = "blacklist"
    title = "黑名单"
    sheet = "黑名单"
    identity_label = "身份证号"
    columns = (
        Column("姓名", False, example="赵某某"),
        Column("身份证号", True, "id", note=ID_NOTE, example="11010519491231002X", width=22),
        Column("原因", False, example="虐待婴幼儿，终身禁入", width=30),
        Column("发布单位", False, example="常州市卫生健康委员会", width=22),
        Column("日期", False, "date", example="2025-01-10"),
    )
    model = BlacklistEntry
    area = "staff"

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        name = r.name("姓名")
        info = r.id_number("身份证号", True)
        reason = r.text("原因")
        issuer = r.text("发布单位")
        listed = r.date("日期")
        number = info.number if info else None
        existing = ctx.blacklist().get(number) if number else None
        values = dict(name=name, id_number=number, reason=reason, issuer=issuer, listed_on=listed)
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        return checked.values["id_number"]

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        record, action = upsert(session, BlacklistEntry, checked.existing, checked.values)
        ctx.blacklist()[record.id_number] = record
        return action
