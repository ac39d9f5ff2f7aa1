"""The 幼儿 and 班级 pages driven through their real widgets."""
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from tests.exchange.conftest import CLASSES, make_id
from tests.exchange.helpers import dump
from tests.ui.conftest import last_dialog, type_into
from tuoyu_desktop.services import children as svc
from tuoyu_desktop.store.models import Child, SchoolClass

pytestmark = pytest.mark.gui
ID = make_id(date(2025, 6, 10), 1)


@pytest.fixture
def page(window, importer):
    importer("classes", CLASSES)
    window.apply(svc.Changes(everything=True))
    window.nav_buttons["children"].invoke()
    window.root.update()
    return window.views["children"]


def _fill_child(dialog, **overrides):
    f = dialog.form
    values = {"姓名": "王子涵", "身份证号": ID, "入托日期": "2026-09-01", "监护人电话": "13812345678"}
    values.update(overrides)
    for key, text in values.items():
        type_into(f.widgets[key], text)
    return f


def test_enrolling_a_child_fills_birth_and_sex_from_the_id_and_offers_fitting_classes(page, workspace):
    page.buttons["new"].invoke()
    dialog = last_dialog(page.app.root)
    f = _fill_child(dialog)
    assert f.vars["出生日期"].get() == "2025-06-10" and f.vars["性别"].get() == "男"
    assert tuple(f.widgets["班级"].cget("values")) == ("托小一班",)  # 14 months: only the 托小班 fits
    assert "托小一班（余3位）" in f.error_labels["班级"].cget("text")
    f.widgets["班级"].set("托小一班")
    f.save_button.invoke()
    with workspace.session() as s:
        child = s.exec(select(Child)).one()
        assert (child.name, child.birth_date, child.sex) == ("王子涵", date(2025, 6, 10), "男")
    assert page.app.status.cget("text") == "已登记入托 王子涵"
    assert page.table.selected() == str(child.id)
    assert not dialog.winfo_exists()


def test_a_wrong_id_check_character_is_shown_when_the_field_is_left(page):
    dialog = page.new_child()
    f = _fill_child(dialog, 身份证号=ID[:17] + ("0" if ID[-1] != "0" else "1"))
    assert f.error_text("身份证号").startswith("校验位应为")


def test_a_child_under_six_months_is_refused_at_the_enrolment_date(page, workspace):
    dialog = page.new_child()
    f = _fill_child(dialog, 身份证号="", 出生日期="2026-06-01", 入托日期="2026-11-20")
    f.vars["性别"].set("女")
    f.widgets["托育形式"].set("全日托")
    f.save_button.invoke()
    assert "未满6个月龄" in f.error_text("入托日期")
    assert tuple(f.widgets["班级"].cget("values")) == ()
    with workspace.session() as s:
        assert s.exec(select(Child)).all() == []


def test_enrolment_before_birth_and_a_full_class_are_refused(page, workspace):
    for i in range(3):
        with workspace.session() as s:
            svc.save_child(s, {"姓名": f"幼儿{i}", "性别": "男", "出生日期": "2025-06-10",
                               "身份证号": make_id(date(2025, 6, 10), 2 * i + 3), "班级": "托小一班",
                               "入托日期": "2026-09-01", "托育形式": "全日托"}, workspace.profiles, date(2026, 11, 25))
    dialog = page.new_child()
    f = _fill_child(dialog)
    assert "托小一班" not in f.widgets["班级"].cget("values")
    f.vars["班级"].set("托小一班")
    f.save_button.invoke()
    assert "超过核定人数3人" in f.error_text("班级")
    type_into(f.widgets["入托日期"], "2025-01-01")
    assert f.error_text("入托日期") == "早于出生日期"


def test_the_same_id_number_offers_to_open_the_existing_record(page, workspace, dialogs):
    with workspace.session() as s:
        svc.save_child(s, {"姓名": "王子涵", "性别": "男", "出生日期": "2025-06-10", "身份证号": ID, "班级": "托小一班",
                           "入托日期": "2026-09-01", "托育形式": "全日托"}, workspace.profiles, date(2026, 11, 25))
    dialogs.answers["ask_yes_no"] = False
    dialog = page.new_child()
    f = _fill_child(dialog, 姓名="王子寒")
    f.vars["班级"].set("托小一班")
    f.save_button.invoke()
    (name, title, args), = dialogs.named("ask_yes_no")
    assert title == "已经登记过" and "打开该幼儿的档案吗" in args[0]
    assert f.error_text("身份证号").startswith("身份证号已登记：王子涵")
    with workspace.session() as s:
        assert len(s.exec(select(Child)).all()) == 1


