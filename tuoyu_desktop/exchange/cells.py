"""Writing cells so that text stays text (a value starting with = + - @ is never a formula), and
numbers are numbers."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@")


def put(ws, row: int, column: int, value: Any):
    """Write ``value`` to a cell; strings are always stored as plain text."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would otherwise turn "=..." into a formula
    return cell


_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def number(value: Any) -> Any:
    """A figure for a number column: ``'64'`` (as older snapshots kept it) becomes 64, a Decimal an int
    or float; anything else (empty, a dash, text) is returned unchanged. Never use it on identifiers."""
    if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value.strip()):
        value = Decimal(value.strip())
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    return value


def save_workbook(wb, path: Path | str) -> Path:
    """Save ``wb`` whole or not at all (``files.written_whole``): a full disk or 取消 leaves no
    unreadable workbook under the final name, and the folder is made if it is missing."""
    from ..files import written_whole

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with written_whole(path) as part:
        wb.save(part)
    return path
