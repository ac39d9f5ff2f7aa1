import pytest
from openpyxl import load_workbook
from sqlmodel import select

from tests.exchange.conftest import CLASSES, child_row
from tests.exchange.helpers import dump, filled
from tests.ui.conftest import type_keys, wait_until
from tuoyu_desktop.store.models import SchoolClass

pytestmark = pytest.mark.gui


def _check(dialog, kind, path):
    dialog.set_kind(kind)
    dialog.set_file(str(path))
    dialog.check_button.invoke()
    wait_until(dialog, lambda: dialog.state in ("checked", "failed"))


def test_manager_checks_a_file_sees_the_preview_then_imports_it(window, workspace, tmp_path):
    index = window.file_menu.index("导入…")
    window.file_menu.invoke(index)
    dialog = window.root.winfo_children()[-1]
    path = filled("classes", CLASSES, tmp_path / "班级.xlsx")
    _check(dialog, "classes", path)
    assert dialog.state == "checked"
    rows = [dialog.tree.item(i, "values") for i in dialog.tree.get_children()]
    assert [r[2] for r in rows] == ["新增"] * 4 and rows[0][:2] == ("2", "乳儿一班") and "乳儿一班" in rows[0][3]
    assert "将新增 4，更新 0，未变 0" in dialog.message.cget("text")
    with workspace.session() as s:
        assert s.exec(select(SchoolClass)).all() == []  # the check wrote nothing
    dialog.import_button.invoke()
    wait_until(dialog, lambda: dialog.state == "imported")
    with workspace.session() as s:
        assert len(s.exec(select(SchoolClass)).all()) == 4
    assert window.status.cget("text") == "已导入 班级：新增 4，更新 0，未变 0"
    dialog.close_button.invoke()


def test_a_file_with_problems_lists_them_imports_nothing_and_saves_a_marked_copy(window, workspace, dialogs,
                                                                                   tmp_path, db_path):
    dialog = window.open_import("classes")
    _check(dialog, "classes", filled("classes", CLASSES, tmp_path / "班级.xlsx"))
    dialog.import_button.invoke()
    wait_until(dialog, lambda: dialog.state == "imported")
    before = dump(db_path)
    bad = filled("children", [child_row(), child_row("李四", seq=3, 班级="火星班", 托育形式="寄宿")], tmp_path / "幼儿.xlsx")
    _check(dialog, "children", bad)
    assert dialog.state == "failed"
    rows = [dialog.tree.item(i, "values") for i in dialog.tree.get_children()]
    assert rows == [("3", "李四", "班级", "没有名为“火星班”的班级（请先新建或导入班级）"),
                    ("3", "李四", "托育形式", "“寄宿”不是可选值（可选：全日托、半日托、计时托、临时托）")]
    assert str(dialog.import_button.cget("state")) == "disabled"
    assert "发现 2 个问题，没有导入任何数据" in dialog.message.cget("text")
    dialogs.answers["ask_save_file"] = str(tmp_path / "问题清单.xlsx")
    dialog.report_button.invoke()
    assert load_workbook(tmp_path / "问题清单.xlsx")["问题清单"].max_row == 3
    assert dump(db_path) == before


def test_a_long_import_can_be_cancelled_and_leaves_nothing(window, workspace, tmp_path, db_path):
    dialog = window.open_import("classes")
    _check(dialog, "classes", filled("classes", CLASSES[:1] + [
        {"班级名称": f"托大{i}班", "班型": "托大班", "核定人数": 20, "是否普惠": "否"} for i in range(3000)],
        tmp_path / "many.xlsx"))
    dialog.import_button.invoke()
    dialog.cancel_button.invoke()
    wait_until(dialog, lambda: dialog.state in ("failed", "imported"))
    assert dialog.state == "failed" and "已取消" in dialog.message.cget("text")
    with workspace.session() as s:
        assert s.exec(select(SchoolClass)).all() == []


def test_a_blank_template_can_be_saved_from_the_dialog(window, dialogs, tmp_path):
    dialog = window.open_import("staff")
    dialogs.answers["ask_save_file"] = str(tmp_path / "从业人员模板.xlsx")
    dialog.template_button.invoke()
    assert load_workbook(tmp_path / "从业人员模板.xlsx").worksheets[0]["A1"].value == "姓名"


def test_cancel_while_a_big_file_is_still_being_read_ends_the_task(window, workspace, tmp_path, db_path):
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("幼儿")
    ws.append(["姓名", "性别", "出生日期", "班级", "入托日期", "托育形式", "备注"])
    for i in range(40_000):  # under every limit, and long to read
        ws.append([f"幼儿{i}", "男", "2025-01-01", "托小一班", "2026-09-01", "全日托", "备注" * 20])
    wb.save(tmp_path / "大名单.xlsx")
    before = dump(db_path)
    dialog = window.open_import("children")
    dialog.set_file(str(tmp_path / "大名单.xlsx"))
    dialog.check_button.invoke()
    wait_until(dialog, lambda: "正在读取文件" in dialog.message.cget("text"))
    dialog.cancel_button.invoke()
    wait_until(dialog, lambda: dialog.state != "checking")
    assert dialog.state == "failed" and dialog.message.cget("text") == "已取消，没有导入任何数据。"
    assert str(dialog.check_button.cget("state")) == "normal"
    assert dump(db_path) == before


def test_a_pasted_path_is_checked_and_the_message_says_what_is_still_to_choose(window, workspace, tmp_path):
    """The path could only come from 选择文件…; a stale 请先选择… stayed after both were chosen;
    the preview showed 2024/8/20 as typed."""
    dialog = window.open_import()
    dialog.check_button.invoke()
    assert dialog.message.cget("text") == "请先选择数据种类、要导入的文件。"
    dialog.set_kind("opendays")
    assert "请先选择" not in dialog.message.cget("text")
    dialog.file_entry.focus_force()
    path = filled("opendays", [{"日期": "2026/8/20", "开园": "否", "说明": "停电"}], tmp_path / "开园日 一.xlsx")
    dialog.file_entry.insert(0, f'"{path}"')  # Explorer's 复制文件地址 quotes it
    assert dialog.message.cget("text").startswith("已选择开园日")
    dialog.file_entry.update()
    type_keys(dialog, "Return")
    wait_until(dialog, lambda: dialog.state in ("checked", "failed"))
    assert dialog.state == "checked", dialog.message.cget("text")
    (row,) = [dialog.tree.item(i, "values") for i in dialog.tree.get_children()]
    assert "2026-08-20" in row[3] and "2026/8/20" not in row[3]
    dialog.file_var.set(str(tmp_path / "没有这个.xlsx"))
    assert str(dialog.import_button.cget("state")) == "disabled"  # an edited path forgets the check
    dialog.check_button.invoke()
    assert "找不到文件" in dialog.message.cget("text") and dialog.state == "idle"
    dialog.close_button.invoke()
