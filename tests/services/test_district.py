"""区县汇总: centres built through the program, plus a tampered copy, a duplicate, a wrong month."""
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import run_cli
from tests.pdf import pdf_fonts, pdf_text
from tuoyu_desktop.exchange.district_inbox import summarise
from tuoyu_desktop.exchange.district_workbook import write_district_xlsx
from tuoyu_desktop.reports.district_pdf import write_district_pdf


@pytest.fixture(scope="module")
def summary(folder, workspace_profiles):
    return summarise(folder[0], "2026-10", workspace_profiles["张家港市"])


def test_only_good_returns_are_added_up(summary):
    assert sorted(c.name for c in summary.centres) == sorted(["甲托育园", "丙托育园"])


def test_every_bad_file_is_listed_with_its_reason(summary):
    reasons = {p.file: p.reason for p in summary.problems}
    assert reasons["被改过.xlsx"] == "数据校验码不符：指标数字在生成后被改动过"
    assert reasons["丙托育园_九月.xlsx"] == "报告月份是 2026-09，不是 2026-10"
    assert "重复" in reasons["乙托育园.xlsx"] and "重复" in reasons["乙托育园_重报.xlsx"]
    copy = next(p for p in summary.problems if p.file == str(Path("第二批", "乙托育园(1).xlsx")))  # as the system writes paths
    assert copy.copy_of == "乙托育园.xlsx" and "内容完全相同" in copy.reason and copy.state == "重复副本"
    assert "不是有效的 .xlsx 文件" in reasons["说明.xlsx"]


def test_counts_are_summed_and_rates_recomputed_from_the_sums(summary, folder):
    snaps = {s["cover"]["机构名称"]: s["figures"] for s in folder[1]}
    a, c = snaps["甲托育园"], snaps["丙托育园"]
    t = summary.totals
    assert t["E01"] == a["E01"] + c["E01"] and t["T01"] == a["T01"] + c["T01"]
    assert t["R01"] == (Decimal(t["E01"]) * 100 / t["T01"]).quantize(Decimal("0.1"))
    assert t["R04"] == (Decimal(a["S03"] + c["S03"]) * 100 / (a["S02"] + c["S02"])).quantize(Decimal("0.1"))
    assert t["V03"] == a["V03"] + c["V03"]


def test_towns_are_added_up_separately(summary):
    assert sorted(summary.towns) == sorted(["红梅街道", "茶山街道"])
    assert sum(f["E01"] for f in summary.towns.values()) == summary.totals["E01"]


def test_targets_of_the_profile_are_compared_with_the_gap(summary):
    targets = {name: (value, target, met, gap) for name, value, target, met, gap in summary.targets}
    value, target, met, gap = targets["普惠托位占比"]
    assert target == 85.0 and met == (value >= 85) and gap == value - Decimal("85.0")
    assert targets["医育结合签约率"][0] == Decimal("100.0") and targets["医育结合签约率"][2]


def test_expected_centres_that_sent_nothing_are_listed(summary):
    assert summary.roster and [name for _, name, _ in summary.missing] == ["乙托育园", "丁托育园"]


def test_two_byte_identical_copies_of_one_return_count_once_and_the_copy_is_listed(folder, tmp_path,
                                                                                   workspace_profiles):
    """A clerk copying the stick twice must not see the centre refused as a duplicate of itself."""
    inbox = tmp_path / "U盘"
    (inbox / "备份").mkdir(parents=True)
    shutil.copy(folder[0] / "甲托育园.xlsx", inbox / "甲托育园.xlsx")
    shutil.copy(folder[0] / "甲托育园.xlsx", inbox / "备份" / "甲托育园 - 副本.xlsx")
    summary = summarise(inbox, "2026-10", workspace_profiles["张家港市"])
    assert [c.name for c in summary.centres] == ["甲托育园"] and summary.bad_files == []
    assert [(p.file, p.copy_of) for p in summary.copies] == [(str(Path("备份", "甲托育园 - 副本.xlsx")), "甲托育园.xlsx")]
    assert not summary.roster and summary.missing == []  # no 机构名单: nobody is known to be missing
    snap = {s["cover"]["机构名称"]: s["figures"] for s in folder[1]}["甲托育园"]
    assert summary.totals["E01"] == snap["E01"]


