"""食品留样 (SPEC §12; GB 31654—2021): each dish of each served 餐次, its 留样量, 留样时间, 留样人 and
销毁时间 (at least 48 hours later). In the window a day's samples are typed at once (services.kitchen)."""
from __future__ import annotations

from sqlmodel import Session, select

from ...domain.errors import InputError
from ...domain.kitchen import MEALS, parse_moment, sample_problems
from ...domain.reader import RowReader
from ...store.models import FoodSample, MenuItem
from .base import Checked, Column, Context, RecordKind, upsert


class SampleKind(RecordKind):
    key = "samples"
    title = "食品留样"
    sheet = "食品留样"
    identity_label = "日期+餐次+菜名"
    columns = (
        Column("日期", True, "date", example="2026-11-02"),
        Column("餐次", True, "choice", MEALS, "早餐/早点/午餐/午点/晚餐", "午餐"),
        Column("菜名", True, note="这一天这一餐食谱里的菜（先导入食谱）", example="番茄炒蛋"),
        Column("留样量", True, "number", note="克；不足125克（或政策方案的最低量）的照样保存，并提醒", example="130"),
        Column("留样时间", True, note="如 2026-11-02 11:30，或只写时间 11:30（当天）", example="11:30"),
        Column("留样人", True, example="王芳"),
        Column("冷藏设备", False, note="冷藏设备和温度，如 留样冰箱 2℃", example="留样冰箱 2℃"),
        Column("销毁时间", False, note="留样后48小时以上，如 2026-11-04 12:00", example="2026-11-04 12:00"),
    )
    model = FoodSample
    area = "kitchen"

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        day = r.date("日期", True, not_future=True)
        meal = r.choice("餐次", MEALS, True)
        dish = r.text("菜名", True)
        grams = r.decimal("留样量", True, places=1, unit="克", positive=True)
        moments = {}
        for name, required in (("留样时间", True), ("销毁时间", False)):
            moments[name] = None
            if r.has(name) and r.raw.get(name) not in (None, "") or required:
                if r.raw.get(name) in (None, "") and required:
                    r.problem(name, "必填")
                    continue
                try:
                    moments[name] = parse_moment(r.raw.get(name), day, name)
                except InputError as exc:
                    for p in exc.problems:
                        r.problem(name, p.message)
        by = r.text("留样人", True)
        rule = ctx.profile.kitchen
        for p in sample_problems(grams, moments["留样时间"], moments["销毁时间"], rule.keep_hours, rule.source):
            r.problem(p.field, p.message)
        existing = None
        if day and meal and dish:
            on_menu = ctx.cached("menu_dishes", lambda: {(m.day, m.meal, m.dish) for m in ctx.session.exec(
                select(MenuItem))})
            if (day, meal, dish) not in on_menu:
                r.problem("菜名", f"{day.isoformat()}{meal}的食谱里没有“{dish}”（请先导入或排好这一天的食谱）")
            existing = ctx.session.exec(select(FoodSample).where(FoodSample.day == day, FoodSample.meal == meal,
                                                                 FoodSample.dish == dish)).first()
        values = dict(day=day, meal=meal, dish=dish, grams=float(grams) if grams is not None else None,
                      sampled_at=moments["留样时间"], sampled_by=by, storage=r.text("冷藏设备"),
                      destroyed_at=moments["销毁时间"])
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        v = checked.values
        return (v["day"], v["meal"], v["dish"])

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, FoodSample, checked.existing, checked.values)[1]

    def form_values(self, s: FoodSample, ctx: Context) -> dict:
        return {"日期": s.day.isoformat(), "餐次": s.meal, "菜名": s.dish, "留样量": f"{s.grams:g}",
                "留样时间": f"{s.sampled_at:%Y-%m-%d %H:%M}", "留样人": s.sampled_by, "冷藏设备": s.storage,
                "销毁时间": f"{s.destroyed_at:%Y-%m-%d %H:%M}" if s.destroyed_at else ""}

    def saved_message(self, values: dict, added: bool) -> str:
        return f"已保存留样 {values['day'].isoformat()} {values['meal']} {values['dish']}"

    def deleted_message(self, s: FoodSample) -> str:
        return f"已删除留样 {s.day.isoformat()} {s.meal} {s.dish}"
