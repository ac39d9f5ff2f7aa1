"""Issue 20 item 5: a short guide on a new database, that can be left and resumed and ends for good."""
import pytest

from tests.exchange.conftest import CLASSES, child_row
from tests.ui.conftest import last_dialog, type_into
from tuoyu_desktop.services.changes import Changes

pytestmark = pytest.mark.gui


def _guide(window):
    from tuoyu_desktop.ui.guide import Guide

    return Guide.open(window)


def test_a_new_database_wants_the_guide(window):
    from tuoyu_desktop.ui.guide import Guide

    assert Guide.wanted(window)


def test_a_centre_already_filled_in_gets_no_guide(demo_window):
    from tuoyu_desktop.ui.guide import Guide

    assert not Guide.wanted(demo_window)


def test_the_guide_walks_through_centre_policy_classes_roster_and_password_in_order(window, importer, dialogs):
    guide = _guide(window)
    titles = [guide.buttons[s].cget("text") for s in ("centre", "policy", "classes", "roster", "password")]
    assert titles == ["去填写", "去选择", "新增班级…", "导入花名册…", "设置密码…"]
    assert guide.marks["centre"].cget("text") == "▶"
    guide.buttons["centre"].invoke()  # 机构信息 on the 设置 page, the cursor in 机构名称
    settings = window.views["settings"]
    assert window.current == "settings"
    form = settings.form
    type_into(form.widgets["机构名称"], "茶山街道阳光托育园")
    type_into(form.widgets["统一社会信用代码"], "91350100M000100Y43")
    form.widgets["政策方案"].set(form.widgets["政策方案"].cget("values")[0])
    form.save_button.invoke()
    assert guide.marks["centre"].cget("text") == "✔" and guide.marks["policy"].cget("text") == "▶"
    guide.buttons["policy"].invoke()
    guide.mark_buttons["policy"].invoke()  # 已选好
    assert guide.marks["policy"].cget("text") == "✔"
    guide.buttons["classes"].invoke()  # the 班级 page's 新增 dialog
    assert window.current == "classes" and last_dialog(window.root).title() == "新增班级"
    last_dialog(window.root).destroy()
    importer("classes", CLASSES)
    window.apply(Changes(everything=True))
    assert guide.marks["classes"].cget("text") == "✔"
    dialog = guide.go("roster")  # the import dialog, 幼儿 chosen, its template button offered
    assert dialog.kind() == "children" and str(dialog.template_button.cget("state")) != "disabled"
    dialog.close()
    guide.mark_buttons["roster"].invoke()  # 跳过: entered by hand later
    assert guide.marks["roster"].cget("text") == "—" and guide.marks["password"].cget("text") == "▶"
    guide.buttons["password"].invoke()  # the first start's password offer (declined here)
    assert dialogs.named("ask_new_password")
    # a skipped step and a declined password are put off, not done: no ✔ for them
    assert [guide.marks[s].cget("text") for s in guide.marks] == ["✔", "✔", "✔", "—", "—"]
    assert guide.summary.cget("text").startswith("完成 3 步，跳过 2 步")
    assert guide.mark_buttons["roster"].cget("text") == "已跳过"
    importer("children", [child_row()])  # entered later: now it is done
    window.apply(Changes(everything=True))
    assert guide.marks["roster"].cget("text") == "✔"


def test_the_guide_left_for_later_comes_back_where_it_was_and_finished_never_again(window, importer):
    from tuoyu_desktop.ui.guide import Guide

    guide = _guide(window)
    guide.mark_buttons["centre"].invoke()
    guide.later_button.invoke()
    assert not guide.winfo_exists()
    importer("classes", CLASSES)  # now the database is no longer empty: the started guide still returns
    assert Guide.wanted(window)
    guide = _guide(window)
    assert guide.marks["centre"].cget("text") == "—" and guide.marks["policy"].cget("text") == "▶"
    guide.finish_button.invoke()
    assert not Guide.wanted(window)


def test_first_start_shows_the_guide_instead_of_asking_a_password_at_once(root, db_path, dialogs):
    from tests.ui.conftest import TODAY, wait_until
    from tuoyu_desktop.ui import app
    from tuoyu_desktop.ui.guide import Guide

    opening = app.open_window(root, db_path, today=lambda: TODAY)
    try:
        wait_until(root, lambda: isinstance(getattr(opening.window, "guide", None), Guide))
        assert not dialogs.named("ask_new_password")
        assert opening.window.guide.winfo_ismapped() or opening.window.guide.winfo_exists()
    finally:
        opening.close()


def _inside(widget, of) -> bool:
    wx, wy = widget.winfo_rootx(), widget.winfo_rooty()
    ox, oy = of.winfo_rootx(), of.winfo_rooty()
    return ox <= wx and oy <= wy and wx + widget.winfo_width() <= ox + of.winfo_width() \
        and wy + widget.winfo_height() <= oy + of.winfo_height()


def _overlap(a, b) -> bool:
    ax, ay, bx, by = a.winfo_rootx(), a.winfo_rooty(), b.winfo_rootx(), b.winfo_rooty()
    return ax < bx + b.winfo_width() and bx < ax + a.winfo_width() and ay < by + b.winfo_height() \
        and by < ay + a.winfo_height()


@pytest.mark.parametrize("size", ["1229x713", "1264x640"])  # 1366×768 and 1280×720 laptops
def test_the_guide_never_covers_the_form_it_sends_the_manager_to(window, size):
    from tests.ui.conftest import at_laptop_size, fully_visible

    at_laptop_size(window.root, size)
    guide = _guide(window)
    for step, field in (("centre", "机构名称"), ("policy", "政策方案")):
        guide.buttons[step].invoke()
        window.root.update()
        form = window.views["settings"].form
        widget = form.widgets[field]
        assert window.root.focus_get() is widget and fully_visible(widget)
        page = window.views["settings"]
        for w in [*form.widgets.values(), form.save_button, *form.body.winfo_children()]:
            if w.winfo_ismapped():
                assert not _overlap(w, guide), f"{w} lies under the guide"
                assert _inside(w, page), f"{w} is cut off"
    for button in (guide.later_button, guide.finish_button, *guide.buttons.values()):
        assert fully_visible(button)
    guide.later_button.invoke()  # the page takes the room back
    window.root.update()
    assert not window.dock.winfo_ismapped()
