import sqlite3

import pytest

from tests.ui.conftest import type_into
from tuoyu_desktop.services.security import check_password, set_password

pytestmark = pytest.mark.gui


def test_setting_the_start_up_password_in_settings(window, workspace):
    window.nav_buttons["settings"].invoke()
    view = window.views["settings"]
    f = view.password_form
    type_into(f.widgets["新密码"], "托育2026")
    type_into(f.widgets["再次输入"], "托育2025")
    f.save_button.invoke()
    assert f.error_text("再次输入") == "两次输入的新密码不一样"
    type_into(f.widgets["新密码"], "托育2026")
    type_into(f.widgets["再次输入"], "托育2026")
    f.save_button.invoke()
    with workspace.session() as s:
        assert check_password(s, "托育2026")
    assert view.password_state.cget("text") == "已设置启动密码。"


def test_the_password_dialog_lets_the_right_password_in_and_stops_after_three_wrong_ones(root, workspace):
    from tuoyu_desktop.ui.password_dialog import PasswordDialog

    with workspace.session() as s:
        set_password(s, "", "托育2026", "托育2026")
    dialog = PasswordDialog(root, workspace)
    dialog.var.set("托育2026")
    dialog.ok_button.invoke()
    assert dialog.result is True
    dialog = PasswordDialog(root, workspace)
    for attempt in range(3):
        dialog.var.set("不对")
        dialog.ok_button.invoke()
        if attempt < 2:
            assert f"还可以再试{2 - attempt}次" in dialog.message.cget("text")
    assert dialog.result is False


def test_the_audit_log_is_shown_and_a_tampered_entry_is_detected(demo_window, workspace, db_path):
    demo_window.nav_buttons["settings"].invoke()
    view = demo_window.views["settings"]
    view.form.widgets["负责人"].delete(0, "end")
    view.form.widgets["负责人"].insert(0, "王建国")
    view.form.save_button.invoke()
    rows = [view.audit.values(i) for i in view.audit.visible_ids()]
    assert rows[0][2] == "修改" and rows[0][3] == "机构信息" and "沈丽华 → 王建国" in rows[0][5]
    assert view.verify_audit()
    con = sqlite3.connect(db_path)
    con.execute("update audit_log set new_json = '{}' where id = 5")
    con.commit()
    con.close()
    assert not view.verify_audit()
    assert "第5条日志" in view.audit_state.cget("text")