def test_cancelling_the_form_leaves_no_trace(page, db_path):
    before = dump(db_path)
    dialog = page.new_child()
    f = _fill_child(dialog)
    f.cancel_button.invoke()
    assert not dialog.winfo_exists()
    assert dump(db_path) == before


@pytest.fixture
def two_children(page, workspace):
    for name, seq, phone in (("王子涵", 1, "13812345678"), ("李欣怡", 2, "13900001111")):
        with workspace.session() as s:
            svc.save_child(s, {"姓名": name, "性别": "男" if seq % 2 else "女", "出生日期": "2025-06-10",
                               "身份证号": make_id(date(2025, 6, 10), seq), "班级": "托小一班", "入托日期": "2026-09-01",
                               "托育形式": "全日托", "监护人电话": phone}, workspace.profiles, date(2026, 11, 25))
    page.app.apply(svc.Changes(everything=True))
    return page


def test_search_filters_the_roster_as_you_type_by_name_id_or_phone(two_children):
    page = two_children
    for text, names in (("李", ["李欣怡"]), ("1381234", ["王子涵"]), (make_id(date(2025, 6, 10), 2)[-6:], ["李欣怡"]),
                        ("", ["李欣怡", "王子涵"])):
        page.search.delete(0, "end")
        page.search.insert(0, text)
        page.update()
        assert sorted(page.table.values(i)[0] for i in page.table.visible_ids()) == sorted(names), text
    assert page.count_label.cget("text") == "共 2 条"


def test_sorting_by_a_column_heading(two_children):
    page = two_children
    page.table.sort_by("name")
    first = [page.table.values(i)[0] for i in page.table.visible_ids()]
    page.table.sort_by("name")
    assert [page.table.values(i)[0] for i in page.table.visible_ids()] == list(reversed(first))


def test_leaving_through_the_right_click_menu_and_showing_those_who_left(two_children, workspace):
    page = two_children
    iid = next(i for i in page.table.visible_ids() if page.table.values(i)[0] == "王子涵")
    page.table.select(iid)
    page.table.menu.invoke(page.table.menu.index("离托"))
    dialog = last_dialog(page.app.root)
    f = dialog.form
    type_into(f.widgets["离托日期"], "2026-08-01")
    f.vars["离托原因"].set("家庭原因")
    f.save_button.invoke()
    assert f.error_text("离托日期") == "早于入托日期2026-09-01"
    type_into(f.widgets["离托日期"], "2026-11-20")
    f.save_button.invoke()
    assert [page.table.values(i)[0] for i in page.table.visible_ids()] == ["李欣怡"]
    page.include_left_check.invoke()
    assert sorted(page.table.values(i)[0] for i in page.table.visible_ids()) == ["李欣怡", "王子涵"]
    with workspace.session() as s:
        assert s.exec(select(Child).where(Child.name == "王子涵")).one().leave_reason == "家庭原因"


def test_double_click_opens_the_record_and_an_edit_is_saved(two_children, workspace):
    page = two_children
    iid = next(i for i in page.table.visible_ids() if page.table.values(i)[0] == "李欣怡")
    page.table.select(iid)
    page.table.tree.focus_set()
    page.table.tree.event_generate("<Return>")
    dialog = last_dialog(page.app.root)
    assert dialog.form.vars["姓名"].get() == "李欣怡"
    type_into(dialog.form.widgets["月收费"], "3200")
    dialog.form.save_button.invoke()
    with workspace.session() as s:
        assert s.exec(select(Child).where(Child.name == "李欣怡")).one().monthly_fee_fen == 320000


def test_moving_class_through_the_dialog(page, workspace):
    with workspace.session() as s:
        child, _ = svc.save_child(s, {"姓名": "小宝", "性别": "男", "出生日期": "2025-10-01",
                                      "身份证号": make_id(date(2025, 10, 1), 1), "班级": "乳儿一班",
                                      "入托日期": "2026-05-01", "托育形式": "全日托"}, workspace.profiles, date(2026, 11, 25))
    page.refresh()
    dialog = page.move(str(child.id))
    f = dialog.form
    type_into(f.widgets["转班日期"], "2026-10-01")
    assert tuple(f.widgets["转入班级"].cget("values")) == ("托小一班",)
    f.vars["转入班级"].set("托小一班")
    f.save_button.invoke()
    with workspace.session() as s:
        assert svc.class_on(s, child.id, date(2026, 10, 1)).name == "托小一班"
        assert svc.class_on(s, child.id, date(2026, 9, 30)).name == "乳儿一班"


