"""生长发育 driven through its widgets: a child's measurements, the measuring-day grid, the chart."""
from datetime import date

import pytest
from sqlmodel import select

from tests.exchange.conftest import CLASSES, child_row, make_id
from tests.ui.conftest import last_dialog, type_into
from tuoyu_desktop.services.changes import Changes
from tuoyu_desktop.store.models import Child, Measurement

pytestmark = pytest.mark.gui
BOY = date(2025, 6, 10)  # 17 months on 2026-11-25


@pytest.fixture
def centre(window, importer):
    importer("classes", CLASSES)
    importer("children", [child_row(入托体检日期="2026-08-20"), child_row("赵一诺", date(2025, 4, 2), 3)])
    importer("measurements", [{"身份证号": make_id(BOY, 1), "测量日期": "2026-08-20", "身长身高": 76.5, "体重": 9.6,
                               "血红蛋白": 118, "听力筛查": "通过"}])
    window.apply(Changes(everything=True))
    window.nav_buttons["children"].invoke()
    return window


def open_growth(window, name):
    page = window.views["children"]
    page.table.select(next(i for i in page.table.visible_ids() if page.table.values(i)[0] == name))
    page.buttons["growth"].invoke()
    return last_dialog(window.root)


def test_a_childs_measurements_show_z_scores_and_a_new_one_is_added_through_the_form(centre, workspace):
    growth = open_growth(centre, "王子涵")
    rows = [growth.table.values(i) for i in growth.table.visible_ids()]
    assert len(rows) == 1 and rows[0][0] == "2026-08-20" and rows[0][2] == "76.5（身长）"
    assert all(v.startswith(("+", "-")) for v in rows[0][7:10])  # WAZ, LAZ, WLZ
    growth.buttons["new"].invoke()
    f = last_dialog(growth).form
    type_into(f.widgets["测量日期"], "2026-11-20")
    type_into(f.widgets["身长身高"], "130")
    assert "不在45–120 cm之间" in f.error_text("身长身高")
    type_into(f.widgets["身长身高"], "80.2")
    type_into(f.widgets["体重"], "10.3")
    f.save_button.invoke()
    assert [growth.table.values(i)[0] for i in growth.table.visible_ids()] == ["2026-11-20", "2026-08-20"]
    with workspace.session() as s:
        assert sorted(m.length_cm for m in s.exec(select(Measurement))) == [76.5, 80.2]


def test_a_standing_height_under_two_is_offered_to_be_stored_as_a_length(centre, workspace, dialogs):
    growth = open_growth(centre, "王子涵")
    growth.buttons["new"].invoke()
    f = last_dialog(growth).form
    type_into(f.widgets["测量日期"], "2026-11-20")
    f.vars["测量方式"].set("身高")
    type_into(f.widgets["身长身高"], "80.5")
    type_into(f.widgets["体重"], "10.3")
    assert "应测卧位身长" in f.error_text("身长身高")
    dialogs.answers["ask_yes_no"] = False
    f.save_button.invoke()  # 否: nothing stored, the form says why
    assert dialogs.named("ask_yes_no")[-1][1] == "按身长保存？"
    with workspace.session() as s:
        assert len(s.exec(select(Measurement)).all()) == 1
    dialogs.answers["ask_yes_no"] = True
    f.save_button.invoke()  # 是: stored as a lying length, converted the WHO's way (+0.7 cm)
    with workspace.session() as s:
        m = s.exec(select(Measurement).where(Measurement.measured_on == date(2026, 11, 20))).one()
        assert (m.position, m.length_cm) == ("身长", 81.2)


def test_a_class_measuring_day_is_typed_like_a_spreadsheet_and_saved_all_or_nothing(centre, workspace):
    centre.views["children"].buttons["measure"].invoke()
    grid = last_dialog(centre.root)
    grid.class_var.set("托小一班")
    grid.class_box.event_generate("<<ComboboxSelected>>")
    type_into(grid.day_entry, "2026-11-20")
    grid.load()
    assert [r.name for r in grid.sheet.rows] == ["王子涵", "赵一诺"]
    first = grid.cell(0, 0)
    assert grid.focus_get() == first
    first.insert(0, "80.5")
    first.event_generate("<Down>")  # ↓: the same column, next child
    grid.update()
    assert grid.focus_get() == grid.cell(1, 0)
    grid.cell(1, 0).insert(0, "82")
    grid.cell(1, 0).event_generate("<Up>")
    grid.update()
    assert grid.focus_get() == first
    grid.cell(0, 1).insert(0, "1.3")  # a wrong weight
    grid.cell(1, 1).insert(0, "11.2")
    assert not grid.save()
    assert str(grid.cell(0, 1).cget("style")) == "Bad.TEntry"
    assert "王子涵 体重: 1.3 kg不在2.0–30.0 kg之间" in grid.problems.cget("text")
    with workspace.session() as s:
        assert len(s.exec(select(Measurement)).all()) == 1  # nothing of the day was stored
    grid.cell(0, 1).delete(0, "end")
    grid.cell(0, 1).insert(0, "10.3")
    grid.cell(0, 3).insert(0, "105")
    assert grid.save()
    with workspace.session() as s:
        day = {s.get(Child, m.child_id).name: m for m in s.exec(select(Measurement).where(
            Measurement.measured_on == date(2026, 11, 20)))}
    assert (day["王子涵"].weight_kg, day["王子涵"].hb_g_l, day["赵一诺"].length_cm) == (10.3, 105, 82)
    assert grid.cell(0, 1).get() == "10.3"  # reloaded from what was stored


