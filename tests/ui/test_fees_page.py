"""收费 page (SPEC §11): the fee schedule kept by form; a price change is a new row from its date."""
import pytest
from sqlmodel import select

from tests.ui.conftest import last_dialog, type_into
from tuoyu_desktop.store.models import FeeItem

pytestmark = pytest.mark.gui


def _new_fee(page, window, **values):
    page.buttons["new"].invoke()
    dialog = last_dialog(window.root)
    f = dialog.form
    for key, text in values.items():
        if key in ("类别", "适用托育形式", "适用", "计费方式"):
            f.vars[key].set(text)
        else:
            type_into(f.widgets[key], text)
    return f


def test_a_fee_and_its_price_change_are_kept_as_two_rows_and_a_negative_price_is_refused(window, workspace):
    window.nav_buttons["fees"].invoke()
    page = window.views["fees"]
    f = _new_fee(page, window, 类别="保育费", 名称="保育费", 适用托育形式="全日托", 计费方式="每月", 单价="-1",
                 生效日期="2026-01-01")
    f.save_button.invoke()
    assert "不能为负数" in f.error_text("单价")
    type_into(f.widgets["单价"], "2600")
    f.save_button.invoke()
    f = _new_fee(page, window, 类别="保育费", 名称="保育费", 适用托育形式="全日托", 计费方式="每月", 单价="2800",
                 生效日期="2026-09-01")
    f.save_button.invoke()
    with workspace.session() as s:
        assert sorted(x.price_fen for x in s.exec(select(FeeItem)).all()) == [260000, 280000]
    shown = [page.table.values(i) for i in page.table.visible_ids()]
    assert [(v[5], v[6], v[8]) for v in shown] == [("2,600.00", "2026-01-01", "已调价"), ("2,800.00", "2026-09-01", "执行中")]
    assert page.count_label.cget("text") == "共 2 条"


def test_a_fee_is_entered_by_keyboard_alone_at_laptop_size_and_each_key_lands_in_its_field(window, workspace):
    from tests.ui.conftest import at_laptop_size, type_keys

    at_laptop_size(window.root)
    page = window.show("fees")
    page.table.tree.focus_force()
    window.root.update()
    page.table.tree.event_generate("<Control-n>")
    window.root.update()
    dialog = last_dialog(window.root)
    f = dialog.form
    assert window.root.focus_get() is f.widgets["类别"]
    type_keys(window.root, "<Tab>")
    assert window.root.focus_get() is f.widgets["名称"]
    window.root.focus_get().insert("end", "保育费")  # what the input method hands over
    type_keys(window.root, "<Tab>", "<Tab>", "<Tab>", "<Tab>")  # 适用托育形式, 适用, 计费方式 keep their defaults
    assert window.root.focus_get() is f.widgets["单价"]
    type_keys(window.root, "2", "6", "0", "0", "period", "5")
    type_keys(window.root, "<Return>")
    with workspace.session() as s:
        (item,) = s.exec(select(FeeItem)).all()
    assert (item.name, item.care_type, item.basis, item.price_fen, item.starts_on.isoformat()) == (
        "保育费", "全日托", "每月", 260050, "2026-11-01")
    assert not dialog.winfo_exists() and page.table.visible_ids()
