"""今日待办 on 今日 and 首页: each line one key from its form, and ✓ once the form is saved."""
from datetime import date

import pytest
from sqlmodel import select

from tests.exchange.conftest import CLASSES, child_row, make_id
from tests.ui.conftest import last_dialog, type_into, type_keys
from tuoyu_desktop.store.models import Disinfection, MedicationDose

pytestmark = pytest.mark.gui

KID = make_id(date(2024, 8, 1), 1)


@pytest.fixture
def today_page(importer, window):
    importer("classes", CLASSES[2:3])  # 托大一班
    importer("children", [child_row("王子涵", date(2024, 8, 1), 1, "托大一班")])
    importer("medication", [{"身份证号": KID, "药名": "布洛芬混悬液", "剂量": "5 ml", "服药时间": "10:00",
                             "开始日期": "2026-11-25", "结束日期": "2026-11-25", "委托人": "王磊", "家长已签字": "是"}])
    page = window.show("today")
    page.refresh()
    return page


def panel_lines(panel):
    return {panel.tasks[iid].group: f"{panel.tree.item(iid, 'text')} {panel.tree.item(iid, 'values')[0]}"
            for iid in panel.tree.get_children()}


def choose(panel, group):
    (iid,) = [i for i, t in panel.tasks.items() if t.group == group]
    panel.tree.focus_set()
    panel.tree.selection_set(iid)
    panel.tree.focus(iid)
    panel.tree.update()


def test_the_disinfection_task_opens_the_days_sheet_and_is_ticked_when_it_is_saved(today_page, window, workspace):
    panel = today_page.checklist
    assert panel_lines(panel)["消毒"] == "✗ 消毒 托大一班：还没有登记"
    assert panel.heading.cget("text").startswith("今日待办：")
    choose(panel, "消毒")
    type_keys(window.root, "<Return>")
    sheet = last_dialog(window.root)
    assert sheet.title() == "消毒登记 — 2026-11-25"
    for key, text in (("surfaces", "餐桌、水杯"), ("agent", "含氯消毒剂 500 mg/L"), ("done_by", "王芳")):
        sheet.entries[0][key].insert(0, text)
    sheet.entries[0]["surfaces"].focus_force()
    type_keys(window.root, "<Return>")
    assert not sheet.winfo_exists()
    with workspace.session() as s:
        assert [(d.day, d.done_by) for d in s.exec(select(Disinfection)).all()] == [(date(2026, 11, 25), "王芳")]
    window.root.update()
    assert panel_lines(panel)["消毒"] == "✓ 消毒 托大一班：已登记"


def test_a_due_dose_opens_its_form_filled_in_and_the_given_dose_is_ticked(today_page, window, workspace):
    panel = today_page.checklist
    assert panel_lines(panel)["喂药"].startswith("✗ 喂药 10:00 王子涵 布洛芬混悬液 5 ml（托大一班")
    choose(panel, "喂药")
    panel.open_selected()
    f = last_dialog(window.root).form
    assert (f.vars["药名"].get() if "药名" in f.vars else f.widgets["药名"].get()) == "布洛芬混悬液"
    assert f.widgets["时间"].get() == "2026-11-25 10:00" and f.widgets["剂量"].get() == "5 ml"
    type_into(f.widgets["喂药人"], "王芳")
    type_into(f.widgets["核对人"], "王芳")
    f.save_button.invoke()  # the same person cannot check her own dose
    assert last_dialog(window.root).form is f and "喂药人" in f.error_text("核对人")
    type_into(f.widgets["核对人"], "孙红梅")
    f.save_button.invoke()
    with workspace.session() as s:
        (dose,) = s.exec(select(MedicationDose)).all()
    assert (dose.given_by, dose.verified_by, dose.result) == ("王芳", "孙红梅", "已服")
    window.root.update()
    assert "已服 10:00，喂药人王芳，核对人孙红梅" in panel_lines(panel)["喂药"]


def test_the_register_task_opens_the_class_and_the_home_page_shows_the_same_list(today_page, window):
    home = window.show("home")
    home.refresh()
    assert panel_lines(home.checklist) == panel_lines(today_page.checklist)
    choose(home.checklist, "出勤")
    type_keys(window.root, "<Return>")
    assert window.current == "today" and today_page.sheet.class_id == home.checklist.tasks[
        next(i for i, t in home.checklist.tasks.items() if t.group == "出勤")].ref
