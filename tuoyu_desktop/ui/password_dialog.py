"""Asking for the password before any of the data is shown; the first start's offer to set one."""
from __future__ import annotations

import tkinter as tk
from tkinter import ttk
from typing import Callable

from ..services.datafile import DatabaseFileError, WrongPassword
from ..services.security import TRIES, WAIT_SECONDS, Attempts


class PasswordDialog(tk.Toplevel):
    """``check(text)`` is True for the right password; a DatabaseFileError's message is shown (a
    recovery key with a wrong symbol). 5 wrong tries bring a 30-second wait (``attempts``' clock)."""

    def __init__(self, root, check: Callable[[str], bool], prompt: str = "本机数据已加密，请输入密码（或恢复密钥）：",
                 attempts: Attempts | None = None):
        super().__init__(root)
        self.check = check
        self.attempts = attempts or Attempts()
        self.result: bool | None = None
        self.title("托育机构办公系统 — 请输入密码")
        self.resizable(False, False)
        frame = ttk.Frame(self, padding=18)
        frame.pack(fill="both", expand=True)
        ttk.Label(frame, text=prompt).pack(anchor="w")
        self.var = tk.StringVar(self)
        self.entry = ttk.Entry(frame, textvariable=self.var, show="●", width=36)
        self.entry.pack(fill="x", pady=(8, 4))
        self.message = ttk.Label(frame, text="", style="Error.TLabel", wraplength=360)
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
        if self.attempts.wait_left() > 0:
            return
        try:
            ok = self.check(self.var.get())
            said = ""
        except DatabaseFileError as exc:
            ok, said = False, str(exc)
        if ok:
            self.result = True
            self.destroy()
            return
        self.var.set("")
        if self.attempts.failed() > 0:
            self.tick()
            return
        self.message.configure(text=f"{said or '密码不正确'}（还可以再试{self.attempts.left()}次，之后须等待{WAIT_SECONDS}秒）")

    def tick(self) -> None:
        """While waiting: the fields disabled and the seconds counted down."""
        left = self.attempts.wait_left()
        if left > 0:
            self.entry.state(["disabled"])
            self.ok_button.state(["disabled"])
            self.message.configure(text=f"连续{TRIES}次密码不正确，请等待{int(left + 0.999)}秒后再试")
            self.after(500, self.tick)
        else:
            self.entry.state(["!disabled"])
            self.ok_button.state(["!disabled"])
            self.message.configure(text="")
            self.entry.focus_set()

    def cancel(self) -> None:
        self.result = False
        self.destroy()


def _wait(root, dialog) -> None:
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


def ask_password(root, workspace) -> bool:
    """The old start-up password of plain data; over the window's empty frame."""
    from ..services.operations import Operations
    from ..services.security import check_password

    def check(text: str) -> bool:
        ok = Operations(workspace).look(check_password, text)
        if ok:
            workspace.legacy_password = text  # offered for encrypting the data (services.security)
        return ok

    dialog = PasswordDialog(root, check, "本机数据设置了启动密码，请输入：")
    _wait(root, dialog)
    return bool(dialog.result)


def _ask_for_key(root, unlock, *prompt: str):
    """The key ``unlock(text)`` gives for the password or recovery key typed (5 tries, then a wait);
    None if the user quits."""
    found = []

    def check(text: str) -> bool:
        try:
            found.append(unlock(text))
        except WrongPassword:
            return False
        return True

    dialog = PasswordDialog(root, check, *prompt)
    _wait(root, dialog)
    return found[-1] if dialog.result and found else None


def ask_key(root, db_path):
    """The data key of encrypted data, from its password or recovery key; None if the user quits."""
    from ..services.security import open_key

    return _ask_for_key(root, lambda text: open_key(db_path, text))


class NewPasswordDialog(tk.Toplevel):
    """The first start's offer: set a password (recommended) or go on without encryption."""

    def __init__(self, root, intro: str):
        super().__init__(root)
        self.result: str | None = None
        self.title("保护孩子的个人信息：设置密码")
        self.resizable(False, False)
        frame = ttk.Frame(self, padding=18)
        frame.pack(fill="both", expand=True)
        ttk.Label(frame, text=intro, wraplength=420, justify="left").pack(anchor="w")
        self.vars = {}
        self.entries = {}
        for label in ("新密码", "再次输入"):
            ttk.Label(frame, text=label).pack(anchor="w", pady=(8, 0))
            self.vars[label] = tk.StringVar(self)
            self.entries[label] = ttk.Entry(frame, textvariable=self.vars[label], show="●", width=30)
            self.entries[label].pack(anchor="w")
        self.message = ttk.Label(frame, text="", style="Error.TLabel", wraplength=420)
        self.message.pack(anchor="w", pady=(6, 0))
        buttons = ttk.Frame(frame)
        buttons.pack(fill="x", pady=(10, 0))
        self.skip_button = ttk.Button(buttons, text="暂不加密", command=self.cancel)
        self.skip_button.pack(side="right")
        self.ok_button = ttk.Button(buttons, text="加密数据（推荐）", command=self.submit, default="active")
        self.ok_button.pack(side="right", padx=(0, 8))
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self.entries["新密码"].focus_set()

    def submit(self) -> None:
        from ..services.security import validate_new_password

        errors = validate_new_password(self.vars["新密码"].get(), self.vars["再次输入"].get())
        if errors:
            self.message.configure(text="；".join(f"{p.field}：{p.message}" for p in errors.problems))
            return
        self.result = self.vars["新密码"].get()
        self.destroy()

    def cancel(self) -> None:
        self.result = None
        self.destroy()


OFFER = ("这台电脑上保存着孩子的身份证号、健康记录和家长电话，属于敏感个人信息（个人信息保护法第28、51条）。"
         "设置密码后，数据文件和备份都会加密，没有密码或恢复密钥谁也打不开。\n\n"
         "请设置密码（至少6位，不能是常用密码或短的纯数字）。加密后请打印恢复密钥单，放在保险柜里：忘记密码时只能用它打开数据。")


def ask_new_password(root, intro: str = OFFER) -> str | None:
    dialog = NewPasswordDialog(root, intro)
    _wait(root, dialog)
    return dialog.result


def ask_backup_key(root, backup, live_key):
    """(go on, key) for restoring ``backup``: no key for a plain backup, the data's own key when the
    backup has it, else the backup's password or recovery key asked (5 tries, then a wait)."""
    from ..services.datafile import backup_key, backup_key_state

    needed, key = backup_key_state(backup, live_key)
    if not needed:
        return True, key
    key = _ask_for_key(root, lambda text: backup_key(backup, text),
                       f"备份文件 {backup.name} 已加密，请输入这份备份的密码（或恢复密钥）：")
    return (key is not None), key
