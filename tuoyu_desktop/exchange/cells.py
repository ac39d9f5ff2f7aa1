"""Writing cells so that text stays text: a value starting with = + - @ is never a formula."""
from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@")


def put(ws, row: int, column: int, value: Any):
    """Write ``value`` to a cell; strings are always stored as plain text."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would otherwise turn "=..." into a formula
    return cell


def append_row(ws, values: list[Any]) -> int:
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    for col, value in enumerate(values, start=1):
        put(ws, row, col, value)
    return row
