"""Enrolment, leaving and moving class, told as the manager's stories."""
from datetime import date

import pytest
from sqlmodel import select

from tests.exchange.conftest import CLASSES, TODAY, make_id
from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.services import children as svc
from tuoyu_desktop.services.classes import class_rows
from tuoyu_desktop.services.forms import save_record
from tuoyu_desktop.store.models import Child, Placement


@pytest.fixture
def classes(importer):
    importer("classes", CLASSES)


def form(**kw):
    values = {"姓名": "王子涵", "性别": "男", "出生日期": "2025-06-10", "身份证号": make_id(date(2025, 6, 10), 1),
              "班级": "托小一班", "入托日期": "2026-09-01", "托育形式": "全日托", "月收费": "2800",
              "监护人姓名": "王建国", "监护人电话": "13812345678", "入托体检日期": "2026-08-20",
              "接种证查验日期": "2026-09-05", "已查验儿童保健手册": True, "需补种": False, "备注": ""}
    values.update(kw)
    return values


def enrol(workspace, **kw):
    with workspace.session() as s:
        return svc.save_child(s, form(**kw), workspace.profiles, TODAY)[0]


def test_manager_enrols_a_child_through_the_form(classes, workspace):
    child = enrol(workspace)
    with workspace.session() as s:
        stored = s.get(Child, child.id)
        assert stored.monthly_fee_fen == 280000 and stored.handbook_seen
        assert svc.class_on(s, child.id, TODAY).name == "托小一班"


def test_a_child_already_registered_by_id_number_is_not_added_twice(classes, workspace):
    first = enrol(workspace)
    with pytest.raises(svc.DuplicateChild) as err:
        enrol(workspace, 姓名="王子寒")
    assert err.value.certain and err.value.existing_id == first.id
    assert "身份证号已登记：王子涵（托小一班）" in str(err.value)


def test_same_name_birth_and_phone_without_id_asks_for_confirmation(classes, workspace):
    enrol(workspace, 身份证号="")
    with pytest.raises(svc.DuplicateChild) as err:
        enrol(workspace, 身份证号="")
    assert not err.value.certain and "可能重复" in str(err.value)
    with workspace.session() as s:
        svc.save_child(s, form(身份证号=""), workspace.profiles, TODAY, confirmed_not_duplicate=True)
        assert len(s.exec(select(Child)).all()) == 2


def test_leaving_keeps_the_record_and_ends_the_placement(classes, workspace):
    child = enrol(workspace)
    with workspace.session() as s:
        changes = svc.leave(s, child.id, "2026-11-20", "家庭原因", TODAY)
    assert "已办理离托 王子涵" in changes.message
    with workspace.session() as s:
        assert s.get(Child, child.id).left_on == date(2026, 11, 20)
        assert [r.name for r in svc.roster(s, TODAY)] == []
        assert [r.name for r in svc.roster(s, TODAY, include_left=True)] == ["王子涵"]


def test_leave_date_before_enrolment_is_refused(classes, workspace):
    child = enrol(workspace)
    with pytest.raises(InputError) as err:
        with workspace.session() as s:
            svc.leave(s, child.id, "2026-08-01", "家庭原因", TODAY)
    assert err.value.for_field("离托日期") == ["早于入托日期2026-09-01"]


def test_moving_up_keeps_the_history_so_past_months_stay_as_they_were(classes, workspace):
    child = enrol(workspace, 出生日期="2025-10-01", 身份证号=make_id(date(2025, 10, 1), 1), 班级="乳儿一班",
                  入托日期="2026-05-01")
    with workspace.session() as s:
        svc.move(s, child.id, "托小一班", "2026-10-01", workspace.profiles, TODAY)
    with workspace.session() as s:
        assert svc.class_on(s, child.id, date(2026, 9, 30)).name == "乳儿一班"
        assert svc.class_on(s, child.id, date(2026, 10, 1)).name == "托小一班"
        assert len(s.exec(select(Placement).where(Placement.child_id == child.id)).all()) == 2


def test_moving_to_a_class_the_child_is_too_young_for_is_refused(classes, workspace):
    child = enrol(workspace, 出生日期="2025-10-01", 身份证号=make_id(date(2025, 10, 1), 1), 班级="乳儿一班",
                  入托日期="2026-05-01")
    with pytest.raises(InputError) as err:
        with workspace.session() as s:
            svc.move(s, child.id, "托大一班", "2026-10-01", workspace.profiles, TODAY)
    assert "托大班收24–36个月幼儿" in err.value.for_field("转入班级")[0]


