from datetime import date, datetime
from decimal import Decimal

import pytest

from tuoyu_desktop.domain.formatting import date_cn, money_cn
from tuoyu_desktop.domain.parsing import parse_date, parse_decimal, parse_yes_no


@pytest.mark.parametrize("text", ["2025-03-01", "2025/3/1", "2025年3月1日", "20250301", " 2025-3-1 ",
                                  datetime(2025, 3, 1), date(2025, 3, 1), "２０２５-０３-０１"])
def test_dates_in_every_common_form_are_read(text):
    assert parse_date(text) == date(2025, 3, 1)


@pytest.mark.parametrize("text", ["2025-02-30", "3/1/2025", "明天"])
def test_unreadable_dates_are_refused(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_negative_money_is_refused():
    with pytest.raises(ValueError, match="不能小于0"):
        parse_decimal("-5")


def test_money_accepts_separators_and_unit():
    assert parse_decimal("1,234.50元") == Decimal("1234.50")


def test_yes_no():
    assert parse_yes_no("是") is True and parse_yes_no("否") is False and parse_yes_no("") is None
    with pytest.raises(ValueError, match="应填“是”或“否”"):
        parse_yes_no("可能")


def test_dates_and_money_are_shown_in_chinese_form():
    assert date_cn(date(2026, 10, 31)) == "2026年10月31日"
    assert money_cn(1234) == "¥1,234.00"


@pytest.mark.parametrize("text", ["100000000000000000000000000", "1e30", "１２３４５６７８９０１２３４５"])
def test_a_number_far_too_large_is_refused_with_a_message_not_a_crash(text):
    with pytest.raises(ValueError, match="数字太大"):
        parse_decimal(text)


def test_a_large_but_real_amount_is_kept():
    assert parse_decimal("999999999999.99") == Decimal("999999999999.99")
