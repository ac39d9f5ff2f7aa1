"""医育结合: the agreement with the health institution and the log of its guidance visits."""
from __future__ import annotations

from tkinter import ttk

from ...domain.formatting import date_iso
from ...services import medical as svc
from ...services.centre import centre_profile
from ...store.models import Agreement, Visit
from .. import dialogs
from ..widgets.form import FieldSpec
from ..widgets.form_dialog import FormDialog
from ..widgets.table import Table, TableColumn
from .list_page import ListPage

AGREEMENT_FIELDS = [
    FieldSpec("医疗机构名称", required=True, width=34), FieldSpec("协议编号"), FieldSpec("签订日期", required=True),
    FieldSpec("生效日期", required=True), FieldSpec("到期日期", required=True, hint="续签的新协议可与旧协议重叠"),
    FieldSpec("健康指导员"), FieldSpec("联系电话"),
]
VISIT_FIELDS = [
    FieldSpec("日期", required=True, hint="如 2026-10-20"), FieldSpec("指导人员"), FieldSpec("内容", required=True, width=40),
    FieldSpec("发现问题", width=40), FieldSpec("是否已整改", kind="check", hint="发现的问题已整改"),
]


class RecordDialog(FormDialog):
    """新增/编辑 an agreement or a visit, checked by the service as the user goes."""

    def __init__(self, page, kind: str, record_id: int | None = None):
        self.page, self.app, self.kind, self.record_id = page, page.app, kind, record_id
        model, fields = (Agreement, AGREEMENT_FIELDS) if kind == "agreement" else (Visit, VISIT_FIELDS)
        values = None
        if record_id:
            with self.app.workspace.session() as s:
                record = s.get(model, record_id)
                values = svc.agreement_form_values(record) if kind == "agreement" else svc.visit_form_values(record)
        elif kind == "visit":
            values = {"日期": self.app.today().isoformat()}
        noun = "医育结合协议" if kind == "agreement" else "指导记录"
        super().__init__(page.app.root, f"{'编辑' if record_id else '新增'}{noun}", fields, validate=self._validate,
                         save=self._store, values=values)

    def _service(self):
        return (svc.check_agreement, svc.save_agreement) if self.kind == "agreement" else (svc.check_visit, svc.save_visit)

    def _validate(self, values):
        check, _ = self._service()
        self.page.dry_run(lambda s: check(s, values, self.app.workspace.profiles, self.app.today(), self.record_id))

    def _store(self, values):
        _, save = self._service()
        with self.app.workspace.session() as s:
            changes = save(s, values, self.app.workspace.profiles, self.app.today(), self.record_id)
        self.app.apply(changes)


class MedicalView(ListPage):
    key = "medical"
    title = "医育结合"
    depends_on = ("agreements", "centre")

    def __init__(self, master, app):
        super().__init__(master, app, "医育结合")
        self.add_button("new_agreement", "新增协议", lambda: RecordDialog(self, "agreement"))
        self.add_button("new_visit", "新增指导记录", lambda: RecordDialog(self, "visit"))
        self.add_button("edit", "编辑", self.edit_selected)
        self.add_button("delete", "删除", self.delete_selected)
        self.add_button("import", "导入", lambda: self.app.open_import(
            "agreements" if self.focus_table() is self.agreements else "visits"))
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
        self._last_focus = self.visits
        for table in (self.agreements, self.visits):
            table.tree.bind("<FocusIn>", lambda _e, t=table: setattr(self, "_last_focus", t), add="+")
        self.refresh()

    def main_table(self):
        return self.visits

    def focus_table(self):
        return self._last_focus

    def refresh(self) -> None:
        today = self.app.today()
        with self.app.workspace.session() as s:
            profile = centre_profile(s, self.app.workspace.profiles)
            agreements = svc.agreement_rows(s, today, profile.alerts.agreement_warn_days)
            visits = svc.visit_rows(s)
            alerts = svc.agreement_alerts(s, profile, today)
        self.status.configure(text="\n".join(a.text for a in alerts))
        self.agreements.set_rows([(str(a.id), (a.institution, a.number, date_iso(a.signed_on), date_iso(a.valid_from),
                                               date_iso(a.valid_to), a.health_guide, a.guide_phone, a.status),
                                   a.institution, () if a.status.startswith("有效") else ("muted",)) for a in agreements])
        self.visits.set_rows([(str(v.id), (date_iso(v.visited_on), v.guide, v.content, v.findings,
                                           "是" if v.follow_up_done else ("否" if v.findings else ""), v.agreement),
                               f"{v.content} {v.findings} {v.guide}", ()) for v in visits])
        self.apply_filter()

    def edit_selected(self):
        table = self.focus_table()
        iid = table.selected()
        if iid is None:
            self.app.set_status("请先选中一份协议或一条指导记录")
            return None
        return RecordDialog(self, "agreement" if table is self.agreements else "visit", int(iid))

    def delete_selected(self):
        table = self.focus_table()
        iid = table.selected()
        if iid is None:
            self.app.set_status("请先选中一份协议或一条指导记录")
            return
        if table is self.agreements:
            if dialogs.ask_yes_no(self.app.root, "删除协议", "确定删除这份协议吗？它的指导记录会保留。"):
                with self.app.workspace.session() as s:
                    self.app.apply(svc.delete_agreement(s, int(iid)))
        else:
            self.delete_visit(iid)

    def delete_visit(self, iid: str):
        if dialogs.ask_yes_no(self.app.root, "删除指导记录", "确定删除这条指导记录吗？"):
            with self.app.workspace.session() as s:
                self.app.apply(svc.delete_visit(s, int(iid)))
