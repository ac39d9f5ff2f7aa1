"""Where the program's files go, one rule for all of them.

A print (a PDF to sign, with the workbook of the same figures beside it) is written without asking
into its kind's named folder beside the database (``月报/``, ``日常登记/`` …), and the green bar says
where with 打开文件夹. An export or a backup asks where to go; its picker starts in the folder last
chosen for that kind of file (remembered per kind), or beside the database — never in the
program's own folder.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from .. import paths
from ..services.settings import LAST_DIR

#: kind → the folder beside the database its prints go to (README: 文件写到哪里)
PRINT_FOLDERS = {
    "report": "月报",
    "register": "日常登记",
    "vouchers": "体验券申领表",
    "growth": "生长发育",
    "training": "培训",
    "bills": "收费",
    "kitchen": "膳食",
    "inspection": "检查备查",
}


def print_folder(app, kind: str) -> Path:
    """The folder a kind's prints are written to (made when missing)."""
    folder = paths.data_dir_for(app.workspace.db_path) / PRINT_FOLDERS[kind]
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def picker_start(app, kind: str) -> str:
    """Where a file or folder picker for ``kind`` opens: the folder last chosen for it, if it still
    exists, else the database's folder."""
    last = app.setting(f"{LAST_DIR.key}{kind}")
    if last and Path(last).is_dir():
        return last
    return str(paths.data_dir_for(app.workspace.db_path))


def remember_choice(app, kind: str, chosen: str | Path) -> None:
    """Remember the folder of what was picked for ``kind`` (a file's folder, or the folder itself)."""
    path = Path(chosen)
    app.remember(f"{LAST_DIR.key}{kind}", str(path if path.is_dir() else path.parent))


def write_in_background(page, label: str, work: Callable[[], Any], done: Callable[[Any], None]):
    """Write a file off the Tk thread (a month's register for every class, a year's training table,
    a 申领表): the window keeps answering, the status bar says what is being written, the cursor
    waits, a bar above it offers 取消 (the writer stops at its next page or row and leaves no
    file); ``done(result)`` runs on the Tk thread afterwards. A second request while one is being
    written is told to wait, never started twice. Returns the task (``page.writing``)."""
    from ..errors import USER_ERRORS
    from . import dialogs
    from .tasks import BackgroundTask, Cancelled

    app = page.app
    running = getattr(page, "writing", None)
    if running is not None and not running.finished:
        app.set_status(f"正在生成{page.writing_label}，请稍候…")
        return running

    def finish(result) -> None:
        _busy(page, False)
        app.hide_task()
        done(result)

    def fail(exc: BaseException) -> None:
        _busy(page, False)
        app.hide_task()
        if isinstance(exc, Cancelled):
            app.set_status(f"已取消生成{label}（没有留下写了一半的文件）。")
            return
        app.set_status(f"未能生成{label}")
        if isinstance(exc, USER_ERRORS):
            dialogs.show_error(app.root, f"未能生成{label}", str(exc).lstrip(": "))
        else:
            app.report_exception(exc)

    app.set_status(f"正在生成{label}…")
    _busy(page, True)
    page.writing_label = label
    page.writing = BackgroundTask(page, lambda _progress: work(), on_done=finish, on_error=fail)
    app.show_task(f"正在生成{label}…", page.writing.cancel)
    return page.writing


def _busy(page, on: bool) -> None:
    try:
        page.winfo_toplevel().configure(cursor="watch" if on else "")
    except Exception:  # a window closed meanwhile has no cursor to set
        pass
