"""膳食 rules (SPEC §12): 餐次, a menu typed once, three weeks the same, a sample kept 48 hours, gaps."""
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.domain.kitchen import (
    Dish,
    parse_meals,
    parse_menu_text,
    sample_problems,
    unchanged_for_three_weeks,
    unsampled,
)


def test_the_meals_a_centre_serves_are_read_in_the_order_of_the_day():
    assert parse_meals("午点、早餐,午餐") == ("早餐", "午餐", "午点")
    with pytest.raises(InputError, match="“夜宵”不是餐次"):
        parse_meals("午餐、夜宵")


def test_a_dish_is_typed_with_its_ingredients_once_and_then_by_its_name_alone():
    dishes = parse_menu_text("番茄炒蛋：番茄 40、鸡蛋30g\n米饭：大米 50")
    assert dishes == [Dish("番茄炒蛋", (("番茄", Decimal(40)), ("鸡蛋", Decimal(30)))), Dish("米饭", (("大米", Decimal(50)),))]
    known = {d.name: d for d in dishes}
    assert parse_menu_text("米饭\n青菜：青菜 60.5", known)[0] == known["米饭"]
    with pytest.raises(InputError) as bad:
        parse_menu_text("紫菜汤\n鱼丸：鱼丸", known)
    text = str(bad.value)
    assert "第1行：“紫菜汤”还没有食材和每人用量" in text and "第2行：“鱼丸”缺少每人用量（克）" in text


def test_a_menu_the_same_three_weeks_running_is_caught_and_two_weeks_are_allowed():
    monday = date(2026, 11, 16)
    same = frozenset({"米饭", "番茄炒蛋"})
    menus = {(monday - timedelta(days=7 * w) + timedelta(days=d), "午餐"): same for w in range(3) for d in range(5)}
    assert unchanged_for_three_weeks(menus, monday)
    assert not unchanged_for_three_weeks(menus, monday - timedelta(days=7))  # only two weeks before it
    menus[(monday + timedelta(days=2), "午餐")] = frozenset({"米饭", "红烧鱼"})
    assert not unchanged_for_three_weeks(menus, monday)


def test_a_sample_destroyed_before_48_hours_is_refused_with_the_rule():
    at = datetime(2026, 11, 2, 11, 30)
    (problem,) = sample_problems(Decimal(130), at, at + timedelta(hours=30), 48, "GB 31654—2021")
    assert problem.field == "销毁时间" and "只保存了30小时" in problem.message and "48小时以上（GB 31654—2021）" in problem.message
    assert sample_problems(Decimal(90), at, at + timedelta(hours=48), 48, "GB") == []  # under the minimum: stored, alerted


def test_the_dishes_of_a_day_not_sampled_are_named():
    served = {(date(2026, 11, 2), "午餐"): ["米饭", "番茄炒蛋"], (date(2026, 11, 2), "早点"): ["牛奶"]}
    sampled = {(date(2026, 11, 2), "午餐", "米饭"), (date(2026, 11, 2), "早点", "牛奶")}
    assert unsampled(served, sampled) == {(date(2026, 11, 2), "午餐"): ["番茄炒蛋"]}
