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


def user_data_dir() -> Path:
    """The user's application-data folder (where a frozen program keeps data it cannot keep beside itself)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "tuoyu"


def cache_dir() -> Path:
    """The user's cache folder for this machine (parsed fonts): anything in it can be deleted."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "tuoyu" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "tuoyu"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tuoyu"


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write_test"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


def default_db_path() -> Path:
    """``db/`` beside main.py or the executable (portable, e.g. on a USB drive) when that is
    writable; for a frozen program installed read-only, the user's application-data folder."""
    beside = install_dir() / "db"
    if not getattr(sys, "frozen", False) or _writable(beside):
        return beside / DB_FILENAME
    return user_data_dir() / "db" / DB_FILENAME


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
