"""体验券: redemptions with the profile's rules, deletion with a reason, and the monthly claim."""
from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import ttk

from ...domain.ages import add_months
from ...domain.formatting import date_iso
from ...domain.month import Month
from ...services import vouchers as svc
from ...services.centre import centre_profile
from ...services.forms import check_record, save_record
from .. import outputs
from ..widgets.form import FieldSpec, Form, fields_for
from ..widgets.form_dialog import FormDialog
from ..widgets.table import Table, TableColumn
from .list_page import ListPage


class RedeemDialog(FormDialog):
    def __init__(self, page):
        self.page, self.app = page, page.app
        self.enrolled = self.app.look(svc.enrolled_choices)
        fields = fields_for("vouchers")
        # a form-only helper: pick an enrolled child to fill in the child's fields
        fields.insert(1, FieldSpec("在托幼儿", kind="picker", choices=("",) + tuple(self.enrolled),
                                   hint="输入姓名或拼音首字母（如 zzy）；来园体验的幼儿不选"))
        super().__init__(page.app.root, "体验券兑换登记", fields, validate=self._validate, save=self._store,
                         values={"兑换日期": self.app.today().isoformat(), "天数": "1"},
                         on_leave={"在托幼儿": self._child_chosen}, intro=page.rule_text())

    def _child_chosen(self, form: Form, _key: str) -> None:
        child_id = self.enrolled.get(form.picked("在托幼儿"))
        if child_id:
            for key, value in self.app.look(svc.child_values, child_id).items():
                form.set_value(key, value)

    def _validate(self, values):
        self.page.dry_run(check_record, "vouchers", values)

    def _store(self, values):
        self.app.change(save_record, "vouchers", values)


class DeleteDialog(FormDialog):
    def __init__(self, page, redemption_id: int, serial: str):
        self.page, self.app, self.redemption_id = page, page.app, redemption_id
        super().__init__(page.app.root, f"删除体验券记录 — {serial}", [FieldSpec("删除原因", required=True, width=40)],
                         validate=self._validate, save=self._store,
                         intro="删除的记录保留在历史中（勾选“含已删除”可见），券号不能再次使用。")

    def _validate(self, values):
        self.page.dry_run(svc.delete_redemption, self.redemption_id, values["删除原因"])

    def _store(self, values):
        self.app.change(svc.delete_redemption, self.redemption_id, values["删除原因"])


class ClaimDialog(FormDialog):
    """申领表 for a month: PDF (for signature) and xlsx, into a chosen folder."""

    def __init__(self, page):
        self.page, self.app = page, page.app
        last_month = add_months(self.app.today().replace(day=1), -1)
        super().__init__(page.app.root, "体验券申领表", [FieldSpec("月份", required=True, hint="YYYY-MM"),
                                                       FieldSpec("显示完整号码", kind="check", hint="身份证号和电话不打码")],
                         validate=self._validate, save=self._store, values={"月份": f"{last_month:%Y-%m}"})
        self.written: list[Path] = []

    def _validate(self, values):
        Month.parse(values["月份"])

    def _store(self, values):
        from ...reports.voucher_claim import write_claim_pdf, write_claim_xlsx
        from ..open_file import open_with_system

        folder = outputs.print_folder(self.app, "vouchers")
        files = self.app.look(svc.claim_for, values["月份"])
        claim, stem = files.claim, files.stem
        full, today, page = bool(values["显示完整号码"]), self.app.today(), self.page
        notes: list[str] = []

        def write() -> list[Path]:  # on the worker: only the files
            return [write_claim_pdf(Path(folder) / f"{stem}.pdf", files.centre_name, claim, today, full, notes=notes),
                    write_claim_xlsx(Path(folder) / f"{stem}.xlsx", files.centre_name, claim, full)]

        def written(paths: list[Path]) -> None:
            page.written = paths
            page.app.tell(f"已生成{claim.month}申领表：{claim.days}次，{claim.amount}元（{folder}）", paths[0])
            page.tell_unprintable(notes)
            open_with_system(paths[0])

        outputs.write_in_background(page, "体验券申领表", write, written)


class VouchersView(ListPage):
    key = "vouchers"
    title = "体验券"

    def __init__(self, master, app):
        super().__init__(master, app, "托育服务体验券")
        self.add_button("new", "兑换登记", lambda: RedeemDialog(self))
        self.add_button("delete", "删除", self.delete_selected)
        self.add_button("import", "导入", lambda: self.app.open_import("vouchers"))
        self.add_button("claim", "申领表", lambda: ClaimDialog(self))
        self.include_deleted = tk.BooleanVar(self, value=False)
        self.include_deleted_check = ttk.Checkbutton(self.toolbar, text="含已删除", variable=self.include_deleted,
                                                     command=self.refresh)
        self.include_deleted_check.pack(side="left", padx=(8, 0))
        self.rule = ttk.Label(self, text="", style="Hint.TLabel")
        self.rule.pack(anchor="w", pady=(0, 6))
        self.table = Table(self, [
            TableColumn("serial", "券号", 130), TableColumn("name", "幼儿姓名", 90), TableColumn("id", "身份证号", 170),
            TableColumn("guardian", "监护人", 80), TableColumn("date", "兑换日期", 100),
            TableColumn("days", "天数", 50, "e", True), TableColumn("used", "该幼儿已用", 80, "e", True),
            TableColumn("who", "类型", 70, "center"), TableColumn("state", "状态", 200)],
            menu=[("删除", self.delete)])
        self.table.pack(fill="both", expand=True)
        self.table.tree.bind("<Delete>", lambda _e: self.delete_selected())
        self.written: list[Path] = []
        self.refresh()

    def main_table(self):
        return self.table

    def rule_text(self) -> str:
        p = self.app.look(centre_profile)
        v = p.voucher
        period = "每年" if v.period == "year" else "累计"
        valid = f"，有效期{date_iso(v.valid_from) or '不限'}至{date_iso(v.valid_to) or '不限'}" if (
            v.valid_from or v.valid_to) else ""
        return (f"{p.name}政策方案：每次（每天）{v.value_yuan}元，每名幼儿{period}最多{v.max_visits}次，"
                f"适用{v.min_months}–{v.max_months}个月婴幼儿{valid}；券号只能使用一次。")

    def refresh(self) -> None:
        self.rule.configure(text=self.rule_text())
        rows = self.app.look(svc.redemption_page, self.include_deleted.get())
        self.rows = {str(r.id): r for r in rows}
        self.table.set_rows([(str(r.id), (r.serial, r.child_name, r.id_number, r.guardian, date_iso(r.redeemed_on),
                                          r.days, r.used_total, "在托" if r.enrolled else "来园体验",
                                          f"已删除：{r.delete_reason}" if r.deleted else "有效"),
                              f"{r.serial} {r.child_name} {r.id_number} {r.phone}", ("muted",) if r.deleted else ())
                             for r in rows])
        self.apply_filter()

    def delete_selected(self):
        iid = self.table.selected()
        if iid is None:
            self.app.set_status("请先选中一条兑换记录")
            return None
        return self.delete(iid)

    def delete(self, iid: str):
        return DeleteDialog(self, int(iid), self.rows[iid].serial)
