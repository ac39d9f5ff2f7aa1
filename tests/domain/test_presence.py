"""Staff leave and the ratio by who is really there (SPEC §8, A12)."""
from datetime import date
from types import SimpleNamespace

from tuoyu_desktop.domain.presence import (
    Leave,
    caregivers_present,
    children_present,
    leave_problems,
    on_leave,
    ratio_fails,
)
from tuoyu_desktop.domain.register import Mark

MON, TUE, WED = date(2025, 10, 13), date(2025, 10, 14), date(2025, 10, 15)


def staff(id, role="保育人员", class_id=7, hired=date(2024, 9, 1), left=None):
    return SimpleNamespace(id=id, role=role, class_id=class_id, hired_on=hired, left_on=left)


def post(staff_id, role, class_id, start):
    return SimpleNamespace(staff_id=staff_id, role=role, class_id=class_id, start_on=start)


def test_a_leave_that_ends_before_it_starts_is_refused_at_its_end_date():
    [p] = leave_problems(TUE, MON)
    assert p.field == "结束日期" and "早于开始日期" in p.message
    assert leave_problems(MON, MON) == []


def test_a_caregiver_on_leave_monday_to_tuesday_is_back_on_wednesday():
    leaves = [Leave(1, MON, TUE)]
    assert on_leave(leaves, 1, MON) and on_leave(leaves, 1, TUE) and not on_leave(leaves, 1, WED)
    assert not on_leave(leaves, 2, MON)


def test_caregivers_present_are_the_employed_caregivers_of_the_class_that_day_not_on_leave():
    team = [staff(1), staff(2), staff(3, role="保健人员"), staff(4, class_id=8), staff(5, left=TUE),
            staff(6, hired=WED)]
    leaves = [Leave(2, MON, MON)]
    assert caregivers_present(team, [], leaves, MON) == {7: 2, 8: 1}  # 1 and 5; 2 on leave
    assert caregivers_present(team, [], leaves, TUE) == {7: 2, 8: 1}  # 1 and 2; 5 left
    assert caregivers_present(team, [], leaves, WED) == {7: 3, 8: 1}  # 1, 2 and 6


def test_a_caregiver_moved_to_another_class_counts_where_their_post_was_that_day():
    posts = [post(1, "保育人员", 8, date(2024, 9, 1)), post(1, "保育人员", 7, TUE)]
    assert caregivers_present([staff(1)], posts, [], MON) == {8: 1}
    assert caregivers_present([staff(1)], posts, [], TUE) == {7: 1}
    cook_first = [post(1, "炊事人员", None, date(2024, 9, 1)), post(1, "保育人员", 7, TUE)]
    assert caregivers_present([staff(1)], cook_first, [], MON) == {}


def test_children_present_per_class_count_only_present_marks_of_the_day():
    marks = [Mark(1, MON, "出勤"), Mark(2, MON, "出勤"), Mark(3, MON, "病假", "发热"), Mark(4, TUE, "出勤"),
             Mark(5, MON, "出勤")]
    assert children_present(marks, lambda child, day: 8 if child == 5 else 7, MON) == {7: 2, 8: 1}


def test_a_ratio_of_one_to_five_fails_at_the_sixth_child_for_one_caregiver():
    assert not ratio_fails(5, 1, 5)
    assert ratio_fails(6, 1, 5)
    assert not ratio_fails(10, 2, 5)


def test_a_class_with_children_present_and_no_caregiver_fails_but_an_empty_class_does_not():
    assert ratio_fails(1, 0, 7)
    assert not ratio_fails(0, 0, 7)
