import pytest
from sqlmodel import select

from tests.ui.conftest import type_into
from tuoyu_desktop.services.centre import get_centre
from tuoyu_desktop.store.models import Visit

pytestmark = pytest.mark.gui


def test_window_title_names_the_program_and_the_centre(demo_window):
    assert demo_window.root.title() == "托育机构办公系统 — 天宁区小星星托育中心"


def test_a_new_database_asks_for_the_centre_details_on_the_home_page(window):
    assert window.root.title() == "托育机构办公系统 — 未填写机构名称"
    assert "请先在“设置”中填写" in window.views["home"].notice.cget("text")


def test_every_navigation_entry_opens_its_page(window):
    assert list(window.nav_buttons) == ["home", "today", "cases", "children", "classes", "staff", "training", "medical", "vouchers", "fees", "bills", "kitchen", "safety",
                                        "report", "district", "settings"]
    for key, button in window.nav_buttons.items():
        button.invoke()
        window.root.update()
        assert window.views[key].winfo_ismapped(), key
        others = [v for k, v in window.views.items() if k != key]
        assert not any(v.winfo_ismapped() for v in others)


def test_home_page_shows_the_demo_centres_figures(demo_window):
    home = demo_window.views["home"]
    assert home.heading.cget("text") == "天宁区小星星托育中心"
    assert int(home.figures["children"].cget("text")) > 40
    assert home.figures["capacity"].cget("text") == "78"


def _settings(window):
    window.nav_buttons["settings"].invoke()
    window.root.update()
    return window.views["settings"].form


def test_manager_edits_the_centre_details_and_the_title_follows(window, workspace):
    form = _settings(window)
    type_into(form.widgets["机构名称"], "茶山街道阳光托育园")
    type_into(form.widgets["统一社会信用代码"], "91350100m000100y43")
    form.widgets["政策方案"].set("渝北区")
    form.vars["是否普惠机构"].set(True)
    type_into(form.widgets["联系电话"], "13812345678")
    form.save_button.invoke()
    window.root.update()
    with workspace.session() as s:
        centre = get_centre(s)
    assert (centre.name, centre.uscc, centre.policy_profile, centre.is_puhui) == (
        "茶山街道阳光托育园", "91350100M000100Y43", "渝北区", True)
    assert window.root.title() == "托育机构办公系统 — 茶山街道阳光托育园"
    assert window.status.cget("text") == "已保存机构信息 茶山街道阳光托育园"
    window.nav_buttons["home"].invoke()
    assert window.views["home"].heading.cget("text") == "茶山街道阳光托育园"


def test_wrong_credit_code_is_shown_under_the_field_when_it_is_left_and_nothing_is_saved(window, workspace):
    form = _settings(window)
    type_into(form.widgets["机构名称"], "阳光托育园")
    assert form.error_text("统一社会信用代码") == ""  # not yet visited: no complaint
    type_into(form.widgets["统一社会信用代码"], "91350100M000100Y44")
    assert form.error_text("统一社会信用代码") == "校验位应为3（当前为4）"
    form.save_button.invoke()
    with workspace.session() as s:
        assert get_centre(s).name == ""
    type_into(form.widgets["统一社会信用代码"], "91350100M000100Y43")
    assert form.error_text("统一社会信用代码") == ""


def test_saving_an_empty_required_field_marks_it(window):
    form = _settings(window)
    form.save_button.invoke()
    assert form.error_text("机构名称") == "必填"
    assert form.error_text("统一社会信用代码") == "必填"


def test_enter_saves_and_escape_restores_the_stored_values(demo_window, workspace):
    form = _settings(demo_window)
    entry = form.widgets["负责人"]
    type_into(entry, "王建国")
    entry.event_generate("<Escape>")
    assert form.vars["负责人"].get() == "沈丽华"
    type_into(entry, "王建国")
    entry.event_generate("<Return>")
    with workspace.session() as s:
        assert get_centre(s).head == "王建国"


def test_backup_from_the_file_menu_makes_a_copy_in_the_chosen_folder(demo_window, dialogs, tmp_path):
    dialogs.answers["ask_directory"] = str(tmp_path / "U盘")
    (tmp_path / "U盘").mkdir()
    target = demo_window.backup()
    assert target.exists() and target.parent == tmp_path / "U盘"
    assert "已备份到" in demo_window.status.cget("text")


def test_restore_from_the_file_menu_brings_back_the_backup(demo_window, dialogs, workspace, tmp_path, monkeypatch):
    from tuoyu_desktop.store import migrate

    staged, real_stage = [], migrate._stage
    monkeypatch.setattr(migrate, "_stage", lambda *a: staged.append(a[0]) or real_stage(*a))
    dialogs.answers["ask_directory"] = str(tmp_path)
    copy = demo_window.backup()
    with workspace.session() as s:
        for v in s.exec(select(Visit)).all():
            s.delete(v)
    dialogs.answers["ask_open_file"] = str(copy)
    assert "已备份到" in demo_window.banner.label.cget("text")
    assert demo_window.restore()
    with workspace.session() as s:
        assert len(s.exec(select(Visit)).all()) > 0
    assert "已从" in demo_window.status.cget("text")
    # the confirmation said whose backup it is and how recent; the stale 已备份到… bar went away
    (_, title, (message,)), = dialogs.named("ask_yes_no")
    assert title == "恢复备份" and "天宁区小星星托育中心" in message and "备份中最后一次修改：20" in message, message
    assert "幼儿 " in message and demo_window.banner.label.cget("text").startswith("✔ 已从")
    assert staged == [copy]  # the backup was read and checked once, for the question and the restore


