"""首页: the centre at a glance."""
from __future__ import annotations

from tkinter import ttk

from ...domain.formatting import date_cn
from ...services.overview import overview
from .base import View


class HomeView(View):
    key = "home"
    title = "首页"
    depends_on = ("centre", "classes", "children", "staff")

    def __init__(self, master, app):
        super().__init__(master, app)
        self.heading = ttk.Label(self, text="", style="Title.TLabel")
        self.heading.pack(anchor="w")
        self.subheading = ttk.Label(self, text="", style="Hint.TLabel")
        self.subheading.pack(anchor="w", pady=(2, 12))
        self.notice = ttk.Label(self, text="", style="Error.TLabel")
        self.notice.pack(anchor="w", pady=(0, 8))
        cards = ttk.Frame(self)
        cards.pack(anchor="w", fill="x")
        self.figures: dict[str, ttk.Label] = {}
        for col, (key, caption) in enumerate((("children", "在托幼儿"), ("capacity", "核定托位"),
                                              ("classes", "开班班级"), ("staff", "在职员工"))):
            card = ttk.Frame(cards, style="Card.TFrame", padding=(18, 10))
            card.grid(row=0, column=col, padx=(0, 12), sticky="nsew")
            self.figures[key] = ttk.Label(card, text="0", style="Big.TLabel")
            self.figures[key].pack(anchor="w")
            ttk.Label(card, text=caption).pack(anchor="w")
        self.details = ttk.Label(self, text="", justify="left", style="Hint.TLabel")
        self.details.pack(anchor="w", pady=(16, 0))
        self.refresh()

    def refresh(self) -> None:
        with self.app.workspace.session() as s:
            o = overview(s, self.app.today())
        self.heading.configure(text=o.centre_name or "尚未填写机构名称")
        self.subheading.configure(text=f"{date_cn(self.app.today())}　政策方案：{o.policy_profile}")
        self.notice.configure(text="" if o.centre_complete else "请先在“设置”中填写机构名称和统一社会信用代码。")
        for key, value in (("children", o.children_enrolled), ("capacity", o.capacity),
                           ("classes", o.classes_open), ("staff", o.staff_employed)):
            self.figures[key].configure(text=str(value))
        self.details.configure(text=f"数据文件：{self.app.workspace.db_path}")
