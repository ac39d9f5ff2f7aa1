"""Only an ended month can be locked; the current month is a 预览; a future month is refused (SPEC §3)."""
from datetime import date

import pytest
from openpyxl import load_workbook

from tests.conftest import DEMO_TODAY, run_cli
from tests.pdf import pdf_text
from tuoyu_desktop.domain.ages import add_months
from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.exchange.district_inbox import summarise
from tuoyu_desktop.exchange.return_reader import read_return
from tuoyu_desktop.exchange.return_workbook import write_return_xlsx
from tuoyu_desktop.reports.monthly_pdf import write_return_pdf
from tuoyu_desktop.services import returns


def test_a_future_month_is_refused_and_the_current_month_is_a_preview_that_cannot_be_locked(demo):
    with demo.session() as s:
        with pytest.raises(InputError, match="2026-12还没有开始"):
            returns.get_return(s, demo.profiles, "2026-12", today=DEMO_TODAY)
        current = returns.get_return(s, demo.profiles, "2026-11", today=DEMO_TODAY)
        ended = returns.get_return(s, demo.profiles, "2026-10", today=DEMO_TODAY)
    assert current["preview"] is True and not ended.get("preview")
    with pytest.raises(InputError, match="2026-11还没有结束，不能锁定"):
        with demo.session() as s:
            returns.lock(s, current, today=DEMO_TODAY)
    with demo.session() as s:  # on the month's last day it has not ended yet either
        with pytest.raises(InputError, match="还没有结束"):
            returns.lock(s, returns.get_return(s, demo.profiles, "2026-11", today=date(2026, 11, 30)),
                         today=date(2026, 11, 30))
    with demo.session() as s:
        returns.lock(s, ended, today=DEMO_TODAY)
        assert returns.locked(s, "2026-11") is None and returns.locked(s, "2026-10") is not None


def test_a_preview_is_marked_on_the_pdf_and_the_cover_and_the_district_does_not_count_it(demo, tmp_path):
    with demo.session() as s:
        snapshot = returns.get_return(s, demo.profiles, "2026-11", today=DEMO_TODAY)
    folder = tmp_path / "收到的月报"
    folder.mkdir()
    xlsx = write_return_xlsx(snapshot, folder / "预览.xlsx")
    cover = {r[0]: r[1] for r in load_workbook(xlsx)["封面"].iter_rows(min_row=2, values_only=True)}
    assert cover["报告月份"] == "2026-11" and cover["状态"].startswith("预览")
    back = read_return(xlsx)
    assert back.checksum_ok and back.is_preview
    summary = summarise(folder, "2026-11", demo.profiles["通用"])
    assert summary.centres == []
    (bad,) = summary.problems
    assert "预览" in bad.reason and "不是正式月报" in bad.reason
    pdf = write_return_pdf(snapshot, tmp_path / "预览.pdf")
    text = pdf_text(pdf).replace(" ", "")
    assert "2026年11月托育机构月报表（预览）" in text
    assert text.count("预览") >= 3  # title, the note under it, and the mark on every page


def test_report_command_locks_no_current_or_future_month(tmp_path):
    # The command line takes today from the computer's clock: the months are chosen from it.
    today = date.today()
    current, future = f"{today:%Y-%m}", f"{add_months(today.replace(day=1), 2):%Y-%m}"
    db = tmp_path / "t.sqlite3"
    assert run_cli("--db", str(db), "demo", "--date", today.isoformat()).returncode == 0
    locked = run_cli("--db", str(db), "report", "monthly", "--month", current, "--lock")
    assert locked.returncode == 2 and "还没有结束，不能锁定" in locked.stderr
    refused = run_cli("--db", str(db), "report", "monthly", "--month", future, "--xlsx", str(tmp_path / "f.xlsx"))
    assert refused.returncode == 2 and "还没有开始" in refused.stderr and not (tmp_path / "f.xlsx").exists()
    preview = run_cli("--db", str(db), "report", "monthly", "--month", current, "--xlsx", str(tmp_path / "p.xlsx"))
    assert preview.returncode == 0, preview.stderr
    assert "预览" in preview.stdout and read_return(tmp_path / "p.xlsx").is_preview
