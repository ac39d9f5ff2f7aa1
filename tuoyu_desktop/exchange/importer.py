"""Import a filled template: read by header text, check every row, then write all or nothing.

Nothing is written unless every row passed; the problems come back as ``第N行 列名: 原因``
with N the row number Excel shows. The caller owns the transaction: it commits the result,
or rolls back for a preview.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable

from sqlmodel import Session

from .. import gcpause
from ..domain.errors import Collector, InputError, Problem
from ..domain.idnumbers import mask_id, mask_phone
from ..domain.parsing import clean_text, folded, parse_date
from ..domain.policy import PolicyProfile
from ..domain.reader import RowReader
from ..services.centre import centre_profile
from ..services.records import (
    ADDED,
    KINDS,
    UNCHANGED,
    UPDATED,
    Checked,
    Context,
    RecordKind,
)
from ..store.plain import as_db
from .workbook_reader import MAX_ROWS, open_workbook

HEADER_SCAN_ROWS = 10
TOTAL_WORDS = ("合计", "总计", "小计")
#: (done, in all, stage): READING counts bytes of the file, CHECKING and SAVING count rows; it may
#: raise to stop (取消), and is called at least every 64 KB read and every 200 rows
Progress = Callable[[int, int, str], None]
READING, CHECKING, SAVING = "读取", "检查", "保存"


def kind_named(key: str) -> RecordKind:
    if key not in KINDS:
        raise InputError(f"没有“{key}”这类数据；可选：{' '.join(KINDS)}")
    return KINDS[key]


def normalize_header(value: Any) -> str:
    text = re.sub(r"\s+", "", folded(value))
    return text.rstrip("*").strip()


@dataclass
class SheetData:
    sheet: str
    header_row: int
    headers: list[str]  # as normalised, one per column of the sheet ("" for blank)
    rows: list[tuple[int, list[Any]]]  # (Excel row number, cell values)
    notes: list[str] = field(default_factory=list)

    def record(self, values: list[Any], kind: RecordKind) -> dict[str, Any]:
        known = set(kind.headers)
        return {h: (values[i] if i < len(values) else None) for i, h in enumerate(self.headers) if h in known}


@dataclass
class RowPreview:
    row: int
    action: str
    summary: str
    who: str = ""


@dataclass
class ImportResult:
    kind: str
    title: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)
    rows: list[RowPreview] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return f"{self.title}：新增 {self.added}，更新 {self.updated}，未变 {self.unchanged}"


def import_name(path: Path) -> Callable[["ImportResult"], str]:
    """The operation's name once the import has run: 导入幼儿 幼儿.xlsx（37行）."""
    return lambda r: f"导入{r.title} {Path(path).name}（{r.added + r.updated + r.unchanged}行）"


class ImportFailed(InputError):
    """Some rows are bad: nothing was imported. Carries the sheet for the problem report."""

    def __init__(self, problems: list[Problem], data: SheetData | None, kind: RecordKind,
                 names: dict[int, str] | None = None):
        super().__init__(problems)
        self.data = data
        self.kind = kind
        self.names = names or {}  # Excel row number → whose row it is (the child's, the staff member's …)

    def who(self, p: Problem) -> str:
        return self.names.get(p.row, "") if p.row is not None else ""

    def report_lines(self) -> list[str]:
        """SPEC §5's 第N行 列名: 原因, one per problem (the window and the 问题清单 add whose row it is)."""
        return [str(p) for p in self.problems]


def read_sheet(path: Path, kind: RecordKind, progress: Progress | None = None) -> SheetData:
    reading = (lambda done, total: progress(done, total, READING)) if progress else None
    wb = open_workbook(path, reading)
    try:
        candidates = [kind.sheet] if kind.sheet in wb.sheetnames else []
        candidates += [n for n in wb.sheetnames if n not in candidates and n != "说明"]
        best: tuple[int, str, list[str]] | None = None
        for name in candidates:
            ws = wb[name]
            for number, values in ws.rows(max_row=HEADER_SCAN_ROWS):
                headers = [normalize_header(v) for v in values]
                found = set(headers) & set(kind.headers)
                if set(kind.required) <= found:
                    return _read_rows(ws, name, number, headers, values, kind)
                score = len(found & set(kind.required))
                if best is None or score > best[0]:
                    best = (score, name, [h for h in kind.required if h not in found])
        if best is None:
            raise InputError(f"{path.name}：工作簿中没有工作表")
        raise InputError(f"{path.name}：工作表“{best[1]}”缺少必填列：{'、'.join(best[2])}"
                         f"（应在前{HEADER_SCAN_ROWS}行中有一行列名；请用导入窗口的“生成空白模板…”"
                         f"或命令 python main.py template {kind.key} 得到{kind.title}模板）")
    finally:
        wb.close()


def _read_rows(ws, name: str, header_row: int, headers: list[str], raw_headers: list[Any],
               kind: RecordKind) -> SheetData:
    repeated = sorted({h for h in headers if h and headers.count(h) > 1 and h in kind.headers})
    if repeated:
        raise InputError(f"工作表“{name}”第{header_row}行：列“{'、'.join(repeated)}”出现了不止一次")
    data = SheetData(name, header_row, headers, [])
    unknown = [clean_text(raw) for h, raw in zip(headers, raw_headers) if h and h not in kind.headers]
    if unknown:
        data.notes.append(f"忽略了不认识的列：{'、'.join(unknown)}")
    wanted = [i for i, h in enumerate(headers) if h in kind.headers]
    blank_rows = skipped_blank = 0  # blank rows since the last data row; those between data rows
    previous = header_row
    for number, values in ws.rows(min_row=header_row + 1):
        blank_rows += number - previous - 1  # rows absent from the file are blank too
        previous = number
        cells = [values[i] if i < len(values) else None for i in wanted]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            blank_rows += 1
            continue
        first = next((clean_text(v) for v in values if v is not None and clean_text(v)), "")
        if first.replace(" ", "") in TOTAL_WORDS:
            data.notes.append(f"第{number}行是“{first}”行，已忽略")
            continue
        skipped_blank += blank_rows
        blank_rows = 0
        data.rows.append((number, values))
        if len(data.rows) > MAX_ROWS:
            raise InputError(f"工作表“{name}”的数据超过{MAX_ROWS}行，请分成几个文件导入")
    if skipped_blank:
        data.notes.append(f"跳过了数据中间的{skipped_blank}个空行")
    return data


