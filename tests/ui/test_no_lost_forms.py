"""A form typed full is never thrown away by one Esc (or the window's ×) without asking."""
import pytest

from tests.ui.conftest import last_dialog, type_into

pytestmark = pytest.mark.gui


def _new_class_dialog(window):
    window.nav_buttons["classes"].invoke()
    window.views["classes"].new_item()
    dialog = last_dialog(window.root)
    assert dialog.title() == "新增班级"
    return dialog


def test_esc_in_a_typed_form_asks_and_no_keeps_what_was_typed(window, dialogs):
    dialog = _new_class_dialog(window)
    field = dialog.form.widgets["班级名称"]
    type_into(field, "向日葵班")
    field.focus_set()
    dialogs.answers["ask_yes_no"] = False  # 否: keep typing
    field.event_generate("<Escape>")
    window.root.update()
    (asked,) = dialogs.named("ask_yes_no")
    assert asked[1] == "放弃未保存的内容" and dialog.winfo_exists()
    assert dialog.form.widgets["班级名称"].get() == "向日葵班"
    assert "close" in dialog.protocol("WM_DELETE_WINDOW")  # the window's × asks the same
    dialogs.answers["ask_yes_no"] = True
    dialog.close()
    assert not dialog.winfo_exists()


def test_an_untouched_form_closes_at_once(window, dialogs):
    dialog = _new_class_dialog(window)
    dialog.form.widgets["班级名称"].focus_set()
    dialog.form.widgets["班级名称"].event_generate("<Escape>")
    window.root.update()
    assert not dialog.winfo_exists() and not dialogs.named("ask_yes_no")


def test_esc_in_the_settings_form_does_not_silently_undo_what_was_typed(window, dialogs):
    window.nav_buttons["settings"].invoke()
    form = window.views["settings"].form
    type_into(form.widgets["机构名称"], "茶山街道阳光托育园")
    dialogs.answers["ask_yes_no"] = False
    form.widgets["机构名称"].focus_set()
    form.widgets["机构名称"].event_generate("<Escape>")
    window.root.update()
    assert dialogs.named("ask_yes_no") and form.widgets["机构名称"].get() == "茶山街道阳光托育园"
