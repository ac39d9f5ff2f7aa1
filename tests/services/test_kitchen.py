"""膳食 (SPEC §12): the week's menu typed once, copied, caught unchanged; a day's samples by form and by
Excel, kept 48 hours; the gaps and short samples named exactly."""
from datetime import date

import pytest

from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.exchange.importer import ImportFailed
from tuoyu_desktop.services import kitchen
from tuoyu_desktop.services.alerts import collect_alerts
from tuoyu_desktop.services.operations import Operations

MON = date(2026, 11, 2)
TODAY = date(2026, 11, 25)


@pytest.fixture
def ops(workspace):
    return Operations(workspace, today=lambda: TODAY)


def day(n):
    return date(2026, 11, n)


def kitchen_alerts(ops, on):
    return [a.text for a in ops.look(collect_alerts, today=on) if a.group in ("留样", "食谱")]


def test_a_weeks_menu_is_typed_dish_by_dish_once_and_then_by_name(ops):
    ops.change(kitchen.save_meal, MON, "午餐", "米饭：大米 50\n番茄炒蛋：番茄 40、鸡蛋 30")
    ops.change(kitchen.save_meal, day(3), "午餐", "米饭\n青菜：青菜 60")
    week = ops.look(kitchen.week_menu, day(4))
    assert week.monday == MON and week.meals == ("早点", "午餐", "午点") and len(week.days) == 5
    assert [d.text for d in week.dishes(day(3), "午餐")] == ["米饭：大米 50", "青菜：青菜 60"]
    with pytest.raises(InputError, match="不开园"):
        ops.change(kitchen.save_meal, day(1), "午餐", "米饭")  # a Sunday
    with pytest.raises(InputError, match="本园不供应晚餐"):
        ops.change(kitchen.save_meal, MON, "晚餐", "米饭")


def test_last_weeks_menu_is_copied_and_a_third_identical_week_is_an_alert(ops):
    for n in range(2, 7):
        ops.change(kitchen.save_meal, day(n), "午餐", "米饭：大米 50\n红烧鱼：鱼 60")
    assert "复制到本周（5餐）" in ops.change(kitchen.copy_last_week, day(9)).message
    assert not any("连续三周" in t for t in kitchen_alerts(ops, day(10)))  # two weeks the same are allowed
    ops.change(kitchen.copy_last_week, day(16))
    (alert,) = [t for t in kitchen_alerts(ops, day(17)) if "连续三周" in t]
    assert "11月16日起" in alert and "每1–2周更换" in alert
    ops.change(kitchen.save_meal, day(18), "午餐", "米饭\n清蒸鲈鱼：鲈鱼 60")
    assert not any("连续三周" in t for t in kitchen_alerts(ops, day(18)))


def sheet_for(ops, on):
    return ops.look(kitchen.day_samples, on)


def test_a_days_samples_come_from_its_menu_and_remember_the_time_and_who(ops):
    ops.change(kitchen.save_meal, MON, "午餐", "米饭：大米 50\n番茄炒蛋：番茄 40、鸡蛋 30")
    ops.change(kitchen.save_meal, day(3), "午餐", "米饭\n番茄炒蛋")
    sheet = sheet_for(ops, MON)
    assert [(r.meal, r.dish, r.sampled) for r in sheet.rows] == [("午餐", "米饭", False), ("午餐", "番茄炒蛋", False)]
    for r in sheet.rows:
        r.sampled, r.grams, r.sampled_at, r.sampled_by = True, "130", "11:30", "王芳"
    sheet.rows[1].destroyed_at = "2026-11-04 12:00"
    assert "2个菜" in ops.change(kitchen.save_samples, MON, sheet.rows).message
    tuesday = sheet_for(ops, day(3))
    assert [(r.sampled_at, r.sampled_by) for r in tuesday.rows] == [("11:30", "王芳"), ("11:30", "王芳")]
    again = sheet_for(ops, MON)
    assert again.rows[1].destroyed_at == "2026-11-04 12:00" and all(r.stored for r in again.rows)


def test_a_sample_destroyed_after_30_hours_is_refused_and_nothing_is_stored(ops):
    ops.change(kitchen.save_meal, MON, "午餐", "米饭：大米 50")
    rows = sheet_for(ops, MON).rows
    rows[0].sampled, rows[0].grams, rows[0].sampled_at, rows[0].sampled_by = True, "130", "11:30", "王芳"
    rows[0].destroyed_at = "2026-11-03 17:30"
    with pytest.raises(InputError, match="只保存了30小时.*48小时以上"):
        ops.change(kitchen.save_samples, MON, rows)
    assert not sheet_for(ops, MON).rows[0].stored


