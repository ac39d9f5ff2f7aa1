"""传染病与请假: every 传染病登记 and every 员工请假, to look them up, correct or delete them."""
from __future__ import annotations

from tkinter import ttk

from ...domain.formatting import date_iso
from ...domain.reader import CHILD_REF
from ...services import register as svc
from ...services.forms import delete_record
from .. import dialogs
from ..widgets.table import Table, TableColumn
from .kind_dialog import KindDialog
from .list_page import ListPage


class CasesView(ListPage):
    key = "cases"
    title = "传染病与请假"
    select_hint = "请先选中一条传染病登记或请假记录"

    def __init__(self, master, app):
        super().__init__(master, app, "传染病与请假")
        self.add_button("new_case", "新增传染病登记", self.new_case)
        self.add_button("new_leave", "新增请假", self.new_leave)
        self.add_button("edit", "编辑", self.edit_selected)
        self.add_button("delete", "删除", self.delete_selected)
        ttk.Label(self, text="在今日页选中幼儿后点“传染病登记…”也可登记；未复课或复课缺证明的幼儿不能登记出勤。",
                  style="Hint.TLabel").pack(anchor="w", pady=(0, 6))
        panes = ttk.PanedWindow(self, orient="vertical")
        panes.pack(fill="both", expand=True)
        upper = ttk.Frame(panes)
        ttk.Label(upper, text="传染病登记", style="Hint.TLabel").pack(anchor="w")
        self.cases = Table(upper, [
            TableColumn("name", "幼儿", 90), TableColumn("class", "班级", 90), TableColumn("disease", "疾病", 120),
            TableColumn("onset", "发病日期", 95), TableColumn("diagnosed", "诊断日期", 95),
            TableColumn("institution", "诊断机构", 160), TableColumn("reported", "报告日期", 95),
            TableColumn("returned", "复课日期", 95), TableColumn("status", "状态", 100)],
            on_open=lambda i: self.edit_case(int(i)),
            menu=[("编辑", lambda i: self.edit_case(int(i))), ("删除", lambda i: self.delete_case(int(i)))])
        self.cases.pack(fill="both", expand=True)
        panes.add(upper, weight=3)
        lower = ttk.Frame(panes)
        ttk.Label(lower, text="员工请假", style="Hint.TLabel").pack(anchor="w", pady=(6, 0))
        self.leaves = Table(lower, [
            TableColumn("name", "员工", 100), TableColumn("kind", "类型", 80), TableColumn("start", "开始日期", 95),
            TableColumn("end", "结束日期", 95), TableColumn("days", "天数", 60, "e", numeric=True), TableColumn("status", "状态", 90)],
            on_open=lambda i: self.edit_leave(int(i)),
            menu=[("编辑", lambda i: self.edit_leave(int(i))), ("删除", lambda i: self.delete_leave(int(i)))])
        self.leaves.pack(fill="both", expand=True)
        panes.add(lower, weight=2)
        self._child_of: dict[int, int] = {}
        self.follow_focus(self.cases, self.leaves, first=self.cases)
        for table in (self.cases, self.leaves):
            table.tree.bind("<Delete>", lambda _e: self.delete_selected())
        self.refresh()

    def main_table(self):
        return self.cases

    def refresh(self) -> None:
        page = self.app.look(svc.cases_page)
        self._child_of = {c.id: c.child_id for c in page.cases}
        self.cases.set_rows([(str(c.id), (c.child_name, c.class_name, c.disease, date_iso(c.onset_on),
                                          date_iso(c.diagnosed_on), c.institution, date_iso(c.reported_on),
                                          date_iso(c.returned_on), c.status),
                              f"{c.child_name} {c.class_name} {c.disease} {c.status}",
                              () if c.status == "已复课" else ("warn",)) for c in page.cases])
        self.leaves.set_rows([(str(lv.id), (lv.staff_name, lv.kind, date_iso(lv.start_on), date_iso(lv.end_on), lv.days,
                                            lv.status),
                               f"{lv.staff_name} {lv.kind} {lv.status}", ("muted",) if lv.status == "已结束" else ())
                              for lv in page.leaves])
        self.apply_filter()

    def apply_filter(self) -> None:
        text = self.search_var.get()
        shown = self.cases.filter(text) + self.leaves.filter(text)
        self.count_label.configure(text=f"共 {shown} 条")

    # actions ---------------------------------------------------------------------------------------
    def new_case(self):
        return KindDialog(self, "diseases", "传染病登记", values={"发病日期": self.app.today().isoformat()})

    def new_leave(self):
        today = self.app.today().isoformat()
        return KindDialog(self, "leave", "员工请假", values={"开始日期": today, "结束日期": today})

    def edit_case(self, case_id: int):
        return KindDialog(self, "diseases", "编辑传染病登记", record_id=case_id,
                          hidden={CHILD_REF: str(self._child_of[case_id])})

    def edit_leave(self, leave_id: int):
        return KindDialog(self, "leave", "编辑员工请假", record_id=leave_id)

    def edit_selected(self):
        return self._with_selected(lambda iid: (
            self.edit_case if self.selected_table() is self.cases else self.edit_leave)(int(iid)))

    def delete_selected(self) -> None:
        self._with_selected(lambda iid: (
            self.delete_case if self.selected_table() is self.cases else self.delete_leave)(int(iid)))

    def delete_case(self, case_id: int) -> None:
        if dialogs.ask_yes_no(self.app.root, "删除传染病登记", "确定删除这条传染病登记吗？\n\n只有登记错了才删除；"
                                                      "幼儿复课请填写复课日期和复课证明。"):
            self.app.change(delete_record, "diseases", case_id)

    def delete_leave(self, leave_id: int) -> None:
        if dialogs.ask_yes_no(self.app.root, "删除请假记录", "确定删除这条请假记录吗？"):
            self.app.change(delete_record, "leave", leave_id)
