"""幼儿: the roster, enrolment, leaving and moving class, and the two follow-up lists."""
from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import ttk

from ...domain.formatting import date_iso
from ...services import children as svc
from ...services.forms import delete_record
from .. import dialogs, outputs
from ..widgets.table import Table, TableColumn
from .child_dialogs import ChildDialog, LeaveDialog, MoveDialog
from .growth_dialogs import GrowthWindow, MeasuringDayWindow
from .list_page import ListPage

ROSTER_COLUMNS = [
    TableColumn("name", "姓名", 90), TableColumn("sex", "性别", 50, "center"), TableColumn("months", "月龄", 60, "e", True),
    TableColumn("class", "班级", 110), TableColumn("care", "托育形式", 80), TableColumn("enrolled", "入托日期", 100),
    TableColumn("id", "身份证号", 170), TableColumn("guardian", "监护人", 80), TableColumn("phone", "监护人电话", 120),
    TableColumn("status", "状态", 140),
]
XLSX = [("Excel 工作簿", "*.xlsx")]


class ChildrenView(ListPage):
    key = "children"
    title = "幼儿"

    def __init__(self, master, app):
        super().__init__(master, app, "幼儿花名册")
        self.add_button("new", "入托登记", self.new_child)
        self.add_button("edit", "编辑", lambda: self._with_selected(self.edit))
        self.add_button("leave", "离托", lambda: self._with_selected(self.leave))
        self.add_button("move", "转班", lambda: self._with_selected(self.move))
        self.add_button("growth", "生长发育", lambda: self._with_selected(self.growth))
        self.add_button("measure", "体检录入", self.measuring_day)
        self.add_button("import", "导入", lambda: self.app.open_import("children"))
        self.add_button("export", "导出", self.export)
        self.include_left = tk.BooleanVar(self, value=False)
        self.full_numbers = tk.BooleanVar(self, value=False)
        self.include_left_check = ttk.Checkbutton(self.toolbar, text="含已离托", variable=self.include_left,
                                                  command=self.refresh)
        self.include_left_check.pack(side="left", padx=(8, 0))
        self.full_numbers_check = ttk.Checkbutton(self.toolbar, text="导出显示完整号码", variable=self.full_numbers)
        self.full_numbers_check.pack(side="left", padx=(8, 0))
        self.tabs = ttk.Notebook(self)
        self.tabs.pack(fill="both", expand=True)
        menu = [("编辑", self.edit), ("生长发育", self.growth), ("收费账户", self.account), ("伤害登记", self.injury),
                ("离托", self.leave), ("转班", self.move)]
        self.table = Table(self.tabs, ROSTER_COLUMNS, on_open=self.edit, menu=menu)
        self.tabs.add(self.table, text="花名册")
        self.due_table = Table(self.tabs, [TableColumn("name", "姓名", 90), TableColumn("class", "班级", 110),
                                           TableColumn("months", "现月龄", 70, "e", True),
                                           TableColumn("due", "日期", 110), TableColumn("action", "应办理", 200)],
                               on_open=self.move, menu=[("转班", self.move), ("离托", self.leave), ("编辑", self.edit)])
        self.tabs.add(self.due_table, text="升班/离园提醒")
        self.health_table = Table(self.tabs, [TableColumn("name", "姓名", 90), TableColumn("class", "班级", 110),
                                              TableColumn("enrolled", "入托日期", 110),
                                              TableColumn("problem", "待办", 360)], on_open=self.edit,
                                  menu=[("编辑", self.edit)])
        self.tabs.add(self.health_table, text="入托健康跟进")
        self.table.tree.bind("<Delete>", lambda _e: self._with_selected(self.delete))
        self.rows: dict[str, svc.RosterRow] = {}
        self.refresh()

    select_hint = "请先在列表中选中一名幼儿"

    def main_table(self):
        return self.table

    # data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        today = self.app.today()
        page = self.app.look(svc.children_page, self.include_left.get())
        rows, due, health = page.roster, page.due, page.health
        self.rows = {str(r.id): r for r in rows}
        self.table.set_rows([(str(r.id), self._values(r, today), r.search_text, self._tags(r, today)) for r in rows])
        self.due_table.set_rows([(str(d.id), (d.name, d.class_name, d.months_now,
                                              date_iso(d.due_on), d.action), d.name, ("warn",)) for d in due])
        self.health_table.set_rows([(f"{h.id}-{i}", (h.name, h.class_name, date_iso(h.enrolled_on), h.problem), h.name,
                                     ()) for i, h in enumerate(health)])
        self.tabs.tab(1, text=f"升班/离园提醒（{len(due)}）")
        self.tabs.tab(2, text=f"入托健康跟进（{len(health)}）")
        self.apply_filter()

    @staticmethod
    def _status(r: svc.RosterRow, today) -> str:
        return svc.roster_status(r, today)

    def _values(self, r: svc.RosterRow, today) -> tuple:
        return (r.name, r.sex, r.months, r.class_name, r.care_type, date_iso(r.enrolled_on), r.id_number,
                r.guardian_name, r.guardian_phone, self._status(r, today))

    @staticmethod
    def _tags(r: svc.RosterRow, today) -> tuple:
        if r.left_on and r.left_on <= today:
            return ("muted",)
        return ("warn",) if r.id_missing else ()

    def select_child(self, child_id: int) -> None:
        if str(child_id) in self.rows:
            self.table.select(str(child_id))

    # actions ------------------------------------------------------------------------------

    @staticmethod
    def _child_id(iid: str) -> int:
        return int(iid.split("-")[0])

    def new_child(self):
        return ChildDialog(self)

    def edit(self, iid: str):
        return ChildDialog(self, self._child_id(iid))

    def leave(self, iid: str):
        return LeaveDialog(self, self._child_id(iid))

    def move(self, iid: str):
        return MoveDialog(self, self._child_id(iid))

    def growth(self, iid: str):
        return GrowthWindow(self, self._child_id(iid))

    def account(self, iid: str):
        """The child's 收费账户: bills, receipts, balance (SPEC §11)."""
        from .bills import AccountDialog

        return AccountDialog(self, self._child_id(iid))

    def injury(self, iid: str):
        """伤害登记 of this child (安全台账), from the roster's right-click menu."""
        from .safety import injury_dialog

        return injury_dialog(self, child_id=self._child_id(iid), child=self.table.values(iid)[0])

    def measuring_day(self):
        return MeasuringDayWindow(self)

    def delete(self, iid: str) -> bool:
        child_id = self._child_id(iid)
        name = self.app.look(svc.child_basics, child_id).name
        if not dialogs.ask_yes_no(self.app.root, "删除幼儿档案",
                                  f"确定删除“{name}”的全部档案吗？\n\n只有录错的记录才应删除；离开的幼儿请办理“离托”，"
                                  "这样以往月份的报表不会改变。"):
            return False
        self.app.change(delete_record, "children", child_id)
        return True

    def export(self) -> Path | None:
        from ...exchange.list_export import write_list

        path = dialogs.ask_save_file(self.app.root, "导出花名册", XLSX, f"幼儿花名册_{self.app.today():%Y%m%d}.xlsx",
                                     outputs.picker_start(self.app, "export"))
        if not path:
            return None
        outputs.remember_choice(self.app, "export", path)
        sheet = svc.roster_sheet([self.rows[iid] for iid in self.table.visible_ids()], self.app.today(),
                                 self.full_numbers.get())
        write_list(Path(path), sheet.title, sheet.headers, sheet.rows, sheet.note)
        self.app.tell(f"已导出花名册 {path}（{len(sheet.rows)} 人）", Path(path))
        return Path(path)
