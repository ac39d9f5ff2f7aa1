"""The window's shortcuts: Ctrl+F the page's search box, Ctrl+N the page's 新增 dialog, Ctrl+P the page's
PDF, Ctrl+Z 编辑 → 撤销 (not while typing in a field), F1 the user manual. Bound on the main window only (dialogs have their own Enter/Esc), and never
a bare letter, so that Chinese input methods keep every plain key."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

#: what a page offers to the shortcuts (methods of views.base.View)
ACTIONS = {"f": "focus_search", "n": "new_item", "p": "print_pdf_shortcut"}


def bind_window_keys(window: "MainWindow") -> None:
    root = window.root
    for letter, action in ACTIONS.items():
        handler = _page_action(window, action)
        for key in (f"<Control-{letter}>", f"<Control-{letter.upper()}>"):  # with Caps Lock on too
            root.bind(key, handler)
    root.bind("<F1>", lambda _e: window.open_manual() and "break")
    for key in ("<Control-z>", "<Control-Z>"):
        root.bind(key, lambda e: _undo(window, e))


#: widgets where Ctrl+Z belongs to the text being typed, never to the data
TEXT_WIDGETS = ("Entry", "TEntry", "TCombobox", "Text", "Spinbox", "TSpinbox")


def _undo(window: "MainWindow", event) -> str | None:
    if event.widget.winfo_toplevel() is not window.root or event.widget.winfo_class() in TEXT_WIDGETS:
        return None  # typing in a field: not an undo of the last import
    window.undo()
    return "break"


def _page_action(window: "MainWindow", action: str):
    def run(event=None):
        if event is not None and event.widget.winfo_toplevel() is not window.root:
            return None  # a dialog's own keys
        if window.workspace is None or window.current is None:
            return "break"
        done = getattr(window.views[window.current], action)()
        if not done:
            window.set_status(NOTHING[action])
        return "break"
    return run


NOTHING = {"focus_search": "这个页面没有搜索框", "new_item": "这个页面没有“新增”",
           "print_pdf_shortcut": "这个页面没有可打印的PDF"}
