"""Files from strangers: refused or read safely, never run, never exhausting memory."""
import random
import zipfile

import pytest
from openpyxl import Workbook
from sqlmodel import select

from tests.exchange.conftest import CLASSES, TODAY, child_row
from tests.exchange.helpers import dump, filled
from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.exchange.importer import ImportFailed, import_file
from tuoyu_desktop.exchange.workbook_reader import MAX_ROWS
from tuoyu_desktop.store.models import Child

HANZI = [chr(c) for c in range(0x4E00, 0x9FA5)]


def _import(workspace, path):
    with workspace.session() as s:
        return import_file(s, "children", path, workspace.profiles, TODAY)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(workspace, tmp_path, db_path):
    path = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    before = dump(db_path)
    with pytest.raises(InputError, match="解压后过大"):
        _import(workspace, path)
    assert dump(db_path) == before


def test_a_workbook_with_a_macro_inside_is_refused_even_when_named_xlsx(workspace, tmp_path):
    path = filled("children", [child_row()], tmp_path / "宏.xlsx")
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/vbaProject.bin", b"Attribute VB_Name")
    with pytest.raises(InputError, match="含有宏"):
        _import(workspace, path)


def test_a_sheet_with_more_than_100000_rows_is_refused_with_advice(workspace, tmp_path):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("幼儿")
    ws.append(["姓名", "性别", "出生日期", "班级", "入托日期", "托育形式"])
    for i in range(MAX_ROWS + 1):
        ws.append([f"幼儿{i}", "男", "2025-01-01", "托小一班", "2026-09-01", "全日托"])
    path = tmp_path / "巨大.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match="超过100000行，请分成几个文件导入"):
        _import(workspace, path)


def test_a_cell_longer_than_excel_allows_is_refused_as_too_long_not_stored(importer, workspace, db_path, tmp_path):
    importer("classes", CLASSES)
    before = dump(db_path)
    made = filled("children", [child_row(备注="PLACEHOLDER")], tmp_path / "made.xlsx")
    path = tmp_path / "长单元格.xlsx"  # written by hand: Excel and openpyxl never make a cell this long
    rng = random.Random(15)
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, data.replace(b"PLACEHOLDER", "".join(rng.choice(HANZI) for _ in range(400_000)).encode()))
    with pytest.raises(ImportFailed) as err:
        _import(workspace, path)
    (problem,) = err.value.problems
    assert str(problem).startswith("第2行 备注: 不能超过32767个字（当前")
    assert "Excel一个单元格最多放32767个字" in str(problem)
    assert dump(db_path) == before


def test_formulas_and_external_links_are_kept_as_text_never_calculated(importer, workspace):
    importer("classes", CLASSES)
    importer("children", [child_row(监护人姓名="=[外部.xlsx]Sheet1!A1", 备注="=cmd|' /C calc'!A0")])
    with workspace.session() as s:
        child = s.exec(select(Child)).one()
    assert child.guardian_name == "=[外部.xlsx]Sheet1!A1" and child.notes == "=cmd|' /C calc'!A0"
