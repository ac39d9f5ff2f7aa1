import sqlite3

import pytest

from tests.ui.conftest import type_into
from tuoyu_desktop.services.security import open_key
from tuoyu_desktop.store.cipher import format_recovery

pytestmark = pytest.mark.gui
PASSWORD = "托育2026ab"


def _encrypt_in_settings(window, dialogs, tmp_path):
    dialogs.answers["ask_save_file"] = str(tmp_path / "恢复密钥单.pdf")
    window.nav_buttons["settings"].invoke()
    view = window.views["settings"]
    assert view.password_state.cget("text").startswith("未加密") and str(view.password_state.cget("style")) == "Error.TLabel"
    f = view.encrypt_form
    type_into(f.widgets["新密码"], PASSWORD)
    type_into(f.widgets["再次输入"], PASSWORD)
    f.save_button.invoke()
    return view


def test_encrypting_the_data_in_settings_deletes_the_confirmed_plain_backups_and_offers_the_sheet(
        demo_window, demo, db_path, dialogs, tmp_path):
    from tuoyu_desktop import paths
    from tuoyu_desktop.store.backup import backup_to_folder

    plain = backup_to_folder(db_path, paths.backups_dir_for(db_path))
    view = _encrypt_in_settings(demo_window, dialogs, tmp_path)
    assert view.password_state.cget("text") == "已加密"
    assert not plain.exists() and not db_path.read_bytes().startswith(b"SQLite format 3")
    assert open_key(db_path, PASSWORD).raw == demo.key.raw
    assert (tmp_path / "恢复密钥单.pdf").read_bytes().startswith(b"%PDF")
    (shown,) = [c[2][0] for c in dialogs.named("show_info") if c[1] == "恢复密钥"]
    key = format_recovery(demo.key.recovery)
    key_lines = [line for line in shown.splitlines() if line and line.replace("-", "") in key.replace("-", "")]
    # two lines of three whole groups: a window wrapping the text never breaks inside a group
    assert ["-".join(key_lines)] == [key] and all(len(line) == 17 for line in key_lines), shown
    with demo.session() as s:  # the data is still there, through the encrypted file
        assert s.exec(__import__("sqlmodel").text("select count(*) from children")).one()[0] > 30


def test_changing_the_password_in_settings_keeps_the_recovery_key(demo_window, demo, db_path, dialogs, tmp_path):
    from tuoyu_desktop.services.security import recovery_text

    view = _encrypt_in_settings(demo_window, dialogs, tmp_path)
    recovery = recovery_text(demo.key)
    f = view.password_form
    type_into(f.widgets["当前密码"], "不对的密码")
    type_into(f.widgets["新密码"], "新的密码2027")
    type_into(f.widgets["再次输入"], "新的密码2027")
    f.save_button.invoke()
    assert f.error_text("当前密码") == "当前密码不正确"
    type_into(f.widgets["当前密码"], PASSWORD)
    type_into(f.widgets["新密码"], "新的密码2027")
    type_into(f.widgets["再次输入"], "新的密码2027")
    f.save_button.invoke()
    assert open_key(db_path, "新的密码2027").raw == open_key(db_path, recovery).raw


def test_five_wrong_passwords_bring_a_thirty_second_wait(root, db_path, demo, dialogs):
    from tuoyu_desktop.services.security import Attempts, encrypt_workspace
    from tuoyu_desktop.store.cipher import WrongPassword
    from tuoyu_desktop.ui.password_dialog import PasswordDialog

    encrypt_workspace(demo, PASSWORD, PASSWORD, delete_plain_backups=False)
    now = [1000.0]
    attempts = Attempts(clock=lambda: now[0])

    def check(text):
        try:
            open_key(db_path, text)
        except WrongPassword:
            return False
        return True

    dialog = PasswordDialog(root, check, attempts=attempts)
    for attempt in range(5):
        dialog.var.set("不对的密码")
        dialog.ok_button.invoke()
        if attempt < 4:
            assert f"还可以再试{4 - attempt}次" in dialog.message.cget("text")
    assert "请等待30秒" in dialog.message.cget("text") and dialog.ok_button.instate(["disabled"])
    dialog.var.set(PASSWORD)
    dialog.submit()  # refused while waiting, even typed straight in
    assert dialog.result is None
    now[0] += 29
    dialog.tick()
    assert "请等待1秒" in dialog.message.cget("text")
    now[0] += 1
    dialog.tick()
    assert dialog.ok_button.instate(["!disabled"])
    dialog.var.set(PASSWORD)
    dialog.ok_button.invoke()
    assert dialog.result is True


