"""A form in its own window (新增/编辑 dialogs). It never blocks: no wait_window."""
from __future__ import annotations

import tkinter as tk
from tkinter import ttk
from typing import Callable

from ..screen import hold_size
from .form import FieldSpec, Form


class FormDialog(tk.Toplevel):
    def __init__(self, parent, title: str, fields: list[FieldSpec], *, validate: Callable[[dict], None],
                 save: Callable[[dict], None], values: dict | None = None, columns: int = 1, intro: str = "",
                 on_leave: dict[str, Callable[[Form, str], None]] | None = None):
        super().__init__(parent)
        self.title(title)
        self.transient(parent)
        self.resizable(True, True)
        self.saved = False
        self._save_callback = save
        frame = ttk.Frame(self, padding=(14, 12))
        frame.pack(fill="both", expand=True)
        if intro:
            ttk.Label(frame, text=intro, style="Hint.TLabel", wraplength=640, justify="left").pack(anchor="w",
                                                                                                  pady=(0, 6))
        self.form = Form(frame, fields, validate=validate, save=self._save, cancel=self.destroy, columns=columns,
                         on_leave=on_leave)  # the form's 取消 and Esc ask first when something was typed
        self.form.pack(fill="both", expand=True)
        if values:
            self.form.set_values(values)
        self.bind("<Escape>", lambda _e: self.close())
        self.protocol("WM_DELETE_WINDOW", self.close)
        hold_size(self)
        first = next(iter(self.form.widgets.values()), None)
        if first is not None:
            first.focus_set()

    def close(self) -> None:
        """Esc, 取消 or the window's ×: asks first when something was typed and not saved."""
        if self.form.discard_ok():
            self.destroy()

    def _save(self, values: dict) -> None:
        self._save_callback(values)
        self.saved = True
        self.destroy()
