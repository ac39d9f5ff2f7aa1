"""Filling templates by header text, as a user (or an outside scenario) would."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from openpyxl import load_workbook

from tuoyu_desktop.exchange.templates import write_template


def filled(kind: str, rows: list[dict], path: Path) -> Path:
    """Write the template for ``kind`` and fill ``rows`` (dicts by header) into its data sheet."""
    write_template(kind, path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    headers = {c.value: c.column for c in ws[1]}
    for r, row in enumerate(rows, start=2):
        for header, value in row.items():
            if header not in headers:
                col = ws.max_column + 1
                ws.cell(1, col, header)
                headers[header] = col
            cell = ws.cell(r, headers[header], value)
            if isinstance(value, str):
                cell.data_type = "s"
    wb.save(path)
    return path


def dump(db_path: Path) -> dict:
    """Every row of every table, to compare a database before and after."""
    con = sqlite3.connect(db_path)
    try:
        tables = [r[0] for r in con.execute("select name from sqlite_master where type='table' order by name")]
        return {t: con.execute(f"select * from {t} order by rowid").fetchall() for t in tables}
    finally:
        con.close()
