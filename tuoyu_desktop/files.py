"""Every file the program writes is written whole or not at all (issue 27), and can be cancelled.

``written_whole(path)`` hands out a part file beside the target (same folder, so the rename is
atomic on one disk); the target gets the finished file by ``os.replace`` only once its writer has
returned. If the writer fails — a full disk, a read-only folder, a crash of the program, 取消 — the
part file is removed and the target is left as it was (absent, or the last good version). Errors
of the disk come back as one Chinese sentence naming the file and why, never the OS's English.

``checkpoint()`` is what a long writer calls between pages or rows: it raises ``Cancelled`` once
the user pressed 取消 for the work it runs in (``cancellable``), and does nothing elsewhere.
"""
from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Callable, Iterator

from .domain.errors import InputError

PART = ".part"


class Cancelled(Exception):
    """The user pressed 取消: the work stopped and wrote nothing."""


_check: ContextVar[Callable[[], None] | None] = ContextVar("tuoyu_cancel_check", default=None)


@contextmanager
def cancellable(check: Callable[[], None]) -> Iterator[None]:
    """Run the block with ``check`` (raises ``Cancelled`` once cancelled) behind ``checkpoint``."""
    token = _check.set(check)
    try:
        yield
    finally:
        _check.reset(token)


def checkpoint() -> None:
    check = _check.get()
    if check is not None:
        check()


def part_of(path: Path) -> Path:
    """Where ``path`` is written before it is complete: beside it, hidden, with this process's id."""
    return path.with_name(f".{path.name}.{os.getpid()}{PART}")


@contextmanager
def written_whole(path: Path | str) -> Iterator[Path]:
    """``with written_whole(target) as part: write(part)`` — the target appears only complete."""
    path = Path(path)
    part = part_of(path)
    try:
        part.unlink(missing_ok=True)
        yield part
        checkpoint()
        if not part.exists():
            raise InputError(f"未能写入 {path}：没有生成文件内容。")
        os.replace(part, path)
    except OSError as exc:
        remove_part(part)
        raise InputError(write_problem(path, exc)) from None
    except BaseException:
        remove_part(part)
        raise


def remove_part(part: Path) -> None:
    """A part file that will not be finished, and what SQLite may have left beside it."""
    for leftover in (part, part.with_name(part.name + "-journal"), part.with_name(part.name + "-wal"),
                     part.with_name(part.name + "-shm")):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:  # the folder itself cannot be written: nothing was left there either
            pass


def write_problem(path: Path, exc: OSError) -> str:
    """A Chinese sentence for a failed write of ``path``: which file, and why."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"磁盘已满，未能写入 {path}（没有留下写了一半的文件）。请腾出空间或换一个位置后重试。"
    if code == errno.EROFS:
        return f"文件夹只读，未能写入 {path}。请换一个可以写入的文件夹（例如“文档”）。"
    if code in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return (f"未能写入 {path}：没有写入这个文件夹的权限，或这个文件正被其他程序（如 Excel、PDF 阅读器）"
                "打开。请关闭它或换一个位置后重试。")
    if code == errno.ENOENT:
        return f"未能写入 {path}：文件夹不存在（{path.parent}）。"
    if code in (errno.EISDIR, errno.ENOTDIR):
        return f"未能写入 {path}：这个名字是一个文件夹，请换一个文件名。"
    if code == errno.ENAMETOOLONG:
        return f"未能写入 {path}：文件名或路径太长，请换一个短一些的名字。"
    name = errno.errorcode.get(code, "") if code is not None else ""
    return f"未能写入 {path}（磁盘错误{('：' + name) if name else ''}）。请检查磁盘或换一个位置后重试。"


def is_regular(path: Path) -> bool:
    """Whether ``path`` is a plain file (following a link to one): not a device, a pipe or a
    folder, which would hang or never end when read (a link to /dev/urandom named 甲.xlsx)."""
    import stat

    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def not_regular_message(path: Path) -> str:
    return f"{Path(path).name}：不是普通文件（是设备、管道，或指向它们的快捷方式），为安全起见没有读取"
