"""The daily register's rules for one mark, one 晨午检 and one 传染病 case (SPEC §8).

Pure functions over small records: the store's rows can be passed as they are when they carry the
same attribute names (``child_id``, ``day`` …); ``Mark``, ``Check`` and ``Case`` are the plain shapes.
A problem is a ``Problem`` (field, Chinese message with the rule's source) for the form or the import.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Callable, Iterable, Protocol, Sequence

from .choices import (
    CHECK_ACTIONS,
    CHECK_FINDINGS,
    CHECK_RESULTS,
    CHECK_ROUNDS,
    DAILY_CARE_TYPES,
    DISEASES,
    MARKS,
    PRESENT,
    SICK,
    SYMPTOMS,
)
from .errors import Problem
from .opendays import SOURCE as OPEN_DAYS_SOURCE
from .opendays import OpenDays
from .periods import PLACEMENT, enrolled_on
from .policy import HYGIENE_SOURCE, HealthRule

ENROLMENT_RULE = f"{HYGIENE_SOURCE} 卫生保健工作记录：出勤登记只记当日在托的幼儿"
RETURN_RULE = f"{HYGIENE_SOURCE}：患传染病幼儿须凭医疗卫生机构出具的证明方可返园"


class ChildLike(Protocol):
    id: int
    care_type: str
    enrolled_on: date
    left_on: date | None


@dataclass(frozen=True)
class Mark:
    """One child's attendance on one day: 出勤, or 病假/事假/其他 (缺勤 with its reason)."""

    child_id: int
    day: date
    mark: str
    symptom: str = ""  # 病假 only
    followed_up_on: date | None = None  # 追踪日期 (病假 only)


@dataclass(frozen=True)
class Check:
    """One 晨检 or 午检; ``result`` is the stored one (see ``check_result``)."""

    child_id: int
    day: date
    round: str  # 晨检 / 午检
    temperature: float | None
    result: str
    findings: tuple[str, ...] = ()
    action: str = ""


@dataclass(frozen=True)
class Case:
    """A 传染病 case of one child."""

    child_id: int
    disease: str
    onset_on: date
    diagnosed_on: date | None = None
    reported_on: date | None = None
    returned_on: date | None = None  # 复课日期
    return_certificate: bool = False  # 复课证明 seen


