"""Photograph every page and every dialog of the window with the demo centre, at 1366×768.

    .venv/bin/python scripts/gallery.py                 # docs/screens/*.png at 1366×768
    .venv/bin/python scripts/gallery.py --size 1280x720 --out /tmp/screens
    python scripts\gallery.py --out docs\screens\windows   # on Windows (or a Windows Python under Wine)

Starts its own Xvfb screen of that size (unless --use-display is given: then $DISPLAY is used as it
is) and grabs it with Pillow. The list of screens (SCREENS) is also what the GUI test
tests/ui/test_gallery.py opens to check that every window fits a 1366×768 screen.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 25)  # the day the demo centre is filled in for


def _first(table) -> str:
    return table.visible_ids()[0]


def _child_with_errors(window):
    dialog = window.show("children").new_child()
    form = dialog.form
    for key, text in (("身份证号", "11010520250610123"), ("出生日期", "二〇二五年六月十日"), ("入托日期", "明天")):
        form.vars[key].set(text)
        form.touched.add(key)
    form.save()
    return dialog


def _certificates(window):
    from tuoyu_desktop.ui.views.staff_dialogs import CertificatesWindow

    page = window.show("staff")
    return CertificatesWindow(page, int(_first(page.table)))


def _page(key):
    def show(window):
        window.show(key)
    return show


def _on(key, make):
    def opener(window):
        return make(window.show(key))
    return opener


def _screens():
    from tuoyu_desktop.ui.main_window import VIEWS
    from tuoyu_desktop.ui.views.bills import (
        AccountDialog,
        ConfirmDialog,
        PaymentDialog,
        VoidDialog,
    )
    from tuoyu_desktop.ui.views.child_dialogs import LeaveDialog, MoveDialog
    from tuoyu_desktop.ui.views.classes import ClassDialog
    from tuoyu_desktop.ui.views.inspection import InspectionDialog
    from tuoyu_desktop.ui.views.kitchen import MealDialog
    from tuoyu_desktop.ui.views.medical import RecordDialog
    from tuoyu_desktop.ui.views.report import UnlockDialog
    from tuoyu_desktop.ui.views.safety import (
        DisinfectionDayDialog,
        injury_dialog,
        medication_dialog,
    )
    from tuoyu_desktop.ui.views.staff_dialogs import StaffDialog
    from tuoyu_desktop.ui.views.training import CourseDialog
    from tuoyu_desktop.ui.views.vouchers import ClaimDialog, DeleteDialog, RedeemDialog

    pages = [(f"page_{key}", f"{title}页", _page(key)) for key, title, *_ in VIEWS]
    dialogs = [
        ("dialog_child_new", "入托登记", _on("children", lambda p: p.new_child())),
        ("dialog_child_new_errors", "入托登记（填错时）", _child_with_errors),
        ("dialog_child_edit", "编辑幼儿档案", _on("children", lambda p: p.edit(_first(p.table)))),
        ("dialog_child_leave", "离托", _on("children", lambda p: LeaveDialog(p, int(_first(p.table))))),
        ("dialog_child_move", "转班", _on("children", lambda p: MoveDialog(p, int(_first(p.table))))),
        ("dialog_class_new", "新增班级", _on("classes", lambda p: ClassDialog(p))),
        ("dialog_class_close", "停班", _on("classes", lambda p: ClassDialog(p, int(_first(p.table)), True))),
        ("dialog_staff_new", "新增员工", _on("staff", lambda p: StaffDialog(p))),
        ("dialog_certificates", "证书", _certificates),
        ("dialog_course", "登记培训", _on("training", lambda p: CourseDialog(p))),
        ("dialog_agreement", "新增协议", _on("medical", lambda p: RecordDialog(p, "agreement"))),
        ("dialog_visit", "新增指导记录", _on("medical", lambda p: RecordDialog(p, "visit"))),
        ("dialog_redeem", "兑换登记", _on("vouchers", lambda p: RedeemDialog(p))),
        ("dialog_voucher_delete", "删除兑换", _on("vouchers", lambda p: DeleteDialog(
            p, int(_first(p.table)), p.rows[_first(p.table)].serial))),
        ("dialog_claim", "申领表", _on("vouchers", lambda p: ClaimDialog(p))),
        ("dialog_bills_confirm", "出账", _on("bills", lambda p: ConfirmDialog(p))),
        ("dialog_bill_void", "作废收费单", _on("bills", lambda p: VoidDialog(p, p.selected_bill()))),
        ("dialog_account", "收费账户", _on("bills", lambda p: AccountDialog(p, p.selected_bill().child_id))),
        ("dialog_payment", "收款", _on("bills", lambda p: PaymentDialog(p, p.selected_bill().child_id,
                                                                      p.selected_bill().name, 300000))),
        ("dialog_meal", "排一餐", _on("kitchen", lambda p: MealDialog(p, p.week.days[0], p.week.meals[1]))),
        ("tab_kitchen_samples", "膳食页的食品留样", _on("kitchen", lambda p: (p.tabs.select(1), None)[1])),
        ("dialog_disinfection_day", "按天登记消毒", _on("safety", lambda p: DisinfectionDayDialog(p, TODAY))),
        ("dialog_injury", "伤害登记", _on("safety", lambda p: injury_dialog(p))),
        ("tab_safety_medication", "安全页的带药委托", _on("safety", lambda p: (p.tabs.select(2), None)[1])),
        ("dialog_medication", "带药委托", _on("safety", lambda p: medication_dialog(p))),
        ("dialog_inspection", "检查备查", _on("safety", lambda p: InspectionDialog(p))),
        ("dialog_unlock", "解锁月报", _on("report", lambda p: UnlockDialog(p, p.month()))),
        ("dialog_import", "导入Excel", lambda w: w.open_import("children")),
        ("dialog_guide", "开始使用", lambda w: w.open_guide()),
        ("dialog_new_password", "设置密码", _new_password),
        ("dialog_password", "输入密码", _password),
    ]
    return pages + dialogs


def _new_password(window):
    from tuoyu_desktop.ui.password_dialog import OFFER, NewPasswordDialog

    return NewPasswordDialog(window.root, OFFER)


def _password(window):
    from tuoyu_desktop.ui.password_dialog import PasswordDialog

    return PasswordDialog(window.root, lambda _text: False)


def open_each(window):
    """Open each screen in turn: yields (name, caption, toplevel or None for a page); the dialog is
    closed when the caller asks for the next one."""
    for name, caption, opener in _screens():
        window.root.update()
        shown = opener(window)
        window.root.update()
        yield name, caption, shown
        if shown is not None and shown.winfo_exists():
            shown.destroy()
        window.root.update()


def _settle(root, seconds: float = 0.6) -> None:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        root.update()
        time.sleep(0.05)


def _start_xvfb(size: str) -> subprocess.Popen:
    from scripts.xvfb import start_xvfb

    proc, display = start_xvfb(size)
    if proc is None:
        raise SystemExit(display)
    os.environ["DISPLAY"] = display
    return proc


def _quiet_dialogs():
    """Nothing blocks: every message box and picker answers at once (the real ones are photographed
    separately, by _photograph_tk_dialogs)."""
    from tuoyu_desktop.ui import dialogs, open_file, password_dialog

    for name in ("show_error", "show_info", "ask_directory", "ask_open_file", "ask_save_file"):
        setattr(dialogs, name, lambda *a, **k: "")
    dialogs.ask_yes_no = lambda *a, **k: False
    password_dialog.ask_new_password = lambda *a, **k: None
    open_file.ENABLED = False


def _photograph_tk_dialogs(root, grab, out: Path) -> list[Path]:
    """Tk's own message box and file picker (on Linux they are drawn by Tk, in Chinese)."""
    from tkinter import filedialog, messagebox

    written = []

    def shoot(path: Path, close: str):
        root.update()
        grab(path)
        written.append(path)
        root.tk.eval(close)

    root.after(400, lambda: shoot(out / "dialog_tk_messagebox.png", ".__tk__messagebox.no invoke"))
    messagebox.askyesno("删除培训记录", "确定删除 陆文静 2026-06-10 的“婴幼儿伤害预防与急救”吗？", parent=root)
    root.after(600, lambda: shoot(out / "dialog_tk_file_picker.png", ".__tk_filedialog.contents.f2.cancel invoke"))
    filedialog.askopenfilename(parent=root, title="选择要导入的Excel文件", initialdir=str(ROOT / "assets"),
                               filetypes=[("Excel 工作簿", "*.xlsx"), ("所有文件", "*.*")])
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screens"))
    parser.add_argument("--use-display", action="store_true", help="use $DISPLAY instead of a new Xvfb screen")
    args = parser.parse_args(argv)
    # Windows has its one screen (under Wine, the X display Wine draws on)
    xvfb = None if os.name == "nt" or (args.use_display and os.environ.get("DISPLAY")) else _start_xvfb(args.size)
    try:
        return _run(Path(args.out))
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)


