"""The month's bills and the 收费月报 as workbooks for the accountant (SPEC §11): money as number
cells in 元 with two decimals, ID numbers masked unless asked for in full."""
from __future__ import annotations

from pathlib import Path

from ..domain.idnumbers import mask_id
from ..services.bills import MonthBills
from ..services.fee_report import FeeReport
from .cells import put, save_workbook

LINE_HEADERS = ("收费单号", "姓名", "身份证号", "班级", "类别", "名称", "说明", "数量", "单价", "金额")
TOTAL_HEADERS = ("收费单号", "姓名", "身份证号", "合计", "状态")
MONEY = "0.00"


def _sheet(wb, title: str, headers, first: bool = False):
    from openpyxl.styles import Font, PatternFill

    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    for col, header in enumerate(headers, 1):
        cell = put(ws, 1, col, header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    ws.freeze_panes = "A2"
    return ws


def _yuan(ws, row: int, col: int, fen: int) -> None:
    cell = put(ws, row, col, fen / 100)  # two decimals read back exactly as the 分 they were
    cell.number_format = MONEY


def _widths(ws, widths) -> None:
    from openpyxl.utils import get_column_letter

    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width


def write_bills_xlsx(month_bills: MonthBills, path: Path, full: bool = False) -> Path:
    """Sheet 收费单: one row per line; sheet 合计: one row per child (voided bills are left out)."""
    from openpyxl import Workbook

    wb = Workbook()
    lines = _sheet(wb, "收费单", LINE_HEADERS, first=True)
    totals = _sheet(wb, "合计", TOTAL_HEADERS)
    r = t = 1
    for bill in month_bills.bills:
        number = bill.id_number if full else mask_id(bill.id_number)
        for line in bill.lines:
            r += 1
            for col, value in enumerate((bill.number, bill.name, number, bill.class_name, line.category, line.name,
                                         line.note), 1):
                put(lines, r, col, value)
            put(lines, r, 8, line.quantity)
            _yuan(lines, r, 9, line.unit_fen)
            _yuan(lines, r, 10, line.amount_fen)
        t += 1
        for col, value in enumerate((bill.number, bill.name, number), 1):
            put(totals, t, col, value)
        _yuan(totals, t, 4, bill.total_fen)
        put(totals, t, 5, bill.state)
    _widths(lines, (13, 10, 21, 12, 10, 14, 26, 7, 10, 11))
    _widths(totals, (13, 10, 21, 11, 10))
    return save_workbook(wb, path)


def write_fee_report_xlsx(report: FeeReport, path: Path) -> Path:
    """Sheet 收费月报: 项目, 类别, 金额/数量 — each figure a number cell; sheet 欠费名单."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "收费月报"
    put(ws, 1, 1, f"{report.centre} {report.month.title}收费月报").font = Font(bold=True, size=13)
    for col, header in enumerate(("项目", "类别", "金额（元）/数量"), 1):
        put(ws, 2, col, header).font = Font(bold=True)
    for i, row in enumerate(report.rows, 3):
        put(ws, i, 1, row.section)
        put(ws, i, 2, row.label)
        if row.count:
            put(ws, i, 3, row.value)
        else:
            _yuan(ws, i, 3, row.value)
    _widths(ws, (10, 26, 16))
    owing = _sheet(wb, "欠费名单", ("姓名", "班级", "欠费（元）", "自收费单", "出账日期"))
    for i, a in enumerate(report.owing, 2):
        put(owing, i, 1, a.name)
        put(owing, i, 2, a.class_name)
        _yuan(owing, i, 3, a.amount_fen)
        put(owing, i, 4, a.since)
        put(owing, i, 5, a.since_on).number_format = "yyyy-mm-dd"
    _widths(owing, (10, 12, 12, 13, 12))
    return save_workbook(wb, path)
