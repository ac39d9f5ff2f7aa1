"""收费 on the command line (SPEC §11): bills and fee-report as a manager runs them month after month,
payments coming in by Excel, every refusal with its rule and exit 2."""
from datetime import date

import openpyxl
import pytest

from tests.conftest import run_cli
from tests.exchange.conftest import CLASSES, child_row, make_id
from tests.exchange.helpers import filled

FEES = [{"类别": "伙食费", "名称": "伙食费", "适用托育形式": "全部", "计费方式": "每个开园日", "单价": "18",
         "生效日期": "2026-01-01"},
        {"类别": "保育费", "名称": "保育费", "适用托育形式": "全日托", "计费方式": "每月", "单价": "3000",
         "生效日期": "2026-01-01"}]
KID = make_id(date(2024, 8, 1), 1)


@pytest.fixture
def centre(tmp_path):
    db = tmp_path / "t.sqlite3"
    for kind, rows in (("classes", CLASSES),
                       ("children", [child_row(f"幼儿{i}", date(2024, 8, 1), i + 1, "托大一班", 月收费="")
                                     for i in range(3)]),
                       ("fees", FEES)):
        result = run_cli("--db", str(db), "import", kind, str(filled(kind, rows, tmp_path / f"{kind}.xlsx")))
        assert result.returncode == 0, result.stderr
    return db


def cli(db, *args):
    return run_cli("--db", str(db), *args)


def pay(db, tmp_path, rows, name="收款.xlsx"):
    return cli(db, "import", "payments", str(filled("payments", rows, tmp_path / name)))


def test_a_months_bills_go_to_excel_with_a_row_per_line_and_a_total_per_child(centre, tmp_path):
    result = cli(centre, "bills", "--month", "2026-11", "--xlsx", str(tmp_path / "b.xlsx"))
    assert result.returncode == 0, result.stderr
    assert "已出账0张，未出账3张" in result.stdout
    wb = openpyxl.load_workbook(tmp_path / "b.xlsx")
    assert wb.sheetnames == ["收费单", "合计"]
    rows = list(wb["收费单"].iter_rows(values_only=True))
    assert rows[0] == ("收费单号", "姓名", "身份证号", "班级", "类别", "名称", "说明", "数量", "单价", "金额")
    care = next(r for r in rows[1:] if r[1] == "幼儿0" and r[5] == "保育费")
    assert care[2] != KID and "*" in care[2]  # masked unless --full
    assert care[7:] == (1, 3000, 3000) and isinstance(care[9], (int, float))
    totals = list(wb["合计"].iter_rows(values_only=True))
    assert totals[0] == ("收费单号", "姓名", "身份证号", "合计", "状态")
    assert {r[1]: (r[3], r[4]) for r in totals[1:]}["幼儿0"] == (3000 + 18 * 21, "未出账")
    cli(centre, "bills", "--month", "2026-11", "--xlsx", str(tmp_path / "full.xlsx"), "--full")
    assert KID in [r[2] for r in openpyxl.load_workbook(tmp_path / "full.xlsx")["收费单"].iter_rows(values_only=True)]


def test_bills_confirmed_month_after_month_refund_and_number_as_the_rules_say(centre, tmp_path):
    first = cli(centre, "bills", "--month", "2026-10", "--confirm", "--on", "2026-10-01")
    assert first.returncode == 0 and "已出账2026年10月收费单3张（202610-001–202610-003），出账日期2026-10-01" in first.stdout
    again = cli(centre, "bills", "--month", "2026-10", "--confirm")
    assert again.returncode == 2 and "已经出账（3张），没有新的幼儿要出账" in again.stderr
    skipped = cli(centre, "bills", "--month", "2026-12", "--confirm")
    assert skipped.returncode == 2 and "2026年11月还有3张收费单没有出账" in skipped.stderr
    mark = filled("attendance", [{"身份证号": KID, "日期": "2026-10-12", "出勤": "否", "缺勤原因": "病假", "症状": "发热"}],
                  tmp_path / "出勤.xlsx")
    assert cli(centre, "import", "attendance", str(mark)).returncode == 0
    nov = cli(centre, "bills", "--month", "2026-11", "--confirm", "--on", "2026-11-02", "--xlsx", str(tmp_path / "n.xlsx"))
    assert nov.returncode == 0, nov.stderr
    lines = list(openpyxl.load_workbook(tmp_path / "n.xlsx")["收费单"].iter_rows(values_only=True))
    refund = [r for r in lines if r[5] == "伙食费退费"]
    assert [(r[0], r[1], r[7], r[8], r[9]) for r in refund] == [("202611-001", "幼儿0", 1, -18, -18)]


