"""The district workbook (SPEC §7): 汇总 with a 合计 row, 镇街, 达标情况, 问题文件 (and 未报送机构)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ..domain.indicators import CODES_V2
from ..services.district import Summary, column_title
from .cells import number, put, save_workbook


def _value(v):
    """Figures go in as numbers; text (names, codes) stays text."""
    return number(v) if isinstance(v, Decimal) else v


def write_district_xlsx(summary: Summary, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    CODES = CODES_V2
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    indicators = [column_title(c) for c in CODES]
    wb = Workbook()

    def table(ws, headers, rows, widths):
        """A header row, the rows, the last one (合计) in bold; the label columns frozen."""
        for col, h in enumerate(headers, start=1):
            cell = put(ws, 1, col, h)
            cell.font, cell.fill = bold, fill
        for r, row in enumerate(rows, start=2):
            for col, value in enumerate(row, start=1):
                cell = put(ws, r, col, _value(value))
                if r == len(rows) + 1:
                    cell.font = bold
        ws.freeze_panes = ws.cell(2, len(widths) + 1)
        for letter, width in zip("ABC", widths):
            ws.column_dimensions[letter].width = width

    totals = [summary.totals.get(code) for code in CODES]
    ws = wb.active
    ws.title = "汇总"
    rows = [[c.name, c.uscc, c.town] + [c.figures.get(code) for code in CODES] for c in summary.centres]
    rows.append(["合计", "", ""] + totals)
    table(ws, ["机构名称", "统一社会信用代码", "所属镇街"] + indicators, rows, (28, 22, 14))

    towns = wb.create_sheet("镇街")
    rows = [[t, summary.town_counts[t]] + [f.get(code) for code in CODES] for t, f in summary.towns.items()]
    rows.append(["合计", len(summary.centres)] + totals)
    table(towns, ["所属镇街", "机构数"] + indicators, rows, (16, 8))

    targets = wb.create_sheet("达标情况")
    for col, h in enumerate(("指标", "区县值（%）", "目标（%）", "是否达标", "差距（百分点）"), start=1):
        cell = put(targets, 1, col, h)
        cell.font, cell.fill = bold, fill
    for r, (name, value, target, met, gap) in enumerate(summary.targets, start=2):
        put(targets, r, 1, name)
        put(targets, r, 2, _value(value))
        put(targets, r, 3, target)
        put(targets, r, 4, "无数据" if met is None else ("达标" if met else "未达标"))
        put(targets, r, 5, _value(gap))
    put(targets, len(summary.targets) + 3, 1, f"政策方案：{summary.profile.name}；报告月份：{summary.month}；"
                                              f"汇总机构 {len(summary.centres)} 家")
    if summary.version_note:
        put(targets, len(summary.targets) + 4, 1, summary.version_note)
    targets.column_dimensions["A"].width = 24
    for letter in "BCDE":
        targets.column_dimensions[letter].width = 14

    bad = wb.create_sheet("问题文件")
    for col, h in enumerate(("文件名", "原因"), start=1):
        cell = put(bad, 1, col, h)
        cell.font, cell.fill = bold, fill
    for r, p in enumerate(summary.problems, start=2):
        put(bad, r, 1, p.file)
        put(bad, r, 2, p.reason)
    bad.column_dimensions["A"].width = 50
    bad.column_dimensions["B"].width = 80
    if summary.missing:
        miss = wb.create_sheet("未报送机构")
        for col, h in enumerate(("统一社会信用代码", "机构名称", "所属镇街"), start=1):
            cell = put(miss, 1, col, h)
            cell.font, cell.fill = bold, fill
        for r, row in enumerate(summary.missing, start=2):
            for col, value in enumerate(row, start=1):
                put(miss, r, col, value)
    path = save_workbook(wb, path)
    return path
