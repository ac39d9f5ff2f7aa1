"""Parsing what people type or what a spreadsheet holds: dates, money, hours, yes/no.

Each parser returns a clean value or raises ValueError with a Chinese message.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def clean_text(value: object) -> str:
    """Text with surrounding spaces (also the full-width space) removed; Chinese punctuation kept."""
    if value is None:
        return ""
    return str(value).strip().strip("\u3000").strip()


def folded(value: object) -> str:
    """Text with full-width digits, letters and signs folded to ASCII (for numbers, dates, codes)."""
    return unicodedata.normalize("NFKC", clean_text(value)).strip()


def parse_date(value: object) -> date | None:
    """A date from a date, a datetime, or text such as 2025-03-01, 2025/3/1, 2025年3月1日, 20250301."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = folded(value)
    if not text:
        return None
    text = re.sub(r"\s+00:00(:00)?$", "", text)
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                raise ValueError(f"“{text}”不是有效日期") from None
    raise ValueError(f"“{text}”不是可识别的日期（应如2025-03-01、2025/3/1或2025年3月1日）")


#: No fee, rent, place count or hour count comes near this; anything above is a mistyped cell.
LARGEST = Decimal(10) ** 12

#: An Excel cell holds at most 32,767 characters (Excel specifications and limits); every text the
#: program keeps goes out again in a workbook (the return, the exports), so a longer one cannot be true.
TEXT_LIMIT = 32767


def too_long(text: str) -> str | None:
    """Why ``text`` cannot be kept, or None: only when it could not fit one Excel cell."""
    if len(text) > TEXT_LIMIT:
        return (f"不能超过{TEXT_LIMIT}个字（当前{len(text)}个；Excel一个单元格最多放{TEXT_LIMIT}个字，"
                "月报和导出文件放不下）")
    return None


# Blocks made of emoji and pictographs only (Unicode emoji-data): no letter of any script is there.
_EMOJI_BLOCKS = ((0x1F000, 0x1FAFF), (0x2600, 0x27BF), (0x2B00, 0x2BFF), (0x2300, 0x23FF), (0xE0020, 0xE007F))
# Marks that turn the character before them into an emoji (VS16, keycap).
_EMOJI_MARKS = {0xFE0F, 0x20E3}


def find_emoji(text: str) -> str | None:
    """The first emoji (or pictograph) in ``text``, or None.

    Only symbols (categories So/Sk) in the emoji blocks count, so every letter is kept: CJK
    ideographs of Extensions B–H (astral, like 𬌗 and 𠈌) are letters (Lo) and never match."""
    for index, ch in enumerate(text):
        code = ord(ch)
        if code in _EMOJI_MARKS:
            return text[max(index - 1, 0):index + 1]
        if unicodedata.category(ch) in ("So", "Sk", "Cf") and any(lo <= code <= hi for lo, hi in _EMOJI_BLOCKS):
            return ch
    return None


def parse_decimal(value: object, *, places: int = 2, minimum: Decimal | None = Decimal(0),
                  unit: str = "") -> Decimal | None:
    """A number (empty → None) with at most ``places`` decimals and not below ``minimum``."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("应为数字")
    if isinstance(value, (int, float, Decimal)):
        text = str(value)
    else:
        text = folded(value).replace(",", "")
        text = re.sub(r"(元|¥|￥|课时|小时)", "", text).strip()
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"“{clean_text(value)}”不是数字") from None
    if not number.is_finite():
        raise ValueError("应为数字")
    if abs(number) >= LARGEST:
        raise ValueError(f"数字太大（应小于{LARGEST:,}；没有哪项收费、人数或课时有这么大，"
                         "多半是填错了单元格）")
    if minimum is not None and number < minimum:
        raise ValueError(f"不能小于{minimum}{unit}")
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise ValueError(f"最多{places}位小数")
    return number


def parse_yes_no(value: object) -> bool | None:
    """是/否 (also Y/N, 1/0, TRUE/FALSE); empty → None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = folded(value).upper()
    if not text:
        return None
    if text in ("是", "Y", "YES", "1", "TRUE", "√"):
        return True
    if text in ("否", "N", "NO", "0", "FALSE", "×"):
        return False
    raise ValueError(f"应填“是”或“否”（当前为“{clean_text(value)}”）")


def parse_choice(value: object, choices: tuple[str, ...]) -> str | None:
    text = re.sub(r"\s+", "", clean_text(value))
    if not text:
        return None
    if text not in choices:
        raise ValueError(f"“{text}”不是可选值（可选：{'、'.join(choices)}）")
    return text
