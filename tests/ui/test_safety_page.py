"""安全 page (SPEC §12): an injury picked from the roster, 消毒 by form and "same as last time"."""
from datetime import date

import pytest
from sqlmodel import select

from tests.exchange.conftest import CLASSES, child_row
from tests.ui.conftest import last_dialog, type_into
from tuoyu_desktop.store.models import Disinfection, Injury

pytestmark = pytest.mark.gui


@pytest.fixture
def page(importer, window):
    importer("classes", CLASSES[2:])
    importer("children", [child_row("王子涵", date(2024, 8, 1), 1, "托大一班")])
    return window.show("safety")


def test_an_injury_is_registered_for_a_child_picked_by_name_and_counted_on_the_home_page(page, window, workspace):
    page.refresh()
    page.tabs.select(1)
    page.buttons["new"].invoke()
    f = last_dialog(window.root).form
    type_into(f.widgets["幼儿"], "wzh")  # 王子涵 by the first letters of her name
    for key, text in (("发生时间", "2026-11-25 10:20"), ("地点", "户外场地"), ("经过", "奔跑时绊倒"), ("部位", "额头"),
                      ("记录人", "王芳")):
        type_into(f.widgets[key], text)
    f.vars["伤害类型"].set("跌倒/坠落")
    f.save_button.invoke()
    with workspace.session() as s:
        (injury,) = s.exec(select(Injury)).all()
    assert (injury.injury_type, injury.parent_told_at) == ("跌倒/坠落", None)
    assert page.tables["injuries"].values(page.tables["injuries"].visible_ids()[0])[6] == "未告知"
    home = window.show("home")
    home.refresh()
    assert home.figures["injuries"].cget("text") == "1"


def test_disinfection_is_kept_by_form_and_the_next_day_with_one_click(page, window, workspace):
    page.refresh()
    page.buttons["new"].invoke()
    f = last_dialog(window.root).form
    type_into(f.widgets["日期"], "2026-11-24")
    for key, text in (("班级", "托大一班"), ("消毒项目", "餐桌、水杯"), ("方法和浓度", "含氯消毒剂 500 mg/L"), ("执行人", "王芳")):
        if key in f.vars:
            f.vars[key].set(text)
        else:
            type_into(f.widgets[key], text)
    f.save_button.invoke()
    page.buttons["same"].invoke()  # today, 11-25: 托大一班 as on the 24th; 混龄班 has nothing to copy
    assert "已按上次的记录登记11月25日的消毒：托大一班" in window.status.cget("text")
    with workspace.session() as s:
        assert sorted(d.day.isoformat() for d in s.exec(select(Disinfection)).all()) == ["2026-11-24", "2026-11-25"]


def test_a_days_disinfection_is_typed_for_every_class_and_enter_confirms_the_last_days(page, window, workspace):
    from tests.ui.conftest import type_keys
    from tuoyu_desktop.ui.views.safety import DisinfectionDayDialog

    first = DisinfectionDayDialog(page, date(2026, 11, 24))
    assert [r.class_name for r in first.rows] == ["混龄班", "托大一班"]
    for entries in first.entries:
        for key, text in (("surfaces", "餐桌、水杯"), ("agent", "含氯消毒剂 500 mg/L"), ("done_by", "王芳")):
            entries[key].insert(0, text)
    first.entries[1]["done_by"].delete(0, "end")
    assert not first.save() and "托大一班 执行人：必填" in first.error.cget("text")
    first.entries[1]["done_by"].insert(0, "李娜")
    assert first.save()
    again = DisinfectionDayDialog(page, date(2026, 11, 25))  # the next day: remembered
    window.root.update()
    assert again.entries[1]["done_by"].get() == "李娜"
    again.entries[0]["surfaces"].focus_force()
    type_keys(window.root, "<Return>")  # one key: the same as yesterday
    with workspace.session() as s:
        days = sorted((d.day.isoformat(), d.done_by) for d in s.exec(select(Disinfection)).all())
    assert days == [("2026-11-24", "李娜"), ("2026-11-24", "王芳"), ("2026-11-25", "李娜"), ("2026-11-25", "王芳")]


def test_a_new_medication_order_is_unsigned_and_an_unsigned_one_opens_unsigned(page, window, workspace, importer):
    """A form's tick box showed 是 for the text 否 (any text was true): a new 委托 opened as signed by the
    parent, and editing an unsigned one would have stored it signed with one press of 保存."""
    from tuoyu_desktop.store.models import MedicationOrder
    from tuoyu_desktop.ui.views.safety import medication_dialog

    dialog = medication_dialog(page)
    assert dialog.form.vars["家长已签字"].get() is False
    dialog.destroy()
    importer("medication", [{"身份证号": child_row("王子涵", date(2024, 8, 1), 1, "托大一班")["身份证号"], "药名": "布洛芬混悬液",
                             "剂量": "5 ml", "服药时间": "10:00", "开始日期": "2026-11-25", "结束日期": "2026-11-25",
                             "委托人": "王磊", "家长已签字": "否"}])
    with workspace.session() as s:
        (order,) = s.exec(select(MedicationOrder)).all()
    dialog = medication_dialog(page, order.id)
    assert dialog.form.vars["家长已签字"].get() is False and dialog.form.vars["原包装已查验"].get() is False
    dialog.form.save_button.invoke()
    with workspace.session() as s:
        assert s.get(MedicationOrder, order.id).parent_signed is False


def test_an_injury_is_registered_from_the_today_sheet_and_from_the_roster_for_that_child(page, window, workspace):
    today = window.show("today")
    today.class_box.set("托大一班")
    today.change_class()
    today.select(today.tree.get_children()[0])
    today.buttons["injury"].invoke()
    dialog = last_dialog(window.root)
    assert dialog.title() == "伤害登记 — 王子涵" and "幼儿" not in dialog.form.widgets
    f = dialog.form
    assert f.vars["发生时间"].get().startswith(today.sheet.day.isoformat())
    for key, text in (("发生时间", f"{today.sheet.day.isoformat()} 09:40"), ("地点", "活动室"), ("经过", "碰到桌角"),
                      ("部位", "手臂"), ("记录人", "王芳")):
        f.vars[key].set(text)
    f.vars["伤害类型"].set("碰撞")
    f.save_button.invoke()
    roster = window.show("children")
    roster.refresh()
    dialog = roster.injury(roster.table.visible_ids()[0])
    assert dialog.title() == "伤害登记 — 王子涵"
    f = dialog.form
    for key, text in (("发生时间", "2026-11-25 15:10"), ("地点", "盥洗室"), ("经过", "滑倒"), ("部位", "膝盖"), ("记录人", "王芳")):
        f.vars[key].set(text)
    f.vars["伤害类型"].set("跌倒/坠落")
    f.save_button.invoke()
    with workspace.session() as s:
        injuries = s.exec(select(Injury).order_by(Injury.happened_at)).all()
    assert [(i.injury_type, i.body_part) for i in injuries] == [("碰撞", "手臂"), ("跌倒/坠落", "膝盖")]
    assert len({i.child_id for i in injuries}) == 1
