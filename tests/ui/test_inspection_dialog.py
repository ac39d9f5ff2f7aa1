"""检查备查 from the 安全 page (SPEC §12): a range picked, both files written off the Tk thread; a wrong
date is said in the dialog; 取消 leaves no file."""
from datetime import date

import pytest

from tests.ui.conftest import last_dialog, wait_until

pytestmark = pytest.mark.gui


def open_dialog(window):
    page = window.show("safety")
    page.buttons["inspection"].invoke()
    return page, last_dialog(window.root)


def test_the_inspection_pack_of_last_month_is_written_in_the_background_with_both_files(demo_window):
    page, dialog = open_dialog(demo_window)
    assert (dialog.first.get(), dialog.last.get()) == ("2026-11-01", "2026-11-25")  # this month so far
    dialog.first.delete(0, "end")
    dialog.first.insert(0, "2026年11月31日")
    dialog.generate_button.invoke()
    assert "开始日期" in dialog.error.cget("text") and "不是有效日期" in dialog.error.cget("text")
    dialog.fill(date(2026, 11, 30), date(2026, 11, 1))
    dialog.generate_button.invoke()
    assert "早于开始日期" in dialog.error.cget("text") and dialog.winfo_exists()
    dialog.first.focus_force()
    dialog.first.event_generate("<KeyPress-Return>")  # Enter is 生成 too: still refused
    assert dialog.winfo_exists()
    dialog.last_month.invoke()
    assert (dialog.first.get(), dialog.last.get()) == ("2026-10-01", "2026-10-31")
    task = dialog.generate()
    assert not dialog.winfo_exists()
    assert demo_window.taskbar.showing and "检查备查" in demo_window.taskbar.label.cget("text")
    wait_until(page, lambda: task.finished, timeout=60)
    pdf = page.last_written
    assert pdf.name == "检查备查_2026-10-01_2026-10-31.pdf" and pdf.parent.name == "检查备查"
    assert pdf.with_suffix(".xlsx").exists() and pdf.read_bytes()[:5] == b"%PDF-"
    assert "9种台账" in demo_window.status.cget("text")


def test_cancelling_the_pack_leaves_neither_file(demo_window, monkeypatch):
    import threading

    from tuoyu_desktop.exchange import inspection_workbook

    pressed, real = threading.Event(), inspection_workbook.write_inspection_xlsx

    def slow(*args, **kwargs):  # on the worker: waits for the click, then writes as always
        pressed.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(inspection_workbook, "write_inspection_xlsx", slow)
    page, dialog = open_dialog(demo_window)
    task = dialog.generate()
    page.update()
    demo_window.taskbar.cancel_button.invoke()
    pressed.set()
    wait_until(page, lambda: task.finished, timeout=60)
    folder = page.last_written.parent if getattr(page, "last_written", None) else None
    assert folder is None
    from tuoyu_desktop.ui import outputs

    written = list(outputs.print_folder(demo_window, "inspection").iterdir())
    assert written == [] and "已取消生成检查备查" in demo_window.status.cget("text")
