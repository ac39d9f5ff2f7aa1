"""食品采购 (SPEC §12): what the kitchen bought — the spend of the 伙食费收支 (SPEC §11)."""
from __future__ import annotations

from sqlmodel import Session, select

from ...domain.formatting import fen_to_yuan, yuan_to_fen
from ...domain.reader import RowReader
from ...store.models import FoodPurchase
from .base import Checked, Column, Context, RecordKind, upsert


class PurchaseKind(RecordKind):
    key = "purchases"
    title = "食品采购"
    sheet = "食品采购"
    identity_label = "采购日期+供货方+品名"
    columns = (
        Column("采购日期", True, "date", example="2026-11-02"),
        Column("供货方", True, example="常州市放心农贸配送中心", width=24),
        Column("品名", True, note="如 大米25kg、鸡蛋10kg、青菜", example="大米25kg、鸡蛋10kg", width=30),
        Column("金额", True, "number", note="元，最多两位小数", example="486.50", hint="元"),
        Column("票据号", False, note="发票或送货单号（索证索票）"),
        Column("供货方资质", False, note="营业执照/食品经营许可证编号"),
        Column("验收人", False),
    )
    model = FoodPurchase
    area = "bills"
    form_fields = ("采购日期", "供货方", "品名", "金额", "票据号", "供货方资质", "验收人")

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        bought_on = r.date("采购日期", True, not_future=True)
        supplier = r.text("供货方", True)
        items = r.text("品名", True)
        amount = r.decimal("金额", True, places=2, unit="元", positive=True)
        values = dict(bought_on=bought_on, supplier=supplier, items=items,
                      amount_fen=yuan_to_fen(amount) if amount is not None else None, invoice_no=r.text("票据号"),
                      supplier_licence=r.text("供货方资质"), checked_by=r.text("验收人"))
        existing = None
        if bought_on and supplier and items:
            existing = ctx.session.exec(select(FoodPurchase).where(
                FoodPurchase.bought_on == bought_on, FoodPurchase.supplier == supplier,
                FoodPurchase.items == items)).first()
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        v = checked.values
        return (v["bought_on"], v["supplier"], v["items"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, FoodPurchase, checked.existing, checked.values)[1]

    def form_values(self, p: FoodPurchase, ctx: Context) -> dict:
        return {"采购日期": p.bought_on.isoformat(), "供货方": p.supplier, "品名": p.items,
                "金额": f"{fen_to_yuan(p.amount_fen)}", "票据号": p.invoice_no, "供货方资质": p.supplier_licence,
                "验收人": p.checked_by}

    def duplicate_problem(self, existing, editing: bool):
        return "品名", "同一天同一供货方已有这条采购记录"

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已保存食品采购 {values['bought_on'].isoformat()} {values['supplier']} {fen_to_yuan(values['amount_fen'])}元"

    def deleted_message(self, p: FoodPurchase) -> str:
        return f"已删除食品采购 {p.bought_on.isoformat()} {p.supplier}"