def test_the_audit_log_is_shown_and_a_tampered_entry_is_detected(demo_window, workspace, db_path):
    demo_window.nav_buttons["settings"].invoke()
    view = demo_window.views["settings"]
    view.form.widgets["负责人"].delete(0, "end")
    view.form.widgets["负责人"].insert(0, "王建国")
    view.form.save_button.invoke()
    rows = [view.audit.values(i) for i in view.audit.visible_ids()]
    assert rows[0][2] == "修改" and rows[0][3] == "机构信息" and "沈丽华 → 王建国" in rows[0][5]
    # one line per operation; choosing it lists only its rows
    (first, *_) = view.operations.visible_ids()
    name = view.operations.values(first)[2]
    assert view.operations.values(first)[3] == "1" and name, view.operations.values(first)
    view.operations.tree.selection_set(first)
    view.update()
    assert [view.audit.values(i)[5] for i in view.audit.visible_ids()] == [rows[0][5]]
    assert view.audit_title.cget("text") == f"“{name}”改动的 1 行"
    assert view.verify_audit()
    con = sqlite3.connect(db_path)
    con.execute("update audit_log set new_json = '{}' where id = 5")
    con.commit()
    con.close()
    assert not view.verify_audit()
    assert "第5条日志" in view.audit_state.cget("text")


def test_a_leaked_password_is_changed_with_a_new_data_key_and_old_backups_no_longer_open_the_data(
        demo_window, demo, db_path, dialogs, tmp_path):
    """Issue 27 item 5: 修改密码 with 密码可能已泄露 re-encrypts the data under a new data key with a
    new recovery key; the old password and recovery key, and an old backup's envelope, open nothing
    of today's data; the new recovery key is shown and its sheet offered."""
    from tuoyu_desktop import paths
    from tuoyu_desktop.services.security import recovery_text
    from tuoyu_desktop.store import cipher
    from tuoyu_desktop.store.backup import backup_to_folder

    view = _encrypt_in_settings(demo_window, dialogs, tmp_path)
    old_recovery, old_raw = recovery_text(demo.key), demo.key.raw
    old_backup = backup_to_folder(db_path, paths.backups_dir_for(db_path), key=demo.key)
    dialogs.answers["ask_yes_no"] = True
    dialogs.answers["ask_save_file"] = str(tmp_path / "新恢复密钥单.pdf")
    f = view.password_form
    type_into(f.widgets["当前密码"], PASSWORD)
    type_into(f.widgets["新密码"], "新的密码2027")
    type_into(f.widgets["再次输入"], "新的密码2027")
    f.vars["密码可能已泄露"].set(True)
    f.save_button.invoke()
    assert any(c[1] == "更换数据密钥" for c in dialogs.named("ask_yes_no"))
    new = open_key(db_path, "新的密码2027")
    assert new.raw != old_raw and recovery_text(new) != old_recovery and demo.key.raw == new.raw
    with pytest.raises(cipher.WrongPassword):
        open_key(db_path, PASSWORD)
    with pytest.raises(cipher.DatabaseFileError, match="不是这份数据的恢复密钥"):
        open_key(db_path, old_recovery)
    # the old backup's envelope still unwraps the old data key, which no longer opens the data
    stale = cipher.unlock(cipher.read_backup_envelope(old_backup), PASSWORD)
    con = cipher.connect(str(db_path), stale)
    with pytest.raises(Exception):
        con.execute("select count(*) from children").fetchone()
    con.close()
    assert (tmp_path / "新恢复密钥单.pdf").read_bytes().startswith(b"%PDF")
    assert any(c[1] == "恢复密钥" for c in dialogs.named("show_info"))
    with demo.session() as s:  # the window goes on with the data under its new key
        assert s.exec(__import__("sqlmodel").text("select count(*) from children")).one()[0] > 30
    assert not list(db_path.parent.glob("*.encrypting*"))


def test_encrypting_in_the_window_names_the_plain_backups_left_on_a_usb_stick(demo_window, demo, db_path, dialogs,
                                                                             tmp_path):
    usb = tmp_path / "U盘"
    usb.mkdir()
    dialogs.answers["ask_directory"] = str(usb)
    copy = demo_window.backup()
    assert copy.parent == usb
    _encrypt_in_settings(demo_window, dialogs, tmp_path)
    (warning,) = dialogs.named("show_warning")
    assert warning[1] == "还有未加密的备份" and str(copy) in warning[2][0]
