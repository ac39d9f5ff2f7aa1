"""A list as it goes out in a workbook: its sheet name, headers, rows (masked unless asked) and note.

Built by the use cases, so that the window and the command line export the same rows."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MASKED_NOTE = "身份证号和电话已隐去中间几位（个人信息保护）"


@dataclass(frozen=True)
class ListSheet:
    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    note: str = ""
