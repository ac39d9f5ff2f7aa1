"""A list page's table as a workbook a person reads (text stays text, printable on A4)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .cells import put, save_workbook


def write_list(path: Path, title: str, headers: list[str], rows: list[list[Any]], note: str = "") -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    start = 1
    if note:
        put(ws, 1, 1, note).font = Font(color="666666")
        start = 2
    fill = PatternFill("solid", fgColor="DDEBF7")
    for col, header in enumerate(headers, start=1):
        cell = put(ws, start, col, header)
        cell.font = Font(bold=True)
        cell.fill = fill
    for r, row in enumerate(rows, start=start + 1):
        for col, value in enumerate(row, start=1):
            cell = put(ws, r, col, value)
            if hasattr(value, "isoformat") and not isinstance(value, str):
                cell.number_format = "yyyy-mm-dd"
    for col, header in enumerate(headers, start=1):
        longest = max([len(str(header)) * 2] + [len(str(row[col - 1])) * 1.6 for row in rows[:500] if col - 1 < len(row)])
        ws.column_dimensions[get_column_letter(col)].width = min(max(8, longest + 2), 40)
    ws.freeze_panes = ws.cell(start + 1, 1)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{start}:{start}"
    path = save_workbook(wb, path)
    return path
