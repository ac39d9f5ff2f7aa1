"""The month's daily register as a workbook: the 出勤 grid with totals, every mark, every 晨午检.

Counts and temperatures are number cells; dates are date cells."""
from __future__ import annotations

from pathlib import Path

from ..services.register_sheets import SIGNS, MonthSheets
from .cells import put, save_workbook

MARK_ORDER = ("出勤", "病假", "事假", "其他")


def write_register_xlsx(data: MonthSheets, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wb = Workbook()

    def header(ws, row, values):
        for col, value in enumerate(values, start=1):
            cell = put(ws, row, col, value)
            cell.font, cell.fill = bold, fill

    grid = wb.active
    grid.title = "出勤登记表"
    r = 1
    for klass in data.classes:
        header(grid, r, ["班级", "姓名", *[f"{d.month}/{d.day}" for d in data.days], *MARK_ORDER])
        r += 1
        for child in klass.children:
            values = [klass.name, child.name, *[SIGNS.get(child.marks.get(d, ""), "") for d in data.days],
                      *[child.count(m) for m in MARK_ORDER]]
            for col, value in enumerate(values, start=1):
                put(grid, r, col, value)
            r += 1
        totals = [klass.name, "出勤人数", *[klass.present_on(d) for d in data.days], *[klass.total(m) for m in MARK_ORDER]]
        for col, value in enumerate(totals, start=1):
            put(grid, r, col, value).font = bold
        r += 2
    grid.column_dimensions["A"].width = 12
    grid.column_dimensions["B"].width = 12

    marks = wb.create_sheet("出勤明细")
    header(marks, 1, ["班级", "姓名", "日期", "出勤", "症状"])
    r = 2
    for klass in data.classes:
        for child in klass.children:
            for day, mark in sorted(child.marks.items()):
                for col, value in enumerate((klass.name, child.name, day, mark, child.symptoms.get(day, "")), start=1):
                    cell = put(marks, r, col, value)
                    if col == 3:
                        cell.number_format = "yyyy-mm-dd"
                r += 1

    checks = wb.create_sheet("晨午检")
    header(checks, 1, ["班级", "姓名", "日期", "检次", "体温", "结果", "异常情况", "处理"])
    r = 2
    for klass in data.classes:
        for child in klass.children:
            for (day, round_), c in sorted(child.checks.items()):
                values = (klass.name, child.name, day, round_, c.temperature, c.result, c.findings, c.action)
                for col, value in enumerate(values, start=1):
                    cell = put(checks, r, col, value)
                    if col == 3:
                        cell.number_format = "yyyy-mm-dd"
                r += 1
    for ws in (marks, checks):
        for letter in "ABC":
            ws.column_dimensions[letter].width = 12
    path = save_workbook(wb, path)
    return path
