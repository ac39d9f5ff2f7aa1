"""首页: the centre at a glance."""
from __future__ import annotations

from tkinter import font as tkfont
from tkinter import ttk

from ...domain.formatting import date_cn
from ...services.alerts import collect_alerts
from ...services.overview import overview
from ..widgets.tooltip import TreeTooltip
from .base import View

GROUP_ORDER = ("聚集性预警", "出勤登记", "晨检", "因病缺勤追踪", "师幼比", "班级", "幼儿", "入托健康", "证书", "持证", "培训",
               "医育结合", "体验券")


class HomeView(View):
    key = "home"
    title = "首页"

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
                                              ("classes", "开班班级"), ("staff", "在职员工"),
                                              ("injuries", "本月伤害"))):
            card = ttk.Frame(cards, style="Card.TFrame", padding=(18, 10))
            card.grid(row=0, column=col, padx=(0, 12), sticky="nsew")
            self.figures[key] = ttk.Label(card, text="0", style="Big.TLabel")
            self.figures[key].pack(anchor="w")
            ttk.Label(card, text=caption).pack(anchor="w")
        self.alerts_label = ttk.Label(self, text="提醒", style="Title.TLabel")
        self.alerts_label.pack(anchor="w", pady=(16, 4))
        box = ttk.Frame(self)
        box.pack(fill="both", expand=True)
        from .checklist import ChecklistPanel

        self.checklist = ChecklistPanel(box, app, self, height=12, width=360)
        self.checklist.pack(side="right", fill="y", padx=(12, 0))
        self.alerts = ttk.Treeview(box, columns=("text",), show="tree headings", height=12)
        self.alerts.heading("#0", text="类别")
        self.alerts.heading("text", text="内容（双击打开相关记录）")
        self.alerts.column("#0", width=150, stretch=False)
        self.alerts.column("text", width=560)
        scroll = ttk.Scrollbar(box, orient="vertical", command=self.alerts.yview)
        self.alerts.configure(yscrollcommand=scroll.set)
        self.alerts.pack(side="left", fill="both", expand=True)
        scroll.pack(side="left", fill="y")
        self.alerts.tag_configure("group", font="TuoyuBold")
        self.tooltip = TreeTooltip(self.alerts, "text")  # a long alert in full when the mouse rests on it
        self.alerts.bind("<<TreeviewSelect>>", lambda _e: self.show_selected())
        self.alerts.bind("<Double-1>", lambda _e: self.open_selected())
        self.alerts.bind("<Return>", lambda _e: self.open_selected())
        # the chosen alert in full, wrapped to the page's width: a long line is never only half there
        self.selected_text = ttk.Label(self, text="", justify="left", wraplength=600)
        self.selected_text.pack(anchor="w", pady=(6, 0))
        self.details = ttk.Label(self, text="", justify="left", style="Hint.TLabel")
        self.details.pack(anchor="w", pady=(8, 0))
        self.targets: dict[str, tuple[str, int | None]] = {}
        self._first_done = False
        self.refresh()

    def refresh(self) -> None:
        o = self.app.look(overview)
        self.heading.configure(text=o.centre_name or "尚未填写机构名称")
        self.subheading.configure(text=f"{date_cn(self.app.today())}　政策方案：{o.policy_profile}")
        self.notice.configure(text="" if o.centre_complete else "请先在“设置”中填写机构名称和统一社会信用代码。")
        for key, value in (("children", o.children_enrolled), ("capacity", o.capacity),
                           ("classes", o.classes_open), ("staff", o.staff_employed),
                           ("injuries", o.injuries_this_month)):
            self.figures[key].configure(text=str(value))
        self.details.configure(text=f"数据文件：{self.app.workspace.db_path}")
        if not self._first_done:  # the window appears first; the alerts follow a moment later
            self._first_done = True
            self.after_idle(self.refresh_alerts)
            return
        self.refresh_alerts()

    def refresh_alerts(self) -> None:
        self.checklist.refresh()
        alerts = self.app.look(collect_alerts)
        self.alerts.delete(*self.alerts.get_children())
        self.targets = {}
        groups: dict[str, list] = {}
        for a in alerts:
            groups.setdefault(a.group, []).append(a)
        for group in sorted(groups, key=lambda g: GROUP_ORDER.index(g) if g in GROUP_ORDER else 99):
            parent = self.alerts.insert("", "end", text=f"{group}（{len(groups[group])}）", open=True, tags=("group",))
            for a in groups[group]:
                iid = self.alerts.insert(parent, "end", text="", values=(a.text,))
                self.targets[iid] = (a.target, a.target_id)
        bold = tkfont.Font(font="TuoyuBold")  # a copy of the named font (or, without it, a font like it)
        widest = max((bold.measure(self.alerts.item(g, "text")) for g in self.alerts.get_children()), default=0)
        self.alerts.column("#0", width=max(150, widest + 36))  # 36: the open/close arrow and the indent
        self.alerts_label.configure(text=f"提醒（{len(alerts)}）" if alerts else "提醒：暂无")
        self.show_selected()

    def show_selected(self) -> None:
        selection = self.alerts.selection()
        values = self.alerts.item(selection[0], "values") if selection else ()
        # wrapped to the table's width (the table is as wide as the page; measured when shown, never
        # from the label's own size, which would resize the window in a loop)
        width = max(self.alerts.winfo_width(), 400)
        self.selected_text.configure(text=f"选中的提醒：{values[0]}" if values else "", wraplength=width)

    def open_selected(self):
        """Open the record an alert is about, on its own page."""
        selection = self.alerts.selection()
        if not selection or selection[0] not in self.targets:
            return None
        target, target_id = self.targets[selection[0]]
        if target == "child" and target_id:
            from .child_dialogs import ChildDialog

            return ChildDialog(self.app.show("children"), target_id)
        if target == "staff" and target_id:
            from .staff_dialogs import StaffDialog

            return StaffDialog(self.app.show("staff"), target_id)
        if target == "class" and target_id:
            from .classes import ClassDialog

            return ClassDialog(self.app.show("classes"), target_id)
        if target == "account" and target_id:  # 欠费: the child's 收费账户
            from .bills import AccountDialog

            return AccountDialog(self.app.show("bills"), target_id)
        if target == "agreement":
            return self.app.show("medical")
        if target and target in self.app.views.classes:
            return self.app.show(target)
        return None
