"""今日 by keyboard at the window size of a 1366×768 laptop: a digit typed for a temperature never
changes a mark, the mode the keys are in is shown, and nothing is edited on a closed day."""
from datetime import date

import pytest
from sqlmodel import select

from tests.exchange.conftest import CLASSES, child_row
from tests.ui.conftest import at_laptop_size, fully_visible, last_dialog, type_keys
from tuoyu_desktop.store.models import AttendanceMark, HealthCheck

pytestmark = pytest.mark.gui


@pytest.fixture
def page(importer, window):
    importer("classes", CLASSES)
    importer("children", [child_row(f"幼儿{i:02d}", date(2024, 8, 1), i + 1, "托大一班") for i in range(20)])
    at_laptop_size(window.root)
    window.nav_buttons["today"].invoke()
    page = window.views["today"]
    page.class_box.set("托大一班")
    page.change_class()
    page.tree.focus_force()
    window.root.update()
    return page


def rows(page):
    return [page.rows[iid] for iid in page.tree.get_children()]


@pytest.mark.parametrize("size", ["1229x713", "1264x640"])  # 1366×768 and 1280×720 laptops
def test_a_typed_temperature_never_becomes_an_attendance_mark(page, workspace, size):
    at_laptop_size(page.app.root, size)
    root = page.app.root
    assert fully_visible(page.temp_entry) and fully_visible(page.mode_label)
    assert "登记出勤" in page.mode_label.cget("text")
    type_keys(root, "Return")
    assert "录入体温" in page.mode_label.cget("text")
    assert page.temp_label.cget("text").startswith("幼儿00")  # names the child being edited
    type_keys(root, "3", "6", "5", "Return", "3", "7", "8", "Return")
    first, second, third = rows(page)[:3]
    assert (first.mark, first.temperature, first.result) == ("出勤", 36.5, "正常")
    assert (second.mark, second.temperature, second.result) == ("出勤", 37.8, "异常")
    assert third.mark == "出勤" and page.temp_label.cget("text").startswith("幼儿02")
    type_keys(root, "Escape")
    assert "登记出勤" in page.mode_label.cget("text") and root.focus_get() is page.tree
    type_keys(root, "<Control-s>")
    with workspace.session() as s:
        assert {m.mark for m in s.exec(select(AttendanceMark))} == {"出勤"}
        assert sorted(c.temperature for c in s.exec(select(HealthCheck))) == [36.5, 37.8]


def test_digits_reaching_the_table_in_the_temperature_mode_go_to_the_entry(page):
    """Even if the focus never reached the entry (a window manager that refused it), the keys of the
    temperature mode are a reading, not marks."""
    tree, root = page.tree, page.app.root
    type_keys(root, "Return")
    tree.focus_force()  # the focus stayed on the table
    root.update()
    type_keys(root, "3", "6", "5")
    assert page.temp_entry.get() == "365"
    assert rows(page)[0].mark == "出勤" and rows(page)[0].result == ""


def test_retyping_a_temperature_replaces_it(page):
    root = page.app.root
    type_keys(root, "Return", "3", "6", "5", "Return", "Up")
    assert page.temp_label.cget("text").startswith("幼儿00") and page.temp_entry.get() == "36.5"
    type_keys(root, "3", "7", "4", "Return")
    assert rows(page)[0].temperature == 37.4 and rows(page)[0].result == "异常"


def test_the_attendance_count_follows_the_marks_before_saving(page):
    assert "出勤20人" in page.note.cget("text")
    type_keys(page.app.root, "3", "4")
    assert "出勤18人" in page.note.cget("text") and "未保存" in page.note.cget("text")
    type_keys(page.app.root, "Up", "Up", "1")
    assert "出勤19人" in page.note.cget("text")


def test_a_closed_days_rows_cannot_be_edited(page):
    page.day_entry.delete(0, "end")
    page.day_entry.insert(0, "2026-10-01")  # 国庆节
    page.go_to_entered_day()
    page.tree.focus_force()
    before = [(r.mark, r.result) for r in rows(page)]
    type_keys(page.app.root, "3", "6", "Return", "3", "6", "5")
    assert [(r.mark, r.result) for r in rows(page)] == before and not page.dirty
    assert str(page.buttons["save"].cget("state")) == "disabled"
    assert "不开园" in page.app.status.cget("text")


def test_the_symptom_and_follow_up_popups_name_the_child_and_can_be_cancelled(page):
    root = page.app.root
    type_keys(root, "Down", "2")
    popup = last_dialog(root)
    assert "幼儿01" in popup.title()
    cancel = next(w for w in popup.winfo_children()[-1].winfo_children() if w.cget("text") == "取消")
    cancel.invoke()
    root.update()
    assert rows(page)[1].mark == "出勤" and not page.dirty
    page.tree.focus_force()
    type_keys(root, "2")
    type_keys(last_dialog(root), "1")
    assert rows(page)[1].mark == "病假"
    type_keys(root, "Up", "F")
    dialog = last_dialog(root)
    assert "幼儿01" in dialog.title()
    dialog.entries["追踪结果"].insert(0, "已退热")
    dialog.cancel()
    root.update()
    assert rows(page)[1].follow_up == ""
