"""入托登记 / 编辑, 离托 and 转班 dialogs of the 幼儿 page."""
from __future__ import annotations

from datetime import date

from ...domain.choices import CARE_TYPES, HARDSHIP_CATEGORIES, LEAVE_REASONS, SEXES
from ...domain.idnumbers import parse_id_number
from ...domain.parsing import parse_date
from ...services import children as svc
from ...services.centre import centre_profile
from ...store.models import Child
from .. import dialogs
from ..widgets.form import FieldSpec, Form
from ..widgets.form_dialog import FormDialog

CHILD_FIELDS = [
    FieldSpec("姓名", required=True, width=24),
    FieldSpec("性别", kind="choice", required=True, choices=SEXES, width=24),
    FieldSpec("出生日期", required=True, width=24, hint="如 2025-03-01"),
    FieldSpec("身份证号", width=24, hint="尚未落户可空"),
    FieldSpec("入托日期", required=True, width=24),
    FieldSpec("班级", kind="choice", required=True, width=24),
    FieldSpec("托育形式", kind="choice", required=True, choices=CARE_TYPES, width=24),
    FieldSpec("月收费", width=24, hint="元/月"),
    FieldSpec("是否普惠", kind="choice", choices=("", "是", "否"), width=24, hint="空：按班级"),
    FieldSpec("困境类别", kind="choice", choices=("",) + HARDSHIP_CATEGORIES, width=24),
    FieldSpec("监护人姓名", width=24),
    FieldSpec("监护人电话", width=24),
    FieldSpec("入托体检日期", width=24),
    FieldSpec("体检结果", width=24),
    FieldSpec("已查验儿童保健手册", kind="check", hint="已查验"),
    FieldSpec("接种证查验日期", width=24, hint="入托后30天内"),
    FieldSpec("需补种", kind="check", hint="需补种（12月31日前复查）"),
    FieldSpec("备注", width=24),
]


def _date_or_none(text: str) -> date | None:
    try:
        return parse_date(text)
    except ValueError:
        return None


class ChildDialog(FormDialog):
    """入托登记 (child_id None) or 编辑 of one child."""

    def __init__(self, page, child_id: int | None = None):
        self.page, self.app, self.child_id = page, page.app, child_id
        values = None
        title = "入托登记"
        if child_id is not None:
            with self.app.workspace.session() as s:
                child = s.get(Child, child_id)
                values = svc.child_form_values(s, child, self.app.today())
                title = f"编辑幼儿档案 — {child.name}"
        intro = ("带*的为必填。离开身份证号一栏时自动检查校验位，并在出生日期、性别为空时填好。"
                 "班级只列出符合入托时月龄且有空位的班级。")
        super().__init__(page.app.root, title, CHILD_FIELDS, validate=self._validate, save=self._store, values=values,
                         columns=2, intro=intro, on_leave={"身份证号": self._id_left, "出生日期": self._dates_left,
                                                           "入托日期": self._dates_left})
        if values is None:
            self.form.set_values({"入托日期": self.app.today().isoformat(), "托育形式": "全日托"})
        self._dates_left(self.form, "入托日期")

    def _id_left(self, form: Form, _key: str) -> None:
        try:
            info = parse_id_number(form.values()["身份证号"])
        except ValueError:
            return
        if not form.values()["出生日期"]:
            form.set_value("出生日期", info.birth_date.isoformat())
        if not form.values()["性别"]:
            form.set_value("性别", info.sex)
        self._dates_left(form, "出生日期")

    def _dates_left(self, form: Form, _key: str) -> None:
        values = form.values()
        birth, day = _date_or_none(values["出生日期"]), _date_or_none(values["入托日期"])
        with self.app.workspace.session() as s:
            profile = centre_profile(s, self.app.workspace.profiles)
            choices = svc.class_choices(s, profile, birth, day)
        fitting = [c for c in choices if c.problem is None]
        names = tuple(c.name for c in fitting)
        current = values["班级"]
        if self.child_id is not None and current and current not in names:
            names = (current,) + names  # an existing child's own class stays selectable
        form.set_choices("班级", names)
        if birth and day:
            hint = "、".join(f"{c.name}（余{c.free}位）" for c in fitting) or "没有符合月龄且有空位的班级"
            form.set_hint("班级", "可选：" + hint if fitting else hint)

    def _validate(self, values: dict) -> None:
        self.page.dry_run(lambda s: svc.check_child_form(s, values, self.app.workspace.profiles, self.app.today(),
                                                         self.child_id))

    def _store(self, values: dict) -> None:
        confirmed = False
        while True:
            try:
                with self.app.workspace.session() as s:
                    child, changes = svc.save_child(s, values, self.app.workspace.profiles, self.app.today(),
                                                    self.child_id, confirmed_not_duplicate=confirmed)
                break
            except svc.DuplicateChild as dup:
                if dup.certain:
                    if dialogs.ask_yes_no(self, "已经登记过", f"{dup.problems[0].message}。\n\n打开该幼儿的档案吗？"):
                        existing = dup.existing_id  # `dup` itself is gone once the except block ends
                        self.after_idle(lambda: ChildDialog(self.page, existing))
                        self.after_idle(self.destroy)
                    raise
                if not dialogs.ask_yes_no(self, "可能重复", f"{dup.problems[0].message}。\n\n仍然登记为另一名幼儿吗？"):
                    raise
                confirmed = True
        self.app.apply(changes)
        self.page.select_child(child.id)


