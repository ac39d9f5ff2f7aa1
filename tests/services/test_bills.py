"""月度收费单 (SPEC §11): drafts from the register, 出账 in order, 作废, payments oldest first, 欠费."""
from datetime import date

import pytest

from tests.exchange.conftest import CLASSES, child_row, make_id
from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.domain.month import Month
from tuoyu_desktop.exchange.importer import ImportFailed
from tuoyu_desktop.services import bills, register
from tuoyu_desktop.services.alerts import collect_alerts
from tuoyu_desktop.services.forms import save_record
from tuoyu_desktop.services.operations import Operations
from tuoyu_desktop.services.settings import REFUND_RUN, set_setting

TODAY = date(2026, 11, 25)
NOV, OCT, DEC = Month(2026, 11), Month(2026, 10), Month(2026, 12)
FOOD = {"类别": "伙食费", "名称": "伙食费", "适用托育形式": "全部", "计费方式": "每个开园日", "单价": "18",
        "生效日期": "2026-01-01"}
CARE = {"类别": "保育费", "名称": "保育费", "适用托育形式": "全日托", "计费方式": "每月", "单价": "3000",
        "生效日期": "2026-01-01"}


def kid(i, **extra):
    return child_row(f"幼儿{i}", date(2024, 8, 1), i + 1, "托大一班", enrolled="2026-09-01", 月收费="", **extra)


@pytest.fixture
def ops(importer, workspace):
    importer("classes", CLASSES)
    importer("children", [kid(0), kid(1), kid(2, 入托日期="2026-11-16")])
    importer("fees", [FOOD, CARE])
    return Operations(workspace, today=lambda: TODAY)


def by_name(month_bills):
    return {b.name: b for b in month_bills.bills}


def lines(bill):
    return {(line.category, line.name): line for line in bill.lines}


def absent(ops, day, names, reason="病假"):
    first = ops.look(register.day_sheet, None, day)
    klass = ops.look(register.day_sheet, dict((n, i) for i, n in first.classes)["托大一班"], day)
    for row in klass.rows:
        if row.name in names:
            row.mark, row.symptom = reason, ("发热" if reason == "病假" else "")
    ops.change(register.save_day, klass.class_id, day, klass.rows)


def test_a_month_bills_the_care_fee_and_the_meals_ahead_for_each_child_enrolled(ops):
    nov = by_name(ops.look(bills.month_bills, NOV))
    open_days = 21  # 2026-11: Monday 2nd to Monday 30th, weekdays, no holiday
    first = lines(nov["幼儿0"])
    assert first[("保育费", "保育费")].amount_fen == 300000 and first[("保育费", "保育费")].note == "整月"
    assert first[("伙食费", "伙食费")].quantity == open_days and first[("伙食费", "伙食费")].amount_fen == 18 * 100 * 21
    assert nov["幼儿0"].state == "未出账" and not nov["幼儿0"].number


def test_a_child_enrolled_mid_month_pays_the_care_fee_for_her_open_days_only(ops):
    late = lines(by_name(ops.look(bills.month_bills, NOV))["幼儿2"])
    # from Monday 16th: 11 of the month's 21 open days; 3000 × 11 / 21 = 1571.428… → 1571.43
    assert late[("保育费", "保育费")].amount_fen == 157143 and late[("保育费", "保育费")].note == "按开园日折算 11/21"
    assert late[("伙食费", "伙食费")].quantity == 11


def test_confirming_a_month_numbers_its_bills_and_freezes_them(ops, importer):
    changes = ops.change(bills.confirm_month, NOV, date(2026, 11, 1))
    assert "3张" in changes.message and "202611-001–202611-003" in changes.message
    importer("fees", [{**CARE, "单价": "3500", "生效日期": "2026-11-01"}])
    nov = ops.look(bills.month_bills, NOV)
    assert [b.number for b in nov.bills] == ["202611-001", "202611-002", "202611-003"]
    assert lines(by_name(nov)["幼儿0"])[("保育费", "保育费")].amount_fen == 300000  # the price change came later
    assert by_name(nov)["幼儿0"].confirmed_on == date(2026, 11, 1) and by_name(nov)["幼儿0"].state == "未缴费"
    with pytest.raises(InputError, match="已经出账（3张），没有新的幼儿要出账"):
        ops.change(bills.confirm_month, NOV)


