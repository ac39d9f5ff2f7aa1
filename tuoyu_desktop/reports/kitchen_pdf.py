"""膳食 prints (SPEC §12): the week's 带量食谱 for 公示 and for parents (A4 landscape), and the month's
留样记录 for the inspector."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ..domain.formatting import date_cn
from ..services.kitchen import MenuWeek, MonthSamples
from .document import build_pdf, grid, make_styles, signature_block

WEEKDAYS = "一二三四五六日"


def _g(value) -> str:
    text = f"{value:f}" if hasattr(value, "as_tuple") else f"{value:g}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def write_week_pdf(path: Path, centre: str, week: MenuWeek, today: date, notes: list[str] | None = None) -> Path:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    styles = make_styles()
    sunday = week.monday + timedelta(days=6)
    title = f"{centre} 带量食谱（{date_cn(week.monday)}—{date_cn(sunday)}）"
    story = [styles.para(title, "title"), styles.para("每人用量单位：克", "subtitle")]
    header = ["餐次"] + [f"周{WEEKDAYS[d.weekday()]} {d.month}月{d.day}日" for d in week.days]
    rows = [header]
    for meal in week.meals:
        row = [meal]
        for day in week.days:
            dishes = week.dishes(day, meal)
            row.append("；".join(f"{d.name}（{'、'.join(f'{i}{_g(g)}' for i, g in d.ingredients)}）" for d in dishes)
                       or "—")
        rows.append(row)
    usable = 267 * mm
    first = 18 * mm
    widths = [first] + [(usable - first) / max(len(week.days), 1)] * len(week.days)
    story.append(grid(rows, styles, widths, extra=[("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [Spacer(1, 6 * mm), styles.para("托儿所幼儿园卫生保健工作规范：带量食谱每1–2周更换一次，并向家长公布。", "small")]
    return build_pdf(path, story, styles, title, landscape_page=True, footer_left=f"公布日期：{date_cn(today)}", notes=notes)


def write_samples_pdf(path: Path, centre: str, month: MonthSamples, today: date, notes: list[str] | None = None) -> Path:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    styles = make_styles()
    title = f"{centre} {month.month.title}食品留样记录"
    story = [styles.para(title, "title"),
             styles.para(f"每餐每个菜品留样不少于{month.minimum_g}克，冷藏保存{month.keep_hours}小时以上（{month.source}）",
                         "subtitle")]
    rows = [["日期", "餐次", "菜名", "留样量（克）", "留样时间", "留样人", "冷藏设备/温度", "销毁时间", "备注"]]
    for s in month.rows:
        rows.append([s.day.isoformat(), s.meal, s.dish, _g(s.grams), f"{s.sampled_at:%m-%d %H:%M}", s.sampled_by,
                     s.storage, f"{s.destroyed_at:%m-%d %H:%M}" if s.destroyed_at else "",
                     f"不足{month.minimum_g}克" if s.grams < month.minimum_g else ""])
    if len(rows) == 1:
        rows.append(["（本月没有留样记录）"] + [""] * 8)
    widths = [x * mm for x in (22, 12, 40, 18, 22, 16, 26, 22, 16)]
    story.append(grid(rows, styles, widths, numeric={3}))
    story += [Spacer(1, 10 * mm), signature_block(styles)]
    return build_pdf(path, story, styles, title, footer_left=f"打印日期：{date_cn(today)}", notes=notes)
