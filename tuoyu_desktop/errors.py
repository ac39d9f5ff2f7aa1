"""Turning exceptions into what a user is told, and where the details are logged.

Nothing personal ever goes to a message or the log: an exception's text may hold an SQL statement
with its parameters (SQLAlchemy puts them in) or a row's values, so the log gets only the types of
the exceptions and the places they passed through (file, line, function), and the user gets a
sentence chosen here, never ``str(exc)`` of an unexpected error.
"""
from __future__ import annotations

import logging
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from .domain.errors import InputError, ProfileError
from .store.errors import BackupError, DatabaseFileError, sqlite_error, storage_problem

#: Errors whose message is meant for the user as it is (exit code 2).
USER_ERRORS = (InputError, DatabaseFileError, BackupError, ProfileError)

__all__ = ["USER_ERRORS", "explain", "safe_traceback", "storage_problem", "write_crash_log"]


def _kind(exc: BaseException) -> str:
    cls = type(exc)
    name = cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"
    code = getattr(sqlite_error(exc), "sqlite_errorname", "") if sqlite_error(exc) is not None else ""
    return f"{name} [{code}]" if code else name


def safe_traceback(exc: BaseException) -> str:
    """The traceback of ``exc`` and of the exceptions it came from, without any message or value:
    for each, the frames (file, line, function) and the exception's type (with SQLite's error code)."""
    chain, seen, current = [], set(), exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ if current.__cause__ is not None else (
            None if current.__suppress_context__ else current.__context__)
    lines = []
    for i, e in enumerate(reversed(chain)):
        if i:
            lines.append("\nThe above exception led to the following:\n")
        lines.append("Traceback (most recent call last):")
        lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}'
                  for f in traceback.extract_tb(e.__traceback__, limit=None)]
        lines.append(_kind(e))
    return "\n".join(lines) + "\n"


def write_crash_log(log_path: Path, exc: BaseException) -> Path:
    """Append the safe traceback to ``log_path`` (or a temporary folder if that fails); return the file."""
    text = f"\n[{datetime.now():%Y-%m-%d %H:%M:%S}] {_kind(exc)}\n" + safe_traceback(exc)
    for candidate in (log_path, Path(tempfile.gettempdir()) / "tuoyu" / "tuoyu.log"):
        try:
            candidate.parent.mkdir(parents=True, exist_ok=True)
            with candidate.open("a", encoding="utf-8") as fh:
                fh.write(text)
            return candidate
        except OSError:
            continue
    logging.getLogger(__name__).error(text)
    return log_path


def explain(exc: BaseException, db_path: Path | None) -> tuple[str, str, int]:
    """(title, message, exit code) for an error that is not a USER_ERROR: the data file failing
    (exit 2, what to do) or a fault of the program (exit 1). The message never holds ``str(exc)``."""
    problem = storage_problem(exc, db_path)
    if problem:
        return "数据文件无法读写", problem, 2
    return "程序出错", f"程序出错（{type(exc).__name__}），操作没有完成。", 1