def test_the_growth_chart_and_the_checkup_table_are_written_to_the_growth_folder_without_asking(
        centre, dialogs, workspace):
    growth = open_growth(centre, "王子涵")
    chart = growth.chart()
    folder = workspace.db_path.parent / "生长发育"
    assert chart.exists() and chart.parent == folder and chart.name.startswith("王子涵_20250610生_生长曲线_")
    centre.root.update()
    assert centre.banner.path == chart and centre.banner.folder_button.winfo_ismapped()
    centre.views["children"].buttons["measure"].invoke()
    grid = last_dialog(centre.root)
    grid.stats_button.invoke()
    assert (folder / "体检统计_2026-11-25.pdf").exists() and (folder / "体检统计_2026-11-25.xlsx").exists()
    assert not dialogs.named("ask_save_file")


def _grid(centre):
    centre.views["children"].buttons["measure"].invoke()
    grid = last_dialog(centre.root)
    grid.class_var.set("托小一班")
    grid.class_box.event_generate("<<ComboboxSelected>>")
    type_into(grid.day_entry, "2026-11-20")
    grid.load()
    grid.cell(0, 0).focus_force()
    grid.update()
    return grid


def test_a_row_by_row_typist_s_values_land_in_their_own_columns(centre, workspace, dialogs):
    from tests.ui.conftest import type_keys

    grid = _grid(centre)
    def type_value(value):  # digits as keys; 通过 as an input method hands it over, in one piece
        if value.isascii():
            type_keys(grid, *["period" if ch == "." else ch for ch in value])
        else:
            grid.focus_get().insert("insert", value)
        type_keys(grid, "Return")

    # 王子涵: length, weight, head, Hb, hearing — then Enter goes to 赵一诺's length
    for value in ("80.5", "10.3", "46.5", "112", "通过"):
        type_value(value)
    assert grid.focus_get() == grid.cell(1, 0)
    for value in ("82", "11.2", "47"):
        type_value(value)
    values = grid.values()
    boy, girl = (values[r.child_id] for r in grid.sheet.rows)
    assert (boy["身长身高"], boy["体重"], boy["头围"], boy["血红蛋白"], boy["听力筛查"]) == ("80.5", "10.3", "46.5", "112", "通过")
    assert (girl["身长身高"], girl["体重"], girl["头围"]) == ("82", "11.2", "47")
    assert grid.save() and not dialogs.named("ask_yes_no")  # ordinary growth since August: nothing to confirm


def test_a_length_far_from_the_last_measurement_is_asked_about_not_saved_silently(centre, workspace, dialogs):
    grid = _grid(centre)
    grid.cell(0, 0).insert(0, "46.5")  # the head circumference, typed in the length column
    grid.cell(0, 1).insert(0, "10.3")
    dialogs.answers["ask_yes_no"] = False
    assert not grid.save()
    asked = dialogs.named("ask_yes_no")[-1]
    assert "王子涵 身长身高" in asked[2][-1] and "2026-08-20" in asked[2][-1]
    assert str(grid.cell(0, 0).cget("style")) == "Bad.TEntry"
    with workspace.session() as s:
        assert len(s.exec(select(Measurement)).all()) == 1
    dialogs.answers["ask_yes_no"] = True  # the user checked: it is right
    assert grid.save()
    with workspace.session() as s:
        assert len(s.exec(select(Measurement)).all()) == 2


def test_a_head_circumference_outside_the_who_range_is_refused_in_the_grid(centre):
    grid = _grid(centre)
    for c, value in enumerate(("80.5", "10.3", "80.5")):
        grid.cell(0, c).insert(0, value)
    assert not grid.save()
    assert "王子涵 头围: 80.5 cm不在30–56 cm之间" in grid.problems.cget("text")
    assert "产品规范" not in grid.problems.cget("text")


def test_closing_the_grid_with_typed_values_asks_before_dropping_them(centre, dialogs):
    grid = _grid(centre)
    grid.cell(1, 1).insert(0, "11.2")
    dialogs.answers["ask_yes_no"] = False
    grid.close()
    assert grid.winfo_exists() and "没有保存" in dialogs.named("ask_yes_no")[-1][2][-1]
    dialogs.answers["ask_yes_no"] = True
    grid.close()
    assert not grid.winfo_exists()


def test_the_measurement_form_asks_about_a_weight_far_from_the_last_one(centre, workspace, dialogs):
    growth = open_growth(centre, "王子涵")
    growth.buttons["new"].invoke()
    f = last_dialog(growth).form
    for key, value in (("测量日期", "2026-11-20"), ("身长身高", "80.5"), ("体重", "15.2")):  # 9.6 kg in August
        f.vars[key].set(value)
    dialogs.answers["ask_yes_no"] = False
    assert not f.save()
    assert "体重" in dialogs.named("ask_yes_no")[-1][2][-1]
    with workspace.session() as s:
        assert len(s.exec(select(Measurement)).all()) == 1
