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
