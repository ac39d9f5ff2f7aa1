from datetime import date

import pytest

from tuoyu_desktop.domain.ages import add_months, completed_months, month_end


def test_child_born_on_31st_is_one_month_old_on_30th_of_next_month():
    assert completed_months(date(2025, 3, 31), date(2025, 4, 30)) == 1


def test_child_born_on_31st_is_not_yet_one_month_old_on_29th_of_next_month():
    assert completed_months(date(2025, 3, 31), date(2025, 4, 29)) == 0


def test_month_is_complete_on_the_same_day_of_month():
    assert completed_months(date(2024, 6, 15), date(2025, 6, 15)) == 12
    assert completed_months(date(2024, 6, 15), date(2025, 6, 14)) == 11


def test_child_born_on_31_january_is_one_month_old_at_end_of_february():
    assert completed_months(date(2025, 1, 31), date(2025, 2, 28)) == 1
    assert completed_months(date(2024, 1, 31), date(2024, 2, 28)) == 0  # leap year: 29th exists
    assert completed_months(date(2024, 1, 31), date(2024, 2, 29)) == 1


def test_leap_day_birthday_completes_a_year_on_28_february():
    assert completed_months(date(2024, 2, 29), date(2025, 2, 28)) == 12


def test_age_on_the_birth_day_is_zero_and_before_birth_negative():
    assert completed_months(date(2025, 5, 10), date(2025, 5, 10)) == 0
    assert completed_months(date(2025, 5, 10), date(2025, 5, 9)) < 0


@pytest.mark.parametrize("start,months,expected", [
    (date(2025, 1, 31), 1, date(2025, 2, 28)),
    (date(2025, 3, 15), -3, date(2024, 12, 15)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
])
def test_add_months_clamps_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_month_end():
    assert month_end(2026, 2) == date(2026, 2, 28)
    assert month_end(2028, 2) == date(2028, 2, 29)
