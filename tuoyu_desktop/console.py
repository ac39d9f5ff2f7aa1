"""The terminal a command runs in, alike on Windows and Linux (issue 31).

On Windows, output redirected to a file or a pipe is written in the ANSI code page — cp1252 on a
Western Windows cannot write Chinese at all, cp936 (GBK) not every character — so whenever an output
stream is not a console it is switched to UTF-8 (a console writes Unicode whatever its code page). An
encoding the user set in ``PYTHONIOENCODING`` is kept where the stream really has it (tuoyu.exe ignores
the variable), with unwritable characters replaced rather than fatal.

``isatty()`` is also true on Windows for the NUL device (any character device), so ``encrypt <NUL``
took NUL for a terminal and asked it for a password: ``is_console`` asks Windows whether the handle
really is a console."""
from __future__ import annotations

import os
import sys

WINDOWS = os.name == "nt"


def _has_console_mode(fd: int) -> bool:
    """Windows: whether the handle of ``fd`` is a console (GetConsoleMode succeeds only for one)."""
    import ctypes
    import msvcrt
    from ctypes import wintypes

    try:
        handle = msvcrt.get_osfhandle(fd)
    except OSError:
        return False
    mode = wintypes.DWORD()
    return bool(ctypes.windll.kernel32.GetConsoleMode(wintypes.HANDLE(handle), ctypes.byref(mode)))


def is_console(stream) -> bool:
    """Whether ``stream`` is an interactive console (a terminal one can type a password into)."""
    if stream is None:
        return False
    try:
        if not stream.isatty():
            return False
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    return _has_console_mode(fd) if WINDOWS else True


def _is_utf8(encoding: str | None) -> bool:
    return (encoding or "").lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig")


def _chosen_encoding(stream) -> bool:
    """Whether the stream's encoding is the one the user set in PYTHONIOENCODING (a packaged program
    ignores the variable: its streams are then in the code page, whatever the variable says)."""
    import codecs

    wanted = os.environ.get("PYTHONIOENCODING", "").split(":")[0].strip()
    if not wanted:
        return False
    try:
        return codecs.lookup(wanted).name == codecs.lookup(stream.encoding or "").name
    except LookupError:
        return False


def utf8_when_redirected() -> None:
    """Switch stdout and stderr to UTF-8 where they go to a file or a pipe (see the module's note)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or not hasattr(stream, "reconfigure") or is_console(stream) or _is_utf8(stream.encoding):
            continue
        try:
            stream.flush()
            if _chosen_encoding(stream):
                stream.reconfigure(errors="replace")
            else:
                stream.reconfigure(encoding="utf-8", errors="replace")
        except (OSError, ValueError):  # a stream closed or not reconfigurable: leave it as it is
            pass
