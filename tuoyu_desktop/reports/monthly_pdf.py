"""The monthly return printed for signature and stamp: the same snapshot as the workbook."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from ..domain.formatting import date_cn, money_cn, number_cn
from ..domain.idnumbers import mask_contact_phone
from ..domain.indicators import COVERAGE_NOTE
from ..domain.month import Month
from ..services.returns import indicator_rows
from .document import build_pdf, grid, make_styles, signature_block

MONEY_CODES = {"F01", "V03", "V05", "B01", "B02", "B03"}


def spaced_checksum(checksum: str) -> str:
    """The whole 数据校验码 (64 hex digits) in groups of 8, so that it wraps only between groups."""
    return " ".join(checksum[i:i + 8] for i in range(0, len(checksum), 8))


def month_title(month: str) -> str:
    return Month.parse(month).title


def display_value(code: str, value, unit: str) -> str:
    if value is None:
        return "—"
    if code in MONEY_CODES:
        return money_cn(Decimal(str(value)))
    if unit == "%":
        return f"{Decimal(str(value)):.1f}%"
    if code == "H01":
        return "是" if value else "否"
    if isinstance(value, float):
        return number_cn(value, 1)
    return number_cn(value)


def trend_chart(trend: list[list], fonts):
    """12 months of 在托人数 (bars, each labelled above it) and 托位使用率 (line, 0–100% scale).

    The rates are printed in their own row under the month names, never on the plot, so no
    label can sit on a bar's label whatever the two figures are.
    """
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    red = colors.HexColor("#C0392B")
    months = [m[5:] + "月" for m, _, _ in trend]
    enrolled = [int(e or 0) for _, e, _ in trend]
    rates = [float(r) if r not in (None, "") else None for _, _, r in trend]
    x, y, width, height = 40, 45, 420, 115
    drawing = Drawing(500, 190)
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = x, y, width, height
    bars.data = [enrolled]
    bars.categoryAxis.categoryNames = months
    bars.categoryAxis.labels.fontName = fonts.regular
    bars.categoryAxis.labels.fontSize = 7
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueMax = max(enrolled + [1]) * 1.2
    bars.valueAxis.labels.fontName = fonts.regular
    bars.valueAxis.labels.fontSize = 7
    bars.bars[0].fillColor = colors.HexColor("#8EB4E3")
    bars.barLabels.fontName = fonts.regular
    bars.barLabels.fontSize = 6
    bars.barLabels.boxAnchor = "s"  # above the bar's top edge, not across it
    bars.barLabels.dy = 1.5
    bars.barLabelFormat = "%d"
    line = HorizontalLineChart()
    line.x, line.y, line.width, line.height = x, y, width, height
    line.data = [[r or 0.0 for r in rates]]
    line.joinedLines = 1
    line.lines[0].strokeColor = red
    line.lines[0].strokeWidth = 1.5
    line.valueAxis.valueMin, line.valueAxis.valueMax = 0, 100
    line.valueAxis.visible = 0
    line.categoryAxis.visible = 0
    for axis in (line.valueAxis, line.categoryAxis):  # hidden, but their fonts still go into the file
        axis.labels.fontName = fonts.regular
    line.lineLabels.fontName = fonts.regular
    drawing.add(bars)
    drawing.add(line)
    drawing.add(String(x, 172, "在托人数（柱，人）与托位使用率（线，0–100%，数值见月份下一行）", fontName=fonts.regular,
                       fontSize=8))
    row = y - 23  # a row of its own under the month names (drawn at about y - 12)
    drawing.add(String(x - 4, row, "使用率", fontName=fonts.regular, fontSize=7, fillColor=red, textAnchor="end"))
    for i, rate in enumerate(rates):
        drawing.add(String(x + width * (i + 0.5) / len(rates), row, "—" if rate is None else f"{rate:.0f}%",
                           fontName=fonts.regular, fontSize=7, fillColor=red, textAnchor="middle"))
    return drawing


def write_return_pdf(snapshot: dict, path: Path, full: bool = False, printed: date | None = None,
                     notes: list[str] | None = None) -> Path:
    """``notes`` gets a message if some characters could not be printed (document.build_pdf)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

    styles = make_styles()
    cover = snapshot["cover"]
    preview = bool(snapshot.get("preview"))
    title = f"{cover['机构名称']} {month_title(snapshot['month'])} 托育机构月报表" + ("（预览）" if preview else "")
    end = date.fromisoformat(snapshot["month_end"])
    story = [styles.para(title, "title"),
             styles.para(f"统计截至{date_cn(end)}　政策方案：{snapshot['profile']}" +
                         ("　（已报送，数据已锁定）" if snapshot.get("locked") else ""), "subtitle")]
    if preview:
        story.append(styles.para(f"预览：{month_title(snapshot['month'])}尚未结束，数字还会变化；本表不是正式月报，"
                                 "不能盖章报送。", "warning"))
    phone = cover.get("联系电话", "")
    cover_rows = [["统一社会信用代码", cover["统一社会信用代码"], "备案编号", cover["备案编号"]],
                  ["所属区县", cover["所属区县"], "所属镇街", cover["所属镇街"]],
                  ["机构性质", cover["机构性质"], "是否普惠机构", cover["是否普惠机构"]],
                  ["填报人", cover["填报人"], "联系电话", phone if full else mask_contact_phone(phone)],
                  ["生成时间", snapshot["generated_at"], "软件版本", snapshot.get("software_version", "")],
                  # printed whole, in groups of 8: it is what the district compares with the workbook
                  ["数据校验码", spaced_checksum(snapshot["checksum"]), "", ""]]
    story.append(grid(cover_rows, styles, [30 * mm, 60 * mm, 30 * mm, 60 * mm], repeat=0,
                      extra=[("SPAN", (1, 5), (3, 5))]))
    story += [styles.para("一、指标", "h2")]
    rows = indicator_rows(snapshot["figures"])
    half = (len(rows) + 1) // 2
    table = [["代码", "指标名称", "数值", "代码", "指标名称", "数值"]]
    for i in range(half):
        left = rows[i]
        right = rows[i + half] if i + half < len(rows) else ("", "", None, "")
        table.append([left[0], left[1], display_value(left[0], left[2], left[3]),
                      right[0], right[1], display_value(right[0], right[2], right[3]) if right[0] else ""])
    story.append(grid(table, styles, [12 * mm, 40 * mm, 28 * mm, 12 * mm, 40 * mm, 28 * mm], numeric={2, 5}))
    if "G03" in snapshot["figures"]:
        story.append(styles.para(COVERAGE_NOTE, "small"))
    story += [CondPageBreak(60 * mm), styles.para("二、班级", "h2")]
    classes = [["班级名称", "班型", "核定人数", "普惠", "在托", "保育人员", "应配", "师幼比", "超额"]] + [
        [str(c) for c in row] for row in snapshot["classes"]]
    story.append(grid(classes, styles, [30 * mm, 18 * mm, 18 * mm, 14 * mm, 14 * mm, 18 * mm, 14 * mm, 18 * mm, 16 * mm],
                      numeric={2, 4, 5, 6}))
    story += [CondPageBreak(70 * mm), styles.para("三、近12个月在托人数与托位使用率", "h2"),
              trend_chart(snapshot["trend"], styles.fonts)]
    story.append(styles.para("四、预警", "h2"))
    alerts = snapshot["alerts"]
    if alerts:
        story.append(grid([["类别", "内容"]] + alerts, styles, [24 * mm, 156 * mm]))
    else:
        story.append(styles.para("无", "body"))
    story += [Spacer(1, 10 * mm), KeepTogether([styles.para("五、签字盖章", "h2"), signature_block(styles)])]
    if styles.fonts.warning:
        story += [Spacer(1, 4 * mm), styles.para(styles.fonts.warning, "small")]
    return build_pdf(path, story, styles, title, watermark="预览" if preview else "", notes=notes,
                     footer_left=f"{cover['机构名称']} {month_title(snapshot['month'])}月报" + ("（预览）" if preview else ""))
