"""What every list page shares: a toolbar, a search box that filters as you type, a table."""
from __future__ import annotations

import tkinter as tk
from tkinter import ttk
from typing import Callable

from .base import View


class ListPage(View):
    def __init__(self, master, app, heading: str):
        super().__init__(master, app)
        ttk.Label(self, text=heading, style="Title.TLabel").pack(anchor="w")
        self.toolbar = ttk.Frame(self)
        self.toolbar.pack(fill="x", pady=(8, 6))
        self.buttons: dict[str, ttk.Button] = {}
        self.search_var = tk.StringVar(self)
        self.count_label = ttk.Label(self.toolbar, text="", style="Hint.TLabel")
        self.count_label.pack(side="right", padx=(8, 0))
        self.search = ttk.Entry(self.toolbar, textvariable=self.search_var, width=18)
        self.search.pack(side="right")
        ttk.Label(self.toolbar, text="搜索").pack(side="right", padx=(12, 4))
        self.search_var.trace_add("write", lambda *_: self.apply_filter())

    def add_button(self, key: str, text: str, command: Callable[[], None]) -> ttk.Button:
        width = sum(2 if ord(c) > 0x2E7F else 1 for c in text) + 2  # Chinese characters are twice as wide
        button = ttk.Button(self.toolbar, text=text, command=command, width=width)
        button.pack(side="left", padx=(0, 6))
        self.buttons[key] = button
        return button

    #: the toolbar button Ctrl+P presses (the page's PDF), if the page has one
    pdf_button: str | None = None

    def focus_search(self) -> bool:
        self.search.focus_set()
        self.search.select_range(0, "end")
        return True

    def new_item(self) -> bool:
        """The toolbar's first 新增-like button ("new", or the first whose key starts with "new")."""
        key = next((k for k in self.buttons if k == "new"), None) or next(
            (k for k in self.buttons if k.startswith("new")), None)
        return self._press(key)

    def print_pdf_shortcut(self) -> bool:
        return self._press(self.pdf_button)

    def _press(self, key: str | None) -> bool:
        button = self.buttons.get(key) if key else None
        if button is None or button.instate(["disabled"]):
            return False
        button.invoke()
        return True

    def apply_filter(self) -> None:
        """Filter the main table by the search box; subclasses say which table."""
        table = self.main_table()
        shown = table.filter(self.search_var.get())
        self.count_label.configure(text=f"共 {shown} 条")

    def main_table(self):
        raise NotImplementedError

    #: what the status bar says when an action needs a selected row and there is none
    select_hint = "请先在列表中选中一行"

    def selected_table(self):
        """The table whose selection the toolbar acts on: the one last focused on a page of several
        (``follow_focus``), else the main one unless a page says otherwise."""
        return getattr(self, "_focused", None) or self.main_table()

    def follow_focus(self, *tables, first) -> None:
        """A page of several tables: the toolbar acts on the one last clicked or tabbed into (``first`` until then)."""
        self._focused = first
        for table in tables:
            table.tree.bind("<FocusIn>", lambda _e, t=table: setattr(self, "_focused", t), add="+")

    def _with_selected(self, action):
        """``action(iid)`` of the selected row (and what it gives), or the hint in the status bar."""
        iid = self.selected_table().selected()
        if iid is None:
            self.app.set_status(self.select_hint)
            return None
        return action(iid)

    def dry_run(self, use_case: Callable, *args) -> None:
        """Run a service's checks without keeping anything (for a form's as-you-go checks)."""
        self.app.ops.check(use_case, *args)
