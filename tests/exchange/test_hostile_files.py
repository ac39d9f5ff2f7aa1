"""Files from strangers: refused or read safely, never run, never exhausting memory."""
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlmodel import select

from tests.exchange.conftest import CLASSES, TODAY, child_row
from tests.exchange.helpers import dump, filled
from tests.exchange.hostile import many_strings_xlsx, wide_rows_xlsx
from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.exchange.importer import READING, ImportFailed, import_file
from tuoyu_desktop.exchange.workbook_reader import MAX_ROWS
from tuoyu_desktop.exchange.xlsx_stream import CHUNK, MAX_CELLS, MAX_STRINGS
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


def test_a_small_file_whose_strings_expand_past_a_million_is_refused_naming_the_limit(workspace, tmp_path, db_path):
    path = many_strings_xlsx(tmp_path / "名单.xlsx", MAX_STRINGS + 10)  # about 3 MB; states 6 entries
    assert path.stat().st_size < 5 * 1024 * 1024
    before = dump(db_path)
    with pytest.raises(InputError) as err:
        _import(workspace, path)
    assert str(err.value) == ("名单.xlsx：文件中的文字条目超过100万条，超出程序为防止内存耗尽而设的上限"
                              "（真实的托育机构文件远少于此），未读取")
    assert dump(db_path) == before


def test_a_strings_table_that_states_too_many_entries_is_refused_before_reading_them(workspace, tmp_path):
    path = many_strings_xlsx(tmp_path / "名单.xlsx", 10, declared=MAX_STRINGS + 1)
    with pytest.raises(InputError, match="文字条目超过100万条"):
        _import(workspace, path)


def test_rows_reaching_excel_last_column_are_refused_as_too_many_cells(workspace, tmp_path):
    path = wide_rows_xlsx(tmp_path / "宽.xlsx", MAX_CELLS // 16_384 + 1)  # a few KB
    with pytest.raises(InputError, match=r"工作表“幼儿”：工作表的单元格超过200万个，超出程序为防止内存耗尽而设的上限"):
        _import(workspace, path)


MEASURE = """
import os, re, sys
from pathlib import Path
from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.exchange.importer import kind_named, read_sheet
try:
    read_sheet(Path(sys.argv[1]), kind_named("children"))
    print("read", end=" ")
except InputError as exc:
    print("refused", end=" ")
if os.name == "nt":  # the peak working set (GetProcessMemoryInfo)
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):
        _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD)] + [
            (n, ctypes.c_size_t) for n in ("PeakWorkingSetSize", "WorkingSetSize", "QuotaPeakPagedPoolUsage",
                                           "QuotaPagedPoolUsage", "QuotaPeakNonPagedPoolUsage",
                                           "QuotaNonPagedPoolUsage", "PagefileUsage", "PeakPagefileUsage")]

    c = Counters(cb=ctypes.sizeof(Counters))
    psapi = ctypes.WinDLL("psapi")
    psapi.GetProcessMemoryInfo.argtypes = [wintypes.HANDLE, ctypes.POINTER(Counters), wintypes.DWORD]
    psapi.GetProcessMemoryInfo(ctypes.windll.kernel32.GetCurrentProcess(), ctypes.byref(c), c.cb)
    print(c.PeakWorkingSetSize // (1024 * 1024))
else:  # this process's own peak (ru_maxrss on Linux also holds the parent's, from before exec)
    with open("/proc/self/status") as status:
        print(int(re.search(r"VmHWM:\\s*(\\d+)", status.read()).group(1)) // 1024)
"""


def test_reading_a_file_of_three_million_strings_stays_far_below_500_mb(tmp_path):
    path = many_strings_xlsx(tmp_path / "名单.xlsx", 3_000_000)  # 8 MB, 87 MB of XML
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, cwd=root,
                          check=True)
    outcome, peak_mb = done.stdout.split()
    assert outcome == "refused" and int(peak_mb) < 300, done.stdout


def test_cancel_during_the_reading_stops_it_within_one_more_chunk(workspace, tmp_path):
    path = many_strings_xlsx(tmp_path / "名单.xlsx", 200_000)  # under every limit: read in full otherwise
    calls = []

    class Cancelled(Exception):
        pass

    def progress(done, total, stage):
        calls.append((done, stage))
        if len(calls) > 1:  # 取消 was pressed at the first report: the next one stops the work
            raise Cancelled()

    with workspace.session() as s, pytest.raises(Cancelled):
        import_file(s, "children", path, workspace.profiles, TODAY, progress)
    assert [stage for _, stage in calls] == [READING, READING]
    assert calls[1][0] - calls[0][0] <= CHUNK
