"""The one module that knows where the program is installed and where its data lives."""
from __future__ import annotations

import os
import sys
from pathlib import Path

DB_ENV = "TUOYU_DB"
DB_FILENAME = "tuoyu.sqlite3"


def install_dir() -> Path:
    """Folder of ``main.py``, or of the executable when frozen by PyInstaller."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def resource_dir() -> Path:
    """Where bundled read-only files (assets, migrations) are: ``sys._MEIPASS`` when frozen."""
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        return Path(meipass)
    return Path(__file__).resolve().parent.parent


def assets_dir() -> Path:
    return resource_dir() / "assets"


def policies_dir() -> Path:
    return assets_dir() / "policies"


def fonts_dir() -> Path:
    return assets_dir() / "fonts"


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "store" / "migrations"


def default_db_path() -> Path:
    return install_dir() / "db" / DB_FILENAME


def resolve_db_path(cli_value: str | None) -> Path:
    """``--db``, else ``TUOYU_DB``, else ``db/tuoyu.sqlite3`` beside the program."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_db_path()


def data_dir_for(db_path: Path) -> Path:
    """Backups and logs live beside the database they belong to."""
    return db_path.parent


def backups_dir_for(db_path: Path) -> Path:
    return data_dir_for(db_path) / "backups"


def log_path_for(db_path: Path) -> Path:
    return data_dir_for(db_path) / "logs" / "tuoyu.log"
