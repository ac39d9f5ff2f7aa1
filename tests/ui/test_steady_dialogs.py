"""Issue 20 item 3: a dialog keeps its size and its buttons in place while the user types wrong values."""
import pytest

from tests.exchange.conftest import CLASSES
from tests.ui.conftest import last_dialog, type_into
from tuoyu_desktop.services import children as svc

pytestmark = pytest.mark.gui


def _place(dialog, button):
    dialog.update()
    return dialog.winfo_width(), dialog.winfo_height(), button.winfo_rootx() - dialog.winfo_rootx(), \
        button.winfo_rooty() - dialog.winfo_rooty()


def test_enrolment_dialog_keeps_its_width_and_its_save_button_while_errors_appear(window, importer):
    importer("classes", CLASSES)
    window.apply(svc.Changes(everything=True))
    page = window.show("children")
    page.new_child()
    dialog = last_dialog(window.root)
    form = dialog.form
    before = _place(dialog, form.save_button)
    type_into(form.widgets["姓名"], "")  # passed through empty: quiet until 保存
    assert not form.error_text("姓名")
    for key, text in (("身份证号", "11010520250610123"), ("出生日期", "二〇二五年六月十日的某一天"),
                      ("入托日期", "明天早上"), ("月收费", "一千二百元整"),
                      ("入托体检日期", "2099-13-45"), ("接种证查验日期", "不知道")):
        type_into(form.widgets[key], text)
        assert form.error_text(key), key
        assert _place(dialog, form.save_button) == before, key
    form.save_button.invoke()  # every problem at once, 必填 marks too
    assert _place(dialog, form.save_button) == before and form.error_text("姓名")
    for key, label in form.error_labels.items():  # each message wraps inside its own column
        if form.error_text(key):
            assert label.winfo_reqwidth() <= int(label.cget("wraplength")) + 4, key
