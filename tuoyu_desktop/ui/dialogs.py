"""Every dialog goes through here, so that tests can answer them without blocking."""
from __future__ import annotations

from tkinter import filedialog, messagebox


def show_error(parent, title: str, message: str, log_path: str | None = None) -> None:
    if log_path:
        message = f"{message}\n\n详细信息已写入日志文件：\n{log_path}"
    messagebox.showerror(title, message, parent=parent)


def show_info(parent, title: str, message: str) -> None:
    messagebox.showinfo(title, message, parent=parent)


def ask_yes_no(parent, title: str, message: str) -> bool:
    return bool(messagebox.askyesno(title, message, parent=parent))


def ask_directory(parent, title: str, initial: str | None = None) -> str:
    return filedialog.askdirectory(parent=parent, title=title, initialdir=initial or None) or ""


def ask_open_file(parent, title: str, filetypes, initial: str | None = None) -> str:
    return filedialog.askopenfilename(parent=parent, title=title, filetypes=filetypes,
                                      initialdir=initial or None) or ""


def ask_save_file(parent, title: str, filetypes, initial_name: str = "", initial_dir: str | None = None) -> str:
    return filedialog.asksaveasfilename(parent=parent, title=title, filetypes=filetypes,
                                        initialfile=initial_name, initialdir=initial_dir or None,
                                        defaultextension=".xlsx") or ""
