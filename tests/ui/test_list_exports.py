"""The lists a page exports (花名册, 从业人员, 班级, 年度培训): numbers are number cells, IDs stay text."""
import pytest

from tests.exchange.number_cells import numbers_as_text

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("key", ["children", "staff", "classes", "training"])
def test_exported_list_holds_numbers_as_numbers(demo_window, dialogs, tmp_path, key):
    demo_window.nav_buttons[key].invoke()
    page = demo_window.views[key]
    dialogs.answers["ask_save_file"] = str(tmp_path / f"{key}.xlsx")
    path = page.export()
    assert path.exists()
    assert numbers_as_text(path) == []
