"""Streaming the XML inside an .xlsx, bounded at every step.

openpyxl's own readers build whole lists (every shared string; every cell of a row, as elements)
before anything can be checked. Here the XML goes to expat 64 KB at a time, only one item (one
shared string, one cell) is ever built as elements, and every count is checked as it grows, so a
hostile file is refused after at most one limit's worth of reading. After every chunk the
caller's ``progress(bytes read, bytes in all)`` runs: it may raise to stop (取消). Values are
still made by openpyxl (``Text``, ``WorkSheetParser.parse_cell``), so text, dates, numbers and
formulas read exactly as with ``load_workbook``.
"""
from __future__ import annotations

from typing import IO, Any, Callable, Iterator
from xml.etree.ElementTree import Element, TreeBuilder, XMLParser

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
T = NS + "t"
CHUNK = 64 * 1024
Progress = Callable[[int, int], None]  # (bytes read, bytes in all); may raise to stop the reading

# Limits that protect the program (its memory and time), not rules about data. Each is far above
# any real centre's or district's file: the largest real list has 5,000 children × ~20 columns,
# i.e. about 100,000 cells and fewer distinct texts; a return workbook has a few hundred cells.
MAX_STRINGS = 1_000_000  # entries of the shared-strings table
MAX_TEXT_CHARS = 20_000_000  # characters of text in all (shared strings and text kept in cells)
MAX_CELLS = 2_000_000  # cells of the rows kept (each row counted up to its last cell)
MAX_ITEM_ELEMENTS = 100_000  # XML elements inside one cell or one shared string (rich-text runs)
# Excel's own limits: a sheet beyond them was not written by Excel or WPS.
EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384


class Exceeded(Exception):
    """The file expands beyond a limit; the message (Chinese) says which and why."""


def _wan(n: int) -> str:
    return f"{n // 10_000}万" if n % 10_000 == 0 else str(n)


PROTECT = "超出程序为防止内存耗尽而设的上限（真实的托育机构文件远少于此），未读取"


def too_many_strings() -> Exceeded:
    return Exceeded(f"文件中的文字条目超过{_wan(MAX_STRINGS)}条，{PROTECT}")


def too_much_text() -> Exceeded:
    return Exceeded(f"文件中的文字超过{_wan(MAX_TEXT_CHARS)}字，{PROTECT}")


def too_many_cells() -> Exceeded:
    return Exceeded(f"工作表的单元格超过{_wan(MAX_CELLS)}个，{PROTECT}")


class _Items:
    """An XMLParser target that builds elements only for the items tagged ``item``, one at a time.

    Finished items, and the starts and ends of the ``watch`` tags outside items, queue up in
    ``events`` as ``(tag, attrib or None at the end)`` or ``(None, element)``.
    """

    def __init__(self, item: str, watch: tuple[str, ...] = ()):
        self.item, self.watch = item, watch
        self.events: list[tuple[str | None, Any]] = []
        self._builder: TreeBuilder | None = None
        self._depth = self._elements = self._chars = 0

    def start(self, tag: str, attrib: dict) -> None:
        if self._builder is not None:
            self._depth += 1
            self._elements += 1
            if self._elements > MAX_ITEM_ELEMENTS:
                raise Exceeded(f"一个单元格中的格式片段超过{_wan(MAX_ITEM_ELEMENTS)}个，{PROTECT}")
            self._builder.start(tag, attrib)
        elif tag == self.item:
            self._builder = TreeBuilder()
            self._builder.start(tag, attrib)
            self._depth, self._elements, self._chars = 1, 1, 0
        elif tag in self.watch:
            self.events.append((tag, attrib))

    def data(self, text: str) -> None:
        if self._builder is not None:
            self._chars += len(text)
            if self._chars > MAX_TEXT_CHARS:
                raise too_much_text()
            self._builder.data(text)

    def end(self, tag: str) -> None:
        if self._builder is None:
            if tag in self.watch:
                self.events.append((tag, None))
            return
        self._builder.end(tag)
        self._depth -= 1
        if self._depth == 0:
            self.events.append((None, self._builder.close()))
            self._builder = None

    def close(self) -> None:
        pass


def _stream(src: IO[bytes], total: int, target: _Items, progress: Progress | None) -> Iterator[list]:
    """Feed ``src`` to expat chunk by chunk; after each, hand over the events it produced."""
    parser = XMLParser(target=target)
    done = 0
    while chunk := src.read(CHUNK):
        parser.feed(chunk)
        done += len(chunk)
        events, target.events = target.events, []
        yield events
        if progress:
            progress(done, total)
    parser.close()
    events, target.events = target.events, []
    yield events


