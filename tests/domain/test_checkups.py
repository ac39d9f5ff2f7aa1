"""SPEC §9 schedule: a check every 6 months, Hb and hearing yearly, a new check after 3 months away."""
from datetime import date

from tuoyu_desktop.domain.checkups import (
    ADMISSION,
    HB,
    HEARING,
    REGULAR,
    RETURN,
    Check,
    Stay,
    checkup_alerts,
    due_checks,
)

STAY = [Stay(date(2025, 3, 1))]


def dues(day, stays=STAY, checks=(), **kw):
    return {d.item: d for d in due_checks(day, stays, list(checks), **kw)}


def test_the_next_check_is_due_six_months_after_the_last():
    d = dues(date(2025, 10, 1), checks=[Check(date(2025, 3, 3), hb=True, hearing=True), Check(date(2025, 8, 31))])
    assert d[REGULAR].due_on == date(2026, 2, 28) and d[REGULAR].last_on == date(2025, 8, 31)
    assert d[HB].due_on == date(2026, 3, 3) and d[HEARING].due_on == date(2026, 3, 3)


def test_the_admission_check_counts_as_the_first_check():
    d = dues(date(2025, 4, 1), admission_check_on=date(2025, 2, 20))
    assert d[REGULAR].due_on == date(2025, 8, 20)


def test_a_child_without_any_check_needs_the_admission_check_from_the_first_day():
    d = dues(date(2025, 4, 1))
    assert d[ADMISSION].due_on == date(2025, 3, 1) and d[ADMISSION].last_on is None


def test_haemoglobin_never_measured_is_due_with_the_next_regular_check():
    d = dues(date(2025, 6, 1), checks=[Check(date(2025, 3, 5), hearing=True)])
    assert d[HB].due_on == date(2025, 9, 5) and d[HB].last_on is None
    assert d[HEARING].due_on == date(2026, 3, 5)


def test_a_child_who_has_left_has_nothing_due():
    assert due_checks(date(2025, 9, 1), [Stay(date(2025, 3, 1), date(2025, 6, 1))], []) == []


def test_a_child_back_after_three_months_away_needs_a_new_check():
    stays = [Stay(date(2025, 3, 1), date(2025, 6, 10)), Stay(date(2025, 9, 10))]
    checks = [Check(date(2025, 5, 20), hb=True, hearing=True)]
    d = dues(date(2025, 9, 15), stays, checks)
    assert d[RETURN].due_on == date(2025, 9, 10) and REGULAR not in d
    d = dues(date(2025, 9, 15), stays, checks + [Check(date(2025, 9, 5))])
    assert RETURN not in d and d[REGULAR].due_on == date(2026, 3, 5)


def test_away_a_day_less_than_three_months_needs_no_return_check():
    stays = [Stay(date(2025, 3, 1), date(2025, 6, 10)), Stay(date(2025, 9, 9))]
    d = dues(date(2025, 9, 15), stays, [Check(date(2025, 5, 20))])
    assert RETURN not in d and d[REGULAR].due_on == date(2025, 11, 20)


def test_a_long_absence_while_enrolled_also_needs_a_return_check():
    d = dues(date(2025, 12, 2), checks=[Check(date(2025, 6, 1))], absences=[(date(2025, 8, 1), date(2025, 11, 1))])
    assert d[RETURN].due_on == date(2025, 11, 1) and d[RETURN].last_on == date(2025, 6, 1)


def test_alerts_name_checks_due_within_thirty_days_and_overdue_ones():
    checks = [Check(date(2025, 3, 3), hb=True, hearing=True), Check(date(2025, 9, 20))]
    alerts = checkup_alerts("王小明（托小班）", due_checks(date(2026, 3, 10), STAY, checks), date(2026, 3, 10),
                            child_id=7)
    texts = [a.line() for a in alerts]
    assert texts == ["【体检】王小明（托小班） 定期体检将于2026-03-20到期（还有10天，上次2025-09-20）",
                     "【体检】王小明（托小班） 血红蛋白检测已逾期7天（应于2026-03-03完成，上次2025-03-03）",
                     "【体检】王小明（托小班） 听力筛查已逾期7天（应于2026-03-03完成，上次2025-03-03）"]
    assert {a.target_id for a in alerts} == {7}


def test_a_check_due_in_thirty_one_days_is_not_yet_an_alert():
    checks = [Check(date(2025, 9, 20), hb=True, hearing=True)]
    assert checkup_alerts("甲", due_checks(date(2026, 2, 17), STAY, checks), date(2026, 2, 17)) == []
    assert len(checkup_alerts("甲", due_checks(date(2026, 2, 18), STAY, checks), date(2026, 2, 18))) == 1
