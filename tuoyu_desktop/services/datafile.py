"""The data file as a whole, for the window: what is read before it is opened, backups, restore,
and the keys of encrypted backups. Light to import (the window's frame uses it before the database
libraries are loaded): Alembic and SQLAlchemy are imported only by the functions that need them."""
from __future__ import annotations

from pathlib import Path

from .. import paths
from ..store.backup import auto_backup, backup_to_folder
from ..store.cipher import DataKey, WrongPassword
from ..store.errors import BackupError, DatabaseFileError
from ..store.peek import read_centre, read_setting
from .changes import Changes

__all__ = ["BackupError", "DatabaseFileError", "WrongPassword", "window_setting", "centre_of", "daily_backup",
           "backup_now", "backup_key_state", "backup_key", "look_at_backup", "restore"]


def window_setting(db_path: Path, key: str) -> str:
    """A setting read straight from the file, before the data is opened (the window's size)."""
    return read_setting(db_path, key)


def centre_of(db_path: Path, key: DataKey | None):
    """The centre a data file belongs to (name, credit code), read without opening it for writing."""
    return read_centre(db_path, key)


def daily_backup(db_path: Path, key: DataKey | None) -> Path | None:
    """Today's automatic backup (encrypted when the data is); None if today's exists already."""
    return auto_backup(db_path, paths.backups_dir_for(db_path), key=key)


def backup_now(workspace, folder: Path) -> Path:
    """A backup into ``folder`` (the caller remembers the folder: ``remember_backup_folder``)."""
    return backup_to_folder(workspace.db_path, Path(folder), key=workspace.key)


def remember_backup_folder(session, folder: Path) -> None:
    """Add ``folder`` to the folders backups were written to (no change when it is known)."""
    from .settings import BACKUP_FOLDERS, get_setting, set_setting

    known = [line for line in get_setting(session, BACKUP_FOLDERS.key).splitlines() if line]
    folder_text = str(Path(folder).resolve())
    if folder_text not in known:
        set_setting(session, BACKUP_FOLDERS.key, "\n".join([*known, folder_text]))


def backup_key_state(backup: Path, live_key: DataKey | None) -> tuple[bool, DataKey | None]:
    """(needs a password, key): a plain backup needs none; one that opens with the data's own key
    gives that key; otherwise its password or recovery key must be asked."""
    from ..store.migrate import backup_needs_key, backup_opens_with

    if not backup_needs_key(backup):
        return False, None
    if backup_opens_with(backup, live_key):
        return False, live_key
    return True, None


def backup_key(backup: Path, secret: str) -> DataKey:
    """The key of an encrypted backup from its password or recovery key (WrongPassword otherwise)."""
    from ..store.migrate import backup_key as key_of

    return key_of(backup, secret)


def look_at_backup(backup: Path, workspace, backup_key: DataKey | None, staged: Path | None = None):
    """The backup's centre, last change and size, beside the open data's centre (store.migrate.BackupLook)."""
    from ..store.migrate import look_at_backup as look

    return look(backup, workspace.db_path, backup_key, workspace.key, staged=staged)


def staging(backup: Path, backup_key: DataKey | None, workspace=None):
    """``with staging(backup, key) as staged:`` — the backup checked and copied once, for the
    confirmation (``look_at_backup``) and the restore (``restore``) both (store.migrate.staging)."""
    from ..store.migrate import staging as stage

    return stage(Path(backup), backup_key, workspace.db_path if workspace is not None else None)


def restore(workspace, backup: Path, backup_key: DataKey | None, staged: Path | None = None) -> Changes:
    """Replace the open data with ``backup`` (the current data is backed up first)."""
    from ..store.migrate import restore_database

    workspace.release()
    try:
        safety, workspace.key = restore_database(Path(backup), workspace.db_path, backup_key, workspace.key,
                                                 staged=staged)
    finally:
        workspace.reopen()
    return Changes(message=f"已从 {Path(backup).name} 恢复数据" + (f"；恢复前的数据已备份到 {safety}" if safety else ""),
                   everything=True)
