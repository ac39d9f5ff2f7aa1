"""Formatting for people, at the very end, with Babel's zh_CN data."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

LOCALE = "zh_CN"


def date_cn(d: date | None) -> str:
    """2026年10月31日"""
    return format_date(d, format="long", locale=LOCALE) if d else ""


def moment_cn(at: datetime, space: str = " ") -> str:
    """``11月02日 10:20``. Never written as a strftime format with 月 in it: Windows' strftime refuses
    a format with characters outside the C locale ("Invalid format string")."""
    return f"{at.month:02d}月{at.day:02d}日{space}{at:%H:%M}"


def date_iso(d: date | datetime | None) -> str:
    """2026-10-31, the form dates are shown in forms and lists."""
    if d is None:
        return ""
    if isinstance(d, datetime):
        d = d.date()
    return d.isoformat()


def money_cn(amount: Decimal | int | float | None) -> str:
    """¥1,234.00"""
    if amount is None:
        return ""
    return format_currency(Decimal(str(amount)), "CNY", locale=LOCALE)


def number_cn(value: Decimal | int | float | None, decimals: int = 0) -> str:
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def fen_to_yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else (Decimal(fen) / 100).quantize(Decimal("0.01"))


def yuan_to_fen(yuan: Decimal | int | float | str) -> int:
    return int((Decimal(str(yuan)) * 100).quantize(Decimal("1")))


def amount_in_capitals(fen: int) -> str:
    """The amount in 大写 as a receipt writes it: 壹仟贰佰叁拾肆元伍角整 (``cn2an``, imported when a
    receipt is made; 整 after 元 or 角, as the 支付结算办法 writes it, none after 分)."""
    import cn2an

    text = cn2an.an2cn(f"{fen_to_yuan(fen)}", "rmb")
    return text + "整" if text.endswith("角") else text
