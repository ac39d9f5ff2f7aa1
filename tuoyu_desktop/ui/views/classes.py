"""班级: each class with places, caregivers and the staff ratio; the children in the selected one."""
from __future__ import annotations

from pathlib import Path
from tkinter import ttk

from ...domain.formatting import date_iso
from ...services.classes import children_of_class, class_page, class_sheet
from ...services.forms import check_record, record_values, save_record
from .. import dialogs, outputs
from ..widgets.form import fields_for
from ..widgets.form_dialog import FormDialog
from ..widgets.table import Table, TableColumn
from .list_page import ListPage

CLASS_COLUMNS = [
    TableColumn("name", "班级名称", 120), TableColumn("type", "班型", 70), TableColumn("cap", "核定人数", 70, "e", True),
    TableColumn("enrolled", "在托", 60, "e", True), TableColumn("free", "空位", 60, "e", True),
    TableColumn("carers", "保育人员", 70, "e", True), TableColumn("needed", "应配", 60, "e", True),
    TableColumn("ratio", "师幼比标准", 80, "center"), TableColumn("ok", "师幼比", 80, "center"),
    TableColumn("puhui", "普惠", 50, "center"), TableColumn("state", "状态", 160),
]


class ClassDialog(FormDialog):
    def __init__(self, page, class_id: int | None = None, focus_close: bool = False):
        self.page, self.app, self.class_id = page, page.app, class_id
        values = {"是否普惠": "是"}
        title = "新增班级"
        if class_id is not None:
            values = self.app.read(record_values, "classes", class_id)
            title = f"编辑班级 — {values['班级名称']}"
            if focus_close and not values["停班日期"]:
                values["停班日期"] = self.app.today().isoformat()
                title = f"停班 — {values['班级名称']}"
        super().__init__(page.app.root, title, fields_for("classes"), validate=self._validate, save=self._store,
                         values=values,
                         intro="班额上限和师幼比按“设置”中选择的政策方案。停班前请先为班内幼儿转班或离托。")

    def _validate(self, values):
        self.page.dry_run(check_record, "classes", values, self.class_id)

    def _store(self, values):
        self.app.change(save_record, "classes", values, self.class_id)


class ClassesView(ListPage):
    key = "classes"
    title = "班级"

    def __init__(self, master, app):
        super().__init__(master, app, "班级")
        self.add_button("new", "新增", lambda: ClassDialog(self))
        self.add_button("edit", "编辑", lambda: self._with_selected(self.edit))
        self.add_button("close", "停班", lambda: self._with_selected(lambda iid: ClassDialog(self, int(iid), True)))
        self.add_button("import", "导入", lambda: self.app.open_import("classes"))
        self.add_button("export", "导出", self.export)
        panes = ttk.PanedWindow(self, orient="vertical")
        panes.pack(fill="both", expand=True)
        self.table = Table(panes, CLASS_COLUMNS, on_open=self.edit, menu=[("编辑", self.edit)], height=8)
        panes.add(self.table, weight=1)
        lower = ttk.Frame(panes)
        self.members_label = ttk.Label(lower, text="选中一个班级查看班内幼儿", style="Hint.TLabel")
        self.members_label.pack(anchor="w", pady=(8, 4))
        self.members = Table(lower, [TableColumn("name", "姓名", 90), TableColumn("sex", "性别", 50, "center"),
                                     TableColumn("months", "月龄", 60, "e", True), TableColumn("care", "托育形式", 80),
                                     TableColumn("enrolled", "入托日期", 110)], height=8)
        self.members.pack(fill="both", expand=True)
        panes.add(lower, weight=1)
        self.table.tree.bind("<<TreeviewSelect>>", lambda _e: self.show_members())
        self.rows = {}
        self.refresh()

    select_hint = "请先在列表中选中一个班级"

    def main_table(self):
        return self.table

    def refresh(self) -> None:
        rows = self.app.look(class_page)
        self.rows = {str(r.id): r for r in rows}
        data = []
        for r in rows:
            values = r.values()
            tags = ("warn",) if (r.open and (not r.ratio_ok or r.over_capacity)) else (() if r.open else ("muted",))
            data.append((str(r.id), values, f"{r.name} {r.class_type}", tags))
        self.table.set_rows(data)
        self.apply_filter()
        self.show_members()

    def show_members(self) -> None:
        iid = self.table.selected()
        if iid is None or iid not in self.rows:
            self.members.set_rows([])
            return
        name = self.rows[iid].name
        kids = self.app.look(children_of_class, name)
        self.members_label.configure(text=f"{name} 班内幼儿（{len(kids)} 人）")
        self.members.set_rows([(str(k.id), (k.name, k.sex, k.months, k.care_type, date_iso(k.enrolled_on)), k.name, ())
                               for k in kids])


    def edit(self, iid: str):
        return ClassDialog(self, int(iid))

    def export(self) -> Path | None:
        from ...exchange.list_export import write_list

        path = dialogs.ask_save_file(self.app.root, "导出班级", [("Excel 工作簿", "*.xlsx")],
                                     f"班级_{self.app.today():%Y%m%d}.xlsx", outputs.picker_start(self.app, "export"))
        if not path:
            return None
        outputs.remember_choice(self.app, "export", path)
        sheet = class_sheet([self.rows[i] for i in self.table.visible_ids()])
        write_list(Path(path), sheet.title, sheet.headers, sheet.rows, sheet.note)
        self.app.tell(f"已导出班级 {path}", Path(path))
        return Path(path)
