"""检查备查 as a workbook (SPEC §12): a sheet per register, its headers in row 1, one row per record;
figures are number cells, days date cells, times date-and-time cells, text always text."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from ..files import checkpoint
from ..services.inspection import Pack
from .cells import save_workbook

#: a sheet's column width by its header's kind (Excel's units, about one Latin character)
WIDE = 30


def write_inspection_xlsx(pack: Pack, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wb = Workbook(write_only=True)  # streamed: a month of a big centre is tens of thousands of rows
    for section in pack.sections:
        ws = wb.create_sheet(section.title)
        ws.freeze_panes = "A2"
        for col, header in enumerate(section.headers, 1):
            ws.column_dimensions[get_column_letter(col)].width = WIDE if col - 1 in section.wrap else \
                max(10, 2 * len(header) + 2)
        heads = []
        for header in section.headers:
            cell = WriteOnlyCell(ws, header)
            cell.font, cell.fill = bold, fill
            heads.append(cell)
        ws.append(heads)
        for i, row in enumerate(section.rows):
            if i % 2000 == 0:
                checkpoint()
            cells = []
            for value in row:
                if value == "":
                    cell = None
                elif isinstance(value, str):
                    cell = WriteOnlyCell(ws, value)
                    cell.data_type = "s"  # never a formula, whatever it starts with
                elif isinstance(value, datetime):
                    cell = WriteOnlyCell(ws, value)
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(value, date):
                    cell = WriteOnlyCell(ws, value)
                    cell.number_format = "yyyy-mm-dd"
                else:
                    cell = value  # a number, or None for an empty cell
                cells.append(cell)
            ws.append(cells)
    return save_workbook(wb, path)
