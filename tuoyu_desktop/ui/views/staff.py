"""从业人员: staff list, certificates by status, caregivers without a certificate."""
from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import ttk

from ...domain.formatting import date_iso
from ...services import staff as svc
from .. import dialogs, outputs
from ..widgets.table import Table, TableColumn
from .list_page import ListPage
from .staff_dialogs import CertificatesWindow, StaffDialog

STAFF_COLUMNS = [
    TableColumn("name", "姓名", 90), TableColumn("sex", "性别", 50, "center"), TableColumn("role", "岗位", 90),
    TableColumn("class", "所在班级", 110), TableColumn("hired", "入职日期", 100), TableColumn("id", "身份证号", 170),
    TableColumn("phone", "联系电话", 120), TableColumn("education", "学历", 60), TableColumn("status", "状态", 140),
]
CERT_COLUMNS = [
    TableColumn("name", "姓名", 90), TableColumn("role", "岗位", 90), TableColumn("type", "证书类型", 150),
    TableColumn("level", "等级", 60), TableColumn("number", "证书编号", 130), TableColumn("issued", "发证日期", 100),
    TableColumn("expires", "有效期至", 100), TableColumn("status", "状态", 100),
]


class StaffView(ListPage):
    key = "staff"
    title = "从业人员"

    def __init__(self, master, app):
        super().__init__(master, app, "从业人员")
        self.add_button("new", "新增", lambda: StaffDialog(self))
        self.add_button("edit", "编辑", lambda: self._with_selected(self.edit))
        self.add_button("certs", "证书", lambda: self._with_selected(self.certificates))
        self.add_button("import", "导入", self.choose_import)
        self.add_button("export", "导出", self.export)
        self.include_left = tk.BooleanVar(self, value=False)
        self.include_left_check = ttk.Checkbutton(self.toolbar, text="含已离职", variable=self.include_left,
                                                  command=self.refresh)
        self.include_left_check.pack(side="left", padx=(8, 0))
        self.tabs = ttk.Notebook(self)
        self.tabs.pack(fill="both", expand=True)
        menu = [("编辑", self.edit), ("证书", self.certificates)]
        self.table = Table(self.tabs, STAFF_COLUMNS, on_open=self.edit, menu=menu)
        self.tabs.add(self.table, text="员工")
        self.cert_table = Table(self.tabs, CERT_COLUMNS, on_open=self.certificates, menu=[("证书", self.certificates)])
        self.tabs.add(self.cert_table, text="证书")
        self.uncertified = Table(self.tabs, [TableColumn("name", "姓名", 100), TableColumn("class", "所在班级", 120),
                                             TableColumn("hired", "入职日期", 110),
                                             TableColumn("note", "说明", 400)], on_open=self.certificates,
                                 menu=[("证书", self.certificates)])
        self.tabs.add(self.uncertified, text="未持证保育人员")
        self.rows = {}
        self.refresh()

    def main_table(self):
        return self.table

    def refresh(self) -> None:
        page = self.app.look(svc.staff_page, self.include_left.get())
        rows, warn, certs, missing = page.staff, page.warn_days, page.certificates, page.uncertified
        self.rows = {str(r.id): r for r in rows}
        self.table.set_rows([(str(r.id), (r.name, r.sex, r.role, r.class_name, date_iso(r.hired_on), r.id_number,
                                          r.phone, r.education,
                                          "在职" if r.employed else (f"已离职（{date_iso(r.left_on)}）" if r.left_on
                                                                   else "待入职")),
                              r.search_text,
                              () if r.employed else ("muted",)) for r in rows])
        self.cert_table.set_rows([(f"{c.staff_id}-{c.id}", (c.staff_name, c.role, c.cert_type, c.level, c.number,
                                                            date_iso(c.issued_on), date_iso(c.expires_on) or "长期",
                                                            c.status.replace("即将到期", f"{warn}日内到期")),
                                   c.staff_name, ("warn",) if c.status in ("已过期", "即将到期") else ())
                                  for c in certs])
        classes = {r.id: r.class_name for r in rows}
        self.uncertified.set_rows([(str(s.id), (s.name, classes.get(s.id, ""), date_iso(s.hired_on),
                                                "没有有效的保育师或育婴员证书，按未持证统计"), s.name, ("warn",))
                                   for s in missing])
        self.tabs.tab(2, text=f"未持证保育人员（{len(missing)}）")
        self.apply_filter()

    select_hint = "请先在列表中选中一名员工"

    def selected_table(self):
        return {0: self.table, 1: self.cert_table, 2: self.uncertified}[self.tabs.index("current")]

    @staticmethod
    def _staff_id(iid: str) -> int:
        return int(iid.split("-")[0])

    def edit(self, iid: str):
        return StaffDialog(self, self._staff_id(iid))

    def certificates(self, iid: str):
        return CertificatesWindow(self, self._staff_id(iid))

    def choose_import(self):
        kind = {0: "staff", 1: "certificates", 2: "certificates"}[self.tabs.index("current")]
        return self.app.open_import(kind)

    def export(self) -> Path | None:
        from ...exchange.list_export import write_list

        path = dialogs.ask_save_file(self.app.root, "导出从业人员", [("Excel 工作簿", "*.xlsx")],
                                     f"从业人员_{self.app.today():%Y%m%d}.xlsx", outputs.picker_start(self.app, "export"))
        if not path:
            return None
        outputs.remember_choice(self.app, "export", path)
        sheet = svc.staff_sheet([self.rows[iid] for iid in self.table.visible_ids()])
        write_list(Path(path), sheet.title, sheet.headers, sheet.rows, sheet.note)
        self.app.tell(f"已导出从业人员 {path}", Path(path))
        return Path(path)
