"""开始使用: the first start's guide (services.first_run), a small window beside the main one that
takes the manager to each place in turn; 下次再说 leaves it for the next start."""
from __future__ import annotations

import tkinter as tk
from tkinter import ttk
from typing import TYPE_CHECKING

from ..services import first_run as svc

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

#: step → (title, what to do, the action button, the mark button)
TEXTS = {
    "centre": ("机构信息", "填写机构名称和统一社会信用代码（印在月报封面上）。", "去填写", "跳过"),
    "policy": ("政策方案", "在“设置”页选择本地的政策方案（决定班额、师幼比、体验券和补助标准），保存后点“已选好”。",
               "去选择", "已选好"),
    "classes": ("班级", "新增至少一个班级：班型、核定人数、开班日期。", "新增班级…", "跳过"),
    "roster": ("导入花名册", ("在导入窗口先点“生成空白模板…”，把幼儿名单填进模板，再选择文件导入；"
                             "也可以在“幼儿”页逐个入托登记。"), "导入花名册…", "跳过"),
    "password": ("设置密码", "为数据设置密码并加密（个人信息保护法）。每次打开程序都要输入密码。", "设置密码…", "跳过"),
}


class Guide(tk.Toplevel):
    @classmethod
    def wanted(cls, app: "MainWindow") -> bool:
        return app.workspace is not None and cls.state_of(app).wanted

    @staticmethod
    def state_of(app: "MainWindow") -> svc.GuideState:
        return app.look(svc.guide_state, app.today(), app.workspace.key is not None)

    @classmethod
    def open(cls, app: "MainWindow") -> "Guide":
        existing = getattr(app, "guide", None)
        if existing is not None and existing.winfo_exists():
            existing.lift()
            return existing
        app.guide = cls(app)
        return app.guide

    def __init__(self, app: "MainWindow"):
        super().__init__(app.root)
        self.app = app
        self.title("开始使用")
        self.transient(app.root)
        self.resizable(False, False)
        app.change(svc.start_guide)
        body = ttk.Frame(self, padding=(16, 12))
        body.pack(fill="both", expand=True)
        ttk.Label(body, text="欢迎使用！按下面五步把机构建起来", style="Title.TLabel").grid(row=0, column=0, columnspan=4,
                                                                                sticky="w")
        ttk.Label(body, text="每一步都可以稍后再做：点“下次再说”，下次打开程序时从这里继续；也可以从“帮助 → 开始使用向导”打开。",
                  style="Hint.TLabel", wraplength=600, justify="left").grid(row=1, column=0, columnspan=4, sticky="w",
                                                                             pady=(2, 10))
        self.marks: dict[str, ttk.Label] = {}
        self.buttons: dict[str, ttk.Button] = {}
        self.mark_buttons: dict[str, ttk.Button] = {}
        for index, step in enumerate(svc.STEPS):
            title, text, action, mark = TEXTS[step]
            row = 2 + index
            self.marks[step] = ttk.Label(body, text="", width=3)
            self.marks[step].grid(row=row, column=0, sticky="nw", pady=4)
            cell = ttk.Frame(body)
            cell.grid(row=row, column=1, sticky="nw", pady=4)
            ttk.Label(cell, text=f"{index + 1}. {title}", font="TuoyuBold").pack(anchor="w")
            ttk.Label(cell, text=text, style="Hint.TLabel", wraplength=380, justify="left").pack(anchor="w")
            self.buttons[step] = ttk.Button(body, text=action, command=lambda s=step: self.go(s))
            self.buttons[step].grid(row=row, column=2, sticky="new", padx=(10, 4), pady=4)
            self.mark_buttons[step] = ttk.Button(body, text=mark, width=7, command=lambda s=step: self.mark(s))
            self.mark_buttons[step].grid(row=row, column=3, sticky="new", pady=4)
        bottom = ttk.Frame(self, padding=(16, 0, 16, 12))
        bottom.pack(fill="x")
        self.summary = ttk.Label(bottom, text="")
        self.summary.pack(side="left")
        self.finish_button = ttk.Button(bottom, text="完成，不再显示", command=self.finish)
        self.finish_button.pack(side="right")
        self.later_button = ttk.Button(bottom, text="下次再说", command=self.later)
        self.later_button.pack(side="right", padx=(0, 8))
        self.protocol("WM_DELETE_WINDOW", self.later)
        self.bind("<Escape>", lambda _e: self.later())
        self.bind("<FocusIn>", lambda e: self.refresh() if e.widget is self else None)
        self.refresh()
        self.update_idletasks()
        root = app.root  # beside the main window's right edge when there is room, else over it
        x = min(root.winfo_rootx() + root.winfo_width() - self.winfo_reqwidth() - 24,
                self.winfo_screenwidth() - self.winfo_reqwidth() - 16)
        self.geometry(f"+{max(x, 0)}+{max(root.winfo_rooty() + 60, 0)}")

    def refresh(self) -> svc.GuideState:
        state = self.state_of(self.app)
        for step in svc.STEPS:
            done = step in state.done
            current = step == state.next_step
            self.marks[step].configure(text="✔" if done else ("▶" if current else "○"),
                                       style="Done.TLabel" if done else "TLabel")
            self.mark_buttons[step].configure(state="disabled" if done else "normal")
        left = len(svc.STEPS) - len(state.done)
        self.summary.configure(text="五步都完成了！" if not left else f"还有 {left} 步")
        return state

    def go(self, step: str):
        app = self.app
        if step in ("centre", "policy"):
            page = app.show("settings")
            page.tabs.select(0)
            page.form.widgets["机构名称" if step == "centre" else "政策方案"].focus_set()
            result = page
        elif step == "classes":
            page = app.show("classes")
            page.new_item()
            result = page
        elif step == "roster":
            app.show("children")
            result = app.open_import("children")
        else:
            from .app import offer_encryption

            result = offer_encryption(app.root, app, asked=True)
        if self.winfo_exists():
            self.refresh()
        return result

    def mark(self, step: str) -> None:
        self.app.change(svc.mark_step, step)
        self.refresh()

    def later(self) -> None:
        self.app.set_status("开始使用向导：下次打开程序时继续（也可从“帮助”菜单打开）")
        self.destroy()

    def finish(self) -> None:
        self.app.change(svc.finish_guide)
        self.destroy()