def test_export_masks_id_and_phone_unless_full_numbers_are_ticked(two_children, dialogs, tmp_path):
    page = two_children
    dialogs.answers["ask_save_file"] = str(tmp_path / "花名册.xlsx")
    page.export()
    ws = load_workbook(tmp_path / "花名册.xlsx").active
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "138****5678" in cells and make_id(date(2025, 6, 10), 1) not in cells
    page.full_numbers_check.invoke()
    dialogs.answers["ask_save_file"] = str(tmp_path / "完整.xlsx")
    page.export()
    ws = load_workbook(tmp_path / "完整.xlsx").active
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "13812345678" in cells and make_id(date(2025, 6, 10), 1) in cells


def test_delete_asks_first(two_children, dialogs, workspace):
    page = two_children
    dialogs.answers["ask_yes_no"] = False
    iid = page.table.visible_ids()[0]
    page.table.select(iid)
    page.table.tree.focus_set()
    page.update()
    page.table.tree.event_generate("<Delete>")
    assert dialogs.named("ask_yes_no")
    with workspace.session() as s:
        assert len(s.exec(select(Child)).all()) == 2


def test_classes_page_adds_a_class_and_refuses_one_above_the_cap(window, workspace):
    window.nav_buttons["classes"].invoke()
    page = window.views["classes"]
    page.buttons["new"].invoke()
    dialog = last_dialog(window.root)
    f = dialog.form
    type_into(f.widgets["班级名称"], "乳儿二班")
    f.vars["班型"].set("乳儿班")
    type_into(f.widgets["核定人数"], "12")
    assert f.error_text("核定人数") == "乳儿班最多10人（托育机构设置标准（试行））"
    type_into(f.widgets["核定人数"], "10")
    f.save_button.invoke()
    with workspace.session() as s:
        assert s.exec(select(SchoolClass)).one().capacity == 10
    assert [page.table.values(i)[0] for i in page.table.visible_ids()] == ["乳儿二班"]


def test_classes_page_shows_the_children_of_the_selected_class(two_children, window):
    window.nav_buttons["classes"].invoke()
    page = window.views["classes"]
    iid = next(i for i in page.table.visible_ids() if page.table.values(i)[0] == "托小一班")
    page.table.select(iid)
    page.update()
    assert page.table.values(iid)[3] == 2  # 在托
    assert sorted(page.members.values(i)[0] for i in page.members.visible_ids()) == ["李欣怡", "王子涵"]


def test_answering_yes_opens_the_already_registered_childs_record(page, workspace, dialogs):
    with workspace.session() as s:
        svc.save_child(s, {"姓名": "王子涵", "性别": "男", "出生日期": "2025-06-10", "身份证号": ID, "班级": "托小一班",
                           "入托日期": "2026-09-01", "托育形式": "全日托"}, workspace.profiles, date(2026, 11, 25))
    dialogs.answers["ask_yes_no"] = True
    dialog = page.new_child()
    f = _fill_child(dialog, 姓名="王子寒")
    f.vars["班级"].set("托小一班")
    f.save_button.invoke()
    page.update()
    opened = last_dialog(page.app.root)
    assert opened is not dialog and opened.form.vars["姓名"].get() == "王子涵"
    assert not dialog.winfo_exists()
    with workspace.session() as s:
        assert len(s.exec(select(Child)).all()) == 1


def test_a_new_form_shows_no_red_before_a_field_is_changed_or_saved_and_starts_at_the_id_number(window):
    from tests.ui.conftest import type_keys

    window.nav_buttons["children"].invoke()
    dialog = window.views["children"].new_child()
    form = dialog.form
    dialog.update()
    assert dialog.focus_get() is form.widgets["身份证号"]  # first: it fills 性别 and 出生日期
    for _ in range(4):  # Tab through the first fields without typing
        type_keys(dialog, "Tab")
    assert all(not form.error_text(k) for k in form.fields)
    form.widgets["姓名"].focus_set()
    form.widgets["姓名"].insert(0, "王")
    form.widgets["姓名"].delete(0, "end")
    type_keys(dialog, "Tab")
    assert not form.error_text("姓名")  # nothing typed in the end: still quiet
    form.save()
    assert "必填" in form.error_text("姓名")  # 保存 says what is missing
