"""Issue 20: the window fits a 1366×768 laptop, speaks only Chinese, and shows results where the user looks."""
import os

import pytest

from tests.ui.conftest import TODAY

pytestmark = pytest.mark.gui


@pytest.fixture
def laptop(monkeypatch):
    """A 1366×768 screen with a 40-pixel taskbar."""
    from tuoyu_desktop.ui import screen

    area = screen.Area(0, 0, 1366, 728)
    monkeypatch.setattr(screen, "work_area", lambda _root: area)
    return area


def _fits(root, area):
    from tuoyu_desktop.ui.screen import FRAME_HEIGHT, FRAME_WIDTH

    root.update_idletasks()
    width, height = (int(n) for n in root.geometry().split("+")[0].split("x"))
    return width + FRAME_WIDTH <= area.width and height + FRAME_HEIGHT <= area.height


def test_first_window_on_a_1366x768_laptop_keeps_its_status_bar_on_the_screen(root, workspace, dialogs, laptop):
    from tuoyu_desktop.ui.main_window import MainWindow

    window = MainWindow(root, workspace, today=lambda: TODAY)
    root.update()
    assert _fits(root, laptop)
    assert window.status.winfo_ismapped()
    assert window.status.winfo_y() + window.status.winfo_height() <= root.winfo_height()


def test_a_window_size_saved_on_a_bigger_monitor_is_shrunk_on_the_laptop(root, workspace, dialogs, laptop):
    from tuoyu_desktop.services.settings import set_setting
    from tuoyu_desktop.ui.main_window import MainWindow

    with workspace.session() as s:
        set_setting(s, "window.geometry", "1880x1000+10+10")
    MainWindow(root, workspace, today=lambda: TODAY)
    root.update()
    assert _fits(root, laptop)


@pytest.mark.skipif(os.name == "nt", reason="Windows draws its own message boxes and file pickers, in the "
                    "system's language; these are Tk's own, on Linux")
def test_message_boxes_answer_in_chinese(window):
    from tkinter import messagebox

    seen = []

    def look():
        box = ".__tk__messagebox"
        for name in window.root.tk.eval(f"winfo children {box}").split():
            if window.root.tk.eval(f"winfo class {name}") in ("Button", "TButton"):
                seen.append(window.root.tk.eval(f"{name} cget -text"))
        window.root.tk.eval(f"{box}.no invoke")

    window.root.after(300, look)
    assert messagebox.askyesno("删除", "确定删除吗？", parent=window.root) is False
    assert [t.split("(")[0] for t in seen] == ["是", "否"]
    window.root.after(300, lambda: (seen.append(window.root.tk.eval(".__tk__messagebox.ok cget -text")),
                                    window.root.tk.eval(".__tk__messagebox.ok invoke")))
    messagebox.showinfo("提示", "完成", parent=window.root)
    assert seen[-1].startswith("确定")


@pytest.mark.skipif(os.name == "nt", reason="Windows draws its own message boxes and file pickers, in the "
                    "system's language; these are Tk's own, on Linux")
def test_file_picker_speaks_chinese(window):
    from tkinter import filedialog

    seen = {}

    def walk(name):
        for child in window.root.tk.eval(f"winfo children {name}").split():
            if window.root.tk.eval(f"winfo class {child}") in ("Button", "TButton", "Label", "TLabel",
                                                                 "Checkbutton", "TCheckbutton"):
                seen[child.rsplit(".", 1)[-1]] = window.root.tk.eval(f"{child} cget -text")
            walk(child)

    def look():
        walk(".__tk_filedialog")
        seen["title"] = window.root.tk.eval("wm title .__tk_filedialog")
        window.root.tk.eval(".__tk_filedialog.contents.f2.cancel invoke")

    window.root.after(300, look)
    filedialog.askopenfilename(parent=window.root, filetypes=[("Excel 工作簿", "*.xlsx")])
    texts = [t for t in seen.values() if t]
    assert texts and not any(c.isascii() and c.isalpha() for t in texts for c in t.split("(")[0]), texts
    assert seen["cancel"].startswith("取消") and seen["ok"].startswith("打开")


def test_import_dialog_lists_the_kinds_in_plain_chinese(window):
    dialog = window.open_import()
    titles = list(dialog.kind_box.cget("values"))
    assert "幼儿" in titles
    assert not any(c.isascii() and c.isalpha() for t in titles for c in t), titles
    dialog.set_kind("children")
    assert dialog.kind_var.get() == "幼儿" and dialog.kind() == "children"


def test_exported_roster_is_announced_at_the_top_of_the_page(demo_window, dialogs, tmp_path):
    dialogs.answers["ask_save_file"] = str(tmp_path / "花名册.xlsx")
    page = demo_window.show("children")
    page.export()
    demo_window.root.update()
    assert demo_window.banner.winfo_ismapped()
    assert "已导出花名册" in demo_window.banner.text()
    assert demo_window.banner.winfo_rooty() < page.winfo_rooty() + 10  # above the page, not at the bottom
    demo_window.show("classes")
    assert demo_window.banner.text() == ""


def test_backup_to_a_usb_stick_is_announced_in_the_window(demo_window, dialogs, tmp_path):
    dialogs.answers["ask_directory"] = str(tmp_path)
    demo_window.backup()
    assert "已备份到" in demo_window.banner.text()
