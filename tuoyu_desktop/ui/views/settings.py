"""设置: the centre's details and the policy profile."""
from __future__ import annotations

import dataclasses
from tkinter import ttk

from ...domain.choices import CENTRE_NATURES, CENTRE_TYPES
from ...domain.passwords import MIN_LENGTH
from ...services.areas import areas_feeding
from ...services.audit_log import check_log, recent_entries
from ...services.centre import (
    CentreForm,
    centre_details,
    update_centre,
    validate_centre,
)
from ...services.security import change_workspace_password
from .. import dialogs
from ..widgets.form import FieldSpec, Form
from .base import View

LEAKED = "密码可能已泄露"


class SettingsView(View):
    key = "settings"
    title = "设置"

    def __init__(self, master, app):
        super().__init__(master, app)
        self.tabs = ttk.Notebook(self)
        self.tabs.pack(fill="both", expand=True)
        page = ttk.Frame(self.tabs, padding=(8, 8))
        self.tabs.add(page, text="机构信息")
        self._build_fees()
        self._build_security()
        self._build_audit()
        ttk.Label(page, text="机构信息", style="Title.TLabel").pack(anchor="w")
        ttk.Label(page, text="这些信息印在月报封面上，并用于区县汇总；政策方案决定班额、师幼比、体验券和补助标准。带 * 的为必填。",
                  style="Hint.TLabel", wraplength=720, justify="left").pack(anchor="w", pady=(2, 8))
        profiles = tuple(app.workspace.profiles)
        fields = [
            FieldSpec("机构名称", required=True),
            FieldSpec("统一社会信用代码", required=True, hint="18位，含校验位"),
            FieldSpec("备案编号"),
            FieldSpec("所属区县"),
            FieldSpec("所属镇街"),
            FieldSpec("机构性质", kind="choice", choices=("",) + CENTRE_NATURES),
            FieldSpec("机构类型", kind="choice", choices=CENTRE_TYPES),
            FieldSpec("是否普惠机构", kind="check", hint="是普惠托育机构"),
            FieldSpec("机构等级"),
            FieldSpec("政策方案", kind="choice", required=True, choices=profiles,
                      hint=""),
            FieldSpec("负责人"),
            FieldSpec("联系电话"),
            FieldSpec("地址"),
            FieldSpec("月租金", hint="元/月"),
            FieldSpec("填报人", hint="月报署名"),
            FieldSpec("填报人电话"),
            FieldSpec("供餐餐次", required=True),
        ]
        # narrow enough for two columns beside the docked 开始使用 guide on a 1366×768 laptop
        fields = [dataclasses.replace(f, width=20) for f in fields]
        self.form = Form(page, fields, validate=self._validate, save=self._save, cancel=self.refresh,
                         columns=2)
        self.form.pack(anchor="nw", fill="x")
        self.refresh()

    def _validate(self, values: dict) -> None:
        validate_centre(CentreForm(**values), self.app.ops.profiles)

    def _save(self, values: dict) -> None:
        self.app.change(update_centre, CentreForm(**values))

    def refresh(self) -> None:
        form = self.app.look(centre_details)
        self.form.set_values(vars(form))
        from ...services.bills import fee_settings

        self.fee_form.set_values(self.app.look(fee_settings))
        self.refresh_security()
        self.refresh_audit()

    # 收费 -----------------------------------------------------------------------------------
    def _build_fees(self) -> None:
        from ...services.bills import fee_settings, save_fee_settings

        page = ttk.Frame(self.tabs, padding=(8, 8))
        self.tabs.add(page, text="收费")
        ttk.Label(page, text="收费", style="Title.TLabel").pack(anchor="w")
        ttk.Label(page, text="伙食费按开园日预收，上月缺勤的在下月收费单上按天退还。“伙食费退费起点”为N时，只退连续缺勤满N个"
                             "开园日的（1为缺勤一天退一天）。出账后满“欠费提醒天数”仍未结清的，首页提醒欠费。",
                  style="Hint.TLabel", wraplength=720, justify="left").pack(anchor="w", pady=(2, 8))
        self.fee_form = Form(page, [FieldSpec("伙食费退费起点", required=True, width=8, hint="个开园日（连续缺勤）"),
                                    FieldSpec("欠费提醒天数", required=True, width=8, hint="天（从出账日期算起）")],
                             validate=lambda v: self.dry_fee(save_fee_settings, v),
                             save=lambda v: self.app.change(save_fee_settings, v),
                             cancel=lambda: self.fee_form.set_values(self.app.look(fee_settings)))
        self.fee_form.pack(anchor="nw", fill="x")
        self.fee_form.set_values(self.app.look(fee_settings))

    def dry_fee(self, use_case, values) -> None:
        self.app.ops.check(use_case, values)

    # 安全 -----------------------------------------------------------------------------------
    def _build_security(self) -> None:
        page = ttk.Frame(self.tabs, padding=(8, 8))
        self.tabs.add(page, text="安全")
        ttk.Label(page, text="数据加密", style="Title.TLabel").pack(anchor="w")
        ttk.Label(page, text="加密后，数据文件和备份没有密码（或恢复密钥）谁也打不开；每次打开程序都要输入密码。"
                             "恢复密钥单请打印后放在保险柜里：忘记密码时只能用它。", style="Hint.TLabel",
                  wraplength=760).pack(anchor="w", pady=(2, 8))
        self.password_state = ttk.Label(page, text="")
        self.password_state.pack(anchor="w", pady=(0, 6))
        blank = lambda form: form.set_values({k: (False if k == LEAKED else "") for k in form.widgets})  # noqa: E731
        self.encrypt_form = Form(page, [FieldSpec("新密码", kind="password", hint=f"至少{MIN_LENGTH}位，不能是常用密码或短的纯数字"),
                                        FieldSpec("再次输入", kind="password")],
                                 validate=lambda v: None, save=self._encrypt, cancel=lambda: blank(self.encrypt_form))
        self.encrypt_form.save_button.configure(text="加密数据")
        self.password_form = Form(page, [FieldSpec("当前密码", kind="password", hint="或恢复密钥"),
                                         FieldSpec("新密码", kind="password", hint=f"至少{MIN_LENGTH}位，不能是常用密码或短的纯数字"),
                                         FieldSpec("再次输入", kind="password"),
                                         FieldSpec(LEAKED, kind="check",
                                                   hint="同时换新的数据密钥和恢复密钥：旧密码、旧恢复密钥和以前的备份都打不开现在的数据")],
                                  validate=lambda v: None, save=self._save_password, cancel=lambda: blank(self.password_form))
        self.password_form.save_button.configure(text="修改密码")
        self.sheet_button = ttk.Button(page, text="打印恢复密钥单…", command=self.print_recovery_sheet)

    def refresh_security(self) -> None:
        encrypted = self.app.workspace.key is not None
        self.password_state.configure(text="已加密" if encrypted else "未加密：数据文件和备份可以被任何人读取",
                                      style="TLabel" if encrypted else "Error.TLabel")
        for widget in (self.encrypt_form, self.password_form, self.sheet_button):
            widget.pack_forget()
        if encrypted:
            self.password_form.pack(anchor="nw")
            self.sheet_button.pack(anchor="w", pady=(10, 0))
        else:
            self.encrypt_form.pack(anchor="nw")

    def _encrypt(self, values: dict) -> None:
        from ...services.security import validate_new_password
        from ..encryption import encrypt_now

        validate_new_password(values["新密码"], values["再次输入"]).raise_if_any()
        self.encrypt_form.set_values({k: "" for k in self.encrypt_form.widgets})
        encrypt_now(self.app.root, self.app, values["新密码"])

    def _save_password(self, values: dict) -> None:
        leaked = bool(values[LEAKED])
        if leaked and not dialogs.ask_yes_no(
                self.app.root, "更换数据密钥",
                "数据将用新的数据密钥重新加密，并生成新的恢复密钥：\n\n"
                "· 旧密码和旧恢复密钥都打不开现在的数据；\n"
                "· 以前的备份仍用当时的密码或旧恢复密钥打开（它们里面是当时的数据），但打不开现在的数据；\n"
                "· 完成后请打印新的恢复密钥单，销毁旧的。\n\n现在更换吗？"):
            return
        changes = change_workspace_password(self.app.workspace, values["当前密码"], values["新密码"], values["再次输入"],
                                            new_data_key=leaked)
        self.password_form.set_values({k: (False if k == LEAKED else "") for k in self.password_form.widgets})
        self.app.apply(changes)
        if leaked:
            from ..encryption import save_recovery_sheet

            save_recovery_sheet(self.app.root, self.app)

    def print_recovery_sheet(self):
        from ..encryption import save_recovery_sheet

        return save_recovery_sheet(self.app.root, self.app)

    # 操作日志 ---------------------------------------------------------------------------------
    def _build_audit(self) -> None:
        from ..widgets.table import Table, TableColumn

        page = ttk.Frame(self.tabs, padding=(8, 8))
        self.tabs.add(page, text="操作日志")
        bar = ttk.Frame(page)
        bar.pack(fill="x", pady=(0, 6))
        self.verify_button = ttk.Button(bar, text="检查日志是否被改动", command=self.verify_audit)
        self.verify_button.pack(side="left")
        self.audit_state = ttk.Label(bar, text="", style="Hint.TLabel")
        self.audit_state.pack(side="left", padx=8)
        # one line per operation (导入幼儿 幼儿.xlsx（37行）); choosing one lists its rows below
        ttk.Label(page, text="操作（选中一项，下面列出它改动的每一行；不选则列出最近的改动）", style="Hint.TLabel").pack(anchor="w")
        self.operations = Table(page, [TableColumn("at", "时间", 150), TableColumn("user", "用户", 80),
                                       TableColumn("name", "操作", 420), TableColumn("rows", "改动行数", 80, "e"),
                                       TableColumn("state", "状态", 80)], height=6)
        self.operations.pack(fill="x")
        self.operations.tree.bind("<<TreeviewSelect>>", lambda _e: self.show_operation_rows())
        self.audit_title = ttk.Label(page, text="最近的改动", style="Hint.TLabel")
        self.audit_title.pack(anchor="w", pady=(6, 0))
        self.audit = Table(page, [TableColumn("at", "时间", 150), TableColumn("user", "用户", 80),
                                  TableColumn("action", "操作", 50), TableColumn("table", "记录", 90),
                                  TableColumn("summary", "名称", 120), TableColumn("change", "变更内容", 520)])
        self.audit.pack(fill="both", expand=True)

    def refresh_audit(self) -> None:
        from ...services.history import operations_log

        self.operations.set_rows([(str(op.id), (op.at, op.user, op.name, str(op.rows),
                                                "已撤销" if op.undone else ("撤销" if op.undo_of else "")),
                                   op.name, ()) for op in self.app.look(operations_log, 200)])
        self.show_operation_rows()

    def show_operation_rows(self) -> None:
        chosen = self.operations.selected()
        entries = self.app.look(recent_entries, operation_id=int(chosen) if chosen else None)
        name = self.operations.values(chosen)[2] if chosen else ""
        self.audit_title.configure(text=f"“{name}”改动的 {len(entries)} 行" if chosen else "最近的改动")
        self.audit.set_rows([(str(e.id), (e.at_text, e.user, e.action, e.table, e.summary, e.change), e.change, ())
                             for e in entries])

    def verify_audit(self) -> bool:
        broken = self.app.read(check_log)
        if broken is None:
            self.audit_state.configure(text="日志完整，没有被改动。", style="Hint.TLabel")
            return True
        self.audit_state.configure(text=f"第{broken}条日志及之后的记录被改动过（哈希链断开）！", style="Error.TLabel")
        return False

    def changed(self, changes) -> None:
        super().changed(changes)
        if not changes.touches(*areas_feeding(self.key)):
            self.refresh_audit()