def test_class_choices_offer_only_classes_that_fit_the_age_and_have_room(classes, workspace):
    with workspace.session() as s:
        profile = workspace.profiles["通用"]
        choices = {c.name: c for c in svc.class_choices(s, profile, date(2025, 6, 10), date(2026, 9, 1))}
    assert choices["托小一班"].problem is None and choices["托小一班"].free == 3
    assert "乳儿班收6–12个月" in choices["乳儿一班"].problem
    assert "混龄班只收18个月及以上幼儿" in choices["混龄班"].problem  # 14 months old


def test_children_about_to_pass_their_band_or_36_months_are_listed(classes, workspace):
    enrol(workspace, 姓名="快升班", 出生日期="2024-12-10", 身份证号=make_id(date(2024, 12, 10), 3), 入托日期="2026-01-05")
    enrol(workspace, 姓名="快离园", 出生日期="2023-12-20", 身份证号=make_id(date(2023, 12, 20), 5), 班级="托大一班",
          入托日期="2026-01-05")
    enrol(workspace, 姓名="还早", 出生日期="2025-06-10", 身份证号=make_id(date(2025, 6, 10), 7))
    with workspace.session() as s:
        due = svc.due_to_move(s, workspace.profiles["通用"], TODAY)
    assert [(d.name, d.action, d.due_on) for d in due] == [
        ("快升班", "应升班", date(2026, 12, 10)), ("快离园", "应离托（转入幼儿园）", date(2026, 12, 20))]


def test_children_missing_health_check_or_vaccination_check_are_followed_up(classes, workspace):
    enrol(workspace, 入托体检日期="", 接种证查验日期="")
    enrol(workspace, 姓名="晚查", 身份证号=make_id(date(2025, 6, 10), 3), 接种证查验日期="2026-10-20")
    enrol(workspace, 姓名="齐全", 身份证号=make_id(date(2025, 6, 11), 5), 出生日期="2025-06-11")
    with workspace.session() as s:
        rows = [(r.name, r.problem) for r in svc.health_follow_up(s, TODAY)]
    assert rows == [("晚查", "接种证查验晚于入托后30天（2026-10-20）"), ("王子涵", "缺入托体检"),
                    ("王子涵", "未查验预防接种证（已超过入托后30天）")]


def test_class_page_shows_enrolled_places_caregivers_and_ratio(classes, workspace, importer):
    for i in range(3):
        enrol(workspace, 姓名=f"幼儿{i}", 身份证号=make_id(date(2025, 6, 10), 2 * i + 1))
    importer("staff", [{"姓名": "陆文静", "身份证号": make_id(date(1990, 3, 8), 2, "320411"), "岗位": "保育人员",
                        "所在班级": "托小一班", "入职日期": "2024-03-01"}])
    with workspace.session() as s:
        row = next(r for r in class_rows(s, workspace.profiles["通用"], TODAY) if r.name == "托小一班")
    assert (row.enrolled, row.free, row.caregivers, row.caregivers_needed, row.ratio_ok) == (3, 0, 1, 1, True)
    with pytest.raises(InputError) as err:
        enrol(workspace, 姓名="第四个", 身份证号=make_id(date(2025, 6, 10), 9))
    assert "托小一班在2026-09-01将有4人，超过核定人数3人" in err.value.for_field("班级")[0]


def test_a_class_cannot_be_closed_while_children_are_in_it(classes, workspace):
    enrol(workspace)
    with workspace.session() as s:
        klass_id = next(r.id for r in class_rows(s, workspace.profiles["通用"], TODAY) if r.name == "托小一班")
    with pytest.raises(InputError) as err:
        with workspace.session() as s:
            save_record(s, "classes", {"班级名称": "托小一班", "班型": "托小班", "核定人数": "3", "是否普惠": "是",
                           "开班日期": "2025-01-01", "停班日期": "2026-11-30"}, workspace.profiles, TODAY, klass_id)
    assert "还有1名幼儿" in err.value.for_field("停班日期")[0]


def test_class_capacity_above_the_standard_is_refused(classes, workspace):
    with pytest.raises(InputError) as err:
        with workspace.session() as s:
            save_record(s, "classes", {"班级名称": "乳儿二班", "班型": "乳儿班", "核定人数": "12", "是否普惠": "是"},
                       workspace.profiles, TODAY)
    assert err.value.for_field("核定人数") == ["乳儿班最多10人（托育机构设置标准（试行））"]
