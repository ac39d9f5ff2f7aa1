"""Importing the daily register (SPEC §8): open days, attendance, 晨午检, 传染病 cases, staff leave."""
from datetime import date

import pytest
from sqlmodel import select

from tests.exchange.conftest import CLASSES, child_row, make_id
from tests.exchange.helpers import dump
from tuoyu_desktop.exchange.importer import ImportFailed
from tuoyu_desktop.store.models import (
    AttendanceMark,
    DiseaseCase,
    HealthCheck,
    OpenDayOverride,
    StaffLeave,
)

WANG = make_id(date(2025, 6, 10), 1)
LI = make_id(date(2024, 8, 1), 2)
STAFF_ID = make_id(date(1990, 3, 8), 2, "320411")


@pytest.fixture
def centre(importer):
    importer("classes", CLASSES)
    importer("children", [child_row(), child_row("李欣怡", date(2024, 8, 1), 2, "托大一班")])
    importer("staff", [{"姓名": "陆文静", "身份证号": STAFF_ID, "岗位": "保育人员", "所在班级": "托小一班",
                        "入职日期": "2024-03-01"}])


def problems_of(excinfo) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


def test_a_door_system_export_of_a_week_imports_by_id_or_by_name_and_class(centre, importer, workspace):
    rows = [{"身份证号": WANG, "日期": "2026-11-02", "出勤": "是", "入园时间": "8:05"},
            {"姓名": "李欣怡", "班级": "托大一班", "日期": "2026-11-02", "出勤": "否", "缺勤原因": "病假",
             "症状": "发热", "追踪日期": "2026-11-03", "追踪结果": "已退热"}]
    assert importer("attendance", rows).added == 2
    checks = [{"身份证号": WANG, "日期": "2026-11-02", "检次": "晨检", "体温": 37.5, "结果": "正常"}]
    assert importer("healthchecks", checks).added == 1
    assert importer("opendays", [{"日期": "2026-11-07", "开园": "是", "说明": "周六托管"}]).added == 1
    assert importer("leave", [{"身份证号": STAFF_ID, "开始日期": "2026-11-03", "结束日期": "2026-11-04",
                               "类型": "病假"}]).added == 1
    assert importer("diseases", [{"身份证号": LI, "病名": "手足口病", "发病日期": "2026-11-02"}]).added == 1
    with workspace.session() as s:
        marks = {m.mark: m for m in s.exec(select(AttendanceMark))}
        assert marks["出勤"].arrived_at == "08:05"
        assert marks["病假"].symptom == "发热" and marks["病假"].followed_up_on == date(2026, 11, 3)
        assert s.exec(select(HealthCheck)).one().result == "异常"  # 37.5 ℃ is 异常 whatever was ticked
        assert s.exec(select(OpenDayOverride)).one().is_open
        assert s.exec(select(StaffLeave)).one().end_on == date(2026, 11, 4)
        assert s.exec(select(DiseaseCase)).one().returned_on is None


def test_a_register_file_with_bad_rows_stores_nothing_and_names_each_row(centre, importer, db_path):
    importer("diseases", [{"身份证号": LI, "病名": "手足口病", "发病日期": "2026-11-02"}])
    before = dump(db_path)
    rows = [{"身份证号": WANG, "日期": "2026-11-03", "出勤": "是"},  # fine, but the file fails as a whole
            {"身份证号": WANG, "日期": "2026-10-01", "出勤": "是"},  # 国庆节
            {"身份证号": WANG, "日期": "2026-08-03", "出勤": "是"},  # before enrolment
            {"身份证号": LI, "日期": "2026-11-04", "出勤": "是"},  # open 手足口病 case
            {"身份证号": WANG, "日期": "2026-11-05", "出勤": "否", "缺勤原因": "病假"}]  # no 症状
    with pytest.raises(ImportFailed) as excinfo:
        importer("attendance", rows)
    text = "\n".join(problems_of(excinfo))
    assert "第3行 日期" in text and "国庆节" in text
    assert "第4行 日期" in text and "不在托" in text
    assert "第5行 出勤" in text and "复课证明" in text
    assert "第6行 症状" in text
    assert "第2行" not in text
    with pytest.raises(ImportFailed) as excinfo:
        importer("healthchecks", [{"身份证号": WANG, "日期": "2026-11-03", "检次": "晨检", "体温": 43, "结果": "正常"}])
    assert "第2行 体温" in problems_of(excinfo)[0]
    with pytest.raises(ImportFailed) as excinfo:
        importer("leave", [{"身份证号": STAFF_ID, "开始日期": "2026-11-05", "结束日期": "2026-11-03"}])
    assert "第2行 结束日期" in problems_of(excinfo)[0]
    assert dump(db_path) == before


def test_a_child_back_with_a_return_certificate_can_be_marked_present(centre, importer):
    importer("diseases", [{"身份证号": LI, "病名": "手足口病", "发病日期": "2026-11-02", "复课日期": "2026-11-10",
                           "复课证明": "是"}])
    assert importer("attendance", [{"身份证号": LI, "日期": "2026-11-10", "出勤": "是"}]).added == 1
    with pytest.raises(ImportFailed):
        importer("attendance", [{"身份证号": LI, "日期": "2026-11-09", "出勤": "是"}])


def test_a_day_with_marks_cannot_be_closed_by_an_import(centre, importer):
    importer("attendance", [{"身份证号": WANG, "日期": "2026-11-02", "出勤": "是"}])
    with pytest.raises(ImportFailed) as excinfo:
        importer("opendays", [{"日期": "2026-11-02", "开园": "否", "说明": "停电"}])
    assert "第2行 开园" in problems_of(excinfo)[0]
