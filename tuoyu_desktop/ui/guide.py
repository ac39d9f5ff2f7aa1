"""开始使用: the first start's guide (services.first_run), a panel docked at the right of the main
window that takes the manager to each place in turn; 下次再说 leaves it for the next start.

Docked, not a window of its own: the page it sends the manager to shrinks beside it, so the guide
never covers the field it points at (on a 1366×768 laptop a floating guide sat over 政策方案 and 保存)."""
from __future__ import annotations

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


#: the width the guide's texts wrap at: narrow, so that the page beside it keeps its room
WRAP = 250


class Guide(ttk.Frame):
    @classmethod
    def wanted(cls, app: "MainWindow") -> bool:
        return app.workspace is not None and cls.state_of(app).wanted

    @staticmethod
    def state_of(app: "MainWindow") -> svc.GuideState:
        return app.look(svc.guide_state, app.workspace.key is not None)

    @classmethod
    def open(cls, app: "MainWindow") -> "Guide":
        existing = getattr(app, "guide", None)
        if existing is not None and existing.winfo_exists():
            return existing
        app.guide = cls(app)
        return app.guide

    def __init__(self, app: "MainWindow"):
        super().__init__(app.dock, padding=(12, 10), style="Card.TFrame")
        self.app = app
        app.change(svc.start_guide)
        ttk.Label(self, text="开始使用", style="Title.TLabel").pack(anchor="w")
        ttk.Label(self, text="按下面五步把机构建起来。每一步都可以稍后再做：点“下次再说”，下次打开程序时从这里继续；"
                             "也可以从“帮助 → 开始使用向导”打开。",
                  style="Hint.TLabel", wraplength=WRAP, justify="left").pack(anchor="w", pady=(2, 8))
        self.marks: dict[str, ttk.Label] = {}
        self.buttons: dict[str, ttk.Button] = {}
        self.mark_buttons: dict[str, ttk.Button] = {}
        self.texts: dict[str, ttk.Label] = {}
        for index, step in enumerate(svc.STEPS):
            title, text, action, mark = TEXTS[step]
            cell = ttk.Frame(self)
            cell.pack(fill="x", pady=(0, 6))
            head = ttk.Frame(cell)
            head.pack(fill="x")
            self.marks[step] = ttk.Label(head, text="", width=2)
            self.marks[step].pack(side="left")
            ttk.Label(head, text=f"{index + 1}. {title}", font="TuoyuBold").pack(side="left")
            self.mark_buttons[step] = ttk.Button(head, text=mark, width=-4, command=lambda s=step: self.mark(s))
            self.mark_buttons[step].pack(side="right")
            self.buttons[step] = ttk.Button(head, text=action, width=-6, command=lambda s=step: self.go(s))
            self.buttons[step].pack(side="right", padx=(6, 4))
            # what to do: shown for the step that is next, so that five steps fit a laptop's height
            self.texts[step] = ttk.Label(cell, text=text, style="Hint.TLabel", wraplength=WRAP, justify="left")
        ttk.Separator(self, orient="horizontal").pack(fill="x", pady=(2, 8))
        self.summary = ttk.Label(self, text="")
        self.summary.pack(anchor="w")
        bottom = ttk.Frame(self)
        bottom.pack(fill="x", pady=(6, 0))
        self.later_button = ttk.Button(bottom, text="下次再说", command=self.later)
        self.later_button.pack(side="left")
        self.finish_button = ttk.Button(bottom, text="完成，不再显示", command=self.finish)
        self.finish_button.pack(side="left", padx=(6, 0))
        self.refresh()
        app.dock_panel(self)

    def refresh(self) -> svc.GuideState:
        state = self.state_of(self.app)
        for step in svc.STEPS:
            done, skipped = step in state.done, step in state.skipped
            current = step == state.next_step
            self.marks[step].configure(text="✔" if done else "—" if skipped else ("▶" if current else "○"),
                                       style="Done.TLabel" if done else "Hint.TLabel" if skipped else "TLabel")
            self.mark_buttons[step].configure(state="disabled" if done or skipped else "normal",
                                              text="已跳过" if skipped else TEXTS[step][3])
            if current:
                self.texts[step].pack(anchor="w", padx=(18, 0), pady=(2, 0))
            else:
                self.texts[step].pack_forget()
        left = len(svc.STEPS) - len(state.done) - len(state.skipped)
        if len(state.done) == len(svc.STEPS):
            text = "五步都完成了！"
        elif not left:
            text = f"完成 {len(state.done)} 步，跳过 {len(state.skipped)} 步（标“—”的随时可以回来做）"
        else:
            text = f"还有 {left} 步" + (f"，跳过 {len(state.skipped)} 步" if state.skipped else "")
        self.summary.configure(text=text)
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
            from .encryption import offer_encryption

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
