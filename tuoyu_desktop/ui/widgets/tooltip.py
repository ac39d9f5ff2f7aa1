"""A tooltip for a Treeview column: a line cut off by the column's edge is shown in full, wrapped,
when the mouse rests on it."""
from __future__ import annotations

import tkinter as tk
from tkinter import font as tkfont
from tkinter import ttk

DELAY_MS = 400
WRAP = 600


class TreeTooltip:
    def __init__(self, tree: ttk.Treeview, column: str):
        self.tree, self.column = tree, column
        self.window: tk.Toplevel | None = None
        self.label: tk.Label | None = None
        self._pending: str | None = None
        self._row: str | None = None
        tree.bind("<Motion>", self._moved, add="+")
        tree.bind("<Leave>", lambda _e: self.hide(), add="+")
        tree.bind("<ButtonPress>", lambda _e: self.hide(), add="+")

    def _moved(self, event) -> None:
        row = self.tree.identify_row(event.y)
        if row == self._row:
            return
        self.hide()
        self._row = row
        if row:
            self._pending = self.tree.after(DELAY_MS, lambda: self.show_for(row, event.x, event.y))

    def full_text(self, row: str) -> str:
        values = self.tree.item(row, "values")
        index = list(self.tree.cget("columns")).index(self.column)
        return str(values[index]) if values and len(values) > index else ""

    def is_cut(self, row: str) -> bool:
        font = tkfont.nametofont("TkDefaultFont")
        return font.measure(self.full_text(row)) > int(self.tree.column(self.column, "width")) - 8

    def show_for(self, row: str, x: int, y: int) -> None:
        """Show the row's full text near (x, y) of the tree, if the column cuts it off."""
        self._pending = None
        if not self.tree.winfo_exists() or not row or not self.tree.exists(row) or not self.is_cut(row):
            return
        self.hide()
        self.window = tk.Toplevel(self.tree)
        self.window.wm_overrideredirect(True)
        self.label = tk.Label(self.window, text=self.full_text(row), justify="left", wraplength=WRAP,
                              background="#ffffe0", relief="solid", borderwidth=1, padx=6, pady=4)
        self.label.pack()
        self.window.update_idletasks()
        screen_w = self.tree.winfo_screenwidth()
        left = min(self.tree.winfo_rootx() + x + 12, screen_w - self.window.winfo_reqwidth() - 4)
        self.window.geometry(f"+{max(left, 0)}+{self.tree.winfo_rooty() + y + 18}")

    def text(self) -> str:
        return str(self.label.cget("text")) if self.window is not None and self.label is not None else ""

    def hide(self) -> None:
        if self._pending is not None:
            self.tree.after_cancel(self._pending)
            self._pending = None
        self._row = None
        if self.window is not None:
            self.window.destroy()
            self.window = self.label = None
