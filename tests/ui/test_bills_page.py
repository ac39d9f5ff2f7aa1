"""收费单 page (SPEC §11): a month's drafts reviewed with what each line comes from, 出账, 收款 with its
receipt, 作废 and the bill made again — all through the real widgets."""
from datetime import date

import pytest

from tests.exchange.conftest import CLASSES, child_row
from tests.ui.conftest import last_dialog, type_into, wait_until

pytestmark = pytest.mark.gui

FEES = [{"类别": "伙食费", "名称": "伙食费", "适用托育形式": "全部", "计费方式": "每个开园日", "单价": "18",
         "生效日期": "2026-01-01"},
        {"类别": "保育费", "名称": "保育费", "适用托育形式": "全日托", "计费方式": "每月", "单价": "3000",
         "生效日期": "2026-01-01"}]


@pytest.fixture
def page(importer, window):
    importer("classes", CLASSES)
    importer("children", [child_row(f"幼儿{i}", date(2024, 8, 1), i + 1, "托大一班", 月收费="") for i in range(2)])
    importer("fees", FEES)
    return window.show("bills")


def rows(table):
    return [table.values(i) for i in table.visible_ids()]


def test_the_months_drafts_show_what_each_line_comes_from_and_confirming_numbers_them(page, window):
    page.refresh()
    assert [r[0] for r in rows(page.table)] == ["（未出账）", "（未出账）"]
    assert [(r[1], r[2], r[5]) for r in rows(page.lines)] == [("保育费", "整月", "3,000.00"),
                                                              ("伙食费", "预收 21 个开园日", "378.00")]
    page.buttons["confirm"].invoke()
    dialog = last_dialog(window.root)
    type_into(dialog.form.widgets["出账日期"], "2026-11-02")
    dialog.form.save_button.invoke()
    assert [(r[0], r[6]) for r in rows(page.table)] == [("202611-001", "未缴费"), ("202611-002", "未缴费")]
    assert page.buttons["confirm"].instate(["disabled"])  # nothing left to confirm
    assert "已出账2026年11月收费单2张" in window.status.cget("text")


def test_a_payment_gets_its_receipt_number_settles_the_bill_and_the_receipt_prints(page, window, dialogs, tmp_path):
    page.refresh()
    page.buttons["confirm"].invoke()
    last_dialog(window.root).form.save_button.invoke()
    page.buttons["account"].invoke()
    account = last_dialog(window.root)
    assert "欠费 3,378.00 元" in account.heading.cget("text")
    account.buttons["pay"].invoke()
    pay = last_dialog(window.root)
    assert pay.form.widgets["金额"].get() == "3378.00"  # the balance owed, to be changed if less is paid
    pay.form.save_button.invoke()
    assert dialogs.named("ask_yes_no")[-1][1] == "打印收据"
    wait_until(window.root, lambda: not getattr(page, "writing", None) or page.writing.finished)
    account.refresh()
    assert "已结清" in account.heading.cget("text")
    assert [r[0] for r in rows(account.payments)] == ["2026-00001"]
    assert rows(account.bills)[0][4] == "已结清"
    from tuoyu_desktop.ui import outputs

    receipt = outputs.print_folder(window, "bills") / "收据2026-00001.pdf"
    assert receipt.read_bytes().startswith(b"%PDF")


def test_a_confirmed_bill_is_voided_with_a_reason_kept_marked_and_made_again(page, window):
    page.refresh()
    page.buttons["confirm"].invoke()
    last_dialog(window.root).form.save_button.invoke()
    page.table.select(page.table.visible_ids()[0])
    page.buttons["void"].invoke()
    dialog = last_dialog(window.root)
    dialog.form.save_button.invoke()
    assert "必须填写原因" in dialog.form.error_text("作废原因")
    type_into(dialog.form.widgets["作废原因"], "保育费单价录错")
    dialog.form.save_button.invoke()
    shown = [(r[0], r[6]) for r in rows(page.table)]
    assert ("202611-001", "已作废") in shown and ("202611-003", "未缴费") in shown and len(shown) == 3


def test_the_childs_account_opens_from_the_roster(page, window):
    roster = window.show("children")
    first = roster.table.visible_ids()[0]
    account = roster.account(first)
    assert "的收费账户：已结清" in account.heading.cget("text") and not account.bills.visible_ids()


def test_the_refund_run_and_the_arrears_days_are_set_on_the_settings_page(page, window, workspace):
    from tuoyu_desktop.services.bills import fee_settings
    from tuoyu_desktop.services.operations import Operations

    settings = window.show("settings")
    form = settings.fee_form
    assert form.widgets["伙食费退费起点"].get() == "1" and form.widgets["欠费提醒天数"].get() == "15"
    type_into(form.widgets["伙食费退费起点"], "0")
    form.save_button.invoke()
    assert "应为1–31的整数" in form.error_text("伙食费退费起点")
    type_into(form.widgets["伙食费退费起点"], "3")
    type_into(form.widgets["欠费提醒天数"], "30")
    form.save_button.invoke()
    assert Operations(workspace).look(fee_settings) == {"伙食费退费起点": "3", "欠费提醒天数": "30"}


def test_one_childs_bill_and_a_whole_class_print_as_pdfs(page, window):
    from tuoyu_desktop.ui import outputs

    page.refresh()
    page.print_one(page.table.visible_ids()[0])
    wait_until(window.root, lambda: page.writing.finished)
    page.buttons["print"].invoke()
    wait_until(window.root, lambda: page.writing.finished)
    folder = outputs.print_folder(window, "bills")
    assert sorted(p.name for p in folder.glob("*.pdf")) == ["2026-11收费单-全部班级.pdf", "2026-11收费单-幼儿0-草稿.pdf"]


def test_an_arrears_alert_on_the_home_page_opens_the_childs_account(page, window):
    from tuoyu_desktop.services import bills
    from tuoyu_desktop.services.operations import Operations

    Operations(window.workspace, today=lambda: date(2026, 11, 25)).change(bills.confirm_month, "2026-11", date(2026, 11, 2))
    home = window.show("home")
    home.refresh_alerts()
    iid = next(i for i, (target, _) in home.targets.items() if target == "account")
    home.alerts.selection_set(iid)
    account = home.open_selected()
    assert "的收费账户：欠费 3,378.00 元" in account.heading.cget("text")
