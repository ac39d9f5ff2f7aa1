"""Start the window: the frame first, then the data, then what writing needs.

The frame is put on the screen first, while a background thread imports what opening the data
needs; the database is opened, the password asked for and 首页 shown as soon as they are loaded.
首页, the title and every page read on plain SQL (``Operations.look``), so none of that waits for
the ORM (SQLAlchemy, SQLModel, pydantic: most of a second to import on an old PC). Once 首页 is on
the screen the ORM and the record kinds are imported while the window is idle (``WARM``), so that
the first save does not wait for them either.
"""
from __future__ import annotations

import sys
import threading
from datetime import date
from pathlib import Path
from typing import Callable

from .. import gcpause

#: What opening the data and showing 首页 needs; imported in the background while the frame shows.
PRELOAD = ("tuoyu_desktop.services.workspace", "tuoyu_desktop.services.security", "tuoyu_desktop.services.settings",
           "tuoyu_desktop.services.centre", "tuoyu_desktop.ui.views.home")


#: What saving needs; imported once 首页 shows, one at a time when the window is idle. On the Tk
#: thread, not a background one: a page opened meanwhile imports the same package, and SQLAlchemy
#: imported by two threads at once fails (a partly initialised module); the collector, too, must run
#: only here. The longest step (SQLAlchemy itself) holds the window about 0.2 s, once.
WARM = ("sqlalchemy", "sqlalchemy.orm", "sqlmodel", "tuoyu_desktop.store.models", "tuoyu_desktop.store.engine",
        "tuoyu_desktop.store.audit", "tuoyu_desktop.services.forms")
#: how long after 首页 the warm-up starts (ms): the alerts fill in first
WARM_AFTER_MS = 400


def run_gui(db_path: Path) -> int:
    import tkinter as tk

    from .fonts import enable_dpi_awareness, setup_fonts

    enable_dpi_awareness()
    try:
        root = tk.Tk(className="tuoyu")
    except tk.TclError as exc:
        print(f"无法打开窗口（没有可用的显示器？）：{exc}\n不带窗口使用请运行 python main.py --help 查看子命令。",
              file=sys.stderr)
        return 2
    setup_fonts(root)
    _set_icon(root)
    opening = open_window(root, db_path, preload=True)
    try:
        root.mainloop()
    finally:
        opening.close()
    return opening.exit_code or 0


def _warm(root, names: tuple[str, ...]) -> None:
    """Import ``names`` on the Tk thread, one per idle moment (``WARM``)."""
    import importlib

    if not names:
        return
    try:
        importlib.import_module(names[0])
    except Exception:  # the first save repeats the import and reports what is wrong
        return
    root.after_idle(lambda: root.after(10, lambda: _warm(root, names[1:])))


def _preload() -> None:
    import importlib

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # the window's own import repeats it and reports what is wrong
            return


class Opening:
    """The window's frame, and the data being opened into it."""

    def __init__(self, window):
        self.window = window
        self.workspace = None
        #: None while opening and once open; 2 when the data could not be opened or the password was refused
        self.exit_code: int | None = None
        self._gc_paused = False
        self.warm = False  # import what saving needs while the window is idle once the data shows (WARM)

    def pause_gc(self) -> None:
        gcpause.pause()
        self._gc_paused = True

    def resume_gc(self) -> None:
        """On the Tk thread only: the collector may free Tk objects, which must not happen elsewhere."""
        if self._gc_paused:
            self._gc_paused = False
            gcpause.resume()

    def close(self) -> None:
        self.resume_gc()
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None


def open_window(root, db_path: Path, today: Callable[[], date] = date.today, preload: bool = False) -> Opening:
    """Put the window's frame on the screen now and open the data into it once the frame has been
    drawn. With ``preload`` what opening the data needs is first imported by a background thread, the
    window staying responsive meanwhile (and, once 首页 shows, what saving needs: ``WARM``). Returns at once."""
    from ..services.datafile import window_setting
    from ..services.settings import WINDOW_GEOMETRY
    from .main_window import MainWindow

    window = MainWindow(root, today=today, db_path=db_path, geometry=window_setting(db_path, WINDOW_GEOMETRY.key))
    opening = Opening(window)
    opening.warm = preload
    thread = None
    if preload:  # after the frame's own modules are imported, so that no module is imported by both threads
        opening.pause_gc()  # imports make many objects and free few; paused and resumed on this thread
        thread = threading.Thread(target=_preload, name="preload", daemon=True)
        thread.start()

    def when_loaded() -> None:
        if thread is not None and thread.is_alive():
            root.after(15, when_loaded)
            return
        try:
            with gcpause.paused():
                _open_data(root, db_path, opening)
        finally:
            opening.resume_gc()

    root.after_idle(lambda: root.after(1, when_loaded))
    return opening


def _open_data(root, db_path: Path, opening: Opening) -> None:
    from .. import paths
    from ..errors import USER_ERRORS, explain, write_crash_log
    from ..services.security import is_encrypted, require_key_file
    from ..services.workspace import open_workspace
    from . import password_dialog

    try:
        key = None
        if is_encrypted(db_path):
            require_key_file(db_path)
            key = password_dialog.ask_key(root, db_path)
            if key is None:
                _give_up(root, opening)
                return
        opening.workspace = open_workspace(db_path, key=key)
        unlocked = _unlock(root, opening.workspace)
    except USER_ERRORS as exc:
        _give_up(root, opening, "无法打开数据", str(exc))
        return
    except Exception as exc:  # the file failing, or a fault of the program: the log gets the places
        log = write_crash_log(paths.log_path_for(db_path), exc)
        title, message, code = explain(exc, db_path)
        _give_up(root, opening, title, f"无法打开数据。{message}", str(log), code=code)
        return
    if not unlocked:
        _give_up(root, opening)
        return
    opening.window.attach(opening.workspace)
    root.after(200, lambda: first_start(root, opening.window))
    root.after(300, lambda: _daily_backup(opening.window, db_path))
    if opening.warm:
        root.after(WARM_AFTER_MS, lambda: _warm(root, WARM))


def _give_up(root, opening: Opening, title: str = "", message: str = "", *details: str, code: int = 2) -> None:
    """Close the data and the window, saying why (unless the window is already gone)."""
    import tkinter as tk

    from . import dialogs

    opening.close()
    opening.exit_code = code
    try:
        if not root.winfo_exists():
            return
        root.withdraw()
        if title:
            dialogs.show_error(root, title, message, *details)
        root.destroy()
    except tk.TclError:  # the user closed the window meanwhile
        pass


def _unlock(root, workspace) -> bool:
    """The optional start-up password (设置 → 安全); three tries."""
    from ..services.operations import Operations
    from ..services.security import has_password
    from . import password_dialog

    if not Operations(workspace).look(has_password):
        return True
    return password_dialog.ask_password(root, workspace)


def first_start(root, window) -> None:
    """Once the data is open: the 开始使用 guide on a new database (or one whose guide was left
    unfinished; its last step is the password), else the offer to encrypt plain data."""
    from .encryption import offer_encryption
    from .guide import Guide

    if window.workspace is None:
        return
    if Guide.wanted(window):
        Guide.open(window)
    elif window.workspace.key is None:
        offer_encryption(root, window)


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
    """The day's automatic backup, once the window is up (encrypted when the data is)."""
    from ..services.datafile import BackupError, daily_backup

    if window.workspace is None:
        return
    try:
        made = daily_backup(db_path, window.workspace.key)
        if made:
            window.set_status(f"今天的自动备份：{made}")
    except BackupError as exc:
        window.set_status(f"今天的自动备份没有完成：{exc}")
