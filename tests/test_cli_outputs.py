"""What the command line writes, and what it replaces: never the user's own file, never a folder it
made up, never another centre's data without being told (issue 15, items 5 and 6)."""
import sqlite3

import pytest

from tests.conftest import run_cli
from tests.exchange.helpers import filled


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    result = run_cli("--db", str(db), "demo", "--date", "2026-11-25")
    assert result.returncode == 0, result.stderr
    return db


def test_problems_list_saved_over_the_file_being_imported_is_refused_and_the_file_kept(demo_db, tmp_path):
    source = filled("staff", [{"姓名": "王芳", "身份证号": "不是号码", "岗位": "保育人员", "入职日期": "2026-09-01"}],
                    tmp_path / "从业人员.xlsx")
    before = source.read_bytes()
    same_file_other_spelling = tmp_path / "子文件夹" / ".." / "从业人员.xlsx"
    (tmp_path / "子文件夹").mkdir()
    result = run_cli("--db", str(demo_db), "import", "staff", str(source), "--problems", str(same_file_other_spelling))
    assert result.returncode == 2
    assert "问题清单不能保存为正在导入的文件" in result.stderr
    assert source.read_bytes() == before


def test_a_template_for_a_folder_that_does_not_exist_is_refused_naming_the_folder(tmp_path):
    missing = tmp_path / "没有的文件夹" / "子文件夹"
    result = run_cli("--db", str(tmp_path / "t.sqlite3"), "template", "children", str(missing / "幼儿.xlsx"))
    assert result.returncode == 2
    assert f"文件夹不存在：{missing}" in result.stderr
    assert not (tmp_path / "没有的文件夹").exists()


def test_report_files_and_problem_lists_are_not_written_into_made_up_folders(demo_db, tmp_path):
    missing = tmp_path / "拔掉的U盘"
    for option, name in (("--pdf", "r.pdf"), ("--xlsx", "r.xlsx")):
        result = run_cli("--db", str(demo_db), "report", "monthly", "--month", "2026-10", option, str(missing / name))
        assert result.returncode == 2 and f"文件夹不存在：{missing}" in result.stderr, result.stderr
    source = filled("staff", [{"姓名": "王芳", "身份证号": "不是号码", "岗位": "保育人员", "入职日期": "2026-09-01"}],
                    tmp_path / "从业人员.xlsx")
    result = run_cli("--db", str(demo_db), "import", "staff", str(source), "--problems", str(missing / "问题.xlsx"))
    assert result.returncode == 2 and f"文件夹不存在：{missing}" in result.stderr
    assert not missing.exists()


def test_backup_to_a_usb_folder_that_is_not_there_is_an_error_not_a_new_local_folder(demo_db, tmp_path):
    usb = tmp_path / "U盘" / "托育备份"
    result = run_cli("--db", str(demo_db), "backup", str(usb))
    assert result.returncode == 2 and f"文件夹不存在：{usb}" in result.stderr
    assert not (tmp_path / "U盘").exists()


def _centre_of(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("select name, uscc from centre").fetchone()
    finally:
        con.close()


def _other_centre_backup(demo_db, tmp_path):
    folder = tmp_path / "别家备份"
    folder.mkdir()
    assert run_cli("--db", str(demo_db), "backup", str(folder)).returncode == 0
    copy = next(folder.glob("*.sqlite3"))
    con = sqlite3.connect(copy)
    con.execute("update centre set name = '钟楼区阳光托育园', uscc = '91320404MA1XXXXX0X'")
    con.commit()
    con.close()
    return copy


def test_restoring_another_centres_backup_needs_force_and_names_both_centres(demo_db, tmp_path):
    live = tmp_path / "live.sqlite3"
    live.write_bytes(demo_db.read_bytes())
    copy = _other_centre_backup(demo_db, tmp_path)
    refused = run_cli("--db", str(live), "restore", str(copy))
    assert refused.returncode == 2
    for text in ("天宁区小星星托育中心", "91320402MA1XK2P3TD", "钟楼区阳光托育园", "91320404MA1XXXXX0X", "--force"):
        assert text in refused.stderr
    assert _centre_of(live)[0] == "天宁区小星星托育中心"
    forced = run_cli("--db", str(live), "restore", str(copy), "--force")
    assert forced.returncode == 0, forced.stderr
    assert _centre_of(live)[0] == "钟楼区阳光托育园"


def test_restoring_into_an_empty_database_asks_nothing(demo_db, tmp_path):
    live = tmp_path / "empty.sqlite3"
    assert run_cli("--db", str(live), "init").returncode == 0
    copy = _other_centre_backup(demo_db, tmp_path)
    result = run_cli("--db", str(live), "restore", str(copy))
    assert result.returncode == 0, result.stderr
    assert _centre_of(live)[0] == "钟楼区阳光托育园"
