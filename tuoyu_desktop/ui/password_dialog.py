"""Asking for the start-up password before any of the data is shown."""
from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from ..services.security import check_password

TRIES = 3


class PasswordDialog(tk.Toplevel):
    def __init__(self, root, workspace):
        super().__init__(root)
        self.workspace = workspace
        self.result: bool | None = None
        self.tries = 0
        self.title("托育机构办公系统 — 请输入密码")
        self.resizable(False, False)
        frame = ttk.Frame(self, padding=18)
        frame.pack(fill="both", expand=True)
        ttk.Label(frame, text="本机数据设置了启动密码，请输入：").pack(anchor="w")
        self.var = tk.StringVar(self)
        self.entry = ttk.Entry(frame, textvariable=self.var, show="●", width=28)
        self.entry.pack(fill="x", pady=(8, 4))
        self.message = ttk.Label(frame, text="", style="Error.TLabel")
        self.message.pack(anchor="w")
        buttons = ttk.Frame(frame)
        buttons.pack(fill="x", pady=(8, 0))
        ttk.Button(buttons, text="退出", command=self.cancel).pack(side="right")
        self.ok_button = ttk.Button(buttons, text="确定", command=self.submit, default="active")
        self.ok_button.pack(side="right", padx=(0, 8))
        self.entry.bind("<Return>", lambda _e: self.submit())
        self.bind("<Escape>", lambda _e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self.entry.focus_set()

    def submit(self) -> None:
        with self.workspace.session() as s:
            ok = check_password(s, self.var.get())
        if ok:
            self.result = True
            self.destroy()
            return
        self.tries += 1
        self.var.set("")
        if self.tries >= TRIES:
            self.result = False
            self.destroy()
        else:
            self.message.configure(text=f"密码不对，还可以再试{TRIES - self.tries}次")

    def cancel(self) -> None:
        self.result = False
        self.destroy()


def ask_password(root, workspace) -> bool:
    """Over the window's empty frame: nothing of the data is shown until the password is right."""
    dialog = PasswordDialog(root, workspace)
    dialog.transient(root)
    dialog.tk.call("tk::PlaceWindow", str(dialog), "widget", str(root))  # Tk's own centring, as for message boxes
    close_window = root.protocol("WM_DELETE_WINDOW")
    root.protocol("WM_DELETE_WINDOW", dialog.cancel)  # closing the window while asked means 退出
    try:
        dialog.wait_visibility()
        dialog.grab_set()
        root.wait_window(dialog)
    finally:
        if root.winfo_exists():
            root.protocol("WM_DELETE_WINDOW", close_window)
    return bool(dialog.result)
