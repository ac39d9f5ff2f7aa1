"""Long work off the Tk thread: the worker never touches a widget; the Tk thread polls."""
from __future__ import annotations

import gc
import queue
import threading
from typing import Any, Callable

from .. import gcpause
from ..files import Cancelled, cancellable

__all__ = ["BackgroundTask", "Cancelled"]

# Tk objects must only ever be freed on the Tk thread. Reference counting does that (widgets are
# dropped there), but the cyclic garbage collector runs in whichever thread allocates, so while
# a worker runs it is paused, after a collection of the young generations on the Tk thread (where
# lately dropped widgets are; a full pass over a big centre's data would freeze the window for a
# tenth of a second, and no collection runs in the worker either way).
_running = 0


def _worker_started() -> None:
    global _running
    if _running == 0:
        gc.collect(1)
    gcpause.pause()
    _running += 1


def _worker_finished() -> None:
    global _running
    _running -= 1
    gcpause.resume()


class BackgroundTask:
    POLL_MS = 40

    def __init__(self, widget, work: Callable[[Callable[[int, int], None]], Any], *,
                 on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
                 on_progress: Callable[[int, int], None] | None = None):
        self.widget = widget
        self._events: queue.Queue = queue.Queue()
        self._cancel = threading.Event()
        self.on_done, self.on_error, self.on_progress = on_done, on_error, on_progress
        self.finished = False
        _worker_started()
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True)
        self._thread.start()
        widget.after(self.POLL_MS, self._poll)

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int, *detail) -> None:
        """Report progress (``detail``, e.g. a stage, goes to on_progress too); raises Cancelled after 取消."""
        if self._cancel.is_set():
            raise Cancelled()
        self._events.put(("progress", (done, total, *detail)))

    def _check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def _run(self, work) -> None:
        try:
            with cancellable(self._check):  # a writer's files.checkpoint() stops here after 取消
                self._events.put(("done", work(self._progress)))
        except BaseException as exc:  # handed to the Tk thread, which decides what the user sees
            self._events.put(("error", exc))

    def end_with_widget(self) -> None:
        """On the Tk thread, when the widget goes away before the worker has reported: wait for the
        worker and end the task without its callbacks (the collector comes back on here)."""
        if self.finished:
            return
        self._cancel.set()
        self._thread.join(timeout=60)
        self.finished = True
        _worker_finished()

    def _poll(self) -> None:
        if self.finished:  # ended by end_with_widget
            return
        try:
            while True:
                kind, payload = self._events.get_nowait()
                if kind == "progress":
                    if self.on_progress:
                        self.on_progress(*payload)
                    continue
                self.finished = True
                _worker_finished()
                (self.on_done if kind == "done" else self.on_error)(payload)
                return
        except queue.Empty:
            pass
        try:
            self.widget.after(self.POLL_MS, self._poll)
        except Exception:  # the window was closed meanwhile
            self._cancel.set()
            if not self.finished:
                self.finished = True
                # the worker stops at its next progress report; only then may the collector come back
                # on, and it must do so here, on the Tk thread
                self._thread.join(timeout=60)
                _worker_finished()
