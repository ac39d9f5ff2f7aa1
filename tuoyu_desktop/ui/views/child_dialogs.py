"""入托登记 / 编辑, 离托 and 转班 dialogs of the 幼儿 page."""
from __future__ import annotations

from datetime import date

from ...domain.choices import LEAVE_REASONS
from ...domain.idnumbers import parse_id_number
from ...domain.parsing import parse_date
from ...services import children as svc
from ...services.forms import check_record, record_values
from .. import dialogs
from ..widgets.form import FieldSpec, Form, fields_for
from ..widgets.form_dialog import FormDialog


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
            values = self.app.read(record_values, "children", child_id)
            title = f"编辑幼儿档案 — {values['姓名']}"
        intro = ("带*的为必填。离开身份证号一栏时自动检查校验位，并在出生日期、性别为空时填好。"
                 "班级只列出符合入托时月龄且有空位的班级。")
        super().__init__(page.app.root, title, fields_for("children", {"班级": ()}), validate=self._validate, save=self._store, values=values,
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
        choices = self.app.look(svc.enrolment_options, birth, day)
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
        self.page.dry_run(check_record, "children", values, self.child_id)

    def _store(self, values: dict) -> None:
        confirmed = False
        while True:
            try:
                child, _changes = self.app.change(svc.save_child, values, self.child_id, confirmed_not_duplicate=confirmed)
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
        self.page.select_child(child.id)


class LeaveDialog(FormDialog):
    def __init__(self, page, child_id: int):
        self.page, self.app, self.child_id = page, page.app, child_id
        name = self.app.look(svc.child_basics, child_id).name
        fields = [FieldSpec("离托日期", required=True), FieldSpec("离托原因", kind="choice", required=True,
                                                                   choices=LEAVE_REASONS)]
        super().__init__(page.app.root, f"离托 — {name}", fields, validate=self._validate, save=self._store,
                         values={"离托日期": self.app.today().isoformat()},
                         intro="离托后档案和以往月份的报表保持不变。")

    def _validate(self, values):
        self.page.dry_run(svc.leave, self.child_id, values["离托日期"], values["离托原因"])

    def _store(self, values):
        self.app.change(svc.leave, self.child_id, values["离托日期"], values["离托原因"])


class MoveDialog(FormDialog):
    def __init__(self, page, child_id: int):
        self.page, self.app, self.child_id = page, page.app, child_id
        child = self.app.look(svc.child_basics, child_id)
        name, self.birth = child.name, child.birth_date
        fields = [FieldSpec("转班日期", required=True), FieldSpec("转入班级", kind="choice", required=True)]
        super().__init__(page.app.root, f"转班（升班） — {name}", fields, validate=self._validate, save=self._store,
                         values={"转班日期": self.app.today().isoformat()}, on_leave={"转班日期": self._date_left},
                         intro="从转班日期起在新班级；此前的月份仍按原班级统计。")
        self._date_left(self.form, "转班日期")

    def _date_left(self, form: Form, _key: str) -> None:
        day = _date_or_none(form.values()["转班日期"])
        choices = self.app.look(svc.move_options, self.child_id, self.birth, day)
        form.set_choices("转入班级", tuple(c.name for c in choices))
        form.set_hint("转入班级", "可选：" + "、".join(f"{c.name}（余{c.free}位）" for c in choices) if choices
                      else "没有符合月龄且有空位的其他班级")

    def _validate(self, values):
        self.page.dry_run(svc.move, self.child_id, values["转入班级"], values["转班日期"])

    def _store(self, values):
        self.app.change(svc.move, self.child_id, values["转入班级"], values["转班日期"])
