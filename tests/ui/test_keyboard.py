"""Issue 20 item 6: Ctrl+F the search box, Ctrl+N the page's new dialog, Ctrl+P its PDF, F1 the manual."""
import pytest

from tests.ui.conftest import last_dialog, wait_until

pytestmark = pytest.mark.gui


def _press(window, widget, sequence):
    widget.focus_force()
    window.root.update()
    widget.event_generate(sequence)
    window.root.update()


def test_ctrl_f_puts_the_cursor_in_the_pages_search_box(demo_window):
    page = demo_window.show("children")
    _press(demo_window, page.table.tree, "<Control-f>")
    assert demo_window.root.focus_get() is page.search


def test_ctrl_n_opens_the_pages_new_dialog(demo_window):
    page = demo_window.show("children")
    _press(demo_window, page.table.tree, "<Control-n>")
    assert last_dialog(demo_window.root).title() == "入托登记"


def test_ctrl_p_saves_the_pages_pdf_and_says_so_where_there_is_none(demo_window, dialogs):
    page = demo_window.show("training")
    _press(demo_window, page.table.tree, "<Control-p>")
    wait_until(page, lambda: page.writing.finished)  # written off the Tk thread
    written = demo_window.banner.path
    assert written is not None and written.exists() and written.parent.name == "培训" and written.suffix == ".pdf"
    assert not dialogs.named("ask_save_file")
    page = demo_window.show("children")
    _press(demo_window, page.table.tree, "<Control-p>")
    assert demo_window.status.cget("text") == "这个页面没有可打印的PDF"


def test_f1_opens_the_user_manual(demo_window):
    page = demo_window.show("home")
    _press(demo_window, page, "<F1>")
    assert demo_window.status.cget("text").startswith("已打开使用说明")
    assert demo_window.open_manual().name == "manual.html"


def test_shortcuts_in_a_dialog_stay_the_dialogs(demo_window):
    page = demo_window.show("children")
    dialog = page.new_child()
    _press(demo_window, dialog.form.widgets["姓名"], "<Control-n>")
    dialogs = [w for w in demo_window.root.winfo_children() if w.winfo_class() == "Toplevel"]
    assert len(dialogs) == 1
