"""The main window: menu, navigation, the area views, and the status bar."""
from __future__ import annotations

import tkinter as tk
from datetime import date
from pathlib import Path
from tkinter import ttk
from typing import TYPE_CHECKING, Callable

from .. import APP_NAME, __version__, paths
from ..errors import USER_ERRORS, explain, write_crash_log
from ..services.changes import Changes
from ..services.settings import WINDOW_GEOMETRY
from . import dialogs, keys, outputs, screen
from .views.base import View
from .widgets.banner import Banner
from .widgets.taskbar import TaskBar

if TYPE_CHECKING:  # pragma: no cover
    from ..services.workspace import Workspace

#: The navigation, in order: (key, title, module in views/, class). A page's module is imported
#: the first time the page is shown, so the window opens without loading every page.
VIEWS: tuple[tuple[str, str, str, str], ...] = (
    ("home", "首页", "home", "HomeView"), ("today", "今日", "today", "TodayView"),
    ("cases", "传染病与请假", "cases", "CasesView"),
    ("children", "幼儿", "children", "ChildrenView"),
    ("classes", "班级", "classes", "ClassesView"), ("staff", "从业人员", "staff", "StaffView"),
    ("training", "培训", "training", "TrainingView"), ("medical", "医育结合", "medical", "MedicalView"),
    ("vouchers", "体验券", "vouchers", "VouchersView"), ("fees", "收费", "fees", "FeesView"),
    ("bills", "收费单", "bills", "BillsView"), ("kitchen", "膳食", "kitchen", "KitchenView"),
    ("safety", "安全", "safety", "SafetyView"),
    ("report", "月报", "report", "ReportView"),
    ("district", "区县汇总", "district", "DistrictView"), ("settings", "设置", "settings", "SettingsView"),
)


class _LazyViews(dict):
    """A page is built the first time it is wanted, so the window opens fast."""

    def __init__(self, window: "MainWindow"):
        super().__init__()
        self.window = window
        self.classes = {key: (module, name) for key, _, module, name in VIEWS}

    def __missing__(self, key: str) -> View:
        import importlib

        module, name = self.classes[key]
        view_class = getattr(importlib.import_module(f"{__package__}.views.{module}"), name)
        view = view_class(self.window.content, self.window)
        self[key] = view
        return view


