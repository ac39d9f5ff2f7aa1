"""Which class a child of a given age may be placed in, and staffing needs (托育机构设置标准（试行）)."""
from __future__ import annotations

import math

from .policy import PolicyProfile

SOURCE_STANDARD = "托育机构设置标准（试行）"
SOURCE_HOME_POINT = "家庭托育点管理办法（试行）"
MIN_ENROL_MONTHS = 6
MAX_MONTHS = 36


def band_for_age(months: int, profile: PolicyProfile) -> str | None:
    """The single-age class type (乳儿班/托小班/托大班) for an age, or None if outside 6–36."""
    for class_type, rule in profile.classes.items():
        if class_type == "混龄班":
            continue
        if rule.min_months <= months < rule.max_months:
            return class_type
    return None


def age_problem(months: int) -> str | None:
    """Why a child of this age cannot be enrolled at all, or None."""
    if months < MIN_ENROL_MONTHS:
        return f"未满6个月龄（实足{max(months, 0)}个月），不能入托（{SOURCE_STANDARD}）"
    if months >= MAX_MONTHS:
        return f"已满36个月龄（实足{months}个月），应转入幼儿园，不能入托（{SOURCE_STANDARD}）"
    return None


def fits_class(class_type: str, months: int, profile: PolicyProfile) -> str | None:
    """None if a child of ``months`` fits ``class_type``; otherwise the reason, with its source."""
    general = age_problem(months)
    if general:
        return general
    if class_type == "混龄班":
        if months < profile.mixed_min_months:
            return (f"混龄班只收{profile.mixed_min_months}个月及以上幼儿（实足{months}个月）"
                    f"（{SOURCE_STANDARD}）")
        return None
    rule = profile.classes[class_type]
    if not rule.min_months <= months < rule.max_months:
        return (f"{class_type}收{rule.min_months}–{rule.max_months}个月幼儿，"
                f"该幼儿实足{months}个月（{SOURCE_STANDARD}）")
    return None


def class_cap(class_type: str, profile: PolicyProfile) -> int:
    return profile.classes[class_type].cap


def cap_problem(class_type: str, capacity: int, profile: PolicyProfile) -> str | None:
    cap = class_cap(class_type, profile)
    if capacity < 1:
        return "核定人数应至少为1"
    if capacity > cap:
        return f"{class_type}最多{cap}人（{SOURCE_STANDARD}）"
    return None


def caregivers_needed(enrolled: int, class_type: str, profile: PolicyProfile) -> int:
    """⌈enrolled ÷ ratio⌉ 保育人员 for a class."""
    if enrolled <= 0:
        return 0
    return math.ceil(enrolled / profile.classes[class_type].ratio)


def ratio_text(class_type: str, profile: PolicyProfile) -> str:
    return f"1:{profile.classes[class_type].ratio}"


def home_point_problem(children: int, carers: int, profile: PolicyProfile) -> str | None:
    """A 家庭托育点's limits: at most N children, one carer per M children."""
    rule = profile.home_point
    if children > rule.max_children:
        return (f"家庭托育点最多收托{rule.max_children}人，超过应登记为托育机构"
                f"（{SOURCE_HOME_POINT}）")
    if children and carers < math.ceil(children / rule.ratio):
        return f"家庭托育点每{rule.ratio}名幼儿至少1名照护人员（{SOURCE_HOME_POINT}）"
    return None
