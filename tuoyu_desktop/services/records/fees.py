"""收费项目 (SPEC §11): the fee schedule, one dated row per price; a price change is a new row."""
from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from ...domain.choices import FEE_APPLIES, FEE_BASES, FEE_CARE_TYPES, FEE_CATEGORIES
from ...domain.fees import puhui_cap_problem
from ...domain.formatting import fen_to_yuan, yuan_to_fen
from ...domain.reader import RowReader
from ...store.models import FeeItem
from .base import Checked, Column, Context, RecordKind, upsert


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


class FeeKind(RecordKind):
    key = "fees"
    title = "收费项目"
    sheet = "收费项目"
    identity_label = "类别+名称+适用托育形式+适用+生效日期"
    columns = (
        Column("类别", True, "choice", FEE_CATEGORIES, "保育费/伙食费/其他服务费/代收费", "保育费"),
        Column("名称", True, example="保育费", note="如 保育费、伙食费、材料费、被褥费", hint="如 保育费、伙食费、材料费"),
        Column("适用托育形式", True, "choice", FEE_CARE_TYPES, "全日托/半日托/计时托/临时托/全部", "全日托"),
        Column("适用", False, "choice", FEE_APPLIES, "普惠/非普惠/全部（不填为全部）", "全部"),
        Column("计费方式", True, "choice", FEE_BASES,
               "每月：按开园日折算；每个开园日：预收（伙食费）；每次出勤：按上月出勤次数；入托一次性：入托当月收一次", "每月",
               hint="每月按开园日折算；伙食费一般为“每个开园日”"),
        Column("单价", True, "number", note="元，最多两位小数，不能为负数", example="2800", hint="元，如 2800 或 18.50"),
        Column("生效日期", True, "date", note="从这一天起按这个单价；调价请新增一行", example="2026-09-01",
               hint="调价请新增一行，不要改旧行"),
        Column("停用日期", False, "date", note="最后适用的一天；不填为一直有效", hint="最后适用的一天，可不填"),
    )
    model = FeeItem
    area = "fees"
    form_fields = ("类别", "名称", "适用托育形式", "适用", "计费方式", "单价", "生效日期", "停用日期")

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        category = r.choice("类别", FEE_CATEGORIES, True)
        name = r.text("名称", True)
        care_type = r.choice("适用托育形式", FEE_CARE_TYPES, True)
        applies = r.choice("适用", FEE_APPLIES) or "全部"
        basis = r.choice("计费方式", FEE_BASES, True)
        price = r.decimal("单价", True, places=2, minimum=None, unit="元")
        if price is not None and price < 0:
            r.problem("单价", "不能为负数（退费、减免在收费单里另记，不写进收费项目）")
            price = None
        starts = r.date("生效日期", True)
        ends = r.date("停用日期")
        if starts and ends and ends < starts:
            r.problem("停用日期", "早于生效日期")
        price_fen = yuan_to_fen(price) if price is not None else None
        if price_fen is not None and category and basis and care_type:
            problem = puhui_cap_problem(category, basis, care_type, applies, price_fen, ctx.profile)
            if problem:
                r.problem("单价", problem)
        values = dict(category=category, name=name, care_type=care_type, applies_to=applies, basis=basis,
                      price_fen=price_fen, starts_on=starts, ends_on=ends)
        existing = None
        if all((category, name, care_type, starts)):
            existing = ctx.session.exec(select(FeeItem).where(
                FeeItem.category == category, FeeItem.name == name, FeeItem.care_type == care_type,
                FeeItem.applies_to == applies, FeeItem.starts_on == starts)).first()
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        v = checked.values
        return (v["category"], v["name"], v["care_type"], v["applies_to"], v["starts_on"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, FeeItem, checked.existing, checked.values)[1]

    def form_values(self, item: FeeItem, ctx: Context) -> dict:
        return {"类别": item.category, "名称": item.name, "适用托育形式": item.care_type, "适用": item.applies_to,
                "计费方式": item.basis, "单价": f"{fen_to_yuan(item.price_fen)}", "生效日期": _iso(item.starts_on),
                "停用日期": _iso(item.ends_on)}

    def duplicate_problem(self, existing, editing: bool):
        return "生效日期", f"已有同一天生效的“{existing.name}”（{existing.care_type}，{existing.applies_to}）"

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已保存收费项目 {values['name']}（{values['care_type']}，{values['starts_on'].isoformat()}起）"

    def deleted_message(self, item: FeeItem) -> str:
        return f"已删除收费项目 {item.name}（{item.care_type}，{item.starts_on.isoformat()}起）"
