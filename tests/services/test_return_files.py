"""The return workbook read back, the PDF checked, and locking."""
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from tests.conftest import run_cli
from tests.pdf import pdf_fonts, pdf_text
from tuoyu_desktop.domain.indicators import CODES_V2
from tuoyu_desktop.exchange.return_reader import read_return
from tuoyu_desktop.exchange.return_workbook import write_return_xlsx
from tuoyu_desktop.reports.monthly_pdf import write_return_pdf
from tuoyu_desktop.services import returns
from tuoyu_desktop.store.models import Child, ReturnEvent

TODAY = date(2026, 11, 25)


@pytest.fixture
def snapshot(demo):
    with demo.session() as s:
        return returns.get_return(s, demo.profiles, "2026-10", today=TODAY)


def test_workbook_has_the_fixed_layout_and_reads_back_with_a_matching_checksum(snapshot, tmp_path):
    path = write_return_xlsx(snapshot, tmp_path / "月报.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["封面", "指标", "班级", "从业人员", "培训", "医育结合", "体验券明细", "预警"]
    cover = {r[0]: r[1] for r in wb["封面"].iter_rows(min_row=2, values_only=True)}
    assert cover["报告月份"] == "2026-10" and cover["格式版本"] == "2" and cover["机构名称"] == "天宁区小星星托育中心"
    assert [c.value for c in wb["指标"][1]] == ["指标代码", "指标名称", "数值", "单位"]
    rows = list(wb["指标"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == list(CODES_V2)
    values = {r[0]: r[2] for r in rows}
    assert isinstance(values["E01"], int) and isinstance(values["R01"], float)
    back = read_return(path)
    assert back.checksum_ok and back.month == "2026-10"


def test_a_changed_figure_is_detected_by_the_checksum(snapshot, tmp_path):
    path = write_return_xlsx(snapshot, tmp_path / "月报.xlsx")
    wb = load_workbook(path)
    wb["指标"]["C8"] = wb["指标"]["C8"].value + 1  # E01
    wb.save(path)
    assert not read_return(path).checksum_ok


def test_id_and_phone_numbers_are_masked_unless_asked(snapshot, tmp_path):
    masked = load_workbook(write_return_xlsx(snapshot, tmp_path / "a.xlsx"))["从业人员"]
    ids = [r[3] for r in masked.iter_rows(min_row=2, values_only=True)]
    assert ids and all("********" in i for i in ids)
    full = load_workbook(write_return_xlsx(snapshot, tmp_path / "b.xlsx", full=True))["从业人员"]
    assert all("*" not in r[3] for r in full.iter_rows(min_row=2, values_only=True))


def test_pdf_embeds_its_fonts_and_shows_title_month_and_page_numbers(snapshot, tmp_path):
    pdf = write_return_pdf(snapshot, tmp_path / "月报.pdf")
    fonts = pdf_fonts(pdf)
    assert fonts and all(f.embedded for f in fonts)
    text = pdf_text(pdf).replace(" ", "")
    assert "天宁区小星星托育中心2026年10月托育机构月报表" in text
    assert "2026年10月31日" in text and "第1页共3页" in text and "负责人签字" in text and "单位盖章" in text


def test_a_locked_month_does_not_change_when_later_edits_touch_it(demo, snapshot, tmp_path):
    with demo.session() as s:
        returns.lock(s, snapshot, today=TODAY)
    with demo.session() as s:  # a child who left in October is deleted later
        s.delete(s.exec(select(Child)).first())
    with demo.session() as s:
        again = returns.get_return(s, demo.profiles, "2026-10", today=TODAY)
        fresh = returns.build_snapshot(s, demo.profiles, "2026-10")
    assert again["checksum"] == snapshot["checksum"] and again["figures"] == snapshot["figures"]
    assert fresh["checksum"] != snapshot["checksum"]
    first = read_return(write_return_xlsx(again, tmp_path / "1.xlsx"))
    second = read_return(write_return_xlsx(again, tmp_path / "2.xlsx"))
    assert first.stated_checksum == second.stated_checksum == snapshot["checksum"]


def test_unlocking_needs_a_reason_and_is_recorded(demo, snapshot):
    with demo.session() as s:
        returns.lock(s, snapshot, today=TODAY)
    with pytest.raises(returns.InputError):
        with demo.session() as s:
            returns.unlock(s, "2026-10", " ")
    with demo.session() as s:
        returns.unlock(s, "2026-10", "发现体检日期录错")
    with demo.session() as s:
        history = [(e.action, e.reason) for e in s.exec(select(ReturnEvent))]
        assert returns.locked(s, "2026-10") is None
    assert history == [("锁定", ""), ("解锁", "发现体检日期录错")]


def test_report_command_writes_both_files_and_locks(tmp_path):
    db = tmp_path / "t.sqlite3"
    run_cli("--db", str(db), "demo", "--date", "2026-11-25")
    out = tmp_path / "输出 文件夹"
    out.mkdir()
    result = run_cli("--db", str(db), "report", "monthly", "--month", "2026-10", "--pdf", str(out / "r.pdf"),
                     "--xlsx", str(out / "r.xlsx"), "--lock")
    assert result.returncode == 0, result.stderr
    assert "未锁定" not in result.stdout
    assert read_return(out / "r.xlsx").checksum_ok and (out / "r.pdf").stat().st_size > 10_000
    again = run_cli("--db", str(db), "report", "monthly", "--month", "2026-10")
    assert "已锁定" in again.stdout
    bad = run_cli("--db", str(db), "report", "monthly", "--month", "2026-13")
    assert bad.returncode == 2 and "不是有效的月份" in bad.stderr


def test_the_trend_chart_uses_the_same_figures_as_each_months_return(demo):
    from tuoyu_desktop.services.monthly import month_figures, trend

    with demo.session() as s:
        rows = trend(s, "2026-10", 12)
        for month, e01, r01 in rows[-4:]:
            f = month_figures(s, demo.profiles, month)
            assert (e01, r01) == (f["E01"], f["R01"]), month


def test_the_pdf_cover_prints_the_whole_checksum_the_district_compares(snapshot, tmp_path):
    pdf = write_return_pdf(snapshot, tmp_path / "月报.pdf")
    text = pdf_text(pdf)
    assert snapshot["checksum"] in "".join(text.split()) and len(snapshot["checksum"]) == 64


@pytest.mark.parametrize("phone, shown", [("13812345678", "138****5678"), ("0519-88123456", "0519-88123456")])
def test_the_cover_phone_follows_one_rule_in_the_pdf_and_the_workbook(snapshot, tmp_path, phone, shown):
    snapshot = {**snapshot, "cover": {**snapshot["cover"], "联系电话": phone}}
    cover = {r[0]: r[1] for r in load_workbook(write_return_xlsx(snapshot, tmp_path / "m.xlsx"))["封面"].iter_rows(
        min_row=2, values_only=True)}
    pdf = write_return_pdf(snapshot, tmp_path / "m.pdf")
    text = pdf_text(pdf).replace(" ", "")
    assert cover["联系电话"] == shown and shown in text
    if shown != phone:
        assert phone not in text
