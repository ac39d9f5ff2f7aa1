"""Start the window: fonts, the database, the main window."""
from __future__ import annotations

import sys
from pathlib import Path


def run_gui(db_path: Path) -> int:
    import tkinter as tk

    from ..errors import USER_ERRORS
    from ..services.workspace import open_workspace
    from . import dialogs
    from .fonts import enable_dpi_awareness, setup_fonts
    from .main_window import MainWindow

    enable_dpi_awareness()
    try:
        root = tk.Tk(className="tuoyu")
    except tk.TclError as exc:
        print(f"无法打开窗口（没有可用的显示器？）：{exc}\n不带窗口使用请运行 python main.py --help 查看子命令。",
              file=sys.stderr)
        return 2
    setup_fonts(root)
    _set_icon(root)
    try:
        workspace = open_workspace(db_path)
    except USER_ERRORS as exc:
        root.withdraw()
        dialogs.show_error(root, "无法打开数据", str(exc))
        root.destroy()
        return 2
    try:
        if not _unlock(root, workspace):
            root.destroy()
            return 2
        window = MainWindow(root, workspace)
        root.after(300, lambda: _daily_backup(window, db_path))
        root.mainloop()
    finally:
        workspace.close()
    return 0


def _unlock(root, workspace) -> bool:
    """The optional start-up password (设置 → 安全); three tries."""
    from ..services.security import has_password
    from .password_dialog import ask_password

    with workspace.session() as s:
        if not has_password(s):
            return True
    return ask_password(root, workspace)


def _set_icon(root) -> None:
    import tkinter as tk

    from .. import paths

    try:
        icon = tk.PhotoImage(master=root, file=str(paths.assets_dir() / "tuoyu.png"))
        root.iconphoto(True, icon)
        root._tuoyu_icon = icon  # keep a reference: Tk drops images whose Python object is gone
    except tk.TclError:
        pass  # no icon is no reason not to start


def _daily_backup(window, db_path) -> None:
    """The day's automatic backup, once the window is up."""
    from .. import paths
    from ..store.backup import BackupError, auto_backup

    try:
        made = auto_backup(db_path, paths.backups_dir_for(db_path))
        if made:
            window.set_status(f"今天的自动备份：{made}")
    except BackupError as exc:
        window.set_status(f"今天的自动备份没有完成：{exc}")