def read_strings(src: IO[bytes], total: int, progress: Progress | None) -> tuple[list[str], int]:
    """The shared-strings table and its number of characters; Exceeded past a limit.

    The table's own ``count``/``uniqueCount`` refuse early when they state too many, but are
    never trusted to be small: the entries are counted as they are read.
    """
    from openpyxl.cell.text import Text

    target = _Items(NS + "si", watch=(NS + "sst",))
    strings: list[str] = []
    chars = 0
    for events in _stream(src, total, target, progress):
        for tag, item in events:
            if tag is not None:
                stated = (item or {}).get("uniqueCount") or "0"
                if stated.isdigit() and int(stated) > MAX_STRINGS:
                    raise too_many_strings()
                continue
            if len(item) == 1 and item[0].tag == T:  # plain text, as most are: no need for openpyxl
                text = item[0].text or ""
            else:
                text = Text.from_tree(item).content
            text = text.replace("x005F_", "")
            strings.append(text)
            chars += len(text)
            if len(strings) > MAX_STRINGS:
                raise too_many_strings()
            if chars > MAX_TEXT_CHARS:
                raise too_much_text()
    return strings, chars


class RowReader:
    """Rows of one worksheet's XML as ``(Excel row number, values)``, bounded as they come.

    Only rows present in the file are given (a caller counts the gaps by their numbers); values
    run to the row's last non-empty cell. ``cells`` are counted over the rows given (from
    ``min_row``); ``text_chars`` starts from the shared strings' characters.
    """

    def __init__(self, cell_parser, text_chars: int):
        self.cells = 0
        self.text_chars = text_chars
        self._parser = cell_parser  # an openpyxl WorkSheetParser, used only for parse_cell

    def rows(self, src: IO[bytes], total: int, progress: Progress | None, min_row: int = 1,
             max_row: int | None = None, max_col: int | None = None) -> Iterator[tuple[int, list[Any]]]:
        target = _Items(NS + "c", watch=(NS + "row",))
        p = self._parser
        rows_seen = 0
        cells: list[Element] = []
        for events in _stream(src, total, target, progress):
            for tag, item in events:
                if tag is None:
                    cells.append(item)
                    if len(cells) > EXCEL_COLUMNS:
                        raise Exceeded(f"第{p.row_counter}行的单元格超过Excel的上限{EXCEL_COLUMNS}列，不是有效的工作表")
                elif item is not None:  # a row starts
                    rows_seen += 1
                    number = item.get("r")
                    p.row_counter = int(float(number)) if number else p.row_counter + 1
                    if rows_seen > EXCEL_ROWS or not 1 <= p.row_counter <= EXCEL_ROWS:
                        raise Exceeded(f"工作表的行数超过Excel的上限{EXCEL_ROWS}行，不是有效的工作表")
                    if max_row is not None and p.row_counter > max_row:
                        return
                    cells = []
                else:  # a row ends
                    values = self._values(cells, p.row_counter >= min_row, max_col)
                    if values is not None:
                        yield p.row_counter, values

    def _values(self, cells: list[Element], wanted: bool, max_col: int | None) -> list[Any] | None:
        p = self._parser
        p.col_counter = 0
        found: list[tuple[int, Any]] = []
        width = 0
        for element in cells:
            cell = p.parse_cell(element)
            column = cell["column"]
            if not 1 <= column <= EXCEL_COLUMNS:
                raise Exceeded(f"第{p.row_counter}行有单元格超出Excel的上限{EXCEL_COLUMNS}列，不是有效的工作表")
            width = max(width, column)
            value = cell["value"]
            if value is not None and wanted and (max_col is None or column <= max_col):
                found.append((column, value))
                if isinstance(value, str) and element.get("t") != "s":
                    self.text_chars += len(value)
        if not wanted:  # rows before min_row: bounded by EXCEL_COLUMNS each, nothing kept
            return None
        self.cells += max(width, len(cells))
        if self.cells > MAX_CELLS:
            raise too_many_cells()
        if self.text_chars > MAX_TEXT_CHARS:
            raise too_much_text()
        values: list[Any] = [None] * max((c for c, _ in found), default=0)
        for column, value in found:
            values[column - 1] = value
        return values
