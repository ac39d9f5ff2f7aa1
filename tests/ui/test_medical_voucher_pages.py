from datetime import date

import pytest
from sqlmodel import select

from tests.exchange.conftest import make_id
from tests.ui.conftest import last_dialog, type_into, wait_until
from tuoyu_desktop.store.models import Agreement, Visit, VoucherRedemption

pytestmark = pytest.mark.gui


def test_adding_an_agreement_and_a_visit_clears_the_alerts(window, workspace):
    window.nav_buttons["medical"].invoke()
    page = window.views["medical"]
    assert "没有有效的医育结合服务协议" in page.status.cget("text")
    page.buttons["new_agreement"].invoke()
    f = last_dialog(window.root).form
    for key, text in (("医疗机构名称", "茶山社区卫生服务中心"), ("签订日期", "2026-01-05"), ("生效日期", "2026-01-10"),
                      ("到期日期", "2025-01-09")):
        type_into(f.widgets[key], text)
    assert f.error_text("到期日期") == "早于生效日期"
    type_into(f.widgets["到期日期"], "2027-06-09")
    f.save_button.invoke()
    page.buttons["new_visit"].invoke()
    f = last_dialog(window.root).form
    type_into(f.widgets["内容"], "晨午检指导")
    f.save_button.invoke()
    with workspace.session() as s:
        visit = s.exec(select(Visit)).one()
        assert visit.agreement_id == s.exec(select(Agreement)).one().id
    assert page.status.cget("text") == ""



def test_editing_a_visit_saves_the_new_content(demo_window, workspace):
    demo_window.nav_buttons["medical"].invoke()
    page = demo_window.views["medical"]
    iid = page.visits.visible_ids()[0]
    page.visits.select(iid)
    page.visits.tree.focus_set()
    page.visits.tree.event_generate("<FocusIn>")
    page.buttons["edit"].invoke()
    f = last_dialog(demo_window.root).form
    type_into(f.widgets["内容"], "午睡巡查指导")
    type_into(f.widgets["发现问题"], "寝室通风不足")
    f.save_button.invoke()
    with workspace.session() as s:
        visit = s.get(Visit, int(iid))
        assert (visit.content, visit.findings) == ("午睡巡查指导", "寝室通风不足")
    assert "午睡巡查指导" in page.visits.values(iid)

def test_redeeming_a_voucher_and_refusing_a_reused_serial(window, workspace):
    window.nav_buttons["vouchers"].invoke()
    page = window.views["vouchers"]
    for attempt in range(2):
        page.buttons["new"].invoke()
        f = last_dialog(window.root).form
        type_into(f.widgets["券号"], "TN001")
        type_into(f.widgets["幼儿姓名"], "小明")
        type_into(f.widgets["身份证号"], make_id(date(2025, 1, 5), 5))
        f.save_button.invoke()
    assert "券号TN001已于2026-11-25为小明" in f.error_text("券号")
    f.cancel_button.invoke()
    with workspace.session() as s:
        assert len(s.exec(select(VoucherRedemption)).all()) == 1
    assert [page.table.values(i)[0] for i in page.table.visible_ids()] == ["TN001"]


def test_deleting_needs_a_reason_and_the_claim_is_written(demo_window, workspace, dialogs, tmp_path):
    demo_window.nav_buttons["vouchers"].invoke()
    page = demo_window.views["vouchers"]
    iid = page.table.visible_ids()[0]
    page.table.select(iid)
    page.buttons["delete"].invoke()
    f = last_dialog(demo_window.root).form
    f.save_button.invoke()
    assert f.error_text("删除原因") == "删除体验券记录必须填写原因"
    type_into(f.widgets["删除原因"], "家长取消")
    f.save_button.invoke()
    assert iid not in page.table.visible_ids()
    page.include_deleted_check.invoke()
    assert page.table.values(iid)[-1] == "已删除：家长取消"
    page.buttons["claim"].invoke()
    f = last_dialog(demo_window.root).form
    f.save_button.invoke()
    wait_until(page, lambda: page.writing.finished)  # written off the Tk thread
    assert sorted(p.suffix for p in page.written) == [".pdf", ".xlsx"]
    assert all(p.exists() and "_2026-10_体验券申领表" in p.name for p in page.written)
    assert {p.parent.name for p in page.written} == {"体验券申领表"} and not dialogs.named("ask_directory")