def test_restoring_another_centres_backup_shows_both_centres_and_no_keeps_the_data(demo_window, dialogs,
                                                                                  workspace, tmp_path):
    import sqlite3

    dialogs.answers["ask_directory"] = str(tmp_path)
    copy = demo_window.backup()
    con = sqlite3.connect(copy)
    con.execute("update centre set name = '钟楼区阳光托育园', uscc = '91320404MA1XXXXX0X'")
    con.commit()
    con.close()
    dialogs.answers["ask_open_file"] = str(copy)
    dialogs.answers["ask_yes_no"] = False
    assert not demo_window.restore()
    (_, title, (message,)), = dialogs.named("ask_yes_no")
    assert title == "备份属于另一个机构"
    for text in ("天宁区小星星托育中心", "91320402MA1XK2P3TD", "钟楼区阳光托育园", "91320404MA1XXXXX0X"):
        assert text in message
    with workspace.session() as s:
        assert get_centre(s).name == "天宁区小星星托育中心"
    dialogs.answers["ask_yes_no"] = True
    assert demo_window.restore()
    with workspace.session() as s:
        assert get_centre(s).name == "钟楼区阳光托育园"


def test_an_unexpected_error_in_a_button_shows_a_dialog_naming_the_log_not_a_traceback(window, dialogs):
    from tkinter import ttk

    def boom():
        raise RuntimeError("示例错误")

    ttk.Button(window.root, command=boom).invoke()
    (name, title, args), = dialogs.named("show_error")
    assert title == "程序出错" and "tuoyu.log" in args[-1]


def test_restoring_an_encrypted_backup_asks_its_password_in_a_dialog_and_a_wrong_one_is_said(
        demo_window, dialogs, workspace, tmp_path):
    """A backup made on an encrypted computer (a USB stick) restored into this one: its password is
    typed into the real dialog; a wrong one is said there and nothing changes until the right one."""
    import shutil

    from tuoyu_desktop.services.datafile import backup_now
    from tuoyu_desktop.services.security import encrypt_file, open_key
    from tuoyu_desktop.services.workspace import open_workspace
    from tuoyu_desktop.ui.password_dialog import PasswordDialog

    (tmp_path / "copy").mkdir()
    other = tmp_path / "另一台电脑" / "tuoyu.sqlite3"
    other.parent.mkdir()
    shutil.copy(backup_now(workspace, tmp_path / "copy"), other)
    encrypt_file(other, "备份密码2026", delete_plain_backups=False)
    theirs = open_workspace(other, key=open_key(other, "备份密码2026"))
    with theirs.session() as s:
        s.delete(s.exec(select(Visit)).first())  # the backup differs from the data here by one visit
    (tmp_path / "U盘").mkdir()
    backup = backup_now(theirs, tmp_path / "U盘")
    theirs.close()
    with workspace.session() as s:
        visits = len(s.exec(select(Visit)).all())
    seen = []

    def type_password(texts):
        found = [w for w in demo_window.root.winfo_children() if isinstance(w, PasswordDialog)]
        if not found:
            demo_window.root.after(20, lambda: type_password(texts))
            return
        dialog = found[0]
        dialog.var.set(texts[0])
        dialog.ok_button.invoke()
        if len(texts) > 1:
            seen.append(dialog.message.cget("text"))
            demo_window.root.after(20, lambda: type_password(texts[1:]))

    dialogs.answers["ask_open_file"] = str(backup)
    demo_window.root.after(20, lambda: type_password(["不对的密码", "备份密码2026"]))
    assert demo_window.restore()
    assert seen and "密码不正确" in seen[0]
    with workspace.session() as s:
        assert len(s.exec(select(Visit)).all()) == visits - 1
    assert "已从" in demo_window.status.cget("text")
    assert workspace.key is not None  # plain data restored from an encrypted backup is encrypted with its key


@pytest.mark.parametrize("size", ["1280x650", "1366x700"])  # the screens less the taskbar and the title bar
def test_every_navigation_entry_is_on_a_small_laptop_screen_above_the_status_bar(window, size):
    from tests.ui.conftest import at_laptop_size

    at_laptop_size(window.root, size)
    status_top = window.status.winfo_rooty()
    for key, button in window.nav_buttons.items():
        assert button.winfo_ismapped() and button.winfo_height() > 20, key
        assert button.winfo_rooty() + button.winfo_height() <= status_top, f"{key} is cut off at {size}"
