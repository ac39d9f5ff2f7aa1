"""医育结合: the agreement with the health institution and the log of its guidance visits."""
from __future__ import annotations

from tkinter import ttk

from ...domain.formatting import date_iso
from ...services import medical as svc
from ...services.forms import check_record, delete_record, record_values, save_record
from .. import dialogs
from ..widgets.form import fields_for
from ..widgets.form_dialog import FormDialog
from ..widgets.table import Table, TableColumn
from .list_page import ListPage


class RecordDialog(FormDialog):
    """新增/编辑 an agreement or a visit, checked by the service as the user goes."""

    def __init__(self, page, kind: str, record_id: int | None = None):
        self.page, self.app, self.kind, self.record_id = page, page.app, kind, record_id
        self.key = "agreements" if kind == "agreement" else "visits"
        values = None
        if record_id:
            values = self.app.read(record_values, self.key, record_id)
        elif kind == "visit":
            values = {"日期": self.app.today().isoformat()}
        noun = "医育结合协议" if kind == "agreement" else "指导记录"
        super().__init__(page.app.root, f"{'编辑' if record_id else '新增'}{noun}", fields_for(self.key),
                         validate=self._validate,
                         save=self._store, values=values)

    def _validate(self, values):
        self.page.dry_run(check_record, self.key, values, self.record_id)

    def _store(self, values):
        self.app.change(save_record, self.key, values, self.record_id)


class MedicalView(ListPage):
    key = "medical"
    title = "医育结合"

    def __init__(self, master, app):
        super().__init__(master, app, "医育结合")
        self.add_button("new_agreement", "新增协议", lambda: RecordDialog(self, "agreement"))
        self.add_button("new_visit", "新增指导记录", lambda: RecordDialog(self, "visit"))
        self.add_button("edit", "编辑", self.edit_selected)
        self.add_button("delete", "删除", self.delete_selected)
        self.add_button("import", "导入", lambda: self.app.open_import(
            "agreements" if self.selected_table() is self.agreements else "visits"))
        self.status = ttk.Label(self, text="", style="Error.TLabel", wraplength=980, justify="left")
        self.status.pack(anchor="w", pady=(0, 6))
        panes = ttk.PanedWindow(self, orient="vertical")
        panes.pack(fill="both", expand=True)
        upper = ttk.Frame(panes)
        ttk.Label(upper, text="医育结合服务协议", style="Hint.TLabel").pack(anchor="w")
        self.agreements = Table(upper, [
            TableColumn("inst", "医疗机构", 220), TableColumn("number", "协议编号", 110), TableColumn("signed", "签订日期", 95),
            TableColumn("from", "生效日期", 95), TableColumn("to", "到期日期", 95), TableColumn("guide", "健康指导员", 90),
            TableColumn("phone", "联系电话", 120), TableColumn("status", "状态", 140)],
            on_open=lambda i: RecordDialog(self, "agreement", int(i)), height=5)
        self.agreements.pack(fill="both", expand=True)
        panes.add(upper, weight=1)
        lower = ttk.Frame(panes)
        ttk.Label(lower, text="到园指导记录", style="Hint.TLabel").pack(anchor="w", pady=(6, 0))
        self.visits = Table(lower, [
            TableColumn("date", "日期", 95), TableColumn("guide", "指导人员", 80), TableColumn("content", "内容", 260),
            TableColumn("findings", "发现问题", 260), TableColumn("done", "已整改", 60, "center"),
            TableColumn("agreement", "所属协议", 120)],
            on_open=lambda i: RecordDialog(self, "visit", int(i)), menu=[("编辑", lambda i: RecordDialog(self, "visit", int(i))),
                                                                         ("删除", self.delete_visit)])
        self.visits.pack(fill="both", expand=True)
        self.visits.tree.bind("<Delete>", lambda _e: self.delete_selected())
        panes.add(lower, weight=2)
        self.follow_focus(self.agreements, self.visits, first=self.visits)
        self.refresh()

    def main_table(self):
        return self.visits

    def refresh(self) -> None:
        page = self.app.look(svc.medical_page)
        agreements, visits, alerts = page.agreements, page.visits, page.alerts
        self.status.configure(text="\n".join(a.text for a in alerts))
        self.agreements.set_rows([(str(a.id), (a.institution, a.number, date_iso(a.signed_on), date_iso(a.valid_from),
                                               date_iso(a.valid_to), a.health_guide, a.guide_phone, a.status),
                                   a.institution, () if a.status.startswith("有效") else ("muted",)) for a in agreements])
        self.visits.set_rows([(str(v.id), (date_iso(v.visited_on), v.guide, v.content, v.findings,
                                           "是" if v.follow_up_done else ("否" if v.findings else ""), v.agreement),
                               f"{v.content} {v.findings} {v.guide}", ()) for v in visits])
        self.apply_filter()

    select_hint = "请先选中一份协议或一条指导记录"

    def edit_selected(self):
        return self._with_selected(lambda iid: RecordDialog(
            self, "agreement" if self.selected_table() is self.agreements else "visit", int(iid)))

    def delete_selected(self):
        self._with_selected(self.delete_agreement if self.selected_table() is self.agreements else self.delete_visit)

    def delete_agreement(self, iid: str):
        if dialogs.ask_yes_no(self.app.root, "删除协议", "确定删除这份协议吗？它的指导记录会保留。"):
            self.app.change(delete_record, "agreements", int(iid))

    def delete_visit(self, iid: str):
        if dialogs.ask_yes_no(self.app.root, "删除指导记录", "确定删除这条指导记录吗？"):
            self.app.change(delete_record, "visits", int(iid))
