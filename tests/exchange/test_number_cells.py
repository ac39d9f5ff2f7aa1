"""Every number in every workbook the program writes is a number cell; identifiers stay text."""
import json

from openpyxl import load_workbook

from tests.exchange.number_cells import numbers_as_text
from tuoyu_desktop.exchange.district_inbox import summarise
from tuoyu_desktop.exchange.district_workbook import write_district_xlsx
from tuoyu_desktop.exchange.return_reader import read_return
from tuoyu_desktop.exchange.return_workbook import write_return_xlsx
from tuoyu_desktop.reports.voucher_claim import write_claim_xlsx
from tuoyu_desktop.services import returns
from tuoyu_desktop.services.centre import centre_profile
from tuoyu_desktop.services.vouchers import monthly_claim


def test_return_workbook_writes_training_hours_as_numbers(demo, tmp_path):
    with demo.session() as s:
        snapshot = returns.build_snapshot(s, demo.profiles, "2026-10")
    path = write_return_xlsx(snapshot, tmp_path / "月报.xlsx", full=True)
    assert numbers_as_text(path) == []
    staff = load_workbook(path)["从业人员"]
    first = [c.value for c in staff[2]]
    assert isinstance(first[8], int) and first[8] == 64  # 本年专业课时, once the text '64'
    assert isinstance(first[3], str) and isinstance(first[4], str)  # 身份证号 and 联系电话 stay text
    assert read_return(path).checksum_ok


def test_a_return_locked_by_an_older_version_is_written_with_numbers_too(demo, tmp_path):
    with demo.session() as s:
        snapshot = returns.build_snapshot(s, demo.profiles, "2026-10")
    old = json.loads(json.dumps(snapshot))  # as locked before: hours kept as text in the stored snapshot
    for row in old["staff"]:
        row[8:12] = [str(v) for v in row[8:12]]
    for row in old["training"]:
        row[4] = str(row[4])
    path = write_return_xlsx(old, tmp_path / "旧.xlsx")
    assert numbers_as_text(path) == []
    assert read_return(path).stated_checksum == snapshot["checksum"]


def test_claim_and_district_workbooks_hold_numbers_as_numbers(demo, tmp_path):
    with demo.session() as s:
        claim = monthly_claim(s, centre_profile(s, demo.profiles), "2026-10")
        snapshot = returns.build_snapshot(s, demo.profiles, "2026-10")
        profile = centre_profile(s, demo.profiles)
    assert claim.rows
    assert numbers_as_text(write_claim_xlsx(tmp_path / "申领.xlsx", "小星星", claim, full=True)) == []
    inbox = tmp_path / "U盘"
    write_return_xlsx(snapshot, inbox / "a.xlsx")
    summary = summarise(inbox, "2026-10", profile)
    assert summary.centres
    assert numbers_as_text(write_district_xlsx(summary, tmp_path / "汇总.xlsx")) == []


def test_the_checker_finds_a_number_written_as_text(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "课时", "联系电话"])
    wb.active.append(["王", "64", "13900000000"])
    wb.save(tmp_path / "x.xlsx")
    assert numbers_as_text(tmp_path / "x.xlsx") == ["Sheet!B2 课时='64'"]