def test_absent_days_of_last_month_are_refunded_on_the_next_bill(ops, workspace):
    ops.change(bills.confirm_month, OCT, date(2026, 10, 1))
    for day in (date(2026, 10, 12), date(2026, 10, 13), date(2026, 10, 14)):
        absent(ops, day, {"幼儿0"})
    absent(ops, date(2026, 10, 20), {"幼儿1"}, "事假")
    nov = by_name(ops.look(bills.month_bills, NOV))
    refund = lines(nov["幼儿0"])[("伙食费", "伙食费退费")]
    assert refund.quantity == 3 and refund.unit_fen == -1800 and refund.amount_fen == -5400
    assert lines(nov["幼儿1"])[("伙食费", "伙食费退费")].amount_fen == -1800
    assert ("伙食费", "伙食费退费") not in lines(nov["幼儿2"])  # not billed in October: nothing to refund
    with workspace.session() as s:
        set_setting(s, REFUND_RUN.key, "3")  # 伙食费退费起点: only runs of three days or more
    nov = by_name(ops.look(bills.month_bills, NOV))
    assert lines(nov["幼儿0"])[("伙食费", "伙食费退费")].amount_fen == -5400
    assert ("伙食费", "伙食费退费") not in lines(nov["幼儿1"])


def test_months_are_confirmed_in_order(ops):
    ops.change(bills.confirm_month, NOV)  # the first month ever confirmed needs nothing before it
    with pytest.raises(InputError, match="已从2026年11月开始出账，不能再给更早的2026年10月出账"):
        ops.change(bills.confirm_month, OCT)
    ops.change(bills.confirm_month, DEC)
    with pytest.raises(InputError, match="2027年1月还有3张收费单没有出账.*请先给2027年1月出账"):
        ops.change(bills.confirm_month, Month(2027, 2))


def test_a_child_enrolled_after_the_month_was_confirmed_is_billed_when_it_is_confirmed_again(ops, importer):
    ops.change(bills.confirm_month, NOV, date(2026, 11, 1))
    importer("children", [kid(3, 入托日期="2026-11-23")])
    nov = ops.look(bills.month_bills, NOV)
    assert [b.name for b in nov.drafts] == ["幼儿3"]
    changes = ops.change(bills.confirm_month, NOV, date(2026, 11, 23))
    assert "1张（202611-004）" in changes.message


def test_a_voided_bill_is_kept_marked_and_the_childs_bill_made_again(ops, importer):
    ops.change(bills.confirm_month, NOV, date(2026, 11, 1))
    first = by_name(ops.look(bills.month_bills, NOV))["幼儿0"]
    changes = ops.change(bills.void_bill, first.bill_id, "保育费应按普惠价")
    assert "已作废收费单202611-001" in changes.message and "重新出账为202611-004" in changes.message
    nov = ops.look(bills.month_bills, NOV)
    assert [b.number for b in nov.voided] == ["202611-001"] and nov.voided[0].void_reason == "保育费应按普惠价"
    assert by_name(nov)["幼儿0"].number == "202611-004"
    with pytest.raises(InputError, match="已于2026-11-25作废"):
        ops.change(bills.void_bill, first.bill_id, "再作废一次")


def test_an_adjustment_goes_on_the_draft_and_not_on_a_confirmed_bill(ops, importer):
    child = make_id(date(2024, 8, 1), 1)
    importer("adjustments", [{"身份证号": child, "月份": "2026-11", "原因": "同胞减免", "金额": "-200"}])
    assert lines(by_name(ops.look(bills.month_bills, NOV))["幼儿0"])[("调整", "同胞减免")].amount_fen == -20000
    ops.change(bills.confirm_month, NOV)
    with pytest.raises(ImportFailed) as refused:
        importer("adjustments", [{"身份证号": child, "月份": "2026-11", "原因": "更正", "金额": "50"}])
    assert "已出账（202611-001）" in str(refused.value) and "调整请记在2026年12月" in str(refused.value)


