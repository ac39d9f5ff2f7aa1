"""Where the program's files go, one rule for all of them.

A print (a PDF to sign, with the workbook of the same figures beside it) is written without asking
into its kind's named folder beside the database (``月报/``, ``日常登记/`` …), and the green bar says
where with 打开文件夹. An export or a backup asks where to go; its picker starts in the folder last
chosen for that kind of file (remembered per kind), or beside the database — never in the
program's own folder.
"""
from __future__ import annotations

from pathlib import Path

from .. import paths
from ..services.settings import LAST_DIR

#: kind → the folder beside the database its prints go to (README: 文件写到哪里)
PRINT_FOLDERS = {
    "report": "月报",
    "register": "日常登记",
    "vouchers": "体验券申领表",
    "growth": "生长发育",
    "training": "培训",
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
