"""幼儿: enrolment with every rule of SPEC §2 (ID number, age band, class places, dates)."""
from __future__ import annotations

from collections import defaultdict

from sqlmodel import Session, select

from ...domain.ages import completed_months
from ...domain.choices import (
    CARE_TYPES,
    HARDSHIP_CATEGORIES,
    LEAVE_REASONS,
    SEXES,
    YES_NO,
)
from ...domain.classes import age_problem, fits_class
from ...domain.errors import Collector
from ...domain.formatting import fen_to_yuan, yuan_to_fen
from ...domain.idnumbers import check_id_against
from ...domain.periods import PLACEMENT
from ...domain.reader import RowReader
from ...store.models import Child, Placement, SchoolClass
from .base import ADDED, UPDATED, Checked, Column, Context, RecordKind, upsert


def find_child(ctx: Context, id_number: str | None, name: str, birth, phone: str) -> Child | None:
    """The stored child with this ID number; without one, the same name + birth date + phone."""
    if id_number:
        return ctx.children_by_id().get(id_number)
    if name and birth:
        return ctx.children_without_id().get((name, birth, phone))
    return None


class ChildKind(RecordKind):
    key = "children"
    title = "幼儿"
    sheet = "幼儿"
    identity_label = "身份证号"
    columns = (
        Column("姓名", True, example="王子涵"),
        Column("性别", True, "choice", SEXES, "须与身份证号第17位一致", "男"),
        Column("出生日期", True, "date", note="须与身份证号中的出生日期一致", example="2024-05-01",
               hint="如 2025-03-01"),
        Column("身份证号", False, "id", note="18位；尚未落户的可暂不填。请把该列设为文本，避免Excel改成科学计数法",
               example="32040220240501001X", width=22, hint="尚未落户可空"),
        Column("班级", True, note="已有班级的名称", example="托小一班"),
        Column("入托日期", True, "date", note="入托时的月龄须符合班型；未满6个月或满36个月不能入托",
               example="2025-09-01"),
        Column("托育形式", True, "choice", CARE_TYPES, example="全日托"),
        Column("月收费", False, "number", note="元/月", example="2800", hint="元/月"),
        Column("是否普惠", False, "yesno", YES_NO, "不填时按班级是否普惠", "是", hint="空：按班级"),
        Column("困境类别", False, "choice", HARDSHIP_CATEGORIES, "困境婴幼儿才填"),
        Column("监护人姓名", False, example="王建国"),
        Column("监护人电话", False, "phone", note="11位手机号或带区号的固定电话", example="13812345678"),
        Column("入托体检日期", False, "date", example="2025-08-25"),
        Column("接种证查验日期", False, "date", note="应在入托后30天内查验", example="2025-09-03", hint="入托后30天内"),
        Column("离托日期", False, "date", note="已离托的幼儿才填"),
        Column("离托原因", False, "choice", LEAVE_REASONS, "填写离托日期时必填"),
        Column("体检结果", False, example="合格"),
        Column("已查验儿童保健手册", False, "yesno", YES_NO, example="是", widget="check", hint="已查验"),
        Column("需补种", False, "yesno", YES_NO, "预防接种证查验后需要补种的填“是”（须在12月31日前复查）", "否",
               widget="check", hint="需补种（12月31日前复查）"),
        Column("备注", False, width=30),
    )
    optional_fields = {
        "id_number": "身份证号", "monthly_fee_fen": "月收费", "is_puhui": "是否普惠", "hardship_category": "困境类别",
        "guardian_name": "监护人姓名", "guardian_phone": "监护人电话", "health_check_on": "入托体检日期",
        "vaccination_checked_on": "接种证查验日期", "left_on": "离托日期", "leave_reason": "离托原因",
        "health_check_result": "体检结果", "handbook_seen": "已查验儿童保健手册", "needs_catch_up": "需补种",
        "notes": "备注",
    }
    model = Child
    area = "children"
    also_touches = ("classes",)
    # 身份证号 first: typed in, it fills 性别 and 出生日期 (the Tab order follows this)
    form_fields = ("身份证号", "姓名", "性别", "出生日期", "入托日期", "班级", "托育形式", "月收费", "是否普惠", "困境类别",
                   "监护人姓名", "监护人电话", "入托体检日期", "体检结果", "已查验儿童保健手册", "接种证查验日期", "需补种",
                   "备注")
    form_width = 24

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        name = r.name("姓名", True)
        sex = r.choice("性别", SEXES, True)
        birth = r.date("出生日期", True, not_future=True)
        info = r.id_number("身份证号")
        if info:
            for field, message in check_id_against(info, birth, sex or None):
                r.problem(field, message)
        class_name = r.text("班级", True)
        klass = ctx.classes_by_name().get(class_name) if class_name else None
        if class_name and klass is None:
            r.problem("班级", f"没有名为“{class_name}”的班级（请先新建或导入班级）")
        enrolled = r.date("入托日期", True)
        care = r.choice("托育形式", CARE_TYPES, True)
        fee = r.decimal("月收费", unit="元")
        puhui = r.yes_no("是否普惠", default=None)
        hardship = r.choice("困境类别", HARDSHIP_CATEGORIES)
        guardian = r.name("监护人姓名")
        phone = r.phone("监护人电话")
        health = r.date("入托体检日期", not_future=True)
        vaccination = r.date("接种证查验日期", not_future=True)
        left = r.date("离托日期")
        reason = r.choice("离托原因", LEAVE_REASONS)
        result = r.text("体检结果")
        handbook = r.yes_no("已查验儿童保健手册", default=False)
        catch_up = r.yes_no("需补种", default=False)
        notes = r.text("备注")

        if birth and enrolled:
            if enrolled < birth:
                r.problem("入托日期", "早于出生日期")
            else:
                months = completed_months(birth, enrolled)
                general = age_problem(months)
                if general:
                    r.problem("入托日期", f"入托时{general}")
                elif klass is not None:
                    problem = fits_class(klass.class_type, months, ctx.profile)
                    if problem:
                        r.problem("班级", problem)
        if klass is not None and enrolled:
            if klass.opened_on and enrolled < klass.opened_on:
                r.problem("入托日期", f"{klass.name}于{klass.opened_on.isoformat()}开班，入托日期不能更早")
            if klass.closed_on and enrolled >= klass.closed_on:
                r.problem("班级", f"{klass.name}已于{klass.closed_on.isoformat()}停班")
        for field, value in (("入托体检日期", health), ("接种证查验日期", vaccination)):
            if value and birth and value < birth:
                r.problem(field, "早于出生日期")
        if left and enrolled and left < enrolled:
            r.problem("离托日期", "早于入托日期")
        if left and not reason:
            r.problem("离托原因", "填写了离托日期时必须填写离托原因")
        if reason and not left:
            r.problem("离托日期", "填写了离托原因时必须填写离托日期")

        number = info.number if info else None
        existing = find_child(ctx, number, name, birth, phone)
        if existing is not None and klass is not None:
            placements = ctx.placements_by_child().get(existing.id, [])
            if len(placements) > 1 and placements[-1].class_id != klass.id:
                r.problem("班级", "该幼儿已有转班记录，再次转班请在窗口中办理（需要转班日期）")
        values = dict(
            name=name, sex=sex, birth_date=birth, id_number=number, care_type=care,
            monthly_fee_fen=None if fee is None else yuan_to_fen(fee),
            is_puhui=(klass.is_puhui if klass is not None else False) if puhui is None else puhui,
            hardship_category=hardship, guardian_name=guardian, guardian_phone=phone, enrolled_on=enrolled,
            health_check_on=health, vaccination_checked_on=vaccination, left_on=left, leave_reason=reason,
            health_check_result=result, handbook_seen=bool(handbook), needs_catch_up=bool(catch_up), notes=notes,
        )
        return Checked(r.row, values, existing, {"class": klass})

    def identity(self, checked: Checked):
        v = checked.values
        return v["id_number"] or (v["name"], v["birth_date"], v["guardian_phone"])

    def check_all(self, rows: list[Checked], ctx: Context, errors: Collector) -> None:
        """A class may not hold more children than its 核定人数 on any enrolment date."""
        by_class: dict[int, list[Checked]] = defaultdict(list)
        for c in rows:
            klass = c.extra.get("class")
            if klass is not None and klass.id is not None and c.values["enrolled_on"]:
                by_class[klass.id].append(c)
        if not by_class:
            return
        updated_ids = {c.existing.id for c in rows if c.existing is not None}
        stored = ctx.session.exec(
            select(Placement, Child).join(Child, Child.id == Placement.child_id)
            .where(Placement.class_id.in_(list(by_class)))).all()
        stored_spans: dict[int, list[tuple]] = defaultdict(list)
        for p, ch in stored:
            if ch.id not in updated_ids:
                ends = [d for d in (p.end_on, ch.left_on) if d]
                stored_spans[p.class_id].append((p.start_on, min(ends) if ends else None))
        for class_id, members in by_class.items():
            klass = members[0].extra["class"]
            spans = list(stored_spans[class_id])
            spans += [(m.values["enrolled_on"], m.values["left_on"]) for m in members]
            for m in members:
                day = m.values["enrolled_on"]
                count = sum(1 for start, end in spans if start <= day and (end is None or end > day))
                if count > klass.capacity:
                    errors.add("班级", f"{klass.name}在{day.isoformat()}将有{count}人，超过核定人数{klass.capacity}人",
                               m.row)

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        klass = checked.extra["class"]
        child, action = upsert(session, Child, checked.existing, self.values_to_store(checked))
        checked.extra["record"] = child
        placements = ctx.placements_by_child().get(child.id, []) if child.id is not None else []
        if not placements:  # a new child: its placement is added once the ids are known (finish)
            ctx.cached("new_placements", list).append((child, klass))
            return action
        first, last = placements[0], placements[-1]
        moved = False
        if len(placements) == 1 and first.class_id != klass.id:
            first.class_id, moved = klass.id, True  # a correction of the class entered at enrolment
        if first.start_on != child.enrolled_on:
            first.start_on, moved = child.enrolled_on, True
        if last.end_on != child.left_on and (child.left_on or last.end_on):
            last.end_on, moved = child.left_on, True
        if moved:
            session.add_all(placements)
            return action if action == ADDED else UPDATED
        return action

    def form_values(self, child: Child, ctx: Context) -> dict:
        placements = ctx.placements_by_child().get(child.id, [])
        now = [p for p in placements if PLACEMENT.holds_on(p, ctx.today)]
        placement = now[-1] if now else (placements[-1] if placements else None)  # after leaving: the last class
        klass = ctx.session.get(SchoolClass, placement.class_id) if placement else None
        fee = fen_to_yuan(child.monthly_fee_fen)
        iso = lambda d: d.isoformat() if d else ""
        return {
            "姓名": child.name, "性别": child.sex, "出生日期": iso(child.birth_date), "身份证号": child.id_number or "",
            "班级": klass.name if klass else "", "入托日期": iso(child.enrolled_on), "托育形式": child.care_type,
            "月收费": "" if fee is None else f"{fee:.2f}".rstrip("0").rstrip("."),
            "是否普惠": "是" if child.is_puhui else "否",
            "困境类别": child.hardship_category, "监护人姓名": child.guardian_name, "监护人电话": child.guardian_phone,
            "入托体检日期": iso(child.health_check_on), "体检结果": child.health_check_result,
            "已查验儿童保健手册": child.handbook_seen, "接种证查验日期": iso(child.vaccination_checked_on),
            "需补种": child.needs_catch_up, "备注": child.notes,
        }

    def duplicate_problem(self, existing: Child, editing: bool):
        # a new child's possible duplicate is asked about when saving (services.children.save_child)
        return ("身份证号", f"与已登记的幼儿{existing.name}的身份证号相同") if editing else None

    def form_checks(self, checked: Checked, ctx: Context, errors: Collector, current) -> None:
        if current is not None:
            placements = ctx.placements_by_child().get(current.id, [])
            klass = checked.extra.get("class")
            if len(placements) > 1 and klass is not None and placements[-1].class_id != klass.id:
                errors.add("班级", "已有转班记录的幼儿请用“转班”更换班级")
        if not errors:
            self.check_all([checked], ctx, errors)

    def saved_message(self, values: dict, added: bool) -> str:
        return f"{'已登记入托' if added else '已保存'} {values['name']}"

    def deleted_message(self, child: Child) -> str:
        return f"已删除 {child.name}"

    def delete(self, session: Session, record: Child, ctx: Context) -> None:
        """A child with money on the books is not deleted: the bills and receipts must keep whose they are."""
        from ...domain.errors import InputError, Problem
        from ..bills import has_money

        if has_money(session, record.id):
            raise InputError([Problem("", f"{record.name}已有收费单或收款记录，不能删除（收费账目要保留是谁的）；"
                                          "不再来园请登记离托")])
        super().delete(session, record, ctx)

    def finish(self, session: Session, ctx: Context) -> None:
        pending = ctx.cached("new_placements", list)
        if not pending:
            return
        session.flush()
        session.add_all([Placement(child_id=child.id, class_id=klass.id, start_on=child.enrolled_on,
                                   end_on=child.left_on) for child, klass in pending])
        pending.clear()
