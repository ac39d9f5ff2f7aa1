import pytest

from tests.ui.conftest import wait_until

pytestmark = pytest.mark.gui


def test_district_page_reads_a_folder_and_shows_files_totals_and_targets(window, folder, dialogs, tmp_path):
    window.nav_buttons["district"].invoke()
    page = window.views["district"]
    page.month_var.set("2026-10")
    page.profile_var.set("张家港市")
    dialogs.answers["ask_directory"] = str(folder[0])
    page.buttons["folder"].invoke()
    wait_until(page, lambda: page.summary is not None)
    states = {page.files.values(i)[0]: page.files.values(i)[2] for i in page.files.visible_ids()}
    assert states["被改过.xlsx"] == "有问题" and states["甲托育园.xlsx"] == "已接收"
    last = page.table.visible_ids()[-1]
    assert page.table.values(last)[0] == "合计"
    assert any(page.targets.values(i)[0] == "普惠托位占比" for i in page.targets.visible_ids())
    assert "汇总 2 家机构" in page.info.cget("text")
    dialogs.answers["ask_save_file"] = str(tmp_path / "汇总.xlsx")
    assert page.export("xlsx").exists()


def test_district_count_is_of_the_tab_on_show_and_no_heading_is_cut(window, folder, dialogs):
    from tkinter import font as tkfont

    window.nav_buttons["district"].invoke()
    page = window.views["district"]
    page.month_var.set("2026-10")
    page.run(folder[0])
    wait_until(page, lambda: page.summary is not None)
    shown = len(page.summary.centres) + len(page.summary.problems)
    assert page.tabs.index("current") == 0 and len(page.files.visible_ids()) == shown == 8
    assert page.count_label.cget("text") == f"共 {shown} 条"
    page.tabs.select(1)
    page.update()
    assert page.count_label.cget("text") == f"共 {len(page.summary.centres) + 1} 条"  # the centres and 合计
    heading = tkfont.nametofont("TuoyuBold")
    for column in page.table.columns:
        assert page.table.tree.column(column.key, "width") >= heading.measure(column.title), column.title


def test_the_targets_default_to_the_centres_own_profile_and_missing_needs_a_roster(demo_window, folder, tmp_path):
    """通用 was preselected whatever the centre's plan; 未报送机构（0） showed with no 机构名单 to go by."""
    import shutil

    from tuoyu_desktop.services.centre import centre_profile

    window = demo_window
    window.nav_buttons["district"].invoke()
    page = window.views["district"]
    own = window.look(centre_profile).name
    assert own != "通用" and page.profile_var.get() == own
    inbox = tmp_path / "U盘"
    inbox.mkdir()
    shutil.copy(folder[0] / "甲托育园.xlsx", inbox / "甲托育园.xlsx")
    shutil.copy(folder[0] / "甲托育园.xlsx", inbox / "甲托育园(1).xlsx")
    page.month_var.set("2026-10")
    page.run(inbox)
    wait_until(page, lambda: page.summary is not None)
    states = {page.files.values(i)[0]: page.files.values(i)[2] for i in page.files.visible_ids()}
    assert states == {"甲托育园.xlsx": "已接收", "甲托育园(1).xlsx": "重复副本"}
    assert page.tabs.tab(3, "text") == "未报送机构（未放机构名单）"
    assert "机构名单.xlsx" in page.info.cget("text") and "汇总 1 家机构" in page.info.cget("text")
    page.summary = None
    page.run(folder[0])
    wait_until(page, lambda: page.summary is not None)
    assert page.tabs.tab(3, "text") == "未报送机构（2）"


def test_the_summary_line_wraps_instead_of_running_off_a_laptop_window(demo_window, folder, tmp_path):
    import shutil

    from tests.ui.conftest import LAPTOP, at_laptop_size

    at_laptop_size(demo_window.root, LAPTOP)
    demo_window.nav_buttons["district"].invoke()
    page = demo_window.views["district"]
    inbox = tmp_path / "U盘"
    inbox.mkdir()
    shutil.copy(folder[0] / "甲托育园.xlsx", inbox / "甲托育园.xlsx")
    page.month_var.set("2026-10")
    page.run(inbox)
    wait_until(page, lambda: page.summary is not None)
    page.update()
    assert "机构名单.xlsx" in page.info.cget("text")
    assert page.info.winfo_reqwidth() <= page.winfo_width()
