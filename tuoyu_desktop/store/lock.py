"""One writer: an operating-system lock on a file beside the database.

The lock disappears with the process that held it (even after kill -9 or a power cut), so a
crash never leaves the data locked. A second copy of the program is told who has it open.
"""
from __future__ import annotations

import os
import socket
import sys
from datetime import datetime
from pathlib import Path

from .errors import DatabaseFileError


class DatabaseLock:
    def __init__(self, db_path: Path):
        self.path = Path(str(db_path) + ".lock")
        self._fh = None

    def acquire(self) -> None:
        import errno
        import stat

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # never through a link: a lock file that is a symbolic link would truncate its target
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0),
                         0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP or self.path.is_symlink():
                raise self._a_link() from None
            raise DatabaseFileError(f"无法创建锁文件 {self.path}：{exc.strerror or exc}") from exc
        # Windows has no O_NOFOLLOW: the open above went through a link there; nothing is written yet,
        # and what was opened must be the lock file itself, not what a link points to
        opened = os.fstat(fd)
        try:
            itself = os.lstat(self.path)
        except OSError:
            itself = None
        if itself is None or stat.S_ISLNK(itself.st_mode) or not os.path.samestat(opened, itself):
            os.close(fd)
            raise self._a_link()
        if not stat.S_ISREG(opened.st_mode):
            os.close(fd)
            raise DatabaseFileError(f"锁文件 {self.path} 不是普通文件；为安全起见不使用它。请删除它后再打开数据")
        fh = os.fdopen(fd, "r+b")
        try:
            _lock(fh)
        except OSError:
            fh.seek(0)
            holder = fh.read().decode("utf-8", "replace").strip()
            fh.close()
            raise DatabaseFileError(f"数据已在另一个窗口或程序中打开（{holder or '未知'}），请先关闭它再操作；"
                                    "为防止数据互相覆盖，不能同时由两个程序修改。") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"{socket.gethostname()} 进程{os.getpid()}，{datetime.now():%Y-%m-%d %H:%M}起".encode("utf-8"))
        fh.flush()
        self._fh = fh

    def _a_link(self) -> DatabaseFileError:
        return DatabaseFileError(f"锁文件 {self.path} 是一个链接，不是普通文件；为安全起见不使用它（它可能指向别的文件）。"
                                 "请删除它后再打开数据")

    def release(self) -> None:
        if self._fh is not None:
            try:
                _unlock(self._fh)
            finally:
                self._fh.close()
                self._fh = None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows
    import msvcrt

    LOCK_OFFSET = 1 << 20  # lock a byte past the holder's note, so the note stays readable

    def _lock(fh) -> None:
        fh.seek(LOCK_OFFSET)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh) -> None:
        fh.seek(LOCK_OFFSET)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fh) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
