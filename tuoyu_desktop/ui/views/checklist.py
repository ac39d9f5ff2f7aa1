"""今日待办 (SPEC §12) as a panel of 首页 and 今日: each task ✓ or ✗; double-click or Enter opens its form."""
from __future__ import annotations

from datetime import datetime
from tkinter import ttk

from ...services import checklist as svc
from ..widgets.tooltip import TreeTooltip


def open_task(app, task: svc.Task, page=None):
    """The form of a task: the class's 今日 register, the day's 留样, the day's 消毒 sheet, a new 巡查, the
    喂药 of a due dose. Returns what it opened (a view or a dialog)."""
    today = app.today()
    if task.target == svc.REGISTER:
        view = app.show("today")
        view.open_class(task.ref, today)
        return view
    if task.target == svc.SAMPLES:
        view = app.show("kitchen")
        view.open_samples(today, task.ref)
        return view
    page = page or app.views[app.current]
    if task.target == svc.DISINFECTION:
        from .safety import DisinfectionDayDialog

        return DisinfectionDayDialog(page, today)
    if task.target == svc.PATROL:
        from .kind_dialog import KindDialog

        now = datetime.now()
        at = f"{now:%Y-%m-%d %H:%M}" if now.date() == today else f"{today:%Y-%m-%d} "
        return KindDialog(page, "firechecks", "新增防火巡查", values={"类型": "巡查", "时间": at})
    if task.target == svc.DOSE:
        from .safety import dose_dialog

        return dose_dialog(page, due=task.ref)
    return None


class ChecklistPanel(ttk.Frame):
    """Today's checklist; refreshed by its page (the areas feeding 首页 and 今日 cover every task)."""

    def __init__(self, master, app, page, height: int = 10, width: int = 420):
        super().__init__(master)
        self.app, self.page = app, page
        self.heading = ttk.Label(self, text="今日待办", font="TuoyuBold")
        self.heading.pack(anchor="w")
        box = ttk.Frame(self)
        box.pack(fill="both", expand=True, pady=(2, 0))
        self.tree = ttk.Treeview(box, columns=("text",), show="tree", height=height, selectmode="browse")
        self.tree.column("#0", width=64, stretch=False)
        self.tree.column("text", width=width - 64)
        self.tree.tag_configure("done", foreground="#6B7280")
        self.tree.tag_configure("todo", foreground="#B03A2E")
        scroll = ttk.Scrollbar(box, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=scroll.set)
        self.tree.pack(side="left", fill="both", expand=True)
        scroll.pack(side="left", fill="y")
        self.tooltip = TreeTooltip(self.tree, "text")
        self.tree.bind("<Double-1>", lambda _e: self.open_selected())
        self.tree.bind("<Return>", lambda _e: self.open_selected())
        self.tasks: dict[str, svc.Task] = {}
        self.hint = ttk.Label(self, text="双击一项（或选中后按回车）打开它的登记", style="Hint.TLabel")
        self.hint.pack(anchor="w", pady=(2, 0))

    def refresh(self) -> svc.Checklist:
        found = self.app.look(svc.checklist)
        self.tree.delete(*self.tree.get_children())
        self.tasks = {}
        # what is still to do first, then what is done, each in the list's order
        for task in sorted(found.tasks, key=lambda t: t.done):
            iid = self.tree.insert("", "end", text=f"{task.mark} {task.group}", values=(task.text,),
                                   tags=("done" if task.done else "todo",))
            self.tasks[iid] = task
        self.heading.configure(text=found.heading.split(" ", 1)[-1] if found.is_open else found.heading)
        return found

    def open_selected(self):
        selection = self.tree.selection()
        task = self.tasks.get(selection[0]) if selection else None
        return open_task(self.app, task, self.page) if task else None
