"""A01–A12 of the monthly return (SPEC §8), from plain inputs, on a small hand-computed October 2025."""
from datetime import date
from decimal import Decimal

from tuoyu_desktop.domain.indicators import (
    CODES,
    INDICATORS,
    NAMES,
    REGISTER_CODES,
    UNITS,
)
from tuoyu_desktop.domain.opendays import OpenDays
from tuoyu_desktop.domain.policy import HealthRule
from tuoyu_desktop.domain.register import Case, Check, Mark
from tuoyu_desktop.domain.register_figures import RegisterMonth, register_figures

OCT = {d: date(2025, 10, d) for d in range(1, 32)}
CARE = {1: "全日托", 2: "半日托", 3: "计时托", 4: "临时托", 5: "全日托", 6: "全日托", 7: "全日托",
        8: "全日托", 9: "全日托", 10: "全日托"}
CLASS = {1: 7, 2: 7, 3: 7, 6: 7, 7: 7, 4: 8, 5: 8, 8: 8, 9: 8, 10: 8}
MARKS = [
    Mark(1, date(2025, 9, 30), "出勤"),  # September: not this month
    Mark(1, OCT[1], "出勤"),  # National Day, a closed day (refused on entry; never counted)
    Mark(1, OCT[9], "出勤"), Mark(1, OCT[10], "病假", "发热"), Mark(1, OCT[11], "出勤"),
    Mark(2, OCT[9], "出勤"), Mark(2, OCT[10], "事假"),
    Mark(3, OCT[9], "出勤"), Mark(3, OCT[10], "其他"),  # 计时托: only its 出勤 counts in A02
    Mark(4, OCT[13], "出勤"),
    Mark(5, OCT[13], "病假", "咳嗽"), Mark(5, OCT[14], "病假", "咳嗽"),
    Mark(6, OCT[10], "病假", "发热"), Mark(7, OCT[10], "病假", "发热"),
    # three fevers in class 8 on 30 September: a September cluster, not October's
    Mark(8, date(2025, 9, 30), "病假", "发热"), Mark(9, date(2025, 9, 30), "病假", "发热"),
    Mark(10, date(2025, 9, 30), "病假", "发热"),
]
CHECKS = [
    Check(1, OCT[9], "晨检", 36.5, "正常"), Check(1, OCT[9], "午检", 37.2, "正常"),
    Check(1, OCT[11], "晨检", 37.3, "正常"),  # ticked 正常, but 37.3 ℃ is 异常
    Check(2, OCT[9], "午检", 37.5, "异常"),  # no 晨检 for child 2
    Check(3, OCT[9], "晨检", 36.8, "正常"),
    Check(4, OCT[13], "晨检", 36.9, "异常", ("皮疹",)),
    Check(5, OCT[13], "晨检", 38.2, "异常", ("发热",), "通知家长接回"),  # sent home: 病假 that day
    Check(1, OCT[1], "晨检", 38.0, "异常"),  # closed day: not counted
]
CASES = [Case(5, "手足口病", OCT[12]), Case(9, "水痘", date(2025, 9, 25))]
CAREGIVERS = {OCT[9]: {7: 1}, OCT[10]: {7: 1}, OCT[11]: {}, OCT[13]: {8: 1}}
RATIOS = {7: 3, 8: 3}


def october():
    return RegisterMonth(first=OCT[1], last=OCT[31], calendar=OpenDays(), care_type=CARE, marks=MARKS, checks=CHECKS,
                         cases=CASES, class_of=lambda child, day: CLASS.get(child), caregivers=CAREGIVERS,
                         ratios=RATIOS)


def test_the_returns_a_figures_of_a_small_october_match_the_hand_count():
    f = register_figures(october(), HealthRule())
    # A01: 23 weekdays − 6 in 国庆 (1–3, 6–8) + the 调休 Saturday 11 = 18
    assert f["A01"] == 18
    # A02: marks on open days of 全日托/半日托 children + 出勤 of 计时托/临时托:
    #   c1: 9, 10, 11 = 3 (the 1st is closed, 30 Sep is another month); c2: 2; c3: 1 (其他 not counted);
    #   c4: 1; c5: 2; c6: 1; c7: 1 → 11
    assert f["A02"] == 11
    # A03: 出勤 on open days: c1 ×2, c2, c3, c4 → 5; A04 = 5 / 11 = 45.45… → 45.5
    assert (f["A03"], f["A04"]) == (5, Decimal("45.5"))
    # A05: 病假 of 全日托/半日托: c1 (10th), c5 ×2, c6, c7 → 5; A06 = 5 / 11 → 45.5
    assert (f["A05"], f["A06"]) == (5, Decimal("45.5"))
    # A07: 出勤 with a 晨检: c1 9th, c1 11th, c3 9th, c4 13th → 4 (c2 had only a 午检); A08 = 4 / 5 = 80.0
    assert (f["A07"], f["A08"]) == (4, Decimal("80.0"))
    # A09: 异常 checks on open days: c1 11th (37.3), c2 午检 37.5, c4 rash, c5 38.2 → 4
    #   (c1's 37.2 午检 is 正常; the check on the closed 1st is not counted)
    assert f["A09"] == 4
    # A10: cases with 发病日期 in October: c5's 手足口病 (c9's began 25 Sep) → 1
    assert f["A10"] == 1
    # A11: class 7 on the 10th: c1, c6, c7 with 发热 → 1 (class 8's cluster was on 30 Sep)
    assert f["A11"] == 1
    # A12 (1:3): 9th class 7: 3 children, 1 caregiver → 3 ≤ 3 passes; 11th class 7: c1 and no caregiver
    #   → fails; 13th class 8: c4, 1 caregiver → passes → 1
    assert f["A12"] == 1
    assert list(f) == list(REGISTER_CODES)


def test_a_month_with_no_marks_leaves_its_rates_empty_not_zero():
    empty = RegisterMonth(first=OCT[1], last=OCT[31], calendar=OpenDays(), care_type={}, marks=[], checks=[],
                          cases=[], class_of=lambda child, day: None, caregivers={}, ratios={})
    f = register_figures(empty, HealthRule())
    assert f["A01"] == 18 and f["A02"] == 0
    assert f["A04"] is None and f["A06"] is None and f["A08"] is None


def test_the_version_one_codes_stay_as_they_were_and_the_a_rows_have_names_and_units():
    assert CODES == tuple(code for code, _, _ in INDICATORS) and "A01" not in CODES and CODES[-1] == "B03"
    assert REGISTER_CODES == tuple(f"A{i:02d}" for i in range(1, 13))
    assert NAMES["A12"] == "本月师幼比不达标班日数" and UNITS["A04"] == "%" and NAMES["T01"] == "核定托位数"
