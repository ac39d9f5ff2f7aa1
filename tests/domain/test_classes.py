import pytest

from tuoyu_desktop import paths
from tuoyu_desktop.domain.classes import (
    band_for_age,
    cap_problem,
    caregivers_needed,
    fits_class,
    home_point_problem,
)
from tuoyu_desktop.domain.policy import load_profiles


@pytest.fixture(scope="module")
def profile():
    return load_profiles(paths.policies_dir())["通用"]


@pytest.mark.parametrize("months,band", [
    (6, "乳儿班"), (11, "乳儿班"), (12, "托小班"), (23, "托小班"), (24, "托大班"), (35, "托大班"),
    (5, None), (36, None),
])
def test_class_band_lower_bound_inclusive_upper_exclusive(profile, months, band):
    assert band_for_age(months, profile) == band


def test_child_under_six_months_is_refused_with_the_rule_and_its_source(profile):
    message = fits_class("乳儿班", 5, profile)
    assert "未满6个月龄" in message and "托育机构设置标准（试行）" in message


def test_child_of_36_months_cannot_be_enrolled(profile):
    assert "已满36个月龄" in fits_class("托大班", 36, profile)


def test_child_of_exactly_12_months_fits_toddler_class_not_infant_class(profile):
    assert fits_class("托小班", 12, profile) is None
    assert "乳儿班收6–12个月幼儿" in fits_class("乳儿班", 12, profile)


def test_mixed_class_takes_only_children_from_18_months(profile):
    assert fits_class("混龄班", 18, profile) is None
    assert "混龄班只收18个月及以上幼儿" in fits_class("混龄班", 17, profile)


@pytest.mark.parametrize("class_type,cap", [("乳儿班", 10), ("托小班", 15), ("托大班", 20), ("混龄班", 18)])
def test_class_capacity_may_not_exceed_the_standard(profile, class_type, cap):
    assert cap_problem(class_type, cap, profile) is None
    assert cap_problem(class_type, cap + 1, profile) == f"{class_type}最多{cap}人（托育机构设置标准（试行））"


@pytest.mark.parametrize("class_type,enrolled,needed", [
    ("乳儿班", 10, 4), ("乳儿班", 9, 3), ("托小班", 15, 3), ("托小班", 16, 4), ("托大班", 20, 3),
    ("托大班", 0, 0), ("混龄班", 11, 3),
])
def test_caregivers_needed_is_enrolled_divided_by_ratio_rounded_up(profile, class_type, enrolled, needed):
    assert caregivers_needed(enrolled, class_type, profile) == needed


def test_home_point_with_six_children_must_register_as_a_centre(profile):
    assert "家庭托育点最多收托5人" in home_point_problem(6, 2, profile)
    assert home_point_problem(5, 2, profile) is None
    assert "每3名幼儿至少1名" in home_point_problem(4, 1, profile)
