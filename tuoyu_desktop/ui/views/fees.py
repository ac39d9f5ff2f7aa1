"""收费: the fee schedule (收费项目, SPEC §11), to keep it up to date; a price change is a new row."""
from __future__ import annotations

from tkinter import ttk

from ...domain.formatting import date_iso, number_cn
from ...services import fees as svc
from ...services.forms import delete_record
from .. import dialogs
from ..widgets.table import Table, TableColumn
from .kind_dialog import KindDialog
from .list_page import ListPage

KIND = "fees"


class FeesView(ListPage):
    key = "fees"
    title = "收费"
    select_hint = "请先选中一个收费项目"

    def __init__(self, master, app):
        super().__init__(master, app, "收费项目")
        self.add_button("new", "新增收费项目", self.new_item_dialog)
        self.add_button("edit", "编辑", self.edit_selected)
        self.add_button("delete", "删除", self.delete_selected)
        ttk.Label(self, text="调价时新增一行（新的生效日期），不要改旧行：以前月份的收费按当时的单价。每月的保育费"
                             "按开园日折算；伙食费按开园日预收。幼儿自己填了“月收费”时，按它收保育费。",
                  style="Hint.TLabel", wraplength=960, justify="left").pack(anchor="w", pady=(0, 6))
        self.table = Table(self, [
            TableColumn("category", "类别", 90), TableColumn("name", "名称", 120), TableColumn("care", "适用托育形式", 100),
            TableColumn("applies", "适用", 70), TableColumn("basis", "计费方式", 100),
            TableColumn("price", "单价（元）", 100, "e", numeric=True), TableColumn("start", "生效日期", 100),
            TableColumn("end", "停用日期", 100), TableColumn("state", "状态", 80)],
            on_open=lambda i: self.edit(int(i)),
            menu=[("编辑", lambda i: self.edit(int(i))), ("删除", lambda i: self.delete(int(i)))])
        self.table.pack(fill="both", expand=True)
        self.table.tree.bind("<Delete>", lambda _e: self.delete_selected())
        self.refresh()

    def main_table(self):
        return self.table

    def refresh(self) -> None:
        rows = self.app.look(svc.fee_page)
        self.table.set_rows([(str(r.id), (r.fee.category, r.fee.name, r.fee.care_type, r.fee.applies_to, r.fee.basis,
                                          number_cn(r.price_yuan, 2), date_iso(r.fee.starts_on),
                                          date_iso(r.fee.ends_on), r.state),
                              f"{r.fee.category} {r.fee.name} {r.fee.care_type} {r.state}",
                              () if r.state == svc.IN_FORCE else ("muted",)) for r in rows])
        self.apply_filter()

    # actions ---------------------------------------------------------------------------------------
    def new_item_dialog(self):
        return KindDialog(self, KIND, "新增收费项目", values={"生效日期": self.app.today().replace(day=1).isoformat(), "适用托育形式": "全日托",
                                                         "适用": "全部", "计费方式": "每月", "类别": "保育费"})

    def edit(self, fee_id: int):
        return KindDialog(self, KIND, "编辑收费项目", record_id=fee_id)

    def edit_selected(self):
        return self._with_selected(lambda iid: self.edit(int(iid)))

    def delete_selected(self) -> None:
        self._with_selected(lambda iid: self.delete(int(iid)))

    def delete(self, fee_id: int) -> None:
        if dialogs.ask_yes_no(self.app.root, "删除收费项目", "确定删除这个收费项目吗？\n\n只有录错了才删除；"
                                                    "不再收的项目请填写停用日期，调价请新增一行。"):
            self.app.change(delete_record, KIND, fee_id)
