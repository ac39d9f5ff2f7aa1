"""编辑 → 撤销"导入…" (Ctrl+Z): the last import taken back after the user confirms; not while typing."""
import pytest
from sqlmodel import select

from tests.exchange.conftest import CLASSES
from tests.exchange.helpers import filled
from tests.ui.conftest import wait_until
from tuoyu_desktop.store.models import SchoolClass

pytestmark = pytest.mark.gui


def test_ctrl_z_takes_back_the_last_import_after_asking_and_says_why_not_after(window, workspace, dialogs, tmp_path):
    dialog = window.open_import("classes")
    dialog.set_file(str(filled("classes", CLASSES, tmp_path / "班级.xlsx")))
    dialog.check_button.invoke()
    wait_until(dialog, lambda: dialog.state == "checked")
    dialog.import_button.invoke()
    wait_until(dialog, lambda: dialog.state == "imported")
    dialog.close()
    assert window.edit_menu.entrycget(0, "label") == "撤销“导入班级 班级.xlsx（4行）”"
    window.nav_buttons["children"].invoke()
    search = window.views["children"].search  # Ctrl+Z typed in a field is the field's, never an undo
    search.focus_force()
    window.root.update()
    search.event_generate("<Control-z>")
    window.root.update()
    assert not dialogs.named("ask_yes_no")
    window.nav_buttons["classes"].focus_force()
    window.root.update()
    window.nav_buttons["classes"].event_generate("<Control-z>")
    window.root.update()
    (asked,) = dialogs.named("ask_yes_no")
    assert asked[1] == "撤销" and "导入班级 班级.xlsx（4行）" in asked[2][0]
    with workspace.session() as s:
        assert s.exec(select(SchoolClass)).all() == []
    assert window.banner.label.cget("text").startswith("✔ 已撤销“导入班级")
    assert window.undo() is False  # the last operation is now the undo itself
    (_, title, (why,)), = dialogs.named("show_info")
    assert title == "不能撤销" and "本身就是撤销" in why
