"""The window's forms take rare-character names and old certificate levels, and refuse emoji (issue 15)."""
from datetime import date

import pytest
from sqlmodel import select

from tests.exchange.conftest import CLASSES, TODAY, make_id
from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.services import children as kids
from tuoyu_desktop.services import staff as svc
from tuoyu_desktop.services.forms import check_record, save_record
from tuoyu_desktop.services.training import add_course_for_many
from tuoyu_desktop.store.models import Certificate, Staff, TrainingRecord

STAFF_ID = make_id(date(1990, 3, 8), 2, "320411")


@pytest.fixture
def classes(importer):
    importer("classes", CLASSES)


def child_form(**kw):
    values = {"姓名": "张𬌗", "性别": "男", "出生日期": "2025-06-10", "身份证号": make_id(date(2025, 6, 10), 1),
              "班级": "托小一班", "入托日期": "2026-09-01", "托育形式": "全日托", "监护人姓名": "张𠈌",
              "监护人电话": "13812345678"}
    values.update(kw)
    return values


def staff_form(**kw):
    values = {"姓名": "王堃", "性别": "女", "身份证号": STAFF_ID, "岗位": "保育人员", "所在班级": "托小一班",
              "入职日期": "2024-03-01"}
    values.update(kw)
    return values


def test_a_child_with_a_rare_character_name_is_enrolled_through_the_form_and_found(classes, workspace):
    with workspace.session() as s:
        child, _ = kids.save_child(s, child_form(), workspace.profiles, TODAY)
        assert child.name == "张𬌗" and child.guardian_name == "张𠈌"
        assert [r.name for r in kids.search_roster(kids.roster(s, TODAY), "𬌗")] == ["张𬌗"]


@pytest.mark.parametrize("field", ["姓名", "监护人姓名"])
def test_an_emoji_in_a_child_or_guardian_name_is_refused_by_the_form(classes, workspace, field):
    with workspace.session() as s, pytest.raises(InputError) as err:
        check_record(s, "children", child_form(**{field: "乐乐😀"}), workspace.profiles, TODAY)
    assert err.value.for_field(field) == ["姓名不能包含表情符号“😀”（真实的姓名里没有表情符号，月报PDF也无法打印）"]


def test_staff_with_a_rare_character_name_is_saved_through_the_form_and_found(classes, workspace):
    with workspace.session() as s:
        save_record(s, "staff", staff_form(), workspace.profiles, TODAY)
        assert [r.name for r in svc.search_staff(svc.staff_rows(s, TODAY), "堃")] == ["王堃"]


def test_an_emoji_in_a_staff_name_is_refused_by_the_form(classes, workspace):
    with workspace.session() as s, pytest.raises(InputError) as err:
        check_record(s, "staff", staff_form(姓名="王堃🌸"), workspace.profiles, TODAY)
    assert err.value.for_field("姓名")[0].startswith("姓名不能包含表情符号“🌸”")


def test_an_emoji_in_a_class_name_is_refused_by_the_form(workspace):
    with workspace.session() as s, pytest.raises(InputError) as err:
        save_record(s, "classes", {"班级名称": "🐣小班", "班型": "托小班", "核定人数": "15", "是否普惠": "是"}, workspace.profiles, TODAY)
    assert err.value.for_field("班级名称")[0].startswith("班级名称不能包含表情符号“🐣”")


def test_an_emoji_in_a_voucher_child_or_guardian_is_refused_by_the_form(workspace):
    values = {"券号": "TN1", "幼儿姓名": "小明🎈", "身份证号": make_id(date(2025, 1, 5), 5), "监护人": "李华❤️",
              "兑换日期": "2026-10-12"}
    with workspace.session() as s, pytest.raises(InputError) as err:
        check_record(s, "vouchers", values, workspace.profiles, TODAY)
    assert err.value.for_field("幼儿姓名")[0].startswith("姓名不能包含表情符号“🎈”")
    assert err.value.for_field("监护人")[0].startswith("姓名不能包含表情符号“❤”")


@pytest.mark.parametrize("written,stored", [("四级", "四级"), ("中级", "四级"), ("高级技师", "一级")])
def test_a_yuyingyuan_certificate_with_a_level_is_saved_through_the_form(classes, workspace, written, stored):
    with workspace.session() as s:
        save_record(s, "staff", staff_form(), workspace.profiles, TODAY)
        save_record(s, "certificates", {"身份证号": STAFF_ID, "证书类型": "育婴员", "等级": written, "证书编号": "YYY1",
                                 "发证日期": "2020-06-01"}, workspace.profiles, TODAY)
        assert s.exec(select(Certificate)).one().level == stored


def test_a_120_hour_course_is_registered_for_many_staff_through_the_form(classes, workspace):
    with workspace.session() as s:
        save_record(s, "staff", staff_form(), workspace.profiles, TODAY)
        staff_id = s.exec(select(Staff)).one().id
        add_course_for_many(s, [staff_id], {"培训日期": "2026-03-02", "课程名称": "岗前培训", "类别": "专业", "课时": "120",
                                            "是否岗前培训": True}, workspace.profiles, TODAY)
        assert s.exec(select(TrainingRecord)).one().hours == 120
