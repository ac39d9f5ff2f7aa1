"""安全台账 (SPEC §12): 消毒, 伤害, 消防 and 隐患 by Excel and form; the alerts name exactly the gaps."""
from datetime import date

import pytest

from tests.exchange.conftest import CLASSES, child_row, make_id
from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.exchange.importer import ImportFailed
from tuoyu_desktop.services import safety
from tuoyu_desktop.services.alerts import collect_alerts
from tuoyu_desktop.services.operations import Operations

TODAY = date(2026, 11, 25)
KID = make_id(date(2024, 8, 1), 1)


@pytest.fixture
def ops(importer, workspace):
    importer("classes", CLASSES[2:])  # 托大一班, 混龄班
    importer("children", [child_row("幼儿0", date(2024, 8, 1), 1, "托大一班")])
    return Operations(workspace, today=lambda: TODAY)


def alerts(ops, on, *groups):
    return [a.text for a in ops.look(collect_alerts, today=on) if a.group in groups]


def dis(day, klass="托大一班"):
    return {"日期": day, "班级": klass, "消毒项目": "餐桌、水杯、毛巾", "方法和浓度": "含氯消毒剂 500 mg/L", "执行人": "王芳"}


def test_a_class_without_disinfection_on_a_past_open_day_is_named_from_the_first_record_on(ops, importer):
    importer("disinfection", [dis("2026-11-02"), dis("2026-11-02", "混龄班"), dis("2026-11-03")])
    assert alerts(ops, date(2026, 11, 3), "消毒") == []  # the 3rd is today: not yet a gap
    assert alerts(ops, date(2026, 11, 5), "消毒") == [
        "2026-11-03 混龄班 没有消毒记录（托儿所幼儿园卫生保健工作规范）",
        "2026-11-04 混龄班、托大一班 没有消毒记录（托儿所幼儿园卫生保健工作规范）"]
    changes = ops.change(safety.disinfect_as_last_time, today=date(2026, 11, 4))
    assert "混龄班、托大一班" in changes.message
    assert alerts(ops, date(2026, 11, 5), "消毒") == ["2026-11-03 混龄班 没有消毒记录（托儿所幼儿园卫生保健工作规范）"]
    with pytest.raises(ImportFailed, match="第2行 日期: 2026-11-01不开园"):
        importer("disinfection", [dis("2026-11-01")])


def test_an_injury_without_the_parents_told_is_an_alert_from_the_next_day_and_counted_for_the_month(ops, importer):
    row = {"身份证号": KID, "发生时间": "2026-11-24 10:20", "地点": "户外活动场地", "经过": "奔跑时绊倒",
           "伤害类型": "跌倒/坠落", "部位": "额头", "程度": "轻", "处理": "园内处理", "记录人": "王芳"}
    importer("injuries", [row])
    assert alerts(ops, date(2026, 11, 24), "伤害") == []
    (alert,) = alerts(ops, TODAY, "伤害")
    assert alert.startswith("幼儿0 2026-11-24 10:20 跌倒/坠落（额头）：还没有登记家长告知时间")
    assert ops.look(safety.injuries_in_month) == 1
    importer("injuries", [{**row, "家长告知时间": "2026-11-24 10:40"}])
    assert alerts(ops, TODAY, "伤害") == []
    with pytest.raises(ImportFailed) as bad:
        importer("injuries", [{**row, "处理": "送医", "家长告知时间": "2026-11-24 09:00"}])
    assert "第2行 送医医院: 送医的请写明送到哪家医院" in str(bad.value) and "早于发生时间" in str(bad.value)


def test_patrols_checks_drills_and_hazards_are_alerted_as_the_regulation_says(ops, importer):
    importer("firechecks", [{"类型": "巡查", "时间": "2026-05-11 08:30", "执行人": "陈国强"},
                            {"类型": "巡查", "时间": "2026-05-11 15:30", "执行人": "陈国强"},
                            {"类型": "检查", "时间": "2026-05-13 10:00", "执行人": "沈丽华"},
                            {"类型": "演练", "时间": "2026-04-28 10:00", "执行人": "沈丽华", "参加人数": 40, "用时": 3},
                            {"类型": "巡查", "时间": "2026-05-12 08:30", "执行人": "陈国强"}])
    fire = alerts(ops, date(2026, 5, 13), "消防")
    assert fire == ["2026-05-12 防火巡查1次，少于每个开园日2次（机关、团体、企业、事业单位消防安全管理规定（公安部令第61号）第二十五条）"]
    later = alerts(ops, date(2026, 11, 2), "消防")
    assert "2026年6月没有防火检查" in "".join(later) and "2026年10月没有防火检查" in "".join(later)
    assert "2026年5月没有防火检查" not in "".join(later)
    assert later[-1].startswith("疏散演练已逾期：上次演练2026-04-28，应在2026-10-28前再演练")
    importer("hazards", [{"发现日期": "2026-11-02", "发现于": "巡查", "隐患": "二楼疏散通道堆放杂物", "整改期限": "2026-11-05"}])
    assert alerts(ops, TODAY, "隐患") == ["2026-11-02巡查发现的隐患“二楼疏散通道堆放杂物”未整改（整改期限2026-11-05，已逾期20天）"]
    importer("hazards", [{"发现日期": "2026-11-02", "发现于": "巡查", "隐患": "二楼疏散通道堆放杂物", "整改期限": "2026-11-05",
                          "整改日期": "2026-11-03", "整改人": "陈国强"}])
    assert alerts(ops, TODAY, "隐患") == []
    with pytest.raises(ImportFailed, match="演练请填写参加人数"):
        importer("firechecks", [{"类型": "演练", "时间": "2026-11-20 10:00", "执行人": "沈丽华"}])


def test_same_as_last_time_needs_a_record_to_copy(ops):
    with pytest.raises(InputError, match="还没有以前的消毒记录"):
        ops.change(safety.disinfect_as_last_time, today=date(2026, 11, 4))