def _run(out: Path) -> int:
    import tkinter as tk

    from PIL import Image, ImageGrab

    from tuoyu_desktop.services.demo import fill_demo
    from tuoyu_desktop.services.workspace import open_workspace
    from tuoyu_desktop.ui.fonts import setup_fonts
    from tuoyu_desktop.ui.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    _quiet_dialogs()
    display = os.environ.get("DISPLAY")

    def grab(path: Path) -> None:
        shot = ImageGrab.grab() if os.name == "nt" else ImageGrab.grab(xdisplay=display)
        image = shot.convert("RGB")  # 256 colours: a third of the size, as sharp
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)

    with tempfile.TemporaryDirectory() as folder:
        ws = open_workspace(Path(folder) / "演示.sqlite3")
        try:
            with ws.session() as s:
                fill_demo(s, ws.profiles, TODAY)
            root = tk.Tk(className="tuoyu")
            setup_fonts(root)
            window = MainWindow(root, ws, today=lambda: TODAY)
            root.update()
            written = []
            for name, _caption, shown in open_each(window):
                if name == "page_home":
                    window.views["home"].refresh_alerts()
                if hasattr(shown, "geometry"):  # no window manager under Xvfb: put the dialog where one would
                    shown.geometry(f"+{max((root.winfo_screenwidth() - shown.winfo_width()) // 2, 0)}"
                                   f"+{max((root.winfo_screenheight() - shown.winfo_height()) // 3, 0)}")
                root.update()
                if os.name == "nt":  # Wine repaints what a moved dialog uncovered a moment later
                    _settle(root)
                path = out / f"{name}.png"
                grab(path)
                written.append(path)
            if os.name != "nt":  # on Windows they are the system's own dialogs, not Tk's
                written += _photograph_tk_dialogs(root, grab, out)
            root.destroy()
        finally:
            ws.close()
    print(f"已写入 {len(written)} 张截图：{out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