def _d(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def day_problems(child: ChildLike, day: date, calendar: OpenDays) -> list[Problem]:
    """A closed day, or a day the child is not enrolled: nothing can be registered for it."""
    if not calendar.is_open(day):
        return [Problem("日期", f"{_d(day)}不是开园日（{calendar.closed_reason(day)}），不能登记"
                                f"（{OPEN_DAYS_SOURCE}）")]
    if not enrolled_on(child, day):
        span = f"入托日期{_d(child.enrolled_on)}" + (f"，离托日期{_d(child.left_on)}" if child.left_on else "")
        return [Problem("日期", f"该幼儿{_d(day)}不在托（{span}），不能登记（{ENROLMENT_RULE}）")]
    return []


def open_case_on(cases: Iterable[Case], child_id: int, day: date) -> Case | None:
    """The child's case that keeps them from being 出勤 on ``day``: begun by then and not closed by
    a 复课日期 on or before it with a 复课证明."""
    for case in cases:
        if case.child_id != child_id or case.onset_on > day:
            continue
        if case.returned_on is None or case.returned_on > day or not case.return_certificate:
            return case
    return None


def mark_problems(child: ChildLike, day: date, mark: str, symptom: str, calendar: OpenDays,
                  cases: Iterable[Case], rule: HealthRule) -> list[Problem]:
    """Everything wrong with marking ``child`` ``mark`` on ``day`` (empty: it may be saved)."""
    problems = day_problems(child, day, calendar)
    if mark not in MARKS:
        problems.append(Problem("出勤", f"应为{'、'.join(MARKS)}之一"))
    elif mark == SICK and symptom not in SYMPTOMS:
        problems.append(Problem("症状", f"病假须填写症状：{'、'.join(SYMPTOMS)}之一（{rule.follow_up.source}）"))
    elif mark == PRESENT:
        case = open_case_on(cases, child.id, day)
        if case is not None:
            problems.append(Problem("出勤", f"该幼儿有未结束的传染病登记（{case.disease}，发病日期{_d(case.onset_on)}），"
                                            f"须先填写复课日期和复课证明才能登记出勤（{RETURN_RULE}）"))
    return problems


def temperature_problem(celsius: float | Decimal, rule: HealthRule) -> str | None:
    t = rule.temperature
    if Decimal(str(t.min_celsius)) <= Decimal(str(celsius)) <= Decimal(str(t.max_celsius)):
        return None
    return f"体温{celsius} ℃不在{t.min_celsius:.1f}–{t.max_celsius:.1f} ℃之间，请检查是否录入有误（{t.source}）"


def check_result(celsius: float | Decimal | None, ticked: str, rule: HealthRule) -> str:
    """The result to store: 异常 at or above the fever threshold whatever is ticked, else as ticked."""
    if celsius is not None and Decimal(str(celsius)) >= Decimal(str(rule.fever.celsius)):
        return "异常"
    return ticked


def check_problems(child: ChildLike, day: date, round_: str, celsius: float | None, result: str,
                   findings: Sequence[str], action: str, calendar: OpenDays, rule: HealthRule) -> list[Problem]:
    problems = day_problems(child, day, calendar)
    if round_ not in CHECK_ROUNDS:
        problems.append(Problem("检次", f"应为{'、'.join(CHECK_ROUNDS)}之一"))
    if celsius is not None and (msg := temperature_problem(celsius, rule)):
        problems.append(Problem("体温", msg))
    if result not in CHECK_RESULTS:
        problems.append(Problem("结果", f"应为{'、'.join(CHECK_RESULTS)}之一"))
    unknown = [f for f in findings if f not in CHECK_FINDINGS]
    if unknown:
        problems.append(Problem("异常情况", f"“{'、'.join(unknown)}”不在可选项中：{'、'.join(CHECK_FINDINGS)}"))
    if action and action not in CHECK_ACTIONS:
        problems.append(Problem("处理", f"应为{'、'.join(CHECK_ACTIONS)}之一"))
    return problems


def case_problems(case: Case) -> list[Problem]:
    problems = []
    if case.disease not in DISEASES:
        problems.append(Problem("病名", f"应为{'、'.join(DISEASES)}之一"))
    for field, value in (("诊断日期", case.diagnosed_on), ("报告日期", case.reported_on), ("复课日期", case.returned_on)):
        if value is not None and value < case.onset_on:
            problems.append(Problem(field, f"早于发病日期{_d(case.onset_on)}"))
    return problems


def due_follow_up(sick_day: date, calendar: OpenDays, rule: HealthRule) -> date:
    """The open day by whose end a 病假 of ``sick_day`` must be followed up (the next open day)."""
    day = sick_day
    for _ in range(rule.follow_up.open_days):
        day = calendar.next_after(day)
    return day


def overdue_follow_ups(marks: Iterable[Mark], day: date, calendar: OpenDays, rule: HealthRule) -> list[Mark]:
    """The 病假 marks still without a follow-up after their due day has ended, as seen on ``day``."""
    return [m for m in marks if m.mark == SICK and m.followed_up_on is None and m.day < day
            and due_follow_up(m.day, calendar, rule) < day]


def unmarked_children(children: Iterable[ChildLike], marks: Iterable[Mark], day: date,
                      calendar: OpenDays) -> list[int]:
    """未登记: ids of the 全日托/半日托 children enrolled on an open ``day`` who have no mark for it."""
    if not calendar.is_open(day):
        return []
    marked = {m.child_id for m in marks if m.day == day}
    return [c.id for c in children
            if c.care_type in DAILY_CARE_TYPES and enrolled_on(c, day) and c.id not in marked]


def missing_morning_checks(marks: Iterable[Mark], checks: Iterable[Check], day: date) -> list[int]:
    """Ids of the children present (出勤) on ``day`` with no 晨检 that day (午检 does not replace it)."""
    checked = {c.child_id for c in checks if c.day == day and c.round == "晨检"}
    return [m.child_id for m in marks if m.day == day and m.mark == PRESENT and m.child_id not in checked]


def class_finder(placements: Iterable) -> Callable[[int, date], int | None]:
    """``class_of(child_id, day)``: the class a child was placed in on ``day`` (None if in none).
    ``placements`` carry child_id, class_id, start_on, end_on (end_on is the first day out)."""
    by_child: dict[int, list] = {}
    for p in placements:
        by_child.setdefault(p.child_id, []).append(p)

    def class_of(child_id: int, day: date) -> int | None:
        for p in by_child.get(child_id, ()):
            if PLACEMENT.holds_on(p, day):
                return p.class_id
        return None

    return class_of
