"""Names the Chinese way on the pages: lists in 拼音 order, search boxes and the child picker by 拼音 initials."""
import pytest

from tests.ui.conftest import last_dialog, type_into

pytestmark = pytest.mark.gui


def _names(page):
    return [page.table.values(i)[0] for i in page.table.visible_ids()]


def test_the_roster_lists_names_in_pinyin_order_and_finds_them_by_initials(demo_window):
    page = demo_window.show("children")
    names = _names(page)
    from tuoyu_desktop.domain.pinyin import sort_key

    assert names == sorted(names, key=sort_key) and names != sorted(names)  # not by code point
    target = names[len(names) // 2]
    from tuoyu_desktop.domain.pinyin import spellings

    initials = spellings(target).split()[0]
    type_into(page.search, initials)
    assert target in _names(page)
    assert all(initials in spellings(n).split()[0] for n in _names(page))
    page.table.sort_by(page.table.columns[0].key)  # a click on 姓名 sorts by 拼音 too
    page.table.sort_by(page.table.columns[0].key)
    shown = _names(page)
    assert shown == sorted(shown, key=sort_key, reverse=True)


def test_the_staff_list_is_in_pinyin_order(demo_window):
    from tuoyu_desktop.domain.pinyin import sort_key

    names = _names(demo_window.show("staff"))
    assert names == sorted(names, key=sort_key)


def test_the_voucher_form_s_child_picker_finds_a_child_by_pinyin_initials(demo_window):
    from tuoyu_desktop.domain.pinyin import spellings

    page = demo_window.show("vouchers")
    page.buttons["new"].invoke()
    form = last_dialog(demo_window.root).form
    picker = form.widgets["在托幼儿"]
    choice = next(c for c in picker.cget("values") if c)
    name = choice.split("（")[0]
    type_into(picker, spellings(name).split()[0])
    picker.event_generate("<KeyRelease-a>")
    assert choice in picker.cget("values")
    type_into(picker, name)  # the name alone, then leaving the box: the one child it matches
    assert form.vars["在托幼儿"].get() == choice and form.vars["幼儿姓名"].get() == name
