"""Start-up: the window is on the screen at once, and the data follows as soon as it is open."""
import subprocess
import sys

import pytest

from tests.ui.conftest import TODAY, wait_until
from tuoyu_desktop.ui import app, encryption

pytestmark = pytest.mark.gui

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "reportlab", "openpyxl", "babel")


def test_the_window_shell_needs_no_database_or_report_library():
    code = ("import sys, tuoyu_desktop.cli, tuoyu_desktop.ui.app, tuoyu_desktop.ui.main_window, tuoyu_desktop.errors;"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _opened(opening):
    return opening.exit_code is not None or opening.window.workspace is not None


def test_manager_sees_the_window_at_once_and_the_centre_as_soon_as_the_data_is_open(root, db_path, demo, dialogs):
    demo.close()  # the window opens the file itself
    opening = app.open_window(root, db_path, today=lambda: TODAY)
    window = opening.window
    assert root.title() == "托育机构办公系统"
    assert window.status.cget("text") == "正在打开数据……"
    assert all(str(b.cget("state")) == "disabled" for b in window.nav_buttons.values())
    assert window.file_menu.entrycget("导入…", "state") == "disabled"
    wait_until(root, lambda: _opened(opening))
    try:
        assert opening.exit_code is None
        assert root.title() == "托育机构办公系统 — 天宁区小星星托育中心"
        assert all(str(b.cget("state")) == "normal" for b in window.nav_buttons.values())
        assert window.file_menu.entrycget("导入…", "state") == "normal"
        root.update()
        assert window.views["home"].winfo_ismapped()
        assert window.views["home"].heading.cget("text") == "天宁区小星星托育中心"
    finally:
        opening.close()


def test_the_saved_window_size_is_used_from_the_first_moment(root, db_path, dialogs):
    from tuoyu_desktop.services.settings import set_setting
    from tuoyu_desktop.services.workspace import open_workspace

    ws = open_workspace(db_path)
    with ws.session() as s:
        set_setting(s, "window.geometry", "1000x700+20+30")
    ws.close()
    opening = app.open_window(root, db_path, today=lambda: TODAY)
    root.update_idletasks()
    assert root.geometry().startswith("1000x700")
    wait_until(root, lambda: _opened(opening))
    opening.close()


def test_a_second_copy_is_told_the_data_is_open_elsewhere_and_closes(root, db_path, workspace, dialogs):
    # ``workspace`` is the first copy, still open
    opening = app.open_window(root, db_path, today=lambda: TODAY)
    wait_until(root, lambda: _opened(opening))
    assert opening.exit_code == 2
    (call,) = dialogs.named("show_error")
    assert call[1] == "无法打开数据" and "已在另一个窗口或程序中打开" in call[2][0]
    assert opening.window.workspace is None


def test_a_file_that_is_not_a_database_is_refused_with_a_message(root, db_path, dialogs):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(b"\xd0\xcf\x11\xe0 this is an old Word file" * 100)
    opening = app.open_window(root, db_path, today=lambda: TODAY)
    wait_until(root, lambda: _opened(opening))
    assert opening.exit_code == 2
    assert dialogs.named("show_error")[0][1] == "无法打开数据"
    assert db_path.read_bytes().startswith(b"\xd0\xcf\x11\xe0")  # left as it was


def _with_password(demo):
    """The old start-up password (before encryption): its scrypt digest in the settings."""
    import hashlib

    from tuoyu_desktop.services.settings import set_setting

    salt = bytes(range(16))
    digest = hashlib.scrypt("托育2026".encode(), salt=salt, n=2 ** 14, r=8, p=1, maxmem=64 * 1024 * 1024, dklen=32)
    with demo.session() as s:
        set_setting(s, "security.password", f"scrypt${2 ** 14}$8$1${salt.hex()}${digest.hex()}")
    demo.close()  # the window opens the file itself


@pytest.mark.parametrize("answer, code", [(True, None), (False, 2)])
def test_with_a_start_up_password_nothing_is_shown_until_it_is_given(root, db_path, demo, dialogs, monkeypatch,
                                                                       answer, code):
    from tuoyu_desktop.ui import password_dialog

    _with_password(demo)
    seen = []

    def ask(parent, workspace):
        seen.append((parent.title(), opening.window.views.copy()))
        return answer

    monkeypatch.setattr(password_dialog, "ask_password", ask)
    opening = app.open_window(root, db_path, today=lambda: TODAY)
    wait_until(root, lambda: _opened(opening))
    try:
        assert seen == [("托育机构办公系统", {})]  # no page and no centre name before the password
        assert opening.exit_code == code
        if answer:
            assert root.title() == "托育机构办公系统 — 天宁区小星星托育中心"
    finally:
        opening.close()


def test_the_password_is_typed_into_a_dialog_over_the_empty_window(root, db_path, demo, dialogs):
    from tuoyu_desktop.ui.password_dialog import PasswordDialog

    _with_password(demo)
    typed = []

    def type_password():
        found = [w for w in root.winfo_children() if isinstance(w, PasswordDialog)]
        if not found:
            root.after(20, type_password)
            return
        dialog = found[0]
        typed.append((dialog.winfo_ismapped(), root.title(), str(opening.window.nav_buttons["home"].cget("state"))))
        dialog.var.set("托育2026")
        dialog.ok_button.invoke()

    root.after(20, type_password)
    opening = app.open_window(root, db_path, today=lambda: TODAY)
    wait_until(root, lambda: _opened(opening))
    try:
        assert typed == [(True, "托育机构办公系统", "disabled")]
        assert opening.exit_code is None
        assert root.title() == "托育机构办公系统 — 天宁区小星星托育中心"
    finally:
        opening.close()


def _close_window(root):
    """What the window's close button does: the WM_DELETE_WINDOW protocol."""
    root.tk.call(root.protocol("WM_DELETE_WINDOW"))


def test_closing_the_window_while_the_password_is_asked_quits_quietly(root, db_path, demo, dialogs):
    from tuoyu_desktop.services.workspace import open_workspace
    from tuoyu_desktop.ui.password_dialog import PasswordDialog

    _with_password(demo)

    def close_when_asked():
        if not any(isinstance(w, PasswordDialog) for w in root.winfo_children()):
            root.after(20, close_when_asked)
            return
        _close_window(root)

    root.after(20, close_when_asked)
    opening = app.open_window(root, db_path, today=lambda: TODAY)
    wait_until(root, lambda: _opened(opening))
    assert opening.exit_code == 2 and opening.window.workspace is None
    assert not dialogs.named("show_error")
    open_workspace(db_path).close()  # the data is not left locked


def test_the_data_is_loaded_in_the_background_and_the_collector_is_resumed_on_the_window_thread(
        root, db_path, demo, dialogs, monkeypatch):
    import gc
    import threading

    from tuoyu_desktop import gcpause

    demo.close()
    resumed_on = []
    real_resume = gcpause.resume
    monkeypatch.setattr(gcpause, "resume", lambda: (resumed_on.append(threading.current_thread()), real_resume()))
    opening = app.open_window(root, db_path, today=lambda: TODAY, preload=True)
    assert not gc.isenabled()
    wait_until(root, lambda: _opened(opening))
    try:
        assert opening.exit_code is None and root.title().endswith("天宁区小星星托育中心")
        assert gc.isenabled()
        assert resumed_on and set(resumed_on) == {threading.main_thread()}
    finally:
        opening.close()
    assert gc.isenabled()


def test_closing_the_window_while_the_data_is_still_loading_leaves_nothing_open(root, db_path, demo, dialogs):
    import gc

    from tuoyu_desktop.services.workspace import open_workspace

    demo.close()
    opening = app.open_window(root, db_path, today=lambda: TODAY, preload=True)
    _close_window(root)
    opening.close()  # what run_gui does once the main loop has ended
    assert gc.isenabled()
    assert opening.workspace is None and opening.exit_code is None
    open_workspace(db_path).close()


def _guide_password_step(root, opening):
    """The first start's guide is open; its last step is the password offer."""
    wait_until(root, lambda: _opened(opening) and getattr(opening.window, "guide", None) is not None)
    opening.window.guide.buttons["password"].invoke()


def test_the_first_start_offers_a_password_and_declining_is_remembered(root, db_path, dialogs):
    opening = app.open_window(root, db_path, today=lambda: TODAY)
    _guide_password_step(root, opening)
    wait_until(root, lambda: dialogs.named("ask_new_password"))
    try:
        assert opening.window.workspace.key is None  # declined: still plain, and said so in 设置 → 安全
        opening.window.nav_buttons["settings"].invoke()
        assert opening.window.views["settings"].password_state.cget("text").startswith("未加密")
        assert not encryption.offer_encryption(root, opening.window)  # not offered again
        assert len(dialogs.named("ask_new_password")) == 1
    finally:
        opening.close()


def test_accepting_the_first_start_offer_encrypts_the_data(root, db_path, dialogs, tmp_path):
    from tuoyu_desktop.services.security import open_key

    dialogs.answers["ask_new_password"] = "托育2026ab"
    opening = app.open_window(root, db_path, today=lambda: TODAY)
    _guide_password_step(root, opening)
    wait_until(root, lambda: _opened(opening) and opening.window.workspace is not None
               and opening.window.workspace.key is not None)
    try:
        assert open_key(db_path, "托育2026ab").raw == opening.window.workspace.key.raw
        assert not db_path.read_bytes().startswith(b"SQLite format 3")
        assert any(c[1] == "恢复密钥" for c in dialogs.named("show_info"))
    finally:
        opening.close()


def test_data_with_the_old_start_up_password_is_offered_encryption_with_it(root, db_path, demo, dialogs):
    from tuoyu_desktop.services.security import open_key
    from tuoyu_desktop.ui import password_dialog

    _with_password(demo)

    def type_password():
        found = [w for w in root.winfo_children() if isinstance(w, password_dialog.PasswordDialog)]
        if not found:
            root.after(20, type_password)
            return
        found[0].var.set("托育2026")
        found[0].ok_button.invoke()

    root.after(20, type_password)
    opening = app.open_window(root, db_path, today=lambda: TODAY)
    wait_until(root, lambda: _opened(opening) and opening.window.workspace is not None
               and opening.window.workspace.key is not None)
    try:
        assert any(c[1] == "加密数据" for c in dialogs.named("ask_yes_no"))
        assert open_key(db_path, "托育2026").raw == opening.window.workspace.key.raw
    finally:
        opening.close()


def test_encrypted_data_opens_only_after_its_password(root, db_path, demo, dialogs):
    from tuoyu_desktop.services.security import encrypt_workspace
    from tuoyu_desktop.ui import password_dialog

    encrypt_workspace(demo, "托育2026ab", "托育2026ab", delete_plain_backups=False)
    demo.close()
    seen = []

    def type_password():
        found = [w for w in root.winfo_children() if isinstance(w, password_dialog.PasswordDialog)]
        if not found:
            root.after(20, type_password)
            return
        seen.append(root.title())
        found[0].var.set("托育2026ab")
        found[0].ok_button.invoke()

    root.after(20, type_password)
    opening = app.open_window(root, db_path, today=lambda: TODAY)
    wait_until(root, lambda: _opened(opening))
    try:
        assert seen == ["托育机构办公系统"] and opening.exit_code is None
        assert root.title() == "托育机构办公系统 — 天宁区小星星托育中心"
    finally:
        opening.close()


ORM = ("sqlalchemy", "sqlmodel", "pydantic")


def test_home_shows_the_centre_before_the_database_libraries_are_imported_and_they_follow_for_the_first_save(
        display, db_path, demo):
    """Issue 21: 首页 reads on plain SQL, so the data is on the screen without waiting for the ORM;
    the ORM is then imported while the window is idle (on its own thread: never two threads importing
    SQLAlchemy at once) so that the first save does not wait for it."""
    from tuoyu_desktop.services.security import decline_offer

    with demo.session() as s:
        decline_offer(s)  # no password offer over 首页
    demo.close()
    script = f"""
import sys, tkinter as tk
from pathlib import Path
from tuoyu_desktop.ui import app
root = tk.Tk()
seen = {{}}
real_warm = app._warm
def warm(root_, names):  # the moment the idle window begins to import the ORM: what does 首页 show by then?
    if "home" not in seen:
        seen["home"] = (opening.window.views["home"].heading.cget("text"),
                        sorted(m for m in {ORM!r} if m in sys.modules))
    real_warm(root_, names)
app._warm = warm
opening = app.open_window(root, Path({str(db_path)!r}), preload=True)
def poll():
    if "home" in seen and all(m in sys.modules for m in {ORM!r}) and "tuoyu_desktop.services.forms" in sys.modules:
        seen["warm"] = True
        import threading
        seen["threads"] = sorted(t.name for t in threading.enumerate())
    if "warm" in seen or opening.exit_code is not None:
        root.quit()
        return
    root.after(20, poll)
root.after(20, poll)
root.after(20000, root.quit)
root.mainloop()
opening.close()
sys.stdout.reconfigure(encoding="utf-8")
print(seen)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert out.returncode == 0, out.stderr
    seen = eval(out.stdout.strip().splitlines()[-1])
    assert seen["home"] == ("天宁区小星星托育中心", [])
    assert seen.get("warm") is True and seen["threads"] == ["MainThread"]
