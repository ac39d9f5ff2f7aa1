"""The daily register's services (SPEC §8): a class-day saved at once, corrected later, A01–A12, alerts."""
from datetime import date

import pytest
from sqlmodel import select

from tests.exchange.conftest import CLASSES, child_row, make_id
from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.services import register
from tuoyu_desktop.services.alerts import collect_alerts
from tuoyu_desktop.services.operations import Operations
from tuoyu_desktop.store.models import (
    AttendanceMark,
    AuditEntry,
    HealthCheck,
    SchoolClass,
)

STAFF_ID = make_id(date(1990, 3, 8), 2, "320411")
MON, TUE, WED = date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 4)
TODAY = date(2026, 11, 25)


@pytest.fixture
def ops(importer, workspace):
    importer("classes", CLASSES)
    importer("children", [child_row(f"幼儿{i}", date(2024, 8, 1), i + 1, "托大一班") for i in range(8)])
    importer("staff", [{"姓名": "陆文静", "身份证号": STAFF_ID, "岗位": "保育人员", "所在班级": "托大一班",
                        "入职日期": "2024-03-01"}])
    return Operations(workspace, today=lambda: TODAY)


def class_id(ops, name="托大一班"):
    return ops.read(lambda s: s.exec(select(SchoolClass.id).where(SchoolClass.name == name)).one())


def sheet_for(ops, day):
    return ops.read(register.day_sheet, class_id(ops), day)


def save(ops, day, edit=lambda rows: None):
    sheet = sheet_for(ops, day)
    edit(sheet.rows)
    return ops.change(register.save_day, sheet.class_id, day, sheet.rows)


def test_a_class_day_is_everyone_present_by_default_and_saved_at_once(ops):
    sheet = sheet_for(ops, MON)
    assert sheet.is_open and len(sheet.rows) == 8 and {r.mark for r in sheet.rows} == {"出勤"} and not sheet.saved

    def edit(rows):
        rows[0].mark, rows[0].symptom = "病假", "发热"
        rows[1].temperature, rows[1].result = 37.6, "正常"
        for r in rows[2:]:
            r.temperature, r.result = 36.5, "正常"
    changes = save(ops, MON, edit)
    assert "出勤7人" in changes.message and changes.touches("register")
    stored = ops.read(lambda s: s.exec(select(AttendanceMark)).all())
    assert len(stored) == 8
    results = ops.read(lambda s: sorted(c.result for c in s.exec(select(HealthCheck))))
    assert results == ["异常"] + ["正常"] * 6  # 37.6 ℃ is 异常 whatever was ticked
    assert sheet_for(ops, MON).saved


def test_a_sick_leave_without_its_symptom_stores_nothing_of_the_day(ops):
    def edit(rows):
        rows[3].mark = "病假"
    with pytest.raises(InputError) as excinfo:
        save(ops, MON, edit)
    assert "幼儿" in excinfo.value.problems[0].field and "症状" in excinfo.value.problems[0].field
    assert ops.read(lambda s: s.exec(select(AttendanceMark)).all()) == []


def test_a_closed_day_cannot_be_marked(ops):
    with pytest.raises(InputError) as excinfo:
        save(ops, date(2026, 10, 1))
    assert "不是开园日" in str(excinfo.value.problems[0])


def test_correcting_an_earlier_day_is_kept_in_the_audit_log(ops):
    save(ops, MON)

    def edit(rows):
        rows[0].mark = "事假"
    save(ops, MON, edit)
    assert [m.mark for m in sheet_for(ops, MON).rows].count("事假") == 1
    entries = ops.read(lambda s: s.exec(select(AuditEntry).where(AuditEntry.table_name == "attendance_marks",
                                                                 AuditEntry.action == "修改")).all())
    assert len(entries) == 1 and "事假" in entries[0].new_json


def test_three_children_with_fever_on_one_day_fire_the_24_hour_alert_and_count_in_a11(ops):
    def edit(rows):
        for r in rows[:3]:
            r.mark, r.symptom = "病假", "发热"
    save(ops, MON, edit)
    alerts = ops.read(collect_alerts, today=TUE)
    cluster = [a for a in alerts if a.group == "聚集性预警"]
    assert len(cluster) == 1 and "24小时内报告" in cluster[0].text
    figures = ops.read(lambda s: register.register_month(s, ops.profiles["通用"], "2026-11"))
    assert figures["A11"] == 1 and figures["A05"] == 3 and figures["A03"] == 5 and figures["A02"] == 8
    assert str(figures["A04"]) == "62.5" and figures["A07"] == 0 and figures["A08"] == 0


def test_a_sick_leave_not_followed_up_by_the_next_open_day_is_an_alert(ops):
    def edit(rows):
        rows[0].mark, rows[0].symptom = "病假", "咳嗽"
    save(ops, MON, edit)
    texts = lambda day: [a.text for a in ops.read(collect_alerts, today=day) if a.group == "因病缺勤追踪"]
    assert texts(TUE) == []  # due by the end of Tuesday
    assert len(texts(WED)) == 1

    def follow(rows):
        rows[0].followed_up_on, rows[0].follow_up = TUE, "已就医，普通感冒"
    save(ops, MON, follow)
    assert texts(WED) == []


