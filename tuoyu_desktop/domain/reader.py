"""Reading one record's raw values (a form, or a spreadsheet row) into clean values.

The values are keyed by the Chinese field names users see (the template headers), so the
same checks serve the window's forms and the Excel import. Every problem is collected with
its field (and row, for a file); a field that fails reads as None.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from .errors import Collector
from .idnumbers import IdInfo, normalize_code, parse_id_number, validate_phone
from .parsing import (
    clean_text,
    find_emoji,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_yes_no,
    too_long,
)

#: Nothing a childcare centre records happened before 1900; an earlier date is an Excel 0 or a
#: mistyped year (Excel itself counts dates from 1900).
EARLIEST = date(1900, 1, 1)

#: a form opened from one child names it by its record id (a child awaiting 户口 has no 身份证号)
CHILD_REF = "幼儿记录"


class RowReader:
    def __init__(self, raw: dict[str, object], errors: Collector, row: int | None = None,
                 today: date | None = None):
        self.raw = raw
        self.errors = errors
        self.row = row
        self.today = today or date.today()

    def problem(self, field: str, message: str) -> None:
        self.errors.add(field, message, self.row)

    def has(self, field: str) -> bool:
        return field in self.raw

    def _raw_text(self, field: str) -> str:
        value = self.raw.get(field)
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a number typed into a spreadsheet cell: 12345.0 means 12345
        return clean_text(value)

    def _missing(self, field: str, required: bool) -> bool:
        value = self.raw.get(field)
        empty = value is None or (isinstance(value, str) and not clean_text(value))
        if empty and required:
            self.problem(field, "必填，不能为空")
        return empty

    def text(self, field: str, required: bool = False) -> str:
        """Text as written (surrounding spaces removed); only what no Excel cell could hold is refused."""
        if self._missing(field, required):
            return ""
        text = self._raw_text(field)
        problem = too_long(text)
        if problem:
            self.problem(field, problem)
            return ""
        return text

    def name(self, field: str, required: bool = False, what: str = "姓名") -> str:
        """A person's (or a class's) name: any letters, rare characters (生僻字) included, but no emoji."""
        text = self.text(field, required)
        emoji = find_emoji(text)
        if emoji:
            self.problem(field, f"{what}不能包含表情符号“{emoji}”"
                                f"（真实的{what}里没有表情符号，月报PDF也无法打印）")
            return ""
        return text

    def date(self, field: str, required: bool = False, *, not_future: bool = False) -> date | None:
        """A date; ``not_future`` for what records an event that has happened (a birth, a check)."""
        if self._missing(field, required):
            return None
        try:
            value = parse_date(self.raw.get(field))
        except ValueError as exc:
            self.problem(field, str(exc))
            return None
        if value is None:
            return None
        if value < EARLIEST:
            self.problem(field, f"{value.isoformat()}早于{EARLIEST.year}年，不可能是真实日期（多半是年份填错，"
                                "或单元格里的0被Excel当成了日期）")
            return None
        if not_future and value > self.today:
            self.problem(field, f"{value.isoformat()}是将来的日期（晚于今天{self.today.isoformat()}；这里登记已经发生的事，"
                                "如果电脑日期不对请先校正）")
            return None
        return value

    def choice(self, field: str, choices: tuple[str, ...], required: bool = False) -> str:
        if self._missing(field, required):
            return ""
        try:
            return parse_choice(self.raw.get(field), choices) or ""
        except ValueError as exc:
            self.problem(field, str(exc))
            return ""

    def yes_no(self, field: str, default: bool | None = False, required: bool = False) -> bool | None:
        if self._missing(field, required):
            return default
        try:
            value = parse_yes_no(self.raw.get(field))
        except ValueError as exc:
            self.problem(field, str(exc))
            return default
        return default if value is None else value

    def decimal(self, field: str, required: bool = False, *, places: int = 2, minimum: Decimal = Decimal(0),
                maximum: Decimal | None = None, unit: str = "", positive: bool = False) -> Decimal | None:
        if self._missing(field, required):
            return None
        try:
            value = parse_decimal(self.raw.get(field), places=places, minimum=minimum, unit=unit)
        except ValueError as exc:
            self.problem(field, str(exc))
            return None
        if value is not None and positive and value <= 0:
            self.problem(field, "应大于0")
            return None
        if value is not None and maximum is not None and value > maximum:
            self.problem(field, f"不能大于{maximum}{unit}")
            return None
        return value

    def integer(self, field: str, required: bool = False, *, minimum: int = 0,
                maximum: int | None = None) -> int | None:
        value = self.decimal(field, required, places=0, minimum=Decimal(minimum),
                             maximum=None if maximum is None else Decimal(maximum))
        return None if value is None else int(value)

    def id_number(self, field: str, required: bool = False) -> IdInfo | None:
        if self._missing(field, required):
            return None
        if isinstance(self.raw.get(field), (int, float)):
            self.problem(field, "身份证号被Excel存成了数字，后几位已经丢失；请把该列设为“文本”后重新填写")
            return None
        try:
            return parse_id_number(self.raw.get(field))
        except ValueError as exc:
            self.problem(field, str(exc))
            return None

    def phone(self, field: str, required: bool = False) -> str:
        if self._missing(field, required):
            return ""
        try:
            return validate_phone(self._raw_text(field))
        except ValueError as exc:
            self.problem(field, str(exc))
            return ""

    def code(self, field: str, required: bool = False) -> str:
        """A number/serial: full-width folded, spaces removed, upper case."""
        if self._missing(field, required):
            return ""
        code = normalize_code(self._raw_text(field))
        problem = too_long(code)
        if problem:
            self.problem(field, problem)
            return ""
        return code
