"""Every dialog goes through here, so that tests can answer them without blocking."""
from __future__ import annotations

from tkinter import filedialog, messagebox

#: Tk's own zh_cn catalogue says 确定/取消 for Yes/No, which reads wrong under a question; these fix it
#: and fill the few words of the file pickers it lacks.
CATALOGUE_FIXES = {"&Yes": "是(&Y)", "&No": "否(&N)", "Yes": "是", "No": "否", "&Save": "保存(&S)",
                   "&Open": "打开(&O)", "&OK": "确定(&O)", "&Cancel": "取消(&C)", "&Retry": "重试(&R)",
                   "&Ignore": "忽略(&I)", "&Abort": "中止(&A)", "Directory:": "文件夹：", "&Directory:": "文件夹(&D)：",
                   "File &name:": "文件名(&N)：", "Files of &type:": "文件类型(&T)：", "Save As": "另存为",
                   "Choose Directory": "选择文件夹", "Open": "打开", "&Selection:": "选择(&S)：",
                   "Show &Hidden Files and Directories": "显示隐藏文件(&H)", "Cancel": "取消", "OK": "确定"}


def use_chinese(root) -> None:
    """Tk's message boxes and file pickers in Chinese (they are drawn by Tk itself on Linux and read
    their words from msgcat; on Windows they are the system's own dialogs)."""
    import tkinter as tk

    try:
        root.tk.call("package", "require", "msgcat")
        root.tk.call("::msgcat::mclocale", "zh_cn")
        for english, chinese in CATALOGUE_FIXES.items():
            root.tk.eval(f"namespace eval ::tk {{::msgcat::mcset zh_cn {{{english}}} {{{chinese}}}}}")
    except tk.TclError:  # an unusual Tk without msgcat: its dialogs stay as they are
        pass


def show_error(parent, title: str, message: str, log_path: str | None = None) -> None:
    if log_path:
        message = f"{message}\n\n详细信息已写入日志文件：\n{log_path}"
    messagebox.showerror(title, message, parent=parent)


def show_info(parent, title: str, message: str) -> None:
    messagebox.showinfo(title, message, parent=parent)


def show_warning(parent, title: str, message: str) -> None:
    messagebox.showwarning(title, message, parent=parent)


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