def test_payments_come_in_by_excel_with_receipt_numbers_and_the_refusals_say_their_rule(centre, tmp_path):
    assert cli(centre, "bills", "--month", "2026-11", "--confirm", "--on", "2026-11-02").returncode == 0
    given = pay(centre, tmp_path, [{"身份证号": KID, "收款日期": "2026-11-03", "金额": "1000", "方式": "微信",
                                    "收据号": "2026-00005"},
                                   {"身份证号": KID, "收款日期": "2026-11-04", "金额": "500", "方式": "现金"}])
    assert given.returncode == 0, given.stderr
    used = pay(centre, tmp_path, [{"身份证号": KID, "收款日期": "2026-11-05", "金额": "10", "方式": "现金",
                                   "收据号": "2026-00006"}], "再收.xlsx")
    assert used.returncode == 2 and "第2行 收据号" in used.stderr and "收据号2026-00006已经用过" in used.stderr
    assert cli(centre, "report", "monthly", "--month", "2026-10", "--lock").returncode == 0
    locked = pay(centre, tmp_path, [{"身份证号": KID, "收款日期": "2026-10-30", "金额": "10", "方式": "现金"}], "早.xlsx")
    assert locked.returncode == 2 and "第2行 收款日期: 2026年10月的月报已锁定（已报送）" in locked.stderr
    report = cli(centre, "fee-report", "--month", "2026-11", "--xlsx", str(tmp_path / "r.xlsx"))
    assert report.returncode == 0, report.stderr
    assert "实收 微信：1000.00" in report.stdout and "实收 现金：500.00" in report.stdout
    assert "统计 收据张数：2" in report.stdout
    rows = {(r[0], r[1]): r[2] for r in openpyxl.load_workbook(tmp_path / "r.xlsx")["收费月报"].iter_rows(
        min_row=3, values_only=True)}
    assert rows[("实收", "实收合计")] == 1500 and rows[("统计", "收费单张数")] == 3
    assert rows[("应收", "保育费")] == 9000


def test_a_payment_naming_a_voided_bill_is_refused(centre, tmp_path, workspace_at):
    assert cli(centre, "bills", "--month", "2026-11", "--confirm", "--on", "2026-11-02").returncode == 0
    workspace_at(centre, lambda ops, bills: ops.change(bills.void_bill, 1, "价格错了"))
    result = pay(centre, tmp_path, [{"身份证号": KID, "收款日期": "2026-11-20", "金额": "10", "方式": "现金",
                                     "收费单号": "202611-001"}])
    assert result.returncode == 2 and "收费单202611-001已于" in result.stderr and "请收重新出账的202611-004" in result.stderr


@pytest.fixture
def workspace_at():
    from tuoyu_desktop.services import bills
    from tuoyu_desktop.services.operations import Operations
    from tuoyu_desktop.services.workspace import open_workspace

    def run(db, action):
        ws = open_workspace(db)
        try:
            return action(Operations(ws), bills)
        finally:
            ws.close()
    return run


def test_on_without_confirm_is_refused(centre):
    result = cli(centre, "bills", "--month", "2026-11", "--on", "2026-11-02")
    assert result.returncode == 2 and "--on 是出账日期，只和 --confirm 一起用" in result.stderr
