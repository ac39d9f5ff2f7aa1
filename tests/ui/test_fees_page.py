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
