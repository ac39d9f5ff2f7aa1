"""SPEC §9 bad input: a measurement outside the ranges, on an impossible date, or standing too young."""
from datetime import date
from decimal import Decimal as D

import pytest

from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.domain.measurement_rules import (
    StandingHeightUnderTwo,
    check_measurement,
)

BIRTH = date(2024, 3, 15)
TODAY = date(2026, 5, 20)


def problems(**kw):
    args = dict(measured_on=date(2025, 9, 1), length_cm=D("80.5"), weight_kg=D("10.2"), today=TODAY)
    args.update(kw)
    return check_measurement(BIRTH, args.pop("measured_on"), args.pop("length_cm"), args.pop("weight_kg"), **args)


def test_a_plausible_measurement_passes():
    assert problems(hb_g_l=D(118), hearing="通过", head_cm=D("46.2"), position="身长") == []


@pytest.mark.parametrize("field, kw", [
    ("身长身高", dict(length_cm=D("44.9"))), ("身长身高", dict(length_cm=D("120.1"))),
    ("体重", dict(weight_kg=D("1.9"))), ("体重", dict(weight_kg=D("30.1"))),
    ("血红蛋白", dict(hb_g_l=D(49))), ("血红蛋白", dict(hb_g_l=D(201))),
    ("听力筛查", dict(hearing="正常")), ("头围", dict(head_cm=D(0))),
    ("头围", dict(head_cm=D("29.9"))), ("头围", dict(head_cm=D("56.1"))), ("头围", dict(head_cm=D("86.5"))),
])
def test_a_value_outside_its_range_is_refused_at_its_field_in_a_managers_words(field, kw):
    found = problems(**kw)
    assert [p.field for p in found] == [field]
    message = found[0].message
    assert "产品规范" not in message and "第9节" not in message and "SPEC" not in message
    assert "WHO" in message or "规范" in message or "请核对" in message


def test_a_head_circumference_within_the_who_range_for_0_to_3_years_is_accepted():
    assert problems(head_cm=D(30)) == problems(head_cm=D(56)) == []


def test_the_range_ends_themselves_are_accepted():
    assert problems(length_cm=D(45), weight_kg=D("2.0"), hb_g_l=D(50), measured_on=date(2024, 3, 15)) == []
    assert problems(length_cm=D(120), weight_kg=D("30.0"), hb_g_l=D(200), measured_on=date(2026, 5, 1)) == []


def test_a_measuring_date_before_birth_or_after_today_is_refused():
    before = problems(measured_on=date(2024, 3, 14))
    after = problems(measured_on=date(2026, 5, 21))
    assert [p.field for p in before] == ["测量日期"] and "早于出生日期2024-03-15" in before[0].message
    assert [p.field for p in after] == ["测量日期"] and "晚于今天2026-05-20" in after[0].message
    assert problems(measured_on=TODAY) == []


def test_missing_date_length_and_weight_are_all_reported_together():
    found = problems(measured_on=None, length_cm=None, weight_kg=None, row=7)
    assert [str(p).split(":")[0] for p in found] == ["第7行 测量日期", "第7行 身长身高", "第7行 体重"]
    assert "第7行 体重: 必填" in str(InputError(found))


def test_a_standing_height_for_a_child_under_two_is_offered_as_a_length():
    found = problems(position="身高", measured_on=date(2026, 3, 14), length_cm=D("86.3"))
    assert len(found) == 1 and isinstance(found[0], StandingHeightUnderTwo)
    p = found[0]
    assert (p.field, p.value_cm, p.as_length_cm, p.age_months) == ("身长身高", D("86.3"), D("87.0"), 23)
    assert "23月龄" in p.message and "身长86.3 cm" in p.message and "87.0 cm" in p.message


def test_a_standing_height_from_the_second_birthday_is_fine_and_so_is_a_lying_length():
    assert problems(position="身高", measured_on=date(2026, 3, 15), length_cm=D("86.3")) == []
    assert problems(position="身长", measured_on=date(2026, 4, 1), length_cm=D("88.0")) == []


def test_an_unknown_position_is_refused():
    assert [p.field for p in problems(position="坐高")] == ["身长身高"]


# -- a change since the child's previous measurement (a warning to confirm, not a refusal) --------
def jumps(prev_day, prev_length, prev_weight, day, length, weight, birth=BIRTH):
    from tuoyu_desktop.domain.measurement_rules import Previous, growth_jumps

    return growth_jumps(birth, Previous(prev_day, D(prev_length), D(prev_weight)), day, D(length), D(weight))


def test_normal_growth_in_half_a_year_raises_no_warning():
    assert jumps(date(2025, 3, 1), "78.0", "10.0", date(2025, 9, 1), "83.5", "11.2") == []


def test_a_head_circumference_typed_into_the_length_column_is_a_warning_naming_the_last_measurement():
    found = jumps(date(2025, 3, 1), "78.0", "10.0", date(2025, 9, 1), "46.5", "11.2")
    assert [p.field for p in found] == ["身长身高"]
    assert "2025-03-01" in found[0].message and "78" in found[0].message and "短了31.5 cm" in found[0].message


def test_a_length_growing_faster_than_children_grow_is_a_warning():
    found = jumps(date(2025, 8, 1), "78.0", "10.0", date(2025, 9, 1), "88.0", "10.3")
    assert [p.field for p in found] == ["身长身高"] and "长了10.0 cm" in found[0].message


def test_a_small_shortening_within_measuring_error_is_no_warning():
    assert jumps(date(2025, 8, 1), "80.0", "10.0", date(2025, 9, 1), "79.0", "10.1") == []


def test_a_weight_lost_by_more_than_a_tenth_or_gained_too_fast_is_a_warning():
    lost = jumps(date(2025, 8, 1), "80.0", "11.0", date(2025, 9, 1), "80.5", "9.5")
    gained = jumps(date(2025, 8, 1), "80.0", "11.0", date(2025, 9, 1), "80.5", "14.0")
    assert [p.field for p in lost] == ["体重"] and "减轻" in lost[0].message
    assert [p.field for p in gained] == ["体重"] and "增加" in gained[0].message


def test_infants_grow_faster_than_toddlers_and_the_rule_allows_it():
    # 3 → 4 months of age: 4 cm and 0.9 kg in a month is ordinary for an infant
    assert jumps(date(2024, 6, 15), "61.0", "6.2", date(2024, 7, 15), "65.0", "7.1") == []
    # the same gain at 2 years is a typing mistake
    assert jumps(date(2026, 3, 15), "86.0", "12.0", date(2026, 4, 15), "90.0", "12.3")


def test_no_previous_measurement_means_no_warning():
    from tuoyu_desktop.domain.measurement_rules import growth_jumps

    assert growth_jumps(BIRTH, None, date(2025, 9, 1), D("80"), D("10")) == []
