"""今日: a class of 20 marked by keyboard alone and saved in one go (SPEC §8)."""
from datetime import date

import pytest
from sqlmodel import select

from tests.exchange.conftest import CLASSES, child_row
from tests.pdf import pdf_text
from tests.ui.conftest import TODAY, last_dialog, wait_until
from tuoyu_desktop.store.models import AttendanceMark, HealthCheck

pytestmark = pytest.mark.gui


@pytest.fixture
def class_of_twenty(importer):
    importer("classes", CLASSES)
    importer("children", [child_row(f"幼儿{i:02d}", date(2024, 8, 1), i + 1, "托大一班") for i in range(20)])


def keys(widget, *names):
    for name in names:
        widget.event_generate(name if name.startswith("<") else f"<KeyPress-{name}>")
        widget.update()


def test_a_class_of_twenty_is_marked_by_keyboard_alone(class_of_twenty, window, workspace):
    window.nav_buttons["today"].invoke()
    page = window.views["today"]
    page.class_box.set("托大一班")
    page.change_class()
    assert len(page.tree.get_children()) == 20 and page.sheet.day == TODAY
    tree = page.tree
    tree.focus_force()
    tree.update()
    # temperatures for everyone: Enter, then 3 digits and Enter per child (365 is 36.5)
    keys(tree, "Return")
    for i in range(20):
        entry = page.temp_entry
        for ch in ("375" if i == 4 else "365"):
            keys(entry, ch)
        keys(entry, "Return")
    keys(tree, "Escape")
    # back to the top, mark the second child 病假 with 发热 (2, then 1 in the popup), the third 事假
    tree.focus_force()
    for _ in range(20):
        keys(tree, "Up")
    keys(tree, "Down", "2")
    popup = last_dialog(window.root)
    keys(popup, "1")
    keys(tree, "3")
    keys(tree, "<Control-s>")
    with workspace.session() as s:
        marks = {m.child_id: m for m in s.exec(select(AttendanceMark))}
        checks = {c.child_id: c for c in s.exec(select(HealthCheck))}
    assert len(marks) == 20 and all(m.day == TODAY for m in marks.values())
    by_mark = sorted(m.mark for m in marks.values())
    assert by_mark.count("出勤") == 18 and by_mark.count("病假") == 1 and by_mark.count("事假") == 1
    assert next(m for m in marks.values() if m.mark == "病假").symptom == "发热"
    assert len(checks) == 20 and sorted(c.result for c in checks.values()).count("异常") == 1  # 37.5 ℃
    assert {c.temperature for c in checks.values()} == {36.5, 37.5}
    assert page.buttons["save"].cget("text") == "保存"


def test_a_sick_leave_without_a_symptom_is_not_possible_and_a_closed_day_is_refused(class_of_twenty, window):
    window.nav_buttons["today"].invoke()
    page = window.views["today"]
    page.class_box.set("托大一班")
    page.change_class()
    page.day_entry.delete(0, "end")
    page.day_entry.insert(0, "2026-10-01")
    page.go_to_entered_day()
    assert "不开园" in page.note.cget("text")
    assert not page.save() and "不是开园日" in page.error.cget("text")


def test_the_demo_today_page_shows_a_class_and_writes_the_month_printouts(demo_window):
    demo_window.nav_buttons["today"].invoke()
    page = demo_window.views["today"]
    assert page.tree.get_children()
    for what in ("attendance", "checks", "excel"):
        task = page.print_month(what)  # written off the Tk thread: the window keeps answering
        assert page.print_month(what) is task  # a second click while writing starts nothing more
        wait_until(page, lambda: task.finished)
        path = page.last_written
        assert path.exists() and path.stat().st_size > 0


