"""What every area view has: a title, and a refresh that looks at what changed."""
from __future__ import annotations

from tkinter import ttk
from typing import TYPE_CHECKING

from ...services.areas import areas_feeding
from ...services.changes import Changes

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow


class View(ttk.Frame):
    key = ""
    title = ""

    def __init__(self, master, app: "MainWindow"):
        super().__init__(master, padding=(16, 12))
        self.app = app

    def refresh(self) -> None:
        """Reload what the view shows from the database."""

    stale = False

    def is_shown(self) -> bool:
        return self.app.current == self.key

    def changed(self, changes: Changes) -> None:
        """Refresh now if on screen; otherwise when next shown (a hidden page costs nothing)."""
        if changes.touches(*areas_feeding(self.key)):
            if self.is_shown():
                self.refresh()
            else:
                self.stale = True

    def discard_ok(self) -> bool:
        """Whether the page may be left or closed: a page with unsaved work asks (default: nothing to lose)."""
        return True

    def tell_unprintable(self, notes: list[str]) -> None:
        """A PDF was written but some characters of it no font here can draw: say so, never silently."""
        if notes:
            from .. import dialogs

            dialogs.show_info(self.app.root, "PDF中有字无法显示", "\n".join(notes))

    # the window's shortcuts (ui/keys.py); each says whether the page had the thing ---------------
    def focus_search(self) -> bool:
        """Ctrl+F."""
        return False

    def new_item(self) -> bool:
        """Ctrl+N: the page's 新增 dialog."""
        return False

    def print_pdf_shortcut(self) -> bool:
        """Ctrl+P: the page's PDF, written or opened for printing."""
        return False

    def on_show(self) -> None:
        """Called each time the view is brought to the front."""
        if self.stale:
            self.stale = False
            self.refresh()
