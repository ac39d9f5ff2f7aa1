"""The bar above the status line while a file is written in the background: what is being written,
a moving bar, and 取消."""
from __future__ import annotations

import tkinter as tk
from tkinter import ttk
from typing import Callable


class TaskBar(ttk.Frame):
    def __init__(self, master: tk.Misc):
        super().__init__(master, padding=(8, 3))
        self.label = ttk.Label(self, text="")
        self.label.pack(side="left")
        self.bar = ttk.Progressbar(self, mode="indeterminate", length=160)
        self.bar.pack(side="left", padx=8)
        self.cancel_button = ttk.Button(self, text="取消", width=6)
        self.cancel_button.pack(side="left")
        self.showing = False

    def show(self, text: str, on_cancel: Callable[[], None], *, before: tk.Widget) -> None:
        self.label.configure(text=text)
        self.cancel_button.configure(command=on_cancel, state="normal")
        self.pack(side="bottom", fill="x", before=before)
        self.bar.start(60)
        self.showing = True

    def cancelling(self) -> None:
        self.label.configure(text="正在取消……")
        self.cancel_button.configure(state="disabled")

    def hide(self) -> None:
        self.bar.stop()
        self.pack_forget()
        self.showing = False
