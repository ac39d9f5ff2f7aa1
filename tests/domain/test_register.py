"""The daily register's rules for one mark, one check, one case (SPEC §8)."""
from datetime import date
from types import SimpleNamespace

from tuoyu_desktop.domain.opendays import DayOverride, OpenDays
from tuoyu_desktop.domain.policy import HealthRule
from tuoyu_desktop.domain.register import (
    Case,
    Check,
    Mark,
    case_problems,
    check_problems,
    check_result,
    due_follow_up,
    mark_problems,
    missing_morning_checks,
    open_case_on,
    overdue_follow_ups,
    temperature_problem,
    unmarked_children,
)

RULE = HealthRule()
CAL = OpenDays({date(2025, 7, 21): DayOverride(False, "暑假")})
MON, TUE, WED, THU, FRI = (date(2025, 10, d) for d in (13, 14, 15, 16, 17))


def child(id=1, care="全日托", enrolled=date(2025, 9, 1), left=None):
    return SimpleNamespace(id=id, care_type=care, enrolled_on=enrolled, left_on=left)


def messages(problems):
    return {p.field: p.message for p in problems}


def test_a_present_child_on_an_ordinary_monday_is_accepted():
    assert mark_problems(child(), MON, "出勤", "", CAL, [], RULE) == []


def test_a_mark_on_national_day_is_refused_naming_the_holiday_and_the_rule():
    msg = messages(mark_problems(child(), date(2025, 10, 1), "出勤", "", CAL, [], RULE))["日期"]
    assert "不是开园日" in msg and "国庆节" in msg and "国务院办公厅节假日安排" in msg


def test_a_mark_on_the_centres_summer_closure_is_refused_with_its_note():
    assert "暑假" in messages(mark_problems(child(), date(2025, 7, 21), "出勤", "", CAL, [], RULE))["日期"]


def test_a_mark_before_enrolment_or_on_the_leaving_day_is_refused():
    before = messages(mark_problems(child(enrolled=TUE), MON, "出勤", "", CAL, [], RULE))["日期"]
    assert "不在托" in before and "入托日期" in before
    # the 离托 date is the first day the child is no longer enrolled (SPEC §3)
    assert "日期" in messages(mark_problems(child(left=TUE), TUE, "事假", "", CAL, [], RULE))
    assert mark_problems(child(left=TUE), MON, "事假", "", CAL, [], RULE) == []


def test_a_sick_leave_without_its_symptom_is_refused_and_says_which_symptoms():
    msg = messages(mark_problems(child(), MON, "病假", "", CAL, [], RULE))["症状"]
    assert "发热" in msg and "皮疹" in msg
    assert mark_problems(child(), MON, "病假", "咳嗽", CAL, [], RULE) == []
    assert "症状" in messages(mark_problems(child(), MON, "病假", "头疼脑热", CAL, [], RULE))


def test_an_unknown_mark_is_refused_with_the_four_choices():
    assert "出勤、病假、事假、其他" in messages(mark_problems(child(), MON, "迟到", "", CAL, [], RULE))["出勤"]


def test_a_child_with_hand_foot_mouth_disease_and_no_return_date_cannot_be_marked_present():
    case = Case(child_id=1, disease="手足口病", onset_on=date(2025, 10, 9))
    msg = messages(mark_problems(child(), MON, "出勤", "", CAL, [case], RULE))["出勤"]
    assert "手足口病" in msg and "复课日期" in msg and "复课证明" in msg
    # absent is still allowed: the register shows where the child is
    assert mark_problems(child(), MON, "病假", "皮疹", CAL, [case], RULE) == []


def test_a_return_date_without_the_certificate_still_blocks_presence_and_with_it_allows_it():
    no_paper = Case(1, "手足口病", date(2025, 10, 1), returned_on=MON, return_certificate=False)
    assert "复课证明" in messages(mark_problems(child(), MON, "出勤", "", CAL, [no_paper], RULE))["出勤"]
    back = Case(1, "手足口病", date(2025, 10, 1), returned_on=MON, return_certificate=True)
    assert mark_problems(child(), MON, "出勤", "", CAL, [back], RULE) == []
    assert "出勤" in messages(mark_problems(child(), date(2025, 10, 10), "出勤", "", CAL, [back], RULE))


