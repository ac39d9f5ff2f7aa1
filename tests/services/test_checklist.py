"""今日待办 (SPEC §12): each line turns ✓ when its record is stored, and names what is still missing."""
from datetime import date

import pytest

from tests.exchange.conftest import CLASSES, child_row, make_id
from tuoyu_desktop.services.checklist import checklist
from tuoyu_desktop.services.operations import Operations

TODAY = date(2026, 11, 25)
KIDS = [make_id(date(2024, 8, 1), i) for i in (1, 2)]


@pytest.fixture
def ops(importer, workspace):
    importer("classes", CLASSES[2:3])  # 托大一班
    importer("children", [child_row(f"幼儿{i}", date(2024, 8, 1), i, "托大一班") for i in (1, 2)])
    return Operations(workspace, today=lambda: TODAY)


def lines(ops):
    return [t.line for t in ops.look(checklist).tasks]


def test_the_day_starts_with_everything_to_do_and_each_record_ticks_its_line(ops, importer):
    assert lines(ops) == ["✗ 出勤　托大一班：已登记0/2人，还有2人未登记", "✗ 晨检　托大一班：先登记出勤",
                          "✗ 消毒　托大一班：还没有登记", "✗ 巡查　防火巡查今天0次（每个开园日至少2次）"]
    importer("attendance", [{"身份证号": KIDS[0], "日期": "2026-11-25", "出勤": "是"},
                            {"身份证号": KIDS[1], "日期": "2026-11-25", "出勤": "否", "缺勤原因": "事假"}])
    importer("healthchecks", [{"身份证号": KIDS[0], "日期": "2026-11-25", "检次": "晨检", "体温": "36.6", "结果": "正常"}])
    importer("disinfection", [{"日期": "2026-11-25", "班级": "托大一班", "消毒项目": "餐桌", "方法和浓度": "含氯消毒剂 500 mg/L",
                               "执行人": "王芳"}])
    importer("firechecks", [{"类型": "巡查", "时间": f"2026-11-25 {t}", "执行人": "陈国强"} for t in ("08:30", "15:30")])
    importer("menus", [{"日期": "2026-11-25", "餐次": "午餐", "菜名": d, "食材": "鸡蛋", "每人用量": 30} for d in ("番茄炒蛋", "米饭")])
    importer("samples", [{"日期": "2026-11-25", "餐次": "午餐", "菜名": "米饭", "留样量": 130, "留样时间": "11:30", "留样人": "王芳"}])
    importer("medication", [{"身份证号": KIDS[0], "药名": "布洛芬混悬液", "剂量": "5 ml", "服药时间": "10:00", "开始日期": "2026-11-25",
                             "结束日期": "2026-11-25", "委托人": "王磊", "家长已签字": "是"}])
    got = lines(ops)
    assert got[:2] == ["✓ 出勤　托大一班：已登记2/2人", "✓ 晨检　托大一班：出勤1人，都已晨检"]
    assert "✗ 留样　午餐：1/2道菜已留样，还差番茄炒蛋" in got and "✗ 留样　早点：今天的食谱还没有排" in got
    assert "✓ 消毒　托大一班：已登记" in got and "✓ 巡查　防火巡查今天2次（每个开园日至少2次）" in got
    assert got[-1] == "✗ 喂药　10:00 幼儿1 布洛芬混悬液 5 ml（托大一班）"
    importer("doses", [{"身份证号": KIDS[0], "药名": "布洛芬混悬液", "时间": "2026-11-25 10:05", "结果": "已服", "喂药人": "王芳",
                        "核对人": "孙红梅"}])
    assert lines(ops)[-1] == "✓ 喂药　10:00 幼儿1 布洛芬混悬液 5 ml（托大一班） 已服 10:05，喂药人王芳，核对人孙红梅"


def test_a_closed_day_has_nothing_to_do(ops):
    sunday = ops.look(checklist, today=date(2026, 11, 29))
    assert sunday.tasks == [] and sunday.heading == "2026-11-29不开园（周末），没有待办"