def test_gaps_and_short_samples_are_named_from_the_first_sample_on(ops):
    for n in (2, 3, 4):
        ops.change(kitchen.save_meal, day(n), "午餐", "米饭：大米 50\n番茄炒蛋：番茄 40、鸡蛋 30")
    ops.change(kitchen.save_meal, day(4), "午点", "牛奶：牛奶 150")
    assert kitchen_alerts(ops, day(10)) == []  # no sample yet: the register has not begun
    rows = sheet_for(ops, day(3)).rows
    for r in rows:
        r.sampled, r.grams, r.sampled_at, r.sampled_by = True, "130", "11:30", "王芳"
    rows[1].grams = "90"
    ops.change(kitchen.save_samples, day(3), rows)
    assert kitchen_alerts(ops, day(4)) == ["2026-11-03 午餐：番茄炒蛋 留样90克，不足125克（GB 31654—2021《食品安全国家标准 "
                                           "餐饮服务通用卫生规范》）"]
    alerts = kitchen_alerts(ops, day(5))
    assert alerts[0] == ("2026-11-04 午餐：米饭、番茄炒蛋 没有留样（每餐每个菜品都应留样，GB 31654—2021《食品安全国家标准 "
                         "餐饮服务通用卫生规范》）")
    assert alerts[1].startswith("2026-11-04 午点：牛奶 没有留样") and len(alerts) == 3


def test_a_weeks_menu_and_its_samples_come_in_from_excel_as_centres_keep_them(importer, ops):
    rows = [{"日期": "2026-11-02", "餐次": "午餐", "菜名": "番茄炒蛋", "食材": "番茄", "每人用量": 40},
            {"日期": "2026-11-02", "餐次": "午餐", "菜名": "番茄炒蛋", "食材": "鸡蛋", "每人用量": 30},
            {"日期": "2026-11-02", "餐次": "午餐", "菜名": "米饭", "食材": "大米", "每人用量": 50}]
    importer("menus", rows)
    assert [d.text for d in ops.look(kitchen.week_menu, MON).dishes(MON, "午餐")] == ["番茄炒蛋：番茄 40、鸡蛋 30",
                                                                                     "米饭：大米 50"]
    with pytest.raises(ImportFailed) as bad:
        importer("menus", [{**rows[0], "日期": "2026-11-01"}, {**rows[0], "餐次": "晚餐"}])
    assert "第2行 日期: 2026-11-01不开园" in str(bad.value) and "第3行 餐次: 本园不供应晚餐" in str(bad.value)
    importer("samples", [{"日期": "2026-11-02", "餐次": "午餐", "菜名": "米饭", "留样量": 130, "留样时间": "11:30",
                          "留样人": "王芳", "销毁时间": "2026-11-04 12:00"}])
    assert sheet_for(ops, MON).rows[1].stored
    with pytest.raises(ImportFailed) as bad:
        importer("samples", [{"日期": "2026-11-02", "餐次": "午餐", "菜名": "番茄炒蛋", "留样量": 130,
                              "留样时间": "2026-11-02 11:30", "留样人": "王芳", "销毁时间": "2026-11-03 17:30"},
                             {"日期": "2026-11-02", "餐次": "午餐", "菜名": "红烧肉", "留样量": 130, "留样时间": "11:30",
                              "留样人": "王芳"}])
    text = str(bad.value)
    assert "第2行 销毁时间: 留样只保存了30小时" in text and "第3行 菜名: 2026-11-02午餐的食谱里没有“红烧肉”" in text


def test_a_meal_and_a_days_samples_are_named_operations_that_undo_takes_back(ops):
    from tuoyu_desktop.services import history

    ops.change(kitchen.save_meal, MON, "午餐", "米饭：大米 50")
    rows = sheet_for(ops, MON).rows
    rows[0].sampled, rows[0].grams, rows[0].sampled_at, rows[0].sampled_by = True, "130", "11:30", "王芳"
    ops.change(kitchen.save_samples, MON, rows)
    assert ops.look(history.undoable).label == "撤销“保存11月2日的留样：1个菜”"
    ops.change(history.undo_last)
    assert not sheet_for(ops, MON).rows[0].stored
    ops.change(kitchen.save_meal, MON, "午餐", "米饭\n青菜：青菜 60")
    ops.change(history.undo_last)
    assert [d.name for d in ops.look(kitchen.week_menu, MON).dishes(MON, "午餐")] == ["米饭"]
