"""Open days (SPEC §8): the State Council schedule with 调休, Monday–Friday beyond it, the centre's overrides.

The dates below were read from chinese-calendar 1.11.0 itself (2025: 国庆 10-01…10-08, 调休 Saturday
10-11; 2026: 春节 02-15…02-23, 调休 Saturdays 02-14 and 02-28), not guessed.
"""
import subprocess
import sys
from datetime import date

from tuoyu_desktop.domain.opendays import DayOverride, OpenDays, default_open


def test_national_day_2025_is_closed_and_its_tiaoxiu_saturday_is_open():
    assert not default_open(date(2025, 10, 1))
    assert not default_open(date(2025, 10, 8))  # a Wednesday inside the holiday
    assert date(2025, 10, 11).weekday() == 5 and default_open(date(2025, 10, 11))
    assert date(2025, 9, 28).weekday() == 6 and default_open(date(2025, 9, 28))  # a 调休 Sunday


def test_spring_festival_2026_closes_weekdays_and_opens_two_saturdays():
    assert not default_open(date(2026, 2, 16))  # Monday in 春节
    assert default_open(date(2026, 2, 14)) and default_open(date(2026, 2, 28))  # 调休 Saturdays
    assert not default_open(date(2026, 2, 7))  # an ordinary Saturday


def test_a_year_the_package_does_not_know_falls_back_to_monday_to_friday():
    assert default_open(date(2035, 10, 1))  # a Monday; no holiday schedule known for 2035
    assert not default_open(date(2035, 10, 6))  # Saturday
    assert OpenDays().in_month(2035, 2) == [date(2035, 2, d) for d in range(1, 29) if date(2035, 2, d).weekday() < 5]


def test_open_days_of_october_2025_skip_national_day_and_add_the_tiaoxiu_saturday():
    days = OpenDays().in_month(2025, 10)
    assert days[0] == date(2025, 10, 9)
    assert date(2025, 10, 11) in days
    # 23 weekdays in October 2025, 6 of them in the holiday (1–3, 6–8), plus Saturday the 11th
    assert len(days) == 23 - 6 + 1


def test_the_centres_summer_closure_and_saturday_care_override_the_schedule():
    overrides = {date(2025, 7, 14): DayOverride(False, "暑假"), date(2025, 7, 12): DayOverride(True, "周六托育")}
    cal = OpenDays(overrides)
    assert not cal.is_open(date(2025, 7, 14)) and cal.closed_reason(date(2025, 7, 14)) == "暑假"
    assert cal.is_open(date(2025, 7, 12))
    assert cal.closed_reason(date(2025, 10, 1)) == "国庆节"
    assert cal.closed_reason(date(2025, 7, 13)) == "周末"
    assert cal.closed_reason(date(2025, 7, 15)) == ""


def test_the_next_open_day_after_the_holiday_eve_is_after_the_holiday():
    cal = OpenDays()
    assert cal.next_after(date(2025, 9, 30)) == date(2025, 10, 9)
    assert cal.next_after(date(2025, 10, 10)) == date(2025, 10, 11)  # Friday → the 调休 Saturday
    assert cal.next_after(date(2025, 10, 11)) == date(2025, 10, 13)


def test_the_three_open_days_up_to_a_day_reach_back_over_a_weekend_and_a_holiday():
    cal = OpenDays()
    assert cal.up_to(date(2025, 10, 9), 3) == [date(2025, 9, 29), date(2025, 9, 30), date(2025, 10, 9)]
    assert cal.up_to(date(2025, 10, 13), 2) == [date(2025, 10, 11), date(2025, 10, 13)]
    assert cal.up_to(date(2025, 10, 5), 1) == [date(2025, 9, 30)]  # a closed day: the open days before it


def test_open_days_between_two_dates_are_in_order_and_inclusive():
    cal = OpenDays({date(2025, 10, 10): DayOverride(False, "园所消毒")})
    assert cal.between(date(2025, 10, 8), date(2025, 10, 13)) == [date(2025, 10, 9), date(2025, 10, 11),
                                                                  date(2025, 10, 13)]


def test_importing_the_open_days_module_does_not_load_the_holiday_package():
    code = ("import sys, tuoyu_desktop.domain.opendays; "
            "print('chinese_calendar' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
