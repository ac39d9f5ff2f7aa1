"""The storage errors whose message is for the user. Kept apart from the modules that raise them so
that the window can name them without importing the database libraries."""
from __future__ import annotations

import sqlite3
from pathlib import Path


class DatabaseFileError(Exception):
    """The file cannot be used as this program's database; it has been left untouched."""


class BackupError(Exception):
    """A backup or restore that could not be made; the message is for the user."""


_NOT_SAVED = "刚才的操作没有保存，已有的数据没有改动。"
#: SQLite's own words (its messages never hold SQL or values) → what the user is told, by the file's path
_STORAGE_PROBLEMS = (
    (("readonly", "read-only"), "数据文件只读：{path}\n{not_saved}请去掉这个文件的“只读”属性、检查是否有写入它所在文件夹"
                                "的权限（或把数据文件复制到可以写入的位置再打开），然后重试。"),
    (("disk is full", "database or disk is full"), "磁盘已满，数据文件无法写入：{path}\n{not_saved}请清理这个磁盘"
                                                   "（或U盘）的空间后重试。"),
    (("locked", "busy"), "数据文件被其他程序锁定（占用）：{path}\n{not_saved}请关闭正在使用它的程序（例如另一个打开的"
                         "本程序、杀毒或同步软件）后重试。"),
    (("disk i/o error", "unable to open database file", "no such file"),
     "数据文件无法读写，磁盘不可用（U盘已拔出？）：{path}\n{not_saved}请插好U盘或检查磁盘，然后关闭并重新打开程序。"),
    (("malformed", "not a database", "corrupt"), "数据文件已损坏：{path}\n{not_saved}请从备份恢复（文件 → 恢复…）。"),
)


#: errors of the program itself (a broken rule, wrong SQL), not of the file or the disk
_PROGRAM_FAULTS = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError, sqlite3.DataError,
                   sqlite3.NotSupportedError)


def db_errors() -> tuple[type, ...]:
    """SQLite's error classes: the sqlite3 module's, and SQLCipher's once an encrypted file was opened."""
    import sys

    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error, cipher.Error) if cipher is not None else (sqlite3.Error,)


def _program_faults() -> tuple[type, ...]:
    import sys

    cipher = sys.modules.get("sqlcipher3.dbapi2")
    extra = tuple(getattr(cipher, e.__name__) for e in _PROGRAM_FAULTS) if cipher is not None else ()
    return _PROGRAM_FAULTS + extra


def sqlite_error(exc: BaseException | None) -> sqlite3.Error | None:
    """The SQLite error behind ``exc`` (SQLAlchemy keeps it as ``orig``), if there is one."""
    seen = set()
    errors = db_errors()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, errors):
            return exc
        orig = getattr(exc, "orig", None)
        if isinstance(orig, errors):
            return orig
        exc = exc.__cause__ or exc.__context__
    return None


_DATABASE_ERRORS = {"DatabaseError", "OperationalError", "InternalError"}


def sqlite_words(exc: BaseException) -> str:
    """SQLite's own words for ``exc`` — its message and error name, lower case — to match against;
    never shown (the user is told a Chinese sentence chosen by what they contain)."""
    error = sqlite_error(exc) or exc
    return f"{error.args[0] if error.args else ''} {getattr(error, 'sqlite_errorname', '')}".lower()


def storage_problem(exc: BaseException, db_path: Path | None) -> str | None:
    """What to tell the user when ``exc`` is the database file failing (read-only, disk full, gone,
    locked, damaged): a Chinese sentence naming the file and what to do; None for any other error.
    Built from SQLite's error text only, never from the exception's message (which holds SQL and
    the row's values)."""
    error = sqlite_error(exc)
    if error is None or isinstance(error, _program_faults()) or error.__class__.__name__ not in _DATABASE_ERRORS:
        return None
    text = sqlite_words(error)
    path = db_path if db_path is not None else "（数据文件）"
    for words, message in _STORAGE_PROBLEMS:
        if any(w in text for w in words):
            return message.format(path=path, not_saved=_NOT_SAVED)
    return f"数据文件无法读写：{path}\n{_NOT_SAVED}请检查磁盘和文件后重试；若一再出现，请从备份恢复。"
