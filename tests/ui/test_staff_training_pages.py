"""从业人员, 培训 and the 首页 alerts driven through their widgets."""
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from tests.exchange.conftest import make_id
from tests.pdf import pdf_fonts, pdf_text
from tests.ui.conftest import last_dialog, type_into, wait_until
from tuoyu_desktop.services.changes import Changes
from tuoyu_desktop.store.models import Certificate, Staff, TrainingRecord

pytestmark = pytest.mark.gui
A = make_id(date(1990, 3, 8), 2, "320411")
B = make_id(date(1991, 4, 9), 4, "320411")


@pytest.fixture
def staffed(window, importer):
    importer("staff", [{"姓名": "陆文静", "身份证号": A, "岗位": "保育人员", "入职日期": "2024-03-01"},
                       {"姓名": "周海燕", "身份证号": B, "岗位": "保育人员", "入职日期": "2026-03-15"}])
    importer("certificates", [{"身份证号": A, "证书类型": "健康证", "发证日期": "2025-12-10"}])
    window.apply(Changes(everything=True))
    return window


def test_adding_a_staff_member_through_the_form(window, workspace):
    window.nav_buttons["staff"].invoke()
    page = window.views["staff"]
    page.buttons["new"].invoke()
    f = last_dialog(window.root).form
    type_into(f.widgets["姓名"], "沈丽华")
    type_into(f.widgets["身份证号"], A)
    f.vars["岗位"].set("负责人")
    type_into(f.widgets["入职日期"], "2020-01-01")
    f.save_button.invoke()
    with workspace.session() as s:
        assert s.exec(select(Staff)).one().sex == "女"  # read from the ID number
    assert [page.table.values(i)[0] for i in page.table.visible_ids()] == ["沈丽华"]


def test_hiring_someone_on_the_blacklist_is_refused_with_the_reason(window, importer, workspace):
    importer("blacklist", [{"姓名": "赵某", "身份证号": A, "原因": "虐待婴幼儿，终身禁入"}])
    window.nav_buttons["staff"].invoke()
    window.views["staff"].buttons["new"].invoke()
    f = last_dialog(window.root).form
    type_into(f.widgets["姓名"], "赵某")
    type_into(f.widgets["身份证号"], A)
    f.vars["岗位"].set("保育人员")
    type_into(f.widgets["入职日期"], "2026-11-01")
    f.save_button.invoke()
    assert "在从业禁止黑名单中，不能聘用（原因：虐待婴幼儿，终身禁入）" in f.error_text("身份证号")
    with workspace.session() as s:
        assert s.exec(select(Staff)).all() == []


def test_certificates_window_adds_a_caregiver_certificate_and_refuses_expiry_before_issue(staffed, workspace):
    page = staffed.views["staff"]
    staffed.nav_buttons["staff"].invoke()
    iid = next(i for i in page.table.visible_ids() if page.table.values(i)[0] == "周海燕")
    page.table.select(iid)
    page.buttons["certs"].invoke()
    certs = last_dialog(staffed.root)
    certs.buttons["new"].invoke()
    f = last_dialog(certs).form
    f.vars["证书类型"].set("保育师")
    f.vars["等级"].set("四级")
    type_into(f.widgets["发证日期"], "2026-05-01")
    type_into(f.widgets["有效期至"], "2026-04-01")
    assert f.error_text("有效期至") == "早于发证日期"
    type_into(f.widgets["有效期至"], "")
    f.save_button.invoke()
    assert [certs.table.values(i)[0] for i in certs.table.visible_ids()] == ["保育师"]
    with workspace.session() as s:
        assert s.exec(select(Certificate).where(Certificate.cert_type == "保育师")).one().level == "四级"
    page.refresh()
    assert [page.uncertified.values(i)[0] for i in page.uncertified.visible_ids()] == ["陆文静"]



def test_a_yuyingyuan_certificate_takes_an_old_level_typed_into_the_dialog(staffed, workspace):
    page = staffed.views["staff"]
    staffed.nav_buttons["staff"].invoke()
    page.table.select(next(i for i in page.table.visible_ids() if page.table.values(i)[0] == "周海燕"))
    page.buttons["certs"].invoke()
    certs = last_dialog(staffed.root)
    certs.buttons["new"].invoke()
    f = last_dialog(certs).form
    f.vars["证书类型"].set("育婴员")
    assert str(f.widgets["等级"].cget("state")) == "normal"  # offers 五级…一级 and takes what is typed
    type_into(f.widgets["等级"], "六级")
    assert "不是育婴员的等级" in f.error_text("等级")
    type_into(f.widgets["等级"], "中级")
    assert f.error_text("等级") == ""
    type_into(f.widgets["发证日期"], "2012-05-01")
    f.save_button.invoke()
    assert [certs.table.values(i)[:2] for i in certs.table.visible_ids()] == [("育婴员", "四级")]
    page.refresh()
    assert [page.uncertified.values(i)[0] for i in page.uncertified.visible_ids()] == ["陆文静"]