class MainWindow:
    """Built in two steps so that it is on the screen at once: the frame (menu, navigation, status
    bar) needs no database; :meth:`attach` fills it in once the data is open. Given a workspace,
    both happen here."""

    #: the file-menu entries that need the data
    DATA_MENU_ENTRIES = ("导入…", "备份…", "恢复…")

    def __init__(self, root: tk.Tk, workspace: "Workspace | None" = None, today: Callable[[], date] = date.today,
                 *, db_path: Path | None = None, geometry: str = ""):
        self.root = root
        self.workspace: "Workspace | None" = None
        self.db_path = workspace.db_path if workspace is not None else db_path
        self.today = today
        root.report_callback_exception = self._report_exception
        dialogs.use_chinese(root)
        self._geometry = self._apply_geometry(geometry)
        root.title(APP_NAME)
        self._build_menu()
        self.status = ttk.Label(root, text="", style="Status.TLabel", anchor="w")
        self.status.pack(fill="x", side="bottom")  # packed first: the last thing to lose room
        ttk.Separator(root, orient="horizontal").pack(fill="x", side="bottom")
        outer = ttk.Frame(root)
        outer.pack(fill="both", expand=True)
        self._outer = outer
        self.taskbar = TaskBar(root)  # packed only while a file is written in the background
        self.nav = ttk.Frame(outer, padding=(6, 10))
        self.nav.pack(side="left", fill="y")
        ttk.Separator(outer, orient="vertical").pack(side="left", fill="y")
        right = ttk.Frame(outer)
        right.pack(side="left", fill="both", expand=True)
        self._right = right
        self.dock = ttk.Frame(outer)  # a panel beside the pages (the 开始使用 guide): packed only while one is
        self.banner = Banner(right)
        self.content = ttk.Frame(right)
        self.content.pack(side="top", fill="both", expand=True)
        self.views = _LazyViews(self)
        self.nav_buttons: dict[str, ttk.Button] = {}
        for key, title, _, _ in VIEWS:
            button = ttk.Button(self.nav, text=title, style="Nav.TButton", width=12, state="disabled",
                                command=lambda k=key: self.show(k))
            button.pack(fill="x", pady=1)
            self.nav_buttons[key] = button
        self.current: str | None = None
        root.protocol("WM_DELETE_WINDOW", self.quit)
        keys.bind_window_keys(self)
        if workspace is not None:
            self.attach(workspace)
        else:
            self.set_status("正在打开数据……")

    def attach(self, workspace: "Workspace") -> None:
        """The data is open: enable the navigation and the menu, show 首页 and the centre's name."""
        from ..services.operations import Operations

        self.workspace = workspace
        self.ops = Operations(workspace, today=lambda: self.today())
        self.db_path = workspace.db_path
        saved = self.setting("window.geometry")
        if saved and saved != self._geometry:
            self._geometry = self._apply_geometry(saved)
        for button in self.nav_buttons.values():
            button.configure(state="normal")
        for label in self.DATA_MENU_ENTRIES:
            self.file_menu.entryconfigure(label, state="normal")
        self.help_menu.entryconfigure("开始使用向导…", state="normal")
        self.refresh_undo()
        self.show(VIEWS[0][0])
        self.update_title()
        self.set_status(f"数据文件：{workspace.db_path}")

    # navigation ---------------------------------------------------------------------------
    def show(self, key: str) -> View:
        if self.current and self.current != key:
            self.banner.hide()  # it spoke of the page being left
        if self.current:
            self.views[self.current].pack_forget()
            self.nav_buttons[self.current].configure(style="Nav.TButton")
        view = self.views[key]
        view.pack(fill="both", expand=True)
        self.nav_buttons[key].configure(style="NavSelected.TButton")
        self.current = key
        view.on_show()
        return view

    # the data, through the operations layer (services.operations) -----------------------------
    def read(self, use_case, *args, **kwargs):
        """A use case that only looks (a session that keeps nothing)."""
        return self.ops.read(use_case, *args, **kwargs)

    def look(self, use_case, *args, **kwargs):
        """A use case that only reads, on plain SQL (``Operations.look``): 首页 and the title show
        before the ORM is ever imported."""
        return self.ops.look(use_case, *args, **kwargs)

    def change(self, use_case, *args, **kwargs):
        """A use case that changes data, in one transaction; the pages it touched are refreshed."""
        from ..services.operations import changes_of

        result = self.ops.change(use_case, *args, **kwargs)
        changes = changes_of(result)
        if changes is not None:
            self.apply(changes)
        return result

    def apply(self, changes: Changes) -> None:
        """After a change: tell every view built so far, update the title, say what happened."""
        for view in list(self.views.values()):
            view.changed(changes)
        if changes.touches("centre"):
            self.update_title()
        if changes.message:
            self.set_status(changes.message)
        guide = getattr(self, "guide", None)
        if guide is not None and guide.winfo_exists():
            guide.refresh()
        self.refresh_undo()

    def refresh_undo(self) -> None:
        """编辑 → 撤销 names what it would take back (撤销“导入幼儿 幼儿.xlsx（37行）”)."""
        from ..services.history import undoable

        if self.workspace is None:
            return
        self.edit_menu.entryconfigure(0, label=self.look(undoable).label, state="normal")

    def undo(self) -> bool:
        """编辑 → 撤销 (Ctrl+Z): the last operation taken back after the user confirms, or why it cannot be."""
        from ..services.history import undo_last, undoable

        if self.workspace is None:
            return False
        state = self.look(undoable)
        if state.reason:
            dialogs.show_info(self.root, "不能撤销", state.reason)
            return False
        op = state.operation
        if not dialogs.ask_yes_no(self.root, "撤销", f"撤销“{op.name}”？\n\n{op.at}，{op.user}，改动{op.rows}行。"
                                                   "撤销后数据回到这次操作之前的样子；撤销本身也记入操作日志。"):
            return False
        changes = self.change(undo_last)
        self.tell(changes.message)
        return True

    def update_title(self) -> None:
        from ..services.centre import centre_name

        name = self.look(centre_name)
        self.root.title(f"{APP_NAME} — {name or '未填写机构名称'}")

    def dock_panel(self, panel: tk.Widget) -> None:
        """Show ``panel`` docked at the right of the pages (they shrink beside it, nothing is covered);
        the dock goes away with the panel."""
        panel.pack(fill="both", expand=True)
        self.dock.pack(side="right", fill="y", before=self._right, padx=(0, 4), pady=4)
        panel.bind("<Destroy>", lambda e: self.dock.pack_forget() if e.widget is panel else None, add=True)

    def set_status(self, text: str) -> None:
        self.status.configure(text=text)

    def show_task(self, text: str, cancel: Callable[[], None]) -> None:
        """The task bar above the status line: ``text``, a moving bar and 取消 (calls ``cancel``)."""
        def pressed() -> None:
            self.taskbar.cancelling()
            cancel()

        self.taskbar.show(text, pressed, before=self._outer)

    def hide_task(self) -> None:
        self.taskbar.hide()

    def tell(self, text: str, path: Path | None = None) -> None:
        """A result the user must see (a file written, copied, imported): in a bar at the top of the
        page, where the user is looking, as well as in the status bar; ``path`` gets 打开文件夹."""
        self.set_status(text)
        self.banner.show(text, path)

    # menu ---------------------------------------------------------------------------------
    def _build_menu(self) -> None:
        menubar = tk.Menu(self.root)
        self.file_menu = tk.Menu(menubar, tearoff=False)
        self.file_menu.add_command(label="导入…", command=self.open_import, state="disabled")
        self.file_menu.add_separator()
        self.file_menu.add_command(label="备份…", command=self.backup, state="disabled")
        self.file_menu.add_command(label="恢复…", command=self.restore, state="disabled")
        self.file_menu.add_separator()
        self.file_menu.add_command(label="退出", command=self.quit)
        menubar.add_cascade(label="文件", menu=self.file_menu)
        self.edit_menu = tk.Menu(menubar, tearoff=False)
        self.edit_menu.add_command(label="撤销", accelerator="Ctrl+Z", command=self.undo, state="disabled")
        menubar.add_cascade(label="编辑", menu=self.edit_menu)
        self.help_menu = tk.Menu(menubar, tearoff=False)
        self.help_menu.add_command(label="使用说明", accelerator="F1", command=self.open_manual)
        self.help_menu.add_command(label="开始使用向导…", command=self.open_guide, state="disabled")
        self.help_menu.add_separator()
        self.help_menu.add_command(label="关于", command=self.about)
        menubar.add_cascade(label="帮助", menu=self.help_menu)
        self.root.configure(menu=menubar)
        self.menubar = menubar

    def open_import(self, kind: str | None = None):
        from .import_dialog import ImportDialog

        return ImportDialog(self, kind)

    def backup(self) -> Path | None:
        from ..services.datafile import backup_now, remember_backup_folder

        folder = dialogs.ask_directory(self.root, "选择备份到的文件夹（可以是U盘）", outputs.picker_start(self, "backup"))
        if not folder:
            return None
        target = backup_now(self.workspace, Path(folder))
        self.ops.change(remember_backup_folder, Path(folder))
        outputs.remember_choice(self, "backup", folder)
        self.tell(f"已备份到 {target}", target)
        return target

    def restore(self) -> bool:
        from ..services.datafile import look_at_backup, restore, staging
        from .password_dialog import ask_backup_key

        chosen = dialogs.ask_open_file(self.root, "选择要恢复的备份文件",
                                       [("数据库备份", "*.sqlite3 *.db"), ("所有文件", "*.*")],
                                       str(paths.backups_dir_for(self.workspace.db_path)))
        if not chosen:
            return False
        found, backup_key = ask_backup_key(self.root, Path(chosen), self.workspace.key)
        if not found:
            return False
        with staging(Path(chosen), backup_key, self.workspace) as staged:  # read and checked once, for both steps
            look = look_at_backup(Path(chosen), self.workspace, backup_key, staged)
            about = "\n".join(look.about(Path(chosen)))
            if look.other_centre:
                title, question = "备份属于另一个机构", (
                    f"这个备份文件属于另一个机构：\n\n{look.other_centre_lines()[0]}\n{about}\n\n"
                    f"确实要用它替换当前机构的全部数据吗？\n\n当前数据会先自动备份。")
            else:
                title, question = "恢复备份", f"{about}\n\n用这个备份替换当前全部数据？\n\n当前数据会先自动备份。"
            if not dialogs.ask_yes_no(self.root, title, question):
                return False
            changes = restore(self.workspace, Path(chosen), backup_key, staged)
        self.apply(changes)
        self.tell(changes.message)  # the bar says what happened now, not a 已备份到… of the data just replaced
        return True

    def open_manual(self) -> Path | None:
        """F1: the user manual (assets/manual.html, built from the README by scripts/build_manual.py)."""
        from .open_file import open_with_system

        manual = paths.assets_dir() / "manual.html"
        if not manual.exists():
            dialogs.show_error(self.root, "找不到使用说明", f"使用说明文件不存在：\n{manual}\n\n请重新安装程序。")
            return None
        open_with_system(manual)
        self.set_status(f"已打开使用说明：{manual}")
        return manual

    def open_guide(self):
        from .guide import Guide

        return Guide.open(self)

    def about(self) -> None:
        dialogs.show_info(self.root, "关于", f"{APP_NAME}\n版本 {__version__}\n\n托育机构日常办公与月报报送。\n"
                                            f"全部数据保存在本机：\n{self.db_path}")

    def quit(self) -> None:
        if not all(view.discard_ok() for view in list(self.views.values())):
            return  # a page holds unsaved work and the user chose to keep it
        try:
            if self.workspace is not None:
                self.remember(WINDOW_GEOMETRY.key, self.root.geometry())
        except Exception as exc:  # never keep the user from closing the window
            write_crash_log(paths.log_path_for(self.db_path), exc)
        self.root.destroy()

    # settings and errors ------------------------------------------------------------------
    def setting(self, key: str) -> str:
        from ..services.settings import get_setting

        return self.look(get_setting, key)

    def remember(self, key: str, value: str) -> None:
        from ..services.settings import set_setting

        self.ops.change(set_setting, key, value)

    def _apply_geometry(self, geometry: str) -> str:
        """The saved size and place, or the default, fitted into the screen's work area (a size saved
        on a larger monitor is shrunk); returns what was applied."""
        area = screen.work_area(self.root)
        factor = screen.dpi_factor(self.root)
        default = (round(screen.DEFAULT_SIZE[0] * factor), round(screen.DEFAULT_SIZE[1] * factor))
        fitted = screen.fit_geometry(geometry, area, default)
        self.root.minsize(*screen.min_size(area))
        self.root.geometry(fitted)
        return fitted

    def _report_exception(self, exc_type, exc, tb) -> None:
        self.report_exception(exc)

    def report_exception(self, exc: BaseException) -> None:
        """An error dialog in words; the traceback goes to the log file the dialog names."""
        if isinstance(exc, USER_ERRORS):
            dialogs.show_error(self.root, "无法完成", str(exc))
            return
        log_path = write_crash_log(paths.log_path_for(self.db_path), exc)
        title, message, _code = explain(exc, self.db_path)  # never the exception's own text
        dialogs.show_error(self.root, title, message, str(log_path))
