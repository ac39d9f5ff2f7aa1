"""The problems of a failed import as a workbook: a list, and the rows with bad cells in red."""
from __future__ import annotations

from pathlib import Path

from .cells import put, save_workbook
from .importer import ImportFailed


def write_problem_report(failed: ImportFailed, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    red = PatternFill("solid", fgColor="F8CBAD")
    wb = Workbook()
    ws = wb.active
    ws.title = "问题清单"
    for col, title in enumerate(("行号", "姓名/名称", "列名", "原因"), start=1):
        put(ws, 1, col, title).font = Font(bold=True)
    for row, p in enumerate(failed.problems, start=2):
        put(ws, row, 1, p.row)
        put(ws, row, 2, failed.who(p) or None)
        put(ws, row, 3, p.field)
        put(ws, row, 4, p.message)
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 16
    ws.column_dimensions["D"].width = 90
    ws.freeze_panes = "A2"
    data = failed.data
    if data is not None:
        sheet = wb.create_sheet(data.sheet if data.sheet != "问题清单" else "原数据")
        put(sheet, 1, 1, "原行号").font = Font(bold=True)
        for col, header in enumerate(data.headers, start=2):
            put(sheet, 1, col, header).font = Font(bold=True)
        by_cell: dict[tuple[int, str], list[str]] = {}
        for p in failed.problems:
            by_cell.setdefault((p.row, p.field), []).append(p.message)
        for out_row, (number, values) in enumerate(data.rows, start=2):
            first = put(sheet, out_row, 1, number)
            row_messages = [m for (r, f), msgs in by_cell.items() if r == number and f not in data.headers for m in msgs]
            if row_messages:
                first.fill = red
                first.comment = Comment("；".join(row_messages), "托育机构办公系统")
            for col, header in enumerate(data.headers, start=2):
                value = values[col - 2] if col - 2 < len(values) else None
                cell = put(sheet, out_row, col, value)
                messages = by_cell.get((number, header))
                if messages:
                    cell.fill = red
                    cell.comment = Comment("；".join(messages), "托育机构办公系统")
        sheet.freeze_panes = "B2"
    path = save_workbook(wb, path)
    return path
