"""带量食谱 (SPEC §12) from the layout centres keep in Excel: one row per ingredient — 日期, 餐次, 菜名,
食材, 每人用量 (g). In the window the week grid's dialog types a 餐次 at a time (services.kitchen)."""
from __future__ import annotations

from sqlmodel import Session, select

from ...domain.kitchen import MEALS, grams_problem
from ...domain.reader import RowReader
from ...store.models import MenuItem
from ..kitchen import _day_problem
from .base import Checked, Column, Context, RecordKind, upsert


class MenuKind(RecordKind):
    key = "menus"
    title = "带量食谱"
    sheet = "带量食谱"
    identity_label = "日期+餐次+菜名+食材"
    columns = (
        Column("日期", True, "date", note="开园日", example="2026-11-02"),
        Column("餐次", True, "choice", MEALS, "早餐/早点/午餐/午点/晚餐（本园供应的）", "午餐"),
        Column("菜名", True, example="番茄炒蛋"),
        Column("食材", True, note="一行一种食材；同一个菜的各行菜名相同", example="鸡蛋"),
        Column("每人用量", True, "number", note="克，最多1位小数", example="30"),
    )
    model = MenuItem
    area = "kitchen"

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        day = r.date("日期", True)
        meal = r.choice("餐次", MEALS, True)
        dish = r.text("菜名", True)
        ingredient = r.text("食材", True)
        grams = r.decimal("每人用量", True, places=1, unit="克", positive=True)
        problem = grams_problem(grams)
        if problem and grams is not None:
            r.problem("每人用量", problem)
        if day and meal:
            wrong = _day_problem(ctx.session, day, meal)
            if wrong:
                r.problem(wrong.field, wrong.message)
        order = ctx.cached("dish_order", dict)
        number = order.setdefault((day, meal, dish), len([k for k in order if k[:2] == (day, meal)]) + 1)
        existing = None
        if day and meal and dish and ingredient:
            existing = ctx.session.exec(select(MenuItem).where(MenuItem.day == day, MenuItem.meal == meal,
                                                               MenuItem.dish == dish,
                                                               MenuItem.ingredient == ingredient)).first()
        values = dict(day=day, meal=meal, dish=dish, ingredient=ingredient,
                      grams=float(grams) if grams is not None else None, dish_no=number)
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        v = checked.values
        return (v["day"], v["meal"], v["dish"], v["ingredient"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, MenuItem, checked.existing, checked.values)[1]

    def form_values(self, m: MenuItem, ctx: Context) -> dict:
        return {"日期": m.day.isoformat(), "餐次": m.meal, "菜名": m.dish, "食材": m.ingredient, "每人用量": f"{m.grams:g}"}

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已保存食谱 {values['day'].isoformat()} {values['meal']} {values['dish']}"

    def deleted_message(self, m: MenuItem) -> str:
        return f"已删除食谱 {m.day.isoformat()} {m.meal} {m.dish} {m.ingredient}"
