"""Opening a spreadsheet someone handed over, safely.

Only .xlsx is read (a macro workbook or an old .xls is refused with what to do). The file must
be a real zip whose declared unpacked size stays within limits (no zip bombs). What it expands
to is bounded too, before it is built in memory: the parts read whole are size-checked, and the
shared strings and the rows are streamed with counted limits (see ``xlsx_stream``), so no file
the program accepts can take more than a few hundred MB. Cells are read as values, and a
formula in a cell is read as its text, never calculated. Every long loop calls ``progress``,
which may raise to stop (取消).
"""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Any, Iterator
from xml.etree.ElementTree import ParseError

from ..domain.errors import InputError
from ..files import is_regular, not_regular_message
from .xlsx_stream import Exceeded, Progress, RowReader, read_strings

OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")  # a compound file: an encrypted .xlsx (or an old .xls)
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_RATIO = 200
MAX_ROWS = 100_000
#: parts read whole (content types, workbook, its relationships, styles): protects memory; real
#: ones are well under 1 MB, a workbook with Excel's maximum of 64,000 cell formats about 10 MB
MAX_PART_BYTES = 20 * 1024 * 1024
#: what a malformed file can raise while it is parsed (anything else, e.g. 取消, passes through)
BROKEN = (ParseError, ValueError, KeyError, IndexError, TypeError, AttributeError, EOFError, OSError,
          zipfile.BadZipFile, zlib.error)


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
    if not is_regular(path):
        raise InputError(not_regular_message(path))
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:  # Excel keeps a workbook with an open password in an encrypted OLE file
        raise InputError(f"{name}：这个工作簿设置了打开密码（文件已加密），程序不能读取；请在Excel中"
                         "“文件 → 信息 → 保护工作簿 → 用密码进行加密”里删去密码，保存后再试")
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


class Sheet:
    def __init__(self, book: Workbook, title: str, part: str):
        self.book, self.title, self.part = book, title, part

    def rows(self, min_row: int = 1, max_row: int | None = None, max_col: int | None = None,
             progress: Progress | None = None) -> Iterator[tuple[int, list[Any]]]:
        """``(Excel row number, values)`` of the rows present from ``min_row``; InputError past a limit."""
        book = self.book
        reader = RowReader(book.cell_parser(), book.text_chars)
        try:
            with book.archive.open(self.part) as src:
                yield from reader.rows(src, book.archive.getinfo(self.part).file_size, progress or book.progress,
                                       min_row, max_row, max_col)
        except Exceeded as exc:
            raise InputError(f"{book.name}：工作表“{self.title}”：{exc}") from None
        except BROKEN:
            raise InputError(f"{book.name}：工作表“{self.title}”的内容格式无法识别（可能已损坏，或不是Excel保存的）；"
                             "请用Excel打开后另存为 .xlsx 再试") from None


class Workbook:
    """The sheets of an .xlsx, read lazily and bounded; close() when done."""

    def __init__(self, path: Path, archive: zipfile.ZipFile, wb, sheets: list[tuple[str, str]],
                 strings: list[str], text_chars: int, progress: Progress | None):
        self.name, self.archive, self._wb = path.name, archive, wb
        self.strings, self.text_chars, self.progress = strings, text_chars, progress
        self.worksheets = [Sheet(self, title, part) for title, part in sheets]
        self.sheetnames = [s.title for s in self.worksheets]

    def __getitem__(self, title: str) -> Sheet:
        return self.worksheets[self.sheetnames.index(title)]

    def cell_parser(self):
        from openpyxl.worksheet._reader import WorkSheetParser

        wb = self._wb
        return WorkSheetParser(None, self.strings, data_only=False, epoch=wb.epoch, date_formats=wb._date_formats,
                               timedelta_formats=wb._timedelta_formats)

    def close(self) -> None:
        self.archive.close()


def open_workbook(path: Path, progress: Progress | None = None) -> Workbook:
    """The workbook, its shared strings read (bounded); InputError with the reason if it cannot be read.

    ``progress(bytes read, bytes in all)`` runs after every chunk of the strings now, and of the
    rows later unless ``Sheet.rows`` is given another; it may raise to stop.
    """
    check_xlsx_file(path)
    from openpyxl.reader.excel import ExcelReader

    reader = None
    try:
        reader = ExcelReader(path, read_only=True, keep_vba=False, data_only=False, keep_links=False)
        return _read(path, reader, progress)
    except InputError:
        _close(reader)
        raise
    except Exceeded as exc:
        _close(reader)
        raise InputError(f"{path.name}：{exc}") from None
    except BROKEN:  # openpyxl raises many kinds on malformed files
        _close(reader)
        raise InputError(f"{path.name}：工作簿的结构或样式无法识别（可能已损坏，或不是Excel保存的）；"
                         "请用Excel打开后另存为 .xlsx 再试") from None
    except BaseException:
        _close(reader)
        raise


def _read(path: Path, reader, progress: Progress | None) -> Workbook:
    from openpyxl.packaging.relationship import get_rels_path
    from openpyxl.reader.excel import _find_workbook_part
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.xml.constants import ARC_CONTENT_TYPES, ARC_STYLE, SHARED_STRINGS

    archive = reader.archive
    _check_part(path, archive, ARC_CONTENT_TYPES)
    reader.read_manifest()
    part = _find_workbook_part(reader.package).PartName[1:]
    for name in (part, get_rels_path(part), ARC_STYLE):
        _check_part(path, archive, name)
    strings, chars = [], 0
    table = reader.package.find(SHARED_STRINGS)
    if table is not None:
        name = table.PartName[1:]
        with archive.open(name) as src:
            strings, chars = read_strings(src, archive.getinfo(name).file_size, progress)
    reader.read_workbook()
    apply_stylesheet(archive, reader.wb)
    sheets = [(sheet.name, rel.target) for sheet, rel in reader.parser.find_sheets()
              if rel.target in reader.valid_files and "chartsheet" not in rel.Type]
    return Workbook(path, archive, reader.wb, sheets, strings, chars, progress)


def _check_part(path: Path, archive: zipfile.ZipFile, name: str) -> None:
    try:
        size = archive.getinfo(name).file_size
    except KeyError:
        return
    if size > MAX_PART_BYTES:
        raise InputError(f"{path.name}：其中的 {name} 解压后有 {size // 1024 // 1024} MB，超出程序为防止内存耗尽而设的上限"
                         f"（{MAX_PART_BYTES // 1024 // 1024} MB，真实的工作簿远小于此），未读取")


def _close(reader) -> None:
    if reader is not None:
        reader.archive.close()