def test_a_rare_character_name_typed_into_the_staff_form_is_saved_and_found_by_the_search_box(window, workspace):
    window.nav_buttons["staff"].invoke()
    page = window.views["staff"]
    page.buttons["new"].invoke()
    f = last_dialog(window.root).form
    type_into(f.widgets["姓名"], "李𬌗")
    type_into(f.widgets["身份证号"], A)
    f.vars["岗位"].set("负责人")
    type_into(f.widgets["入职日期"], "2020-01-01")
    f.save_button.invoke()
    with workspace.session() as s:
        assert s.exec(select(Staff)).one().name == "李𬌗"
    page.search_var.set("𬌗")
    assert [page.table.values(i)[0] for i in page.table.visible_ids()] == ["李𬌗"]
    page.search_var.set("王")
    assert page.table.visible_ids() == []


def test_certificate_list_shows_status_by_expiry(staffed):
    page = staffed.views["staff"]
    rows = [page.cert_table.values(i) for i in page.cert_table.visible_ids()]
    assert rows == [("陆文静", "保育人员", "健康证", "", "", "2025-12-10", "2026-12-10", "30日内到期")]


def test_one_course_for_many_staff_at_once_and_the_year_view(staffed, workspace):
    staffed.nav_buttons["training"].invoke()
    page = staffed.views["training"]
    page.buttons["new"].invoke()
    dialog = last_dialog(staffed.root)
    f = dialog.form
    type_into(f.widgets["培训日期"], "2026-06-10")
    type_into(f.widgets["课程名称"], "婴幼儿伤害预防与急救")
    type_into(f.widgets["课时"], "7.3")
    assert f.error_text("课时") == "课时按0.5递增，如1、1.5、2（培训记录规则）"
    type_into(f.widgets["课时"], "8")
    f.save_button.invoke()
    assert "请至少选择一名员工" in dialog.people_error.cget("text")
    dialog.people.select_set(0, "end")
    f.save_button.invoke()
    with workspace.session() as s:
        assert len(s.exec(select(TrainingRecord)).all()) == 2
    rows = {page.table.values(i)[0]: page.table.values(i) for i in page.table.visible_ids()}
    assert rows["周海燕"][3].endswith("8/48") and rows["陆文静"][3].endswith("8/64")
    assert "3月15日入职为9个月" in page.note.cget("text")


def test_year_view_exports_to_excel_and_prints_a_pdf_with_embedded_fonts(staffed, dialogs, tmp_path):
    staffed.nav_buttons["training"].invoke()
    page = staffed.views["training"]
    dialogs.answers["ask_save_file"] = str(tmp_path / "培训.xlsx")
    page.buttons["export"].invoke()
    ws = load_workbook(tmp_path / "培训.xlsx").active
    assert [c.value for c in ws[2]][:3] == ["姓名", "岗位", "入职日期"]
    page.buttons["print"].invoke()  # 保存年度表PDF: into 培训/ beside the database, without asking
    wait_until(page, lambda: page.writing.finished)  # written off the Tk thread
    pdf = staffed.banner.path
    assert pdf.parent.name == "培训" and pdf.name == "2026年培训达标情况.pdf"
    fonts = pdf_fonts(pdf)
    assert fonts and all(f.embedded for f in fonts), fonts
    text = pdf_text(pdf, layout=True)
    assert "2026年从业人员培训达标情况" in text and "第1页共1页" in text.replace(" ", "") and "周海燕" in text


def test_home_page_groups_the_alerts_and_opens_the_record(staffed):
    staffed.nav_buttons["home"].invoke()
    home = staffed.views["home"]
    groups = [home.alerts.item(i, "text") for i in home.alerts.get_children()]
    assert "证书（1）" in groups and any(g.startswith("培训") for g in groups)
    cert_group = next(i for i in home.alerts.get_children() if home.alerts.item(i, "text") == "证书（1）")
    child = home.alerts.get_children(cert_group)[0]
    assert "陆文静 健康证将于2026-12-10到期" in home.alerts.item(child, "values")[0]
    home.alerts.selection_set(child)
    dialog = home.open_selected()
    assert dialog.form.vars["姓名"].get() == "陆文静"
    assert staffed.current == "staff"


def test_a_training_record_is_edited_not_only_deleted(staffed, workspace):
    staffed.nav_buttons["training"].invoke()
    page = staffed.views["training"]
    page.buttons["new"].invoke()
    dialog = last_dialog(staffed.root)
    type_into(dialog.form.widgets["培训日期"], "2026-06-10")
    type_into(dialog.form.widgets["课程名称"], "婴幼儿伤害预防与急救")
    type_into(dialog.form.widgets["课时"], "8")
    dialog.people.select_set(0)
    dialog.form.save_button.invoke()
    page.tabs.select(1)
    iid = page.records.visible_ids()[0]
    page.records.select(iid)
    page.buttons["edit"].invoke()
    edit = last_dialog(staffed.root)
    person = page.records.values(iid)[1]
    assert edit.title() == f"编辑培训记录 — {person}" and edit.form.vars["课时"].get() == "8"
    type_into(edit.form.widgets["课时"], "12.5")
    edit.form.save_button.invoke()
    with workspace.session() as s:
        (record,) = s.exec(select(TrainingRecord)).all()
    assert record.hours == 12.5 and record.course == "婴幼儿伤害预防与急救"
    assert page.records.values(page.records.visible_ids()[0])[4] == "12.5"


def test_a_prorated_target_reads_in_half_hours(staffed):
    staffed.nav_buttons["training"].invoke()
    page = staffed.views["training"]
    rows = {page.table.values(i)[0]: page.table.values(i) for i in page.table.visible_ids()}
    assert rows["周海燕"][3].endswith("/48") and "向上取到0.5课时" in page.note.cget("text")