def test_unmarked_children_and_missing_morning_checks_are_alerts(ops):
    alerts = ops.read(collect_alerts, today=MON)
    assert any(a.group == "出勤登记" and "8名幼儿未登记" in a.text for a in alerts)
    save(ops, MON)
    alerts = ops.read(collect_alerts, today=MON)
    assert not any(a.group == "出勤登记" for a in alerts)
    assert any(a.group == "晨检" and "8名" in a.text for a in alerts)


def test_the_ratio_by_attendance_counts_the_caregiver_on_leave_as_absent(ops, importer):
    importer("leave", [{"身份证号": STAFF_ID, "开始日期": MON.isoformat(), "结束日期": MON.isoformat()}],
             today=TODAY)
    save(ops, MON)
    assert any(a.group == "师幼比" for a in ops.read(collect_alerts, today=MON))
    figures = ops.read(lambda s: register.register_month(s, ops.profiles["通用"], "2026-11"))
    assert figures["A12"] == 1 and figures["A01"] == 21


def test_the_page_opens_on_the_last_open_day_when_today_is_closed(ops):
    day, note = ops.read(register.register_day, today=date(2026, 11, 1))  # a Sunday
    assert day == date(2026, 10, 30) and "不开园" in note


def test_a_child_with_an_open_hand_foot_mouth_case_needs_the_return_certificate_before_coming_back(ops):
    from tuoyu_desktop.services.forms import save_record

    sheet = sheet_for(ops, MON)
    child = sheet.rows[0]
    number = ops.read(register.child_id_number, child.child_id)
    ops.change(save_record, "diseases", {"身份证号": number, "病名": "手足口病", "发病日期": "2026-11-01"})
    row = next(r for r in sheet_for(ops, TUE).rows if r.child_id == child.child_id)
    assert row.open_case == "手足口病" and row.mark == "病假"

    def back(rows):
        next(r for r in rows if r.child_id == child.child_id).mark = "出勤"
    with pytest.raises(InputError) as excinfo:
        save(ops, TUE, back)
    assert "复课证明" in excinfo.value.problems[0].message
    case_id = ops.read(register.latest_case_id, child.child_id)
    ops.change(save_record, "diseases", {"身份证号": number, "病名": "手足口病", "发病日期": "2026-11-01",
                                         "复课日期": TUE.isoformat(), "复课证明": True}, case_id)
    save(ops, TUE, back)


def test_a_days_open_or_closed_setting_can_be_changed_from_the_form(ops):
    from tuoyu_desktop.services.forms import save_record
    from tuoyu_desktop.store.models import OpenDayOverride

    day = "2026-12-26"  # a Saturday: opened for Saturday care, then closed again
    ops.change(save_record, "opendays", {"日期": day, "开园": "是", "说明": "周六托管"})
    ops.change(save_record, "opendays", {"日期": day, "开园": "否", "说明": "取消"})
    stored = ops.read(lambda s: s.get(OpenDayOverride, date(2026, 12, 26)))
    assert (stored.is_open, stored.note) == (False, "取消")



def test_a_case_is_registered_for_a_child_still_waiting_for_a_hukou_id(ops, importer):
    """SPEC §2 lets a child be enrolled without an ID number; the 今日 page names the child by its record."""
    from tuoyu_desktop.services.forms import save_record
    from tuoyu_desktop.services.records.register import CHILD_REF
    from tuoyu_desktop.store.models import Child, DiseaseCase

    importer("children", [child_row("新生儿", date(2024, 9, 1), 77, "托大一班", 身份证号="", 监护人电话="13900001111")])
    child_id = ops.read(lambda s: s.exec(select(Child.id).where(Child.name == "新生儿")).one())
    ops.change(save_record, "diseases", {"身份证号": "（尚未落户）", CHILD_REF: str(child_id), "病名": "手足口病",
                                         "发病日期": "2026-11-02"})
    case = ops.read(lambda s: s.exec(select(DiseaseCase)).one())
    assert (case.child_id, case.disease) == (child_id, "手足口病")


def test_a_child_at_home_with_a_registered_case_raises_no_follow_up_alert(ops):
    from tuoyu_desktop.services.forms import save_record

    sheet = sheet_for(ops, MON)
    child = sheet.rows[0]
    ops.change(save_record, "diseases", {"身份证号": ops.read(register.child_id_number, child.child_id),
                                         "病名": "手足口病", "发病日期": "2026-10-30"})
    sheet = sheet_for(ops, MON)
    row = next(r for r in sheet.rows if r.child_id == child.child_id)
    assert (row.mark, row.open_case, row.followed_up_on) == ("病假", "手足口病", MON)  # its cause is the case
    ops.change(register.save_day, sheet.class_id, MON, sheet.rows)
    lines = ops.read(lambda s: [a.text for a in collect_alerts(s, ops.profiles, WED)])
    assert not any("未在下一个开园日内追踪病因" in t for t in lines)
