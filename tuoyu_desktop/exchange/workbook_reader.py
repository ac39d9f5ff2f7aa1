"""Opening a spreadsheet someone handed over, safely.

Only .xlsx is read (a macro workbook or an old .xls is refused with what to do). The file must
be a real zip whose declared unpacked size stays within limits (no zip bombs); cells are read
as values, and a formula in a cell is read as its text, never calculated.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..domain.errors import InputError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_RATIO = 200
MAX_ROWS = 100_000


def check_xlsx_file(path: Path) -> None:
    """Refuse files that are not a plain, reasonably sized .xlsx; the message says why."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix == ".xlsm":
        raise InputError(f"{name}：是带宏的工作簿（.xlsm），为安全起见不读取；请在Excel中另存为“Excel 工作簿 (*.xlsx)”")
    if suffix in (".xls", ".et", ".csv", ".ods"):
        raise InputError(f"{name}：不是 .xlsx 格式；请在Excel或WPS中另存为“Excel 工作簿 (*.xlsx)”后再导入")
    if suffix != ".xlsx":
        raise InputError(f"{name}：只能导入 .xlsx 文件")
    if not path.exists():
        raise InputError(f"找不到文件 {path}")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(f"{name}：文件太大（{size // 1024 // 1024} MB，上限 {MAX_FILE_BYTES // 1024 // 1024} MB）")
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            unpacked = sum(i.file_size for i in zf.infolist())
            packed = sum(i.compress_size for i in zf.infolist()) or 1
    except (zipfile.BadZipFile, OSError):
        raise InputError(f"{name}：不是有效的 .xlsx 文件（文件已损坏，或是改了扩展名的其他文件）") from None
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise InputError(f"{name}：不是 Excel 工作簿")
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise InputError(f"{name}：工作簿中含有宏，为安全起见不读取；请另存为不含宏的 .xlsx")
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_RATIO:
        raise InputError(f"{name}：解压后过大（{unpacked // 1024 // 1024} MB），可能是异常文件，不读取")


def open_workbook(path: Path):
    """An openpyxl workbook in read-only mode; InputError with the reason if it cannot be read."""
    check_xlsx_file(path)
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on malformed files
        raise InputError(f"{path.name}：无法读取工作簿（{type(exc).__name__}）；请用Excel打开后另存为 .xlsx 再试") from None
