"""设置: the centre's details and the policy profile."""
from __future__ import annotations

from tkinter import ttk

from ...domain.choices import CENTRE_NATURES, CENTRE_TYPES
from ...domain.errors import InputError
from ...services.centre import CentreForm, centre_form, get_centre, update_centre, validate_centre
from ..widgets.form import FieldSpec, Form
from .base import View


class SettingsView(View):
    key = "settings"
    title = "设置"
    depends_on = ("centre",)

    def __init__(self, master, app):
        super().__init__(master, app)
        ttk.Label(self, text="机构信息", style="Title.TLabel").pack(anchor="w")
        ttk.Label(self, text="这些信息印在月报封面上，并用于区县汇总；政策方案决定班额、师幼比、体验券和补助标准。带 * 的为必填。",
                  style="Hint.TLabel").pack(anchor="w", pady=(2, 8))
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
            FieldSpec("填报人", hint="月报封面署名"),
            FieldSpec("填报人电话"),
        ]
        self.form = Form(self, fields, validate=self._validate, save=self._save, cancel=self.refresh,
                         columns=2)
        self.form.pack(anchor="nw", fill="x")
        self.refresh()

    def _validate(self, values: dict) -> None:
        validate_centre(CentreForm(**values), self.app.workspace.profiles)

    def _save(self, values: dict) -> None:
        with self.app.workspace.session() as s:
            changes = update_centre(s, CentreForm(**values), self.app.workspace.profiles)
        self.app.apply(changes)

    def refresh(self) -> None:
        with self.app.workspace.session() as s:
            form = centre_form(get_centre(s))
        self.form.set_values(vars(form))