def test_a_case_that_began_after_the_day_does_not_block_that_day_and_other_childrens_cases_never_do():
    later = Case(1, "水痘", WED)
    assert open_case_on([later], 1, MON) is None and open_case_on([later], 1, WED) is later
    assert open_case_on([Case(2, "水痘", date(2025, 10, 9))], 1, MON) is None


def test_a_temperature_of_37_3_is_abnormal_even_if_normal_is_ticked_and_37_2_is_not():
    assert check_result(37.3, "正常", RULE) == "异常"
    assert check_result(37.2, "正常", RULE) == "正常"
    assert check_result(36.5, "异常", RULE) == "异常"  # a rash at normal temperature stays 异常
    assert check_result(None, "正常", RULE) == "正常"


def test_a_temperature_typed_as_3_65_or_365_is_refused_with_the_range_and_its_source():
    for typo in (3.65, 365, 34.9, 42.1):
        msg = temperature_problem(typo, RULE)
        assert msg and "35.0–42.0" in msg and "托儿所幼儿园卫生保健工作规范" in msg
    assert temperature_problem(35.0, RULE) is None and temperature_problem(42.0, RULE) is None


def test_a_morning_check_with_an_unknown_finding_or_action_is_refused_field_by_field():
    problems = messages(check_problems(child(), MON, "晨检", 41.0, "异常", ("发热", "打喷嚏"), "送医院", CAL, RULE))
    assert set(problems) == {"异常情况", "处理"}
    problems = messages(check_problems(child(), MON, "早检", 43.0, "好", (), "", CAL, RULE))
    assert set(problems) == {"检次", "体温", "结果"}
    assert check_problems(child(), MON, "午检", 38.5, "异常", ("发热",), "通知家长接回", CAL, RULE) == []
    assert "日期" in messages(check_problems(child(), date(2025, 10, 4), "晨检", 36.5, "正常", (), "", CAL, RULE))


def test_a_sick_leave_on_friday_is_followed_up_by_the_end_of_monday_and_overdue_on_tuesday():
    sick = Mark(1, date(2025, 10, 17), "病假", "发热")
    assert due_follow_up(sick.day, CAL, RULE) == date(2025, 10, 20)
    assert overdue_follow_ups([sick], date(2025, 10, 20), CAL, RULE) == []
    assert overdue_follow_ups([sick], date(2025, 10, 21), CAL, RULE) == [sick]
    done = Mark(1, date(2025, 10, 17), "病假", "发热", followed_up_on=date(2025, 10, 20))
    assert overdue_follow_ups([done], date(2025, 10, 21), CAL, RULE) == []


def test_a_sick_leave_before_national_day_is_due_on_the_first_open_day_after_it():
    assert due_follow_up(date(2025, 9, 30), CAL, RULE) == date(2025, 10, 9)
    sick = Mark(1, date(2025, 9, 30), "病假", "腹泻")
    assert overdue_follow_ups([sick], date(2025, 10, 9), CAL, RULE) == []
    assert overdue_follow_ups([sick, Mark(2, date(2025, 9, 30), "事假")], date(2025, 10, 10), CAL, RULE) == [sick]


def test_full_and_half_day_children_without_a_mark_are_unregistered_but_hourly_ones_are_not():
    kids = [child(1), child(2, "半日托"), child(3, "计时托"), child(4, "临时托"), child(5, enrolled=TUE),
            child(6)]
    marks = [Mark(6, MON, "事假")]
    assert unmarked_children(kids, marks, MON, CAL) == [1, 2]
    assert unmarked_children(kids, marks, date(2025, 10, 4), CAL) == []  # a closed day asks nothing


def test_a_present_child_without_a_morning_check_is_listed_but_a_noon_check_does_not_count():
    marks = [Mark(1, MON, "出勤"), Mark(2, MON, "出勤"), Mark(3, MON, "病假", "发热"), Mark(4, TUE, "出勤")]
    checks = [Check(1, MON, "晨检", 36.6, "正常"), Check(2, MON, "午检", 36.8, "正常")]
    assert missing_morning_checks(marks, checks, MON) == [2]


def test_a_case_with_an_unknown_disease_or_dates_before_its_onset_is_refused():
    bad = Case(1, "感冒", MON, diagnosed_on=date(2025, 10, 10), returned_on=date(2025, 10, 12))
    assert set(messages(case_problems(bad))) == {"病名", "诊断日期", "复课日期"}
    assert case_problems(Case(1, "水痘", MON, diagnosed_on=MON, reported_on=TUE, returned_on=FRI,
                              return_certificate=True)) == []
