import pytest

from tests.ui.conftest import last_dialog, type_into, wait_until
from tuoyu_desktop.exchange.return_reader import read_return

pytestmark = pytest.mark.gui


def test_report_page_shows_last_months_figures_and_the_alerts_behind_them(demo_window):
    demo_window.nav_buttons["report"].invoke()
    page = demo_window.views["report"]
    assert page.month() == "2026-10"
    values = {page.table.values(i)[0]: page.table.values(i)[2] for i in page.table.visible_ids()}
    assert values["T01"] == "78" and values["R01"].endswith("%")
    alerts = [page.alerts.values(i)[1] for i in page.alerts.visible_ids()]
    assert any("师幼比不达标" in a for a in alerts)


def test_generate_copy_to_usb_verified_lock_and_unlock(demo_window, dialogs, tmp_path):
    demo_window.nav_buttons["report"].invoke()
    page = demo_window.views["report"]
    page.buttons["generate"].invoke()
    wait_until(page, lambda: len(page.files) == 2)
    assert [p.suffix for p in page.files] == [".pdf", ".xlsx"]
    assert page.files[0].name == "91320402MA1XK2P3TD_天宁区小星星托育中心_2026-10_月报.pdf"
    usb = tmp_path / "U盘"
    usb.mkdir()
    dialogs.answers["ask_directory"] = str(usb)
    copied = page.copy_to_usb()
    assert [p.parent for p in copied] == [usb, usb]
    assert read_return(usb / page.files[1].name).checksum_ok
    assert "已复制并核对" in demo_window.status.cget("text")
    checksum = page.snapshot["checksum"]
    page.buttons["lock"].invoke()
    assert page.snapshot.get("locked") and page.snapshot["checksum"] == checksum
    assert str(page.buttons["lock"].cget("state")) == "disabled"
    page.buttons["unlock"].invoke()
    f = last_dialog(demo_window.root).form
    f.save_button.invoke()
    assert f.error_text("解锁原因") == "解锁已报送的月报必须填写原因"
    type_into(f.widgets["解锁原因"], "补录体检日期")
    f.save_button.invoke()
    assert not page.snapshot.get("locked")


def test_copy_to_a_missing_usb_drive_says_so(demo_window, dialogs, tmp_path):
    demo_window.nav_buttons["report"].invoke()
    page = demo_window.views["report"]
    page.buttons["generate"].invoke()
    wait_until(page, lambda: len(page.files) == 2)
    dialogs.answers["ask_directory"] = str(tmp_path / "拔掉的U盘")
    assert page.copy_to_usb() == []
    (name, title, args), = dialogs.named("show_error")
    assert "找不到文件夹" in args[0]


def test_the_running_month_is_a_preview_that_cannot_be_locked_and_a_future_month_is_refused(demo_window, dialogs):
    demo_window.nav_buttons["report"].invoke()
    page = demo_window.views["report"]
    assert "2026-11" in page.month_box.cget("values")  # TODAY is 2026-11-25
    page.month_var.set("2026-11")
    page.refresh()
    assert page.snapshot["preview"] and "预览" in page.state_label.cget("text")
    assert str(page.buttons["lock"].cget("state")) == "disabled"
    page.buttons["generate"].invoke()
    wait_until(page, lambda: len(page.files) == 2)
    assert page.files[0].name.endswith("_2026-11_月报_预览.pdf") and read_return(page.files[1]).is_preview
    page.month_var.set("2027-01")
    page.refresh()
    assert page.snapshot is None and "还没有开始" in page.state_label.cget("text")
    assert page.table.visible_ids() == []
    for key in ("generate", "lock"):
        assert str(page.buttons[key].cget("state")) == "disabled"
    page.month_var.set("2026-10")
    page.refresh()
    assert str(page.buttons["lock"].cget("state")) == "normal" and not page.snapshot.get("preview")


def test_the_report_page_loads_the_pdf_fonts_before_generate_is_clicked(demo_window, monkeypatch):
    from tuoyu_desktop.reports import fonts

    monkeypatch.setattr(fonts, "_choice", None)  # as in a window that has written no PDF yet
    monkeypatch.setattr(fonts, "_fallbacks", None)
    demo_window.nav_buttons["report"].invoke()
    page = demo_window.views["report"]
    wait_until(page, lambda: page.warm_up.finished)
    assert fonts._choice is not None and fonts._choice.embedded
    assert page.files == []  # loaded, nothing written


def test_closing_the_window_while_the_report_page_loads_its_libraries_brings_the_collector_back(demo_window):
    import gc

    demo_window.nav_buttons["report"].invoke()
    demo_window.root.destroy()  # before the background loading has been seen to end
    assert gc.isenabled()
