"""员工 and 证书 dialogs of the 从业人员 page."""
from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from ...domain.formatting import date_iso
from ...services import staff as svc
from ...services.forms import check_record, delete_record, record_values, save_record
from .. import dialogs
from ..widgets.form import fields_for
from ..widgets.form_dialog import FormDialog
from ..widgets.table import Table, TableColumn


class StaffDialog(FormDialog):
    def __init__(self, page, staff_id: int | None = None):
        self.page, self.app, self.staff_id = page, page.app, staff_id
        names = self.app.look(svc.class_names)
        values = (self.app.read(record_values, "staff", staff_id)
                  if staff_id else {"入职日期": self.app.today().isoformat()})
        title = f"编辑员工 — {values['姓名']}" if staff_id else "新增员工"
        super().__init__(page.app.root, title, fields_for("staff", {"所在班级": ("", *names)}), validate=self._validate, save=self._store,
                         values=values, intro="离职请填写离职日期（档案保留）。身份证号在黑名单中的人员不能聘用。")

    def _validate(self, values):
        self.page.dry_run(check_record, "staff", values, self.staff_id)

    def _store(self, values):
        self.app.change(save_record, "staff", values, self.staff_id)


class CertificateDialog(FormDialog):
    def __init__(self, owner, staff: svc.StaffBasics, cert_id: int | None = None):
        self.owner, self.app, self.cert_id = owner, owner.app, cert_id
        self.id_number = staff.id_number
        values = None
        if cert_id:
            values = self.app.read(record_values, "certificates", cert_id)
        super().__init__(owner, f"{'编辑' if cert_id else '新增'}证书 — {staff.name}", fields_for("certificates"),
                         validate=self._validate, save=self._store, values=values)

    def _full(self, values):
        return {**values, "身份证号": self.id_number}

    def _validate(self, values):
        self.owner.page.dry_run(check_record, "certificates", self._full(values), self.cert_id)

    def _store(self, values):
        self.app.change(save_record, "certificates", self._full(values), self.cert_id)
        self.owner.refresh()


class CertificatesWindow(tk.Toplevel):
    """One staff member's certificates, with 新增 / 编辑 / 删除."""

    def __init__(self, page, staff_id: int):
        super().__init__(page.app.root)
        self.page, self.app, self.staff_id = page, page.app, staff_id
        self.staff = self.app.look(svc.staff_basics, staff_id)
        self.title(f"证书 — {self.staff.name}")
        self.transient(page.app.root)
        self.geometry("860x380")
        frame = ttk.Frame(self, padding=12)
        frame.pack(fill="both", expand=True)
        bar = ttk.Frame(frame)
        bar.pack(fill="x", pady=(0, 6))
        self.buttons = {}
        for key, text, command in (("new", "新增证书", lambda: CertificateDialog(self, self.staff)),
                                   ("edit", "编辑", lambda: self._selected(self.edit)),
                                   ("delete", "删除", lambda: self._selected(self.delete))):
            self.buttons[key] = ttk.Button(bar, text=text, command=command, width=len(text) * 2 + 2)
            self.buttons[key].pack(side="left", padx=(0, 6))
        ttk.Label(bar, text="健康证每年复查；到期前30天和过期后都会提醒。", style="Hint.TLabel").pack(side="left", padx=8)
        self.table = Table(frame, [TableColumn("type", "证书类型", 150), TableColumn("level", "等级", 60),
                                   TableColumn("number", "证书编号", 130), TableColumn("issuer", "发证机关", 170),
                                   TableColumn("issued", "发证日期", 100), TableColumn("expires", "有效期至", 100),
                                   TableColumn("status", "状态", 110)], on_open=self.edit,
                           menu=[("编辑", self.edit), ("删除", self.delete)], height=10)
        self.table.pack(fill="both", expand=True)
        self.table.tree.bind("<Delete>", lambda _e: self._selected(self.delete))
        self.bind("<Escape>", lambda _e: self.destroy())
        self.refresh()

    def refresh(self) -> None:
        rows = self.app.look(svc.certificate_rows, staff_id=self.staff_id)
        self.table.set_rows([(str(r.id), (r.cert_type, r.level, r.number, r.issuer, date_iso(r.issued_on),
                                          date_iso(r.expires_on) or "长期", r.status + ("（已被新证替代）" if r.replaced else "")),
                              r.cert_type, ("warn",) if r.status in ("已过期", "即将到期") and not r.replaced else ())
                             for r in rows])

    def _selected(self, action):
        iid = self.table.selected()
        if iid:
            action(iid)

    def edit(self, iid: str):
        return CertificateDialog(self, self.staff, int(iid))

    def delete(self, iid: str) -> None:
        if not dialogs.ask_yes_no(self, "删除证书", "确定删除这本证书的记录吗？"):
            return
        self.app.change(delete_record, "certificates", int(iid))
        self.refresh()
