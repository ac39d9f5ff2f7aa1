"""Money is exact (SPEC §11, issue 28 item 7): a year of bills of the big benchmark centre — 3,000
children over ten years, the daily register — confirmed month after month, summed every way a
manager or an accountant reads them, agree to the 分."""
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tuoyu_desktop.domain.month import Month

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def year_of_bills(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "bench"))
    import run as bench

    from tuoyu_desktop.services.workspace import open_workspace

    db = tmp_path_factory.mktemp("big") / "big.sqlite3"
    bench.build_big_centre(db, 1.0, children_only=True)
    months = [Month(2025, 12).shift(i) for i in range(12)]  # 2025-12 … 2026-11
    ws = open_workspace(db)
    ops = bench.bill_months(ws, months)
    yield ops, months, db.parent
    ws.close()


def test_every_bill_of_a_year_adds_up_to_its_lines_in_the_page_the_workbook_and_the_report(year_of_bills):
    from tuoyu_desktop.exchange.bills_workbook import write_bills_xlsx
    from tuoyu_desktop.services import bills
    from tuoyu_desktop.services.fee_report import fee_report

    ops, months, folder = year_of_bills
    year_lines = year_totals = 0
    for month in months:
        shown = ops.look(bills.month_bills, month)
        assert shown.bills and not shown.drafts  # every child of the month was billed
        lines = [line for b in shown.bills for line in b.lines]
        for line in lines:
            assert isinstance(line.amount_fen, int) and isinstance(line.unit_fen, int)
            if line.category != "保育费":  # a 保育费 is prorated once; every other line is 单价 × 数量
                assert line.amount_fen == line.unit_fen * line.quantity
        month_lines = sum(line.amount_fen for line in lines)
        stored = ops.look(lambda db: db.values("SELECT SUM(total_fen) FROM bills WHERE month = ?", str(month))[0][0])
        assert sum(b.total_fen for b in shown.bills) == month_lines == stored
        report = ops.look(fee_report, month, today=date(2026, 12, 3))
        figures = {r.label: r.value for r in report.rows}
        assert figures["应收合计"] == month_lines
        assert sum(figures[k] for k in ("保育费", "伙食费", "其他服务费", "代收费", "退费", "减免", "调整")) == month_lines
        path = write_bills_xlsx(shown, folder / f"{month}.xlsx")
        wb = openpyxl.load_workbook(path, read_only=True)
        cells = [round(r[9] * 100) for r in wb["收费单"].iter_rows(min_row=2, values_only=True)]
        totals = [round(r[3] * 100) for r in wb["合计"].iter_rows(min_row=2, values_only=True)]
        assert sum(cells) == sum(totals) == month_lines and len(cells) == len(lines)
        year_lines += month_lines
        year_totals += stored
    assert year_lines == year_totals > 0
    refunds = ops.look(lambda db: db.values("SELECT COUNT(*) FROM bill_lines WHERE name = '伙食费退费'")[0][0])
    assert refunds > 100  # the register's absences came back as refunds, month after month
