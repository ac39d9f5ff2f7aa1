"""幼儿出勤登记表 and 晨午检记录表 (SPEC §8): A4 landscape, one class per page, the return's look."""
from __future__ import annotations

from pathlib import Path

from ..services.register_sheets import SIGNS, MonthSheets
from .document import build_pdf, grid, make_styles, signature_block
from .monthly_pdf import month_title

COMPACT = [("LEFTPADDING", (0, 0), (-1, -1), 1.5), ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
           ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
           ("ALIGN", (1, 0), (-1, -1), "CENTER")]


def _widths(days: int, extra: int):
    from reportlab.lib.units import mm

    name = 24 * mm
    left = 267 * mm - name - extra * 10 * mm
    return [name] + [left / max(days, 1)] * days + [10 * mm] * extra


def _write(data: MonthSheets, path: Path, name: str, subtitle, class_story, notes: list[str] | None) -> Path:
    """One page per class: the title, ``subtitle(klass)``, what ``class_story(klass, styles)`` gives
    and the signature block; A4 landscape."""
    from reportlab.platypus import PageBreak

    styles = make_styles()
    title = f"{data.centre} {month_title(data.month)} {name}"
    story = []
    for i, klass in enumerate(data.classes):
        if i:
            story.append(PageBreak())
        story += [styles.para(title, "title"), styles.para(subtitle(klass), "subtitle"), *class_story(klass, styles),
                  signature_block(styles)]
    if not data.classes:
        story.append(styles.para(title, "title"))
    return build_pdf(path, story, styles, title, landscape_page=True, notes=notes)


ATTENDANCE_KEY = "✓出勤　病 病假　事 事假　其 其他；空白为未登记"
CHECKS_KEY = "格中为晨检体温（摄氏度）；✓ 已晨检未测体温；* 异常；缺 出勤但无晨检"


def attendance_table(data: MonthSheets, klass, styles):
    """A child per row, an open day per column (✓ 病 事 其), row totals and the day's 出勤."""
    head = ["姓名"] + [str(d.day) for d in data.days] + ["出勤", "病假", "事假", "其他"]
    rows = [head]
    for child in klass.children:
        rows.append([child.name] + [SIGNS.get(child.marks.get(d, ""), "") for d in data.days]
                    + [child.count(m) for m in ("出勤", "病假", "事假", "其他")])
    rows.append(["出勤人数"] + [klass.present_on(d) for d in data.days]
                + [klass.total(m) for m in ("出勤", "病假", "事假", "其他")])
    return [grid(rows, styles, _widths(len(data.days), 4), extra=COMPACT)]


def checks_tables(data: MonthSheets, klass, styles, heading: str = "h2"):
    """The 晨检 temperature of each child on each open day (异常 marked *), then every 异常 晨检/午检
    with its findings and 处理."""
    from reportlab.lib.units import mm

    rows = [["姓名"] + [str(d.day) for d in data.days] + ["晨检", "异常"]]
    odd = []
    for child in klass.children:
        cells, done, bad = [], 0, 0
        for d in data.days:
            check = child.checks.get((d, "晨检"))
            if check is None:
                cells.append("缺" if child.marks.get(d) == "出勤" else "")
                continue
            done += 1
            text = f"{check.temperature:.1f}" if check.temperature is not None else "✓"
            if check.result == "异常":
                bad += 1
                text = "*" + text
            cells.append(text)
        rows.append([child.name] + cells + [done, bad])
        odd += [[f"{d.month}月{d.day}日", child.name, r, f"{c.temperature:.1f}" if c.temperature is not None else "",
                 c.findings, c.action] for (d, r), c in sorted(child.checks.items()) if c.result == "异常"]
    out = [grid(rows, styles, _widths(len(data.days), 2), extra=COMPACT), styles.para("异常情况记录", heading)]
    if odd:
        out.append(grid([["日期", "姓名", "检次", "体温", "异常情况", "处理"]] + sorted(odd), styles,
                        [24 * mm, 30 * mm, 16 * mm, 16 * mm, 100 * mm, 40 * mm]))
    else:
        out.append(styles.para("无异常。", "body"))
    return out


def write_attendance_pdf(data: MonthSheets, path: Path, notes: list[str] | None = None) -> Path:
    """Each class: a child per row, an open day per column (✓ 病 事 其), row totals and the day's 出勤."""
    return _write(data, path, "幼儿出勤登记表",
                  lambda klass: f"班级：{klass.name}　开园{len(data.days)}天　{ATTENDANCE_KEY}",
                  lambda klass, styles: attendance_table(data, klass, styles), notes)


def write_checks_pdf(data: MonthSheets, path: Path, notes: list[str] | None = None) -> Path:
    """Each class: the 晨检 temperature of each child on each open day (异常 marked *), then every
    异常 晨检/午检 with its findings and 处理."""
    return _write(data, path, "晨午检记录表", lambda klass: f"班级：{klass.name}　{CHECKS_KEY}",
                  lambda klass, styles: checks_tables(data, klass, styles), notes)
