"""One value for a month (and a term) wherever a month is typed, stored, shown or counted."""
from datetime import date

import pytest

from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.domain.month import Month, Term
from tuoyu_desktop.domain.opendays import OpenDays


@pytest.mark.parametrize("typed", ["2026-10", "2026-10 ", "2026-010", "2026/10", "2026年10月", "２０２６－１０", "202610",
                                   "2026.10"])
def test_a_month_typed_any_usual_way_is_the_same_month(typed):
    assert Month.parse(typed) == Month(2026, 10) and str(Month.parse(typed)) == "2026-10"


def test_a_single_digit_month_is_written_with_two_digits():
    assert str(Month.parse("2026-1")) == "2026-01" and Month.parse("2026年1月").title == "2026年1月"


@pytest.mark.parametrize("typed", ["2026-13", "2026-0", "26-10", "十月", "", None, "2026-10-05", "9999-12x"])
def test_anything_else_is_refused_saying_how_to_write_it(typed):
    with pytest.raises(InputError) as err:
        Month.parse(typed)
    assert err.value.problems[0].field == "月份" and "如2026-10" in err.value.problems[0].message


def test_first_last_previous_next_and_days():
    feb = Month(2028, 2)
    assert (feb.first, feb.last) == (date(2028, 2, 1), date(2028, 2, 29)) and feb.bounds == (feb.first, feb.last)
    assert Month(2026, 1).previous == Month(2025, 12) and Month(2025, 12).next == Month(2026, 1)
    assert Month(2026, 10).shift(-14) == Month(2025, 8) and Month.of(date(2026, 11, 25)) == Month(2026, 11)
    assert len(list(feb.days())) == 29 and date(2028, 2, 29) in feb and date(2028, 3, 1) not in feb
    assert Month(2026, 9) < Month(2026, 10) < Month(2027, 1)


def test_the_open_days_of_a_month_follow_the_calendar_and_the_centres_overrides():
    from tuoyu_desktop.domain.opendays import DayOverride

    october = Month(2026, 10)
    national = october.open_days(OpenDays())
    assert date(2026, 10, 1) not in national and date(2026, 10, 9) in national  # 国庆节; a working Friday
    closed = october.open_days(OpenDays({date(2026, 10, 9): DayOverride(False, "停电")}))
    assert closed == [d for d in national if d != date(2026, 10, 9)]


def test_terms_are_spring_february_to_july_and_autumn_september_to_january():
    """SPEC §11: 春季 2–7月, 秋季 9月–次年1月; August is in no term."""
    assert Month(2026, 2).term == Term(2026, "春季") and Month(2026, 7).term == Term(2026, "春季")
    assert Month(2026, 9).term == Term(2026, "秋季") and Month(2027, 1).term == Term(2026, "秋季")
    assert Month(2026, 8).term is None
    autumn = Term(2026, "秋季")
    assert autumn.months == [Month(2026, m) for m in (9, 10, 11, 12)] + [Month(2027, 1)]
    assert (autumn.first, autumn.last) == (date(2026, 9, 1), date(2027, 1, 31)) and autumn.title == "2026年秋季学期"
    assert Term(2026, "春季").months[-1] == Month(2026, 7)
