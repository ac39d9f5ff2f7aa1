"""膳食 page (SPEC §12): a 餐次 typed in the week grid, last week copied, a day's samples by keyboard."""
from datetime import date

import pytest

from tests.ui.conftest import last_dialog, type_keys
from tuoyu_desktop.services import kitchen
from tuoyu_desktop.services.operations import Operations

pytestmark = pytest.mark.gui


def test_a_meal_is_typed_in_the_week_grid_and_a_dish_typed_once_comes_back_by_name(window, workspace):
    page = window.show("kitchen")
    assert page.week.monday == date(2026, 11, 23) and len(page.cells) == 15  # 5 open days × 早点、午餐、午点
    page.cells[(date(2026, 11, 23), "午餐")].invoke()
    dialog = last_dialog(window.root)
    dialog.text.insert("1.0", "米饭：大米 50\n番茄炒蛋：番茄 40、鸡蛋")
    assert not dialog.save() and "第2行：“鸡蛋”缺少每人用量（克）" in dialog.error.cget("text")
    dialog.text.delete("1.0", "end")
    dialog.text.insert("1.0", "米饭：大米 50\n番茄炒蛋：番茄 40、鸡蛋 30")
    dialog.text.focus_force()  # where the manager types (a key goes to the focused widget on Windows)
    window.root.update()
    dialog.text.event_generate("<Control-Return>")
    window.root.update()
    assert not dialog.winfo_exists()
    assert page.cells[(date(2026, 11, 23), "午餐")].cget("text") == "米饭\n番茄炒蛋"
    page.cells[(date(2026, 11, 24), "午餐")].invoke()
    again = last_dialog(window.root)
    again.text.insert("1.0", "番茄炒蛋")
    assert again.save()
    assert [d.text for d in page.week.dishes(date(2026, 11, 24), "午餐")] == ["番茄炒蛋：番茄 40、鸡蛋 30"]


def test_the_days_samples_are_typed_by_keyboard_and_a_short_keep_is_refused(window, workspace):
    ops = Operations(workspace)
    ops.change(kitchen.save_meal, date(2026, 11, 24), "午餐", "米饭：大米 50\n青菜：青菜 60")
    page = window.show("kitchen")
    page.tabs.select(1)
    page.sample_day = date(2026, 11, 24)
    page.refresh_samples()
    window.root.update()
    first = page.sample_widgets[0]
    assert window.root.focus_get() is first["check"]
    type_keys(window.root, "<Tab>", "1", "3", "0", "<Tab>", "1", "1", "colon", "3", "0", "<Tab>")
    window.root.focus_get().insert("end", "王芳")  # what the input method hands over
    assert first["ticked"].get()  # typing a weight ticks the dish
    first["destroyed_at"].insert(0, "2026-11-25 17:30")
    type_keys(window.root, "<Return>")
    assert "只保存了30小时" in page.sample_error.cget("text")
    assert not ops.look(kitchen.day_samples, date(2026, 11, 24)).rows[0].stored
    first["destroyed_at"].delete(0, "end")
    first["destroyed_at"].insert(0, "2026-11-26 12:00")
    first["destroyed_at"].focus_set()
    type_keys(window.root, "<Return>")
    stored = ops.look(kitchen.day_samples, date(2026, 11, 24)).rows
    assert (stored[0].stored, stored[0].grams, stored[0].sampled_at, stored[0].sampled_by) == (True, "130", "11:30", "王芳")
    assert not stored[1].stored
    assert "已保存11月24日的留样：1个菜" in window.status.cget("text")


def test_the_days_menu_shows_on_the_today_page(window, workspace):
    Operations(workspace).change(kitchen.save_meal, date(2026, 11, 25), "午餐", "米饭：大米 50\n青菜：青菜 60")
    today = window.show("today")
    today.refresh()
    assert today.menu_line.cget("text") == "食谱：午餐 米饭、青菜"
