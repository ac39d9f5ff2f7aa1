"""A bar at the top of the page for a result the user must see (a file written, a copy, an import):
the status bar alone is easy to miss, and off the screen on a small laptop if the window is too tall."""
from __future__ import annotations

from pathlib import Path
from tkinter import ttk


class Banner(ttk.Frame):
    def __init__(self, master):
        super().__init__(master, style="Banner.TFrame", padding=(12, 6))
        self.path: Path | None = None
        self.label = ttk.Label(self, text="", style="Banner.TLabel", anchor="w", justify="left")
        self.close_button = ttk.Button(self, text="关闭", width=6, command=self.hide)
        self.close_button.pack(side="right")
        self.folder_button = ttk.Button(self, text="打开文件夹", command=self.open_folder)
        self.label.pack(side="left", fill="x", expand=True)
        self.label.bind("<Configure>", lambda e: self.label.configure(wraplength=max(e.width - 8, 200)))

    def show(self, text: str, path: Path | None = None) -> None:
        self.label.configure(text=f"✔ {text}")
        self.path = Path(path) if path else None
        if self.path is not None:
            self.folder_button.pack(side="right", padx=(0, 6), before=self.close_button)
        else:
            self.folder_button.pack_forget()
        if not self.winfo_ismapped():
            siblings = [w for w in self.master.pack_slaves() if w is not self]
            self.pack(side="top", fill="x", before=siblings[0]) if siblings else self.pack(side="top", fill="x")

    def hide(self) -> None:
        self.pack_forget()

    def text(self) -> str:
        return str(self.label.cget("text")) if self.winfo_manager() else ""

    def open_folder(self) -> None:
        from ..open_file import open_with_system

        if self.path is not None:
            open_with_system(self.path if self.path.is_dir() else self.path.parent)