def pay(ops, amount, day, receipt=""):
    values = {"身份证号": make_id(date(2024, 8, 1), 1), "收款日期": day.isoformat(), "金额": amount, "方式": "微信",
              "收据号": receipt}
    return ops.change(save_record, "payments", values)


def test_payments_settle_the_oldest_bill_first_and_get_receipt_numbers_without_gaps(ops):
    ops.change(bills.confirm_month, OCT, date(2026, 10, 1))
    ops.change(bills.confirm_month, NOV, date(2026, 11, 1))
    child_id = by_name(ops.look(bills.month_bills, NOV))["幼儿0"].child_id
    oct_total = ops.look(bills.account, child_id).bills[0].total_fen
    assert "收据号2026-00001" in pay(ops, "1000", date(2026, 11, 2)).message
    assert "收据号2026-00002" in pay(ops, f"{(oct_total - 100000) / 100:.2f}", date(2026, 11, 3)).message
    acct = ops.look(bills.account, child_id)
    assert [(b.number, b.state) for b in acct.bills] == [("202610-001", "已结清"), ("202611-001", "未缴费")]
    assert acct.payments[1].settles == ("202610-001",)
    pay(ops, "100", date(2026, 11, 4))
    acct = ops.look(bills.account, child_id)
    assert acct.bills[1].state == "部分缴费" and acct.balance_fen == acct.bills[1].total_fen - 10000


def test_a_receipt_number_already_used_and_a_payment_in_a_locked_month_are_refused(ops):
    from tuoyu_desktop.services import returns
    from tuoyu_desktop.services.records.payments import void_payment

    ops.change(bills.confirm_month, OCT, date(2026, 10, 1))
    pay(ops, "1000", date(2026, 10, 12), "2026-00007")
    with pytest.raises(InputError, match="收据号2026-00007已经用过"):
        pay(ops, "10", date(2026, 10, 12), "2026-00007")
    ops.change(returns.lock, ops.look(returns.get_return, "2026-10"))  # 10月 sent to the district
    with pytest.raises(InputError, match="2026年10月的月报已锁定（已报送），这个月的收费数字（实收、欠费）不能再变"):
        pay(ops, "10", date(2026, 10, 30))
    receipt = ops.look(bills.account, by_name(ops.look(bills.month_bills, OCT))["幼儿0"].child_id).payments[0]
    with pytest.raises(InputError, match="收据2026-00007（2026-10-12）：2026年10月的月报已锁定"):
        ops.change(void_payment, receipt.id, "录错了")
    assert "2026-00008" in pay(ops, "10", date(2026, 11, 2)).message  # after the highest of the year


def test_arrears_are_an_alert_fifteen_days_after_the_oldest_unpaid_bill(ops):
    ops.change(bills.confirm_month, NOV, date(2026, 11, 1))
    names = lambda day: {a.text.split("（")[0] for a in ops.look(collect_alerts, today=day) if a.group == "欠费"}
    assert names(date(2026, 11, 15)) == set()
    assert names(date(2026, 11, 16)) == {"幼儿0", "幼儿1", "幼儿2"}
    acct_total = by_name(ops.look(bills.month_bills, NOV))["幼儿0"].total_fen
    pay(ops, f"{acct_total / 100:.2f}", date(2026, 11, 5))
    assert names(date(2026, 11, 16)) == {"幼儿1", "幼儿2"}


def test_a_register_change_after_the_next_months_bills_were_confirmed_says_they_do_not_change(ops):
    ops.change(bills.confirm_month, NOV, date(2026, 11, 1))
    first = ops.look(register.day_sheet, None, date(2026, 10, 20))
    klass = ops.look(register.day_sheet, dict((n, i) for i, n in first.classes)["托大一班"], date(2026, 10, 20))
    klass.rows[0].mark = "事假"
    message = ops.change(register.save_day, klass.class_id, klass.day, klass.rows).message
    assert "2026年11月的收费单已出账" in message and "记调整" in message
    before = by_name(ops.look(bills.month_bills, NOV))[klass.rows[0].name]
    assert ("伙食费", "伙食费退费") not in lines(before)  # the confirmed bill did not change