NAME_WORDS = ("姓名", "名称")


def _name_column(kind: RecordKind) -> str | None:
    """The column that names a row's record (姓名, 幼儿姓名, 班级名称 …), if the kind has one."""
    return next((c.header for c in kind.columns if c.header.endswith(NAME_WORDS)), None)


def _name_in(named: str | None, record: dict[str, Any]) -> str:
    return clean_text(record.get(named)) if named else ""


def _row_names(session: Session, kind: RecordKind, data: SheetData, rows: set[int]) -> dict[int, str]:
    """Whose each of ``rows`` is: its name column (姓名, 幼儿姓名, 班级名称 …), else the child or staff
    member its 身份证号 belongs to, so a problem reads 第5行（张子怡）, not only 第5行."""
    id_column = next((c.header for c in kind.columns if c.kind == "id"), None)
    named = _name_column(kind)
    db = as_db(session)
    names: dict[int, str] = {}
    for number, values in data.rows:
        if number not in rows:
            continue
        record = data.record(values, kind)
        name = _name_in(named, record)
        id_number = folded(record.get(id_column)).upper() if id_column else ""
        if not name and id_number:
            for table in ("children", "staff"):
                found = db.values(f"SELECT name FROM {table} WHERE id_number = ?", id_number)
                if found:
                    name = found[0][0]
                    break
        if name:
            names[number] = name
    return names


def _shown(column, raw: Any) -> str:
    """A cell as the preview shows it: a date as 2024-08-20 however it was typed, an ID or a phone masked."""
    value = clean_text(raw)
    if not value:
        return ""
    if column.kind == "date":
        try:
            day = parse_date(raw)
        except ValueError:
            return value
        return day.isoformat() if day else ""
    if column.kind == "id":
        return mask_id(value.upper())
    if column.kind == "phone":
        return mask_phone(value)
    return value


def _summary(kind: RecordKind, values: dict[str, Any]) -> str:
    return " ".join(v for v in (_shown(c, values.get(c.header)) for c in kind.columns[:4]) if v)


def import_file(session: Session, kind_key: str, path: Path, profiles: dict[str, PolicyProfile],
                today: date, progress: Progress | None = None) -> ImportResult:
    """Check every row of ``path`` and, if all are good, store them in ``session``."""
    with gcpause.paused():
        return _import_file(session, kind_named(kind_key), Path(path), profiles, today, progress)


def _import_file(session: Session, kind: RecordKind, path: Path, profiles: dict[str, PolicyProfile], today: date,
                 progress: Progress | None) -> ImportResult:
    data = read_sheet(path, kind, progress)
    if kind.single_row and len(data.rows) > 1:
        raise ImportFailed([Problem("", f"{kind.title}只能有一行数据（现有{len(data.rows)}行）", data.rows[1][0])],
                           data, kind)
    ctx = Context(session, centre_profile(session, profiles), today, profiles)
    errors = Collector()
    checked: list[Checked] = []
    seen: dict[Any, int] = {}
    total = len(data.rows)
    for index, (number, values) in enumerate(data.rows):
        before = len(errors.problems)
        record = data.record(values, kind)
        c = kind.check(RowReader(record, errors, number, today), ctx)
        c.present = set(record)
        key = kind.identity(c) if c is not None else None
        if key is not None and _complete(key):
            if key in seen:
                errors.add(kind.identity_label.split("+")[0], f"与第{seen[key]}行重复（同一{kind.identity_label}出现两次）",
                           number)
            else:
                seen[key] = number
        if c is not None and len(errors.problems) == before:
            checked.append(c)
        if progress and (index % 200 == 0 or index == total - 1):
            progress(index + 1, total, CHECKING)
    if not errors:
        kind.check_all(checked, ctx, errors)
    if errors:
        problems = sorted(errors.problems, key=lambda p: (p.row or 0, _column_order(kind, p.field)))
        raise ImportFailed(problems, data, kind, _row_names(session, kind, data, {p.row for p in problems}))
    result = ImportResult(kind.key, kind.title, notes=list(data.notes))
    counts = {ADDED: 0, UPDATED: 0, UNCHANGED: 0}
    values_by_row = dict(data.rows)
    named = _name_column(kind)
    for index, c in enumerate(checked):
        if progress and index % 200 == 0:
            progress(index, len(checked), SAVING)
        action = kind.save(session, c, ctx)
        counts[action] += 1
        record = data.record(values_by_row[c.row], kind)
        result.rows.append(RowPreview(c.row, action, _summary(kind, record), _name_in(named, record)))
    kind.finish(session, ctx)
    result.added, result.updated, result.unchanged = counts[ADDED], counts[UPDATED], counts[UNCHANGED]
    session.flush()
    return result


def _complete(key) -> bool:
    if isinstance(key, tuple):
        return all(part not in (None, "") for part in key)
    return key not in (None, "")


def _column_order(kind: RecordKind, header: str) -> int:
    return kind.headers.index(header) if header in kind.headers else -1
