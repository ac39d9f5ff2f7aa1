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
    try:
        workspace = open_workspace(db_path)
    except USER_ERRORS as exc:
        root.withdraw()
        dialogs.show_error(root, "无法打开数据", str(exc))
        root.destroy()
        return 2
    try:
        MainWindow(root, workspace)
        root.mainloop()
    finally:
        workspace.close()
    return 0
