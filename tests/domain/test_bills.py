"""SPEC §11 the bill of month M, line by line, to the 分 (steps 1–7)."""
from datetime import date, timedelta

from tuoyu_desktop.domain.bills import (
    ChildMonth,
    PreviousMonth,
    bill_lines,
    refunded_days,
    round_half_up,
    total_fen,
)
from tuoyu_desktop.domain.fees import Fee

NOV = date(2026, 11, 1)
CARE = Fee("保育费", "保育费", "全日托", "全部", "每月", 280000, date(2026, 1, 1))
FOOD = Fee("伙食费", "伙食费", "全部", "全部", "每个开园日", 1850, date(2026, 1, 1))
BEDDING = Fee("其他服务费", "被褥费", "全部", "全部", "入托一次性", 30000, date(2026, 1, 1))
SNACK = Fee("其他服务费", "延时服务费", "全日托", "全部", "每次出勤", 1000, date(2026, 1, 1))


def weekdays(first: date, last: date) -> tuple[date, ...]:
    out, d = [], first
    while d <= last:
        if d.weekday() < 5:
            out.append(d)
        d += timedelta(days=1)
    return tuple(out)


OPEN_NOV = weekdays(NOV, date(2026, 11, 30))  # 21 open days
OPEN_OCT = weekdays(date(2026, 10, 1), date(2026, 10, 31))


def child(days=OPEN_NOV, **kw):
    return ChildMonth(kw.pop("care_type", "全日托"), kw.pop("puhui", True), kw.pop("enrolled_on", date(2026, 3, 1)),
                      tuple(days), **kw)


def test_half_up_rounding_is_exact():
    assert round_half_up(5, 2) == 3 and round_half_up(-5, 2) == -3 and round_half_up(280000 * 12, 21) == 160000


def test_a_child_there_all_month_pays_the_whole_fee_and_food_for_every_open_day():
    lines = bill_lines(NOV, OPEN_NOV, child(), [CARE, FOOD], None)
    assert [(l.name, l.note, l.amount_fen) for l in lines] == [
        ("保育费", "整月", 280000), ("伙食费", "预收 21 个开园日", 1850 * 21)]  # 保育费 first, as printed


def test_a_child_enrolled_mid_month_pays_by_open_days_and_the_one_time_item_once():
    days = [d for d in OPEN_NOV if d >= date(2026, 11, 12)]  # 13 of 21
    lines = bill_lines(NOV, OPEN_NOV, child(days, enrolled_on=date(2026, 11, 12)), [CARE, FOOD, BEDDING], None)
    by_name = {l.name: l for l in lines}
    assert by_name["保育费"].note == f"按开园日折算 {len(days)}/21"
    assert by_name["保育费"].amount_fen == round_half_up(280000 * len(days), 21) == 173333
    assert by_name["被褥费"].amount_fen == 30000 and by_name["伙食费"].quantity == len(days)


def test_food_of_sick_days_last_month_is_refunded_at_last_months_price_and_only_for_runs_of_the_threshold():
    marks = {d: "出勤" for d in OPEN_OCT}
    run = [date(2026, 10, 15), date(2026, 10, 16), date(2026, 10, 19)]  # Thu, Fri, (weekend), Mon: one run of 3
    for d in run:
        marks[d] = "病假"
    marks[date(2026, 10, 26)] = "事假"  # a single day away
    previous = PreviousMonth(date(2026, 10, 1), OPEN_OCT, marks, 1700, frozenset(OPEN_OCT))
    assert refunded_days(previous, 1) == run + [date(2026, 10, 26)]
    assert refunded_days(previous, 3) == run  # the weekend does not break the run; the single day is not refunded
    lines = bill_lines(NOV, OPEN_NOV, child(), [CARE, FOOD], previous, refund_threshold=3)
    refund = next(l for l in lines if l.name == "伙食费退费")
    assert (refund.quantity, refund.unit_fen, refund.amount_fen) == (3, -1700, -5100)


def test_an_unmarked_open_day_breaks_a_run_and_is_not_refunded():
    marks = {date(2026, 10, 1): "病假", date(2026, 10, 5): "病假"}  # 10-02 is open and unmarked
    previous = PreviousMonth(date(2026, 10, 1), OPEN_OCT, marks, 1700, frozenset(OPEN_OCT))
    assert refunded_days(previous, 2) == [] and refunded_days(previous, 1) == [date(2026, 10, 1), date(2026, 10, 5)]


def test_no_refund_when_last_months_bill_charged_no_food():
    previous = PreviousMonth(date(2026, 10, 1), OPEN_OCT, {d: "病假" for d in OPEN_OCT}, None)
    assert not [l for l in bill_lines(NOV, OPEN_NOV, child(), [CARE, FOOD], previous) if l.name == "伙食费退费"]


def test_per_attendance_items_charge_last_months_attendances_at_last_months_price():
    marks = {d: "出勤" for d in OPEN_OCT[:10]}
    previous = PreviousMonth(date(2026, 10, 1), OPEN_OCT, marks)
    line = next(l for l in bill_lines(NOV, OPEN_NOV, child(), [SNACK], previous) if l.name == "延时服务费")
    assert (line.quantity, line.amount_fen, line.note) == (10, 10000, "上月出勤 10 次")


def test_a_hardship_child_gets_the_profiles_waiver_up_to_the_care_fee_and_the_own_monthly_fee_replaces_the_schedule():
    lines = bill_lines(NOV, OPEN_NOV, child(own_monthly_fen=40000, hardship=True), [CARE], None, waiver_yuan=500)
    care = next(l for l in lines if l.category == "保育费")
    waiver = next(l for l in lines if l.name == "困境减免")
    assert care.amount_fen == 40000 and "本人月收费" in care.note and waiver.amount_fen == -40000
    assert total_fen(lines) == 0


def test_adjustments_are_lines_with_their_reason_and_a_negative_total_is_owed_back():
    previous = PreviousMonth(date(2026, 10, 1), OPEN_OCT, {d: "病假" for d in OPEN_OCT}, 1700, frozenset(OPEN_OCT))
    lines = bill_lines(NOV, OPEN_NOV, child(days=()), [CARE, FOOD], previous, )  # left: no M lines, only the refund
    lines_adj = bill_lines(NOV, OPEN_NOV, child(days=(), adjustments=(("兄弟姐妹优惠", -5000),)), [CARE, FOOD], previous)
    assert [l.name for l in lines] == ["伙食费退费"] and total_fen(lines) == -1700 * len(OPEN_OCT)
    assert lines_adj[-1].category == "调整" and lines_adj[-1].name == "兄弟姐妹优惠" and lines_adj[-1].amount_fen == -5000


def test_no_open_day_in_the_month_charges_no_monthly_item():
    assert bill_lines(NOV, (), child(days=()), [CARE], None) == []