def test_district_workbook_has_the_fixed_sheets_and_a_total_row(summary, tmp_path):
    wb = load_workbook(write_district_xlsx(summary, tmp_path / "汇总.xlsx"))
    assert wb.sheetnames[:4] == ["汇总", "镇街", "达标情况", "问题文件"]
    rows = list(wb["汇总"].iter_rows(values_only=True))
    assert rows[0][:4] == ("机构名称", "统一社会信用代码", "所属镇街", "T01 核定托位数")
    assert rows[-1][0] == "合计" and rows[-1][3] == summary.totals["T01"]
    assert len(list(wb["问题文件"].iter_rows(min_row=2))) == len(summary.problems)


def test_district_pdf_has_fonts_embedded_and_the_totals(summary, tmp_path):
    pdf = write_district_pdf(summary, tmp_path / "汇总.pdf")
    fonts = pdf_fonts(pdf)
    assert fonts and all(f.embedded for f in fonts)
    text = pdf_text(pdf).replace(" ", "")
    assert "2026年10月托育机构月报区县汇总" in text and "合计" in text and "数据校验码不符" in text


def test_district_command_prints_the_summary_and_never_stops_on_a_bad_file(folder, tmp_path):
    result = run_cli("district", "--month", "2026-10", "--in", str(folder[0]), "--profile", "渝北区",
                     "--xlsx", str(tmp_path / "d.xlsx"), "--pdf", str(tmp_path / "d.pdf"))
    assert result.returncode == 0, result.stderr
    assert "汇总机构 2 家" in result.stdout and "问题文件：被改过.xlsx" in result.stdout
    assert (tmp_path / "d.xlsx").exists() and (tmp_path / "d.pdf").exists()
    bad = run_cli("district", "--month", "2026-10", "--in", str(tmp_path / "nowhere"))
    assert bad.returncode == 2 and "找不到文件夹" in bad.stderr


def test_district_town_sheet_has_town_and_count_columns_and_an_aligned_total(summary, tmp_path):
    wb = load_workbook(write_district_xlsx(summary, tmp_path / "汇总.xlsx"))
    towns = list(wb["镇街"].iter_rows(values_only=True))
    assert towns[0][:3] == ("所属镇街", "机构数", "T01 核定托位数")
    assert [r[:2] for r in towns[1:]] == [("红梅街道", 1), ("茶山街道", 1), ("合计", 2)]
    assert towns[-1][2] == summary.totals["T01"] == sum(r[2] for r in towns[1:-1])
    total = list(wb["汇总"].iter_rows(values_only=True))[-1]
    assert total[:3] == ("合计", None, None) and total[3] == summary.totals["T01"]  # nothing under 统一社会信用代码


def test_district_of_an_empty_folder_says_no_return_was_found(tmp_path):
    (tmp_path / "空的").mkdir()
    result = run_cli("district", "--month", "2026-10", "--in", str(tmp_path / "空的"))
    assert result.returncode == 2 and "未找到月报工作簿" in result.stderr
    assert "—%" not in result.stdout


def test_district_of_a_single_return_file_adds_up_that_file(folder, tmp_path):
    result = run_cli("district", "--month", "2026-10", "--in", str(folder[0] / "甲托育园.xlsx"),
                     "--xlsx", str(tmp_path / "d.xlsx"))
    assert result.returncode == 0, result.stderr
    assert "汇总机构 1 家" in result.stdout and "未报送" not in result.stdout
    other = tmp_path / "说明.txt"
    other.write_text("x")
    bad = run_cli("district", "--month", "2026-10", "--in", str(other))
    assert bad.returncode == 2 and "不是月报工作簿" in bad.stderr


def test_a_return_that_expands_to_millions_of_strings_is_listed_as_bad_and_the_rest_added_up(folder, tmp_path,
                                                                                           workspace_profiles):
    from tests.exchange.hostile import many_strings_xlsx
    from tuoyu_desktop.exchange.xlsx_stream import MAX_STRINGS

    inbox = tmp_path / "收件"
    inbox.mkdir()
    shutil.copy(folder[0] / "甲托育园.xlsx", inbox / "甲托育园.xlsx")
    many_strings_xlsx(inbox / "异常.xlsx", MAX_STRINGS + 10)
    reports = []
    summary = summarise(inbox, "2026-10", workspace_profiles["张家港市"], lambda *a: reports.append(a))
    assert [c.name for c in summary.centres] == ["甲托育园"]
    (bad,) = summary.problems
    assert bad.file == "异常.xlsx" and bad.reason.startswith("文件中的文字条目超过100万条，超出程序为防止内存耗尽而设的上限")
    assert len(reports) > 10  # the reading reports (so 取消 is seen) while it goes, not once per file
