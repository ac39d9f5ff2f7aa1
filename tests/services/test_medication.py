"""带药 (SPEC §12): a 委托's doses are due on the days the child came; a dose on an unsigned 委托 is
refused; a missed dose is an alert; the 喂药 of a day cover its nearest due times."""
from datetime import date, datetime, time

import pytest

from tests.exchange.conftest import CLASSES, child_row, make_id
from tuoyu_desktop.domain.medication import match_doses, parse_times
from tuoyu_desktop.exchange.importer import ImportFailed
from tuoyu_desktop.services.alerts import collect_alerts
from tuoyu_desktop.services.medication import due_doses
from tuoyu_desktop.services.operations import Operations

TODAY = date(2026, 11, 25)
KID = make_id(date(2024, 8, 1), 1)


@pytest.fixture
def ops(importer, workspace):
    importer("classes", CLASSES[2:])
    importer("children", [child_row("幼儿0", date(2024, 8, 1), 1, "托大一班")])
    return Operations(workspace, today=lambda: TODAY)


def order(**extra):
    return {"身份证号": KID, "药名": "布洛芬混悬液", "剂量": "5 ml", "服药时间": "10:00、14:30", "开始日期": "2026-11-23",
            "结束日期": "2026-11-24", "委托人": "王磊", "家长已签字": "是", **extra}


def dose(at, **extra):
    return {"身份证号": KID, "药名": "布洛芬混悬液", "时间": at, "结果": "已服", "喂药人": "王芳", "核对人": "孙红梅", **extra}


def present(importer, *days, absent=""):
    extra = {"出勤": "否", "缺勤原因": absent, **({"症状": "发热"} if absent == "病假" else {})} if absent else {"出勤": "是"}
    importer("attendance", [{"身份证号": KID, "日期": d, **extra} for d in days])


def alerts(ops, on):
    return [a.text for a in ops.look(collect_alerts, today=on) if a.group == "带药"]


def test_times_are_read_as_a_manager_writes_them():
    assert parse_times("14:30、10:00，10:00") == (time(10, 0), time(14, 30))
    with pytest.raises(ValueError, match="“十点”不是时间"):
        parse_times("十点")


def test_a_dose_given_late_covers_the_nearest_due_time_not_the_first():
    matched = match_doses((time(8, 30), time(12, 0)), [datetime(2026, 11, 2, 12, 5)])
    assert matched == {time(8, 30): None, time(12, 0): 0}


def test_a_missed_dose_on_a_day_the_child_came_is_an_alert_and_an_absent_day_has_none(ops, importer):
    importer("medication", [order()])
    present(importer, "2026-11-23")
    present(importer, "2026-11-24", absent="事假")
    importer("doses", [dose("2026-11-23 10:05")])
    assert alerts(ops, date(2026, 11, 23)) == []  # the day itself: a dose's time has no clock on a chosen day
    assert alerts(ops, TODAY) == ["幼儿0 11月23日 14:30 布洛芬混悬液（5 ml）没有喂药记录（按带药委托应喂药；已喂的请补登记，没有喂的请写明原因）"]
    importer("doses", [dose("2026-11-23 14:40", 结果="拒服")])
    assert alerts(ops, TODAY) == []


def test_a_dose_on_an_unsigned_order_is_refused_and_the_order_has_no_due_doses(ops, importer):
    importer("medication", [order(家长已签字="否")])
    present(importer, "2026-11-23")
    assert ops.look(due_doses, date(2026, 11, 23), date(2026, 11, 23)) == []
    assert alerts(ops, TODAY) == []
    with pytest.raises(ImportFailed, match="第2行 药名: 这份带药委托还没有家长签字，不能喂药"):
        importer("doses", [dose("2026-11-23 10:05")])


def test_a_dose_needs_an_order_for_that_day_and_a_second_person_to_check(ops, importer):
    importer("medication", [order()])
    with pytest.raises(ImportFailed) as bad:
        importer("doses", [dose("2026-11-25 10:00"), dose("2026-11-23 10:00", 核对人="王芳")])
    text = str(bad.value)
    assert "第2行 药名: 幼儿0在2026-11-25没有“布洛芬混悬液”的带药委托" in text
    assert "第3行 核对人: 核对人应是喂药人以外的另一人" in text
    with pytest.raises(ImportFailed, match="结束日期: 早于开始日期"):
        importer("medication", [order(结束日期="2026-11-20")])


def test_today_lists_the_due_doses_of_a_child_not_yet_marked_with_the_class_staff(ops, importer):
    importer("staff", [{"姓名": "王芳", "身份证号": make_id(date(1990, 1, 1), 3), "岗位": "保育人员", "所在班级": "托大一班",
                        "入职日期": "2025-09-01"}])
    importer("medication", [order(开始日期="2026-11-25", 结束日期="2026-11-26")])
    due = ops.look(due_doses, TODAY, TODAY, with_givers=True)
    assert [(d.text, d.marked, d.givers, d.given) for d in due] == [
        ("10:00 幼儿0 布洛芬混悬液 5 ml", False, "王芳", None), ("14:30 幼儿0 布洛芬混悬液 5 ml", False, "王芳", None)]
    present(importer, "2026-11-25", absent="病假")
    assert ops.look(due_doses, TODAY, TODAY) == []
