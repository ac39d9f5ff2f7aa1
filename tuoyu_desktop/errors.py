"""Turning exceptions into what a user is told, and where the details are logged."""
from __future__ import annotations

import logging
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from .domain.errors import InputError, ProfileError
from .store.errors import BackupError, DatabaseFileError

#: Errors whose message is meant for the user as it is (exit code 2).
USER_ERRORS = (InputError, DatabaseFileError, BackupError, ProfileError)


def write_crash_log(log_path: Path, exc: BaseException) -> Path:
    """Append the traceback to ``log_path`` (or a temporary folder if that fails); return the file."""
    text = f"\n[{datetime.now():%Y-%m-%d %H:%M:%S}] {type(exc).__name__}: {exc}\n" + "".join(
        traceback.format_exception(exc))
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