def test_a_corrected_fever_reading_is_normal_again_and_ctrl_s_keeps_a_typed_temperature(class_of_twenty, window,
                                                                                        workspace):
    window.nav_buttons["today"].invoke()
    page = window.views["today"]
    page.class_box.set("托大一班")
    page.change_class()
    tree = page.tree
    tree.focus_force()
    tree.update()
    keys(tree, "Return")
    for ch in "380":
        keys(page.temp_entry, ch)
    keys(page.temp_entry, "Return")  # first child 38.0 ℃: 异常; the second child's entry is open
    first = page.rows[tree.get_children()[0]]
    assert first.result == "异常"
    keys(page.temp_entry, "Escape")
    tree.focus_force()
    tree.update()
    keys(tree, "Up", "Return")
    page.temp_entry.delete(0, "end")
    for ch in "365":
        keys(page.temp_entry, ch)
    keys(page.temp_entry, "Return")  # a typing mistake corrected: 36.5 ℃ is 正常 again
    assert (first.temperature, first.result) == (36.5, "正常")
    for ch in "368":  # the second child's temperature typed, then Ctrl+S without Enter
        keys(page.temp_entry, ch)
    keys(page.temp_entry, "<Control-s>")
    with workspace.session() as s:
        temps = sorted(c.temperature for c in s.exec(select(HealthCheck)))
    assert temps == [36.5, 36.8]


def test_closing_the_window_with_an_unsaved_class_day_asks_first(class_of_twenty, window, dialogs):
    window.nav_buttons["today"].invoke()
    page = window.views["today"]
    page.class_box.set("托大一班")
    page.change_class()
    page.tree.focus_force()
    page.tree.update()
    keys(page.tree, "3")  # the first child 事假: not saved yet
    assert page.dirty
    dialogs.answers["ask_yes_no"] = False
    window.quit()
    assert window.root.winfo_exists()  # kept open: the user chose not to lose the marks
    assert any(name == "ask_yes_no" and "没有保存" in args[-1] for name, _title, args in dialogs.calls)


def test_printing_the_register_for_a_second_class_never_replaces_the_first_class_s_file(demo_window):

    demo_window.nav_buttons["today"].invoke()
    page = demo_window.views["today"]
    classes = [name for _, name in page.sheet.classes]
    assert len(classes) >= 2
    written = {}
    for name in classes[:2]:
        page.class_box.set(name)
        page.change_class()
        for what in ("attendance", "checks"):
            task = page.print_month(what)
            wait_until(page, lambda: task.finished)
            written.setdefault(what, set()).add(page.last_written)
            banner = demo_window.banner
            demo_window.root.update()
            assert banner.winfo_ismapped() and banner.folder_button.winfo_ismapped()
            assert banner.path is not None and banner.path.exists()
    for what, paths in written.items():
        (path,) = paths  # one file for the month, holding every class
        text = pdf_text(path, layout=True)
        pages = text.split("\f")
        pages = [p for p in pages if p.strip()]
        assert len(pages) == len(classes)  # one page each
        for name in classes:
            assert any(name in p for p in pages), name


def test_a_month_printout_can_be_cancelled_and_leaves_no_file(demo_window, monkeypatch):
    """Issue 26: a file written in the background shows 取消 beside a moving bar; 取消 stops the
    writer at its next page and nothing is left under the name (nor a part file beside it)."""
    import threading

    from tuoyu_desktop.reports import register_pdf

    pressed, real = threading.Event(), register_pdf.write_attendance_pdf

    def slow_write(*args, **kwargs):  # on the worker: waits for the click, then writes as always
        pressed.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(register_pdf, "write_attendance_pdf", slow_write)
    demo_window.nav_buttons["today"].invoke()
    page = demo_window.views["today"]
    task = page.print_month("attendance")
    bar = demo_window.taskbar
    page.update()
    assert bar.showing and bar.winfo_ismapped() and "幼儿出勤登记表" in bar.label.cget("text")
    bar.cancel_button.invoke()
    assert bar.cancel_button.instate(["disabled"]) and "取消" in bar.label.cget("text")
    pressed.set()
    wait_until(page, lambda: task.finished)
    folder = page.out_dir()
    assert not list(folder.glob("幼儿出勤登记表_*.pdf")) and not list(folder.glob(".*.part"))
    assert "已取消生成幼儿出勤登记表" in demo_window.status.cget("text")
    assert not bar.showing and not bar.winfo_ismapped()
    task = page.print_month("attendance")  # and the next one is written as always
    wait_until(page, lambda: task.finished)
    assert page.last_written.exists() and not bar.showing
