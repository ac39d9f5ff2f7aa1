"""The form of one record kind, opened from any page (its ``app`` runs the change as a named operation)."""
from __future__ import annotations

from ...services.forms import check_record, record_values, save_record
from ..widgets.form import fields_for
from ..widgets.form_dialog import FormDialog


class KindDialog(FormDialog):
    """A form of one record kind (开园日设置, 传染病登记, 员工请假), checked as the user goes."""

    def __init__(self, page, key: str, title: str, values=None, record_id: int | None = None,
                 hidden: dict | None = None):
        self.page, self.app, self.key, self.record_id = page, page.app, key, record_id
        self.hidden = hidden or {}  # values the form carries without showing them (the child's record)
        if record_id:
            values = self.app.read(record_values, key, record_id)
        super().__init__(page.app.root, title, fields_for(key), validate=self._validate, save=self._store,
                         values=values)

    def _validate(self, values):
        self.app.ops.check(check_record, self.key, {**values, **self.hidden}, self.record_id)

    def _store(self, values):
        self.app.change(save_record, self.key, {**values, **self.hidden}, self.record_id)
