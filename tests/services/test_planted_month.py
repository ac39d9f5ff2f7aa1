"""Issue 30's check, as the inspector's office would run it: a month of the safety registers imported
with planted gaps; the alerts of these kinds name exactly the gaps, and the inspection pack holds each
imported record once."""
from datetime import date, timedelta

from tests.exchange.conftest import CLASSES, child_row, make_id
from tuoyu_desktop.services.alerts import collect_alerts
from tuoyu_desktop.services.inspection import inspection_pack
from tuoyu_desktop.services.operations import Operations

KINDS = ("消毒", "伤害", "带药", "消防", "隐患")
KID = make_id(date(2024, 8, 1), 1)


def open_days(first, last):
    d = first
    while d <= last:
        if d.weekday() < 5:
            yield d
        d += timedelta(days=1)


def test_a_month_with_planted_gaps_alerts_exactly_those_gaps_and_the_pack_holds_each_record_once(importer, workspace):
    importer("classes", CLASSES[2:])  # 托大一班, 混龄班
    importer("children", [child_row("幼儿0", date(2024, 8, 1), 1, "托大一班")])
    days = list(open_days(date(2026, 11, 2), date(2026, 11, 13)))
    importer("attendance", [{"身份证号": KID, "日期": d.isoformat(), "出勤": "是"} for d in days])
    disinfection = [{"日期": d.isoformat(), "班级": k, "消毒项目": "餐桌、水杯", "方法和浓度": "含氯消毒剂 500 mg/L", "执行人": "王芳"}
                    for d in days for k in ("托大一班", "混龄班") if (d, k) != (date(2026, 11, 5), "混龄班")]
    importer("disinfection", disinfection)
    fire = [{"类型": "演练", "时间": "2026-04-20 10:00", "执行人": "沈丽华", "参加人数": 40, "用时": 3},
            {"类型": "检查", "时间": "2026-11-03 10:00", "执行人": "沈丽华"}]
    for d in days:
        fire += [{"类型": "巡查", "时间": f"{d.isoformat()} {t}", "执行人": "陈国强"}
                 for t in (("08:30",) if d == date(2026, 11, 10) else ("08:30", "15:30"))]
    importer("firechecks", fire)
    importer("hazards", [{"发现日期": "2026-11-04", "发现于": "巡查", "隐患": "二楼疏散通道堆放杂物", "整改期限": "2026-11-20"}])
    importer("injuries", [{"身份证号": KID, "发生时间": "2026-11-11 10:20", "地点": "活动室", "经过": "绊倒", "伤害类型": "跌倒/坠落",
                           "部位": "额头", "程度": "轻", "处理": "园内处理", "记录人": "王芳"}])
    importer("medication", [{"身份证号": KID, "药名": "布洛芬混悬液", "剂量": "5 ml", "服药时间": "10:00", "开始日期": "2026-11-09",
                             "结束日期": "2026-11-10", "委托人": "王磊", "家长已签字": "是"}])
    importer("doses", [{"身份证号": KID, "药名": "布洛芬混悬液", "时间": "2026-11-09 10:05", "结果": "已服", "喂药人": "王芳",
                        "核对人": "孙红梅"}])
    ops = Operations(workspace, today=lambda: date(2026, 11, 16))
    found = sorted(a.text for a in ops.look(collect_alerts, today=date(2026, 11, 16)) if a.group in KINDS)
    assert found == sorted([
        "2026-11-05 混龄班 没有消毒记录（托儿所幼儿园卫生保健工作规范）",
        "幼儿0 2026-11-11 10:20 跌倒/坠落（额头）：还没有登记家长告知时间（伤害发生后当天应告知家长）",
        next(t for t in found if t.startswith("幼儿0 11月10日 10:00 布洛芬混悬液（5 ml）没有喂药记录")),
        next(t for t in found if t.startswith("2026-11-10 防火巡查1次，少于每个开园日2次")),
        next(t for t in found if t.startswith("疏散演练已逾期：上次演练2026-04-20，应在2026-10-20前再演练")),
        "2026-11-04巡查发现的隐患“二楼疏散通道堆放杂物”未整改（整改期限2026-11-20）",
    ])
    # on the 5th nothing of the 5th is a gap yet (the day is not over), the drill already is
    early = [a.text for a in ops.look(collect_alerts, today=date(2026, 11, 5)) if a.group in KINDS]
    assert not any("2026-11-05" in t for t in early) and any(t.startswith("疏散演练已逾期") for t in early)
    pack = ops.look(inspection_pack, date(2026, 11, 1), date(2026, 11, 30))
    counts = {s.key: len(s.rows) for s in pack.sections}
    assert counts["attendance"] == len(days) and counts["disinfection"] == len(disinfection)
    assert counts["fire"] == len(fire) - 1 + 1  # the April drill is before the month; the hazard is in it
    assert counts["injuries"] == 1 and counts["medication"] == 2
    assert "最近一次在2026-04-20" in pack.section("fire").note
    april = ops.look(inspection_pack, date(2026, 4, 1), date(2026, 4, 30))
    assert len(april.section("fire").rows) == 1