class LeaveDialog(FormDialog):
    def __init__(self, page, child_id: int):
        self.page, self.app, self.child_id = page, page.app, child_id
        with self.app.workspace.session() as s:
            name = s.get(Child, child_id).name
        fields = [FieldSpec("离托日期", required=True), FieldSpec("离托原因", kind="choice", required=True,
                                                                   choices=LEAVE_REASONS)]
        super().__init__(page.app.root, f"离托 — {name}", fields, validate=self._validate, save=self._store,
                         values={"离托日期": self.app.today().isoformat()},
                         intro="离托后档案和以往月份的报表保持不变。")

    def _validate(self, values):
        self.page.dry_run(lambda s: svc.leave(s, self.child_id, values["离托日期"], values["离托原因"], self.app.today()))

    def _store(self, values):
        with self.app.workspace.session() as s:
            changes = svc.leave(s, self.child_id, values["离托日期"], values["离托原因"], self.app.today())
        self.app.apply(changes)


class MoveDialog(FormDialog):
    def __init__(self, page, child_id: int):
        self.page, self.app, self.child_id = page, page.app, child_id
        with self.app.workspace.session() as s:
            child = s.get(Child, child_id)
            name, birth = child.name, child.birth_date
        self.birth = birth
        fields = [FieldSpec("转班日期", required=True), FieldSpec("转入班级", kind="choice", required=True)]
        super().__init__(page.app.root, f"转班（升班） — {name}", fields, validate=self._validate, save=self._store,
                         values={"转班日期": self.app.today().isoformat()}, on_leave={"转班日期": self._date_left},
                         intro="从转班日期起在新班级；此前的月份仍按原班级统计。")
        self._date_left(self.form, "转班日期")

    def _date_left(self, form: Form, _key: str) -> None:
        day = _date_or_none(form.values()["转班日期"])
        with self.app.workspace.session() as s:
            profile = centre_profile(s, self.app.workspace.profiles)
            current = svc.class_on(s, self.child_id, day or self.app.today())
            choices = [c for c in svc.class_choices(s, profile, self.birth, day)
                       if c.problem is None and (current is None or c.name != current.name)]
        form.set_choices("转入班级", tuple(c.name for c in choices))
        form.set_hint("转入班级", "可选：" + "、".join(f"{c.name}（余{c.free}位）" for c in choices) if choices
                      else "没有符合月龄且有空位的其他班级")

    def _validate(self, values):
        self.page.dry_run(lambda s: svc.move(s, self.child_id, values["转入班级"], values["转班日期"],
                                             self.app.workspace.profiles, self.app.today()))

    def _store(self, values):
        with self.app.workspace.session() as s:
            changes = svc.move(s, self.child_id, values["转入班级"], values["转班日期"], self.app.workspace.profiles,
                               self.app.today())
        self.app.apply(changes)