def test_a_child_with_bills_is_not_deleted_but_can_leave(ops):
    from tuoyu_desktop.services.forms import delete_record

    ops.change(bills.confirm_month, NOV)
    child_id = by_name(ops.look(bills.month_bills, NOV))["幼儿0"].child_id
    with pytest.raises(InputError, match="已有收费单或收款记录，不能删除"):
        ops.change(delete_record, "children", child_id)


def test_confirming_a_month_is_a_named_operation_that_undo_takes_back(ops):
    from tuoyu_desktop.services import history

    ops.change(bills.confirm_month, NOV, date(2026, 11, 1))
    assert "撤销“出账2026年11月收费单3张" in ops.look(history.undoable).label
    ops.change(history.undo_last)
    assert [b.number for b in ops.look(bills.month_bills, NOV).bills] == ["", "", ""]


def test_a_payment_undone_gives_its_receipt_number_back(ops):
    from tuoyu_desktop.services import history

    ops.change(bills.confirm_month, NOV, date(2026, 11, 1))
    pay(ops, "100", date(2026, 11, 2))
    assert ops.look(history.undoable).label == "撤销“收款100.00元（幼儿0，收据号2026-00001）”"
    ops.change(history.undo_last)
    assert ops.look(bills.account, by_name(ops.look(bills.month_bills, NOV))["幼儿0"].child_id).payments == []
    assert "2026-00001" in pay(ops, "100", date(2026, 11, 2)).message  # no gap is left


def test_a_refund_paid_out_is_a_negative_receipt_and_settles_money_owed_back(ops, importer):
    child = make_id(date(2024, 8, 1), 1)
    importer("adjustments", [{"身份证号": child, "月份": "2026-11", "原因": "多收更正", "金额": "-5000"}])
    ops.change(bills.confirm_month, NOV, date(2026, 11, 1))
    nov = by_name(ops.look(bills.month_bills, NOV))["幼儿0"]
    assert nov.total_fen < 0 and nov.state == "应退"
    assert "已退款" in pay(ops, f"{nov.total_fen / 100:.2f}", date(2026, 11, 3)).message
    acct = ops.look(bills.account, nov.child_id)
    assert acct.balance_fen == 0 and acct.payments[0].amount_fen == nov.total_fen


def test_the_food_account_of_a_term_balances_income_against_purchases_and_alerts_beyond_two_percent(ops, importer):
    from tuoyu_desktop.domain.month import Term
    from tuoyu_desktop.services.fee_report import food_account

    for month in (Month(2026, 9), OCT, NOV, DEC, Month(2027, 1)):
        ops.change(bills.confirm_month, month, month.first)
    term = Term(2026, "秋季")
    income = ops.look(food_account, term).income_fen
    assert income > 0
    spend = income * 95 // 100  # 5 % left over: beyond the 规范's 2 %
    importer("purchases", [{"采购日期": "2026-12-01", "供货方": "配送中心", "品名": "大米、蔬菜", "金额": f"{spend / 100:.2f}"}],
             today=date(2027, 2, 3))
    account = ops.look(food_account, term)
    assert account.spend_fen == spend and account.months[3].spend_fen == spend
    assert account.months[-1].balance_fen == income - spend
    texts = lambda day: [a.text for a in ops.look(collect_alerts, today=day) if a.group == "伙食费"]
    assert texts(date(2027, 1, 31)) == []  # the term has not ended
    (alert,) = texts(date(2027, 2, 3))
    assert "2026年秋季学期" in alert and "结余率5.00%" in alert and "超过±2%" in alert
    importer("purchases", [{"采购日期": "2027-01-05", "供货方": "配送中心", "品名": "肉类", "金额":
                            f"{(income * 4 // 100) / 100:.2f}"}], today=date(2027, 2, 3))
    assert texts(date(2027, 2, 3)) == []  # now 1 % left: within the bound
