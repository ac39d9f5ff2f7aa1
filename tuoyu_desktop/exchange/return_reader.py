"""Reading a return workbook back (the district side, and the tests): cover, figures, checks."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import InputError
from ..domain.indicators import CODES, CODES_V2, checksum
from .workbook_reader import Progress, open_workbook


@dataclass(frozen=True)
class ReturnFile:
    path: Path
    cover: dict[str, str]
    rows: list[tuple]  # (code, name, value, unit) as read
    figures: dict[str, object]

    @property
    def month(self) -> str:
        return self.cover.get("报告月份", "")

    @property
    def format_version(self) -> str:
        return self.cover.get("格式版本", "")

    @property
    def stated_checksum(self) -> str:
        return self.cover.get("数据校验码", "").strip().lower()

    @property
    def is_preview(self) -> bool:
        """Written before the month ended (封面 row 状态 = 预览…): not a return that can be counted."""
        return self.cover.get("状态", "").startswith("预览")

    @property
    def checksum_ok(self) -> bool:
        return checksum(self.rows) == self.stated_checksum


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_return(path: Path, progress: Progress | None = None) -> ReturnFile:
    """Raise InputError (Chinese) if the file is not a return workbook of this program.

    Read with the bounds of ``open_workbook``; ``progress(bytes read, bytes in all)`` may raise to stop.
    """
    wb = open_workbook(Path(path), progress)
    try:
        if "封面" not in wb.sheetnames or "指标" not in wb.sheetnames:
            raise InputError(f"{Path(path).name}：不是月报工作簿（缺少“封面”或“指标”工作表）")
        cover = {}
        for _, row in wb["封面"].rows(min_row=2, max_col=2):
            if row and row[0] is not None:
                cover[_text(row[0])] = _text(row[1] if len(row) > 1 else None)
        rows = []
        for _, row in wb["指标"].rows(min_row=2, max_col=4):
            if not row or row[0] is None:
                continue
            code, name, value, unit = (list(row) + [None] * 4)[:4]
            rows.append((_text(code), _text(name), value, _text(unit)))
    finally:
        wb.close()
    figures = {code: value for code, _, value, _ in rows}
    missing = [c for c in (CODES_V2 if cover.get("格式版本") == "2" else CODES) if c not in figures]
    if missing:
        raise InputError(f"{Path(path).name}：指标表缺少 {'、'.join(missing[:5])}{'等' if len(missing) > 5 else ''}")
    return ReturnFile(Path(path), cover, rows, figures)
