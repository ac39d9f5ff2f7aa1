"""A caregiver's class (所在班级) has a history, so that a past month's 师幼比 (C02) and its staff sheet
show the class she was in then, not the one she is in today."""
from datetime import date

from sqlmodel import select

from tests.exchange.conftest import make_id
from tuoyu_desktop.services.forms import record_values, save_record
from tuoyu_desktop.services.monthly import class_figures, load_month, month_figures
from tuoyu_desktop.store.models import (
    Child,
    Placement,
    SchoolClass,
    Staff,
    StaffAssignment,
)

D = date


def _centre(ws):
    """Two 托大班 of 14 children (1:7, so each needs 2 caregivers); 甲 has 2 caregivers, 乙 has 1."""
    with ws.session() as s:
        a = SchoolClass(name="托大甲班", class_type="托大班", capacity=20, opened_on=D(2025, 1, 1))
        b = SchoolClass(name="托大乙班", class_type="托大班", capacity=20, opened_on=D(2025, 1, 1))
        s.add_all([a, b])
        s.flush()
        for klass in (a, b):
            for i in range(14):
                c = Child(name=f"{klass.name}{i}", sex="男", birth_date=D(2024, 1, 1), enrolled_on=D(2026, 1, 1))
                s.add(c)
                s.flush()
                s.add(Placement(child_id=c.id, class_id=klass.id, start_on=D(2026, 1, 1)))
    for n, klass in (("王芳", "托大甲班"), ("李静", "托大甲班"), ("赵敏", "托大乙班")):
        with ws.session() as s:
            save_record(s, "staff", {"姓名": n, "身份证号": make_id(D(1990, 1, 1), len(n) + ord(n[0]) % 50, "320411"),
                                     "岗位": "保育人员", "所在班级": klass, "入职日期": "2025-06-01"}, ws.profiles,
                        D(2025, 6, 1))


def _move(ws, name, klass, today):
    with ws.session() as s:
        st = s.exec(select(Staff).where(Staff.name == name)).one()
        values = record_values(s, "staff", st.id, ws.profiles, today)
        values["所在班级"] = klass
        save_record(s, "staff", values, ws.profiles, today, st.id)


def test_a_caregiver_moved_in_november_still_counts_for_her_old_class_in_october(workspace):
    _centre(workspace)
    with workspace.session() as s:
        assert month_figures(s, workspace.profiles, "2026-10")["C02"] == 1  # 乙 short of one
    _move(workspace, "李静", "托大乙班", D(2026, 11, 10))  # now 甲 is short instead
    with workspace.session() as s:
        october = load_month(s, workspace.profiles, "2026-10")
        november = load_month(s, workspace.profiles, "2026-11")
        assert month_figures(s, workspace.profiles, "2026-10")["C02"] == 1
        assert month_figures(s, workspace.profiles, "2026-11")["C02"] == 1
    assert [(cf.klass.name, cf.caregivers) for cf in class_figures(october)] == [("托大乙班", 1), ("托大甲班", 2)]
    assert [(cf.klass.name, cf.caregivers) for cf in class_figures(november)] == [("托大乙班", 2), ("托大甲班", 1)]
    names = {k.id: k.name for k in october.classes}
    li = next(st for st in october.staff if st.name == "李静")
    assert names[october.staff_class[li.id]] == "托大甲班"
    assert names[november.staff_class[li.id]] == "托大乙班"


def test_moving_a_caregiver_back_on_the_same_day_leaves_no_trace_in_the_history(workspace):
    _centre(workspace)
    _move(workspace, "李静", "托大乙班", D(2026, 11, 10))
    _move(workspace, "李静", "托大甲班", D(2026, 11, 10))
    with workspace.session() as s:
        li = s.exec(select(Staff).where(Staff.name == "李静")).one()
        history = s.exec(select(StaffAssignment).where(StaffAssignment.staff_id == li.id)).all()
        assert [(h.start_on, h.class_id) for h in history] == [(D(2025, 6, 1), li.class_id)]


def test_a_caregiver_given_a_class_for_the_first_time_had_none_before(workspace):
    _centre(workspace)
    with workspace.session() as s:
        save_record(s, "staff", {"姓名": "周琳", "身份证号": make_id(D(1991, 2, 2), 77, "320411"), "岗位": "保育人员",
                       "入职日期": "2025-06-01"}, workspace.profiles, D(2025, 6, 1))
    _move(workspace, "周琳", "托大乙班", D(2026, 11, 10))
    with workspace.session() as s:
        assert month_figures(s, workspace.profiles, "2026-10")["C02"] == 1  # 乙 still short in October
        assert month_figures(s, workspace.profiles, "2026-11")["C02"] == 0


def test_staff_stored_before_the_history_was_kept_count_for_their_current_class(workspace):
    with workspace.session() as s:
        k = SchoolClass(name="乳儿班", class_type="乳儿班", capacity=10, opened_on=D(2025, 1, 1))
        s.add(k)
        s.flush()
        s.add(Staff(name="旧员工", id_number=make_id(D(1985, 3, 3), 11, "320411"), role="保育人员",
                    hired_on=D(2020, 1, 1), class_id=k.id))
    with workspace.session() as s:
        d = load_month(s, workspace.profiles, "2026-10")
        assert d.staff_class[d.staff[0].id] == k.id


def test_an_import_that_changes_the_class_adds_to_the_history(workspace, importer):
    _centre(workspace)
    with workspace.session() as s:
        li = s.exec(select(Staff).where(Staff.name == "李静")).one()
        row = {"姓名": "李静", "身份证号": li.id_number, "岗位": "保育人员", "所在班级": "托大乙班",
               "入职日期": "2025-06-01"}
    importer("staff", [row], today=D(2026, 11, 10))
    with workspace.session() as s:
        assert month_figures(s, workspace.profiles, "2026-10")["C02"] == 1
        october = load_month(s, workspace.profiles, "2026-10")
        history = s.exec(select(StaffAssignment).where(StaffAssignment.staff_id == li.id)
                         .order_by(StaffAssignment.start_on)).all()
    assert [h.start_on for h in history] == [D(2025, 6, 1), D(2026, 11, 10)]
    assert october.staff_class[li.id] == history[0].class_id


def test_correcting_a_new_caregivers_class_on_the_day_she_was_entered_changes_it_from_her_first_day(workspace):
    _centre(workspace)
    with workspace.session() as s:
        save_record(s, "staff", {"姓名": "周琳", "身份证号": make_id(D(1991, 2, 2), 77, "320411"), "岗位": "保育人员",
                       "所在班级": "托大甲班", "入职日期": "2025-06-01"}, workspace.profiles, D(2026, 11, 10))
    _move(workspace, "周琳", "托大乙班", D(2026, 11, 10))  # a typing mistake put right the same day
    with workspace.session() as s:
        zhou = s.exec(select(Staff).where(Staff.name == "周琳")).one()
        october = load_month(s, workspace.profiles, "2026-10")
        history = s.exec(select(StaffAssignment).where(StaffAssignment.staff_id == zhou.id)).all()
    assert [(h.start_on, h.class_id) for h in history] == [(D(2025, 6, 1), zhou.class_id)]
    assert october.staff_class[zhou.id] == zhou.class_id
    assert [(cf.klass.name, cf.caregivers) for cf in class_figures(october)] == [("托大乙班", 2), ("托大甲班", 2)]


def test_a_rehired_caregivers_class_starts_on_her_new_hiring_date(workspace):
    _centre(workspace)
    with workspace.session() as s:
        zhao = s.exec(select(Staff).where(Staff.name == "赵敏")).one()
        values = record_values(s, "staff", zhao.id, workspace.profiles, D(2026, 1, 5))
        values["离职日期"] = "2025-12-31"
        save_record(s, "staff", values, workspace.profiles, D(2026, 1, 5), zhao.id)
    with workspace.session() as s:
        values = record_values(s, "staff", zhao.id, workspace.profiles, D(2026, 1, 5))
        values.update({"离职日期": "", "入职日期": "2026-11-01", "所在班级": "托大甲班"})
        save_record(s, "staff", values, workspace.profiles, D(2026, 12, 3), zhao.id)
    with workspace.session() as s:
        november = load_month(s, workspace.profiles, "2026-11")
        names = {k.id: k.name for k in november.classes}
        assert names[november.staff_class[zhao.id]] == "托大甲班"


def test_a_past_month_counts_a_caregiver_by_the_post_she_held_then(workspace):
    _centre(workspace)
    with workspace.session() as s:
        li = s.exec(select(Staff).where(Staff.name == "李静")).one()
        values = record_values(s, "staff", li.id, workspace.profiles, D(2026, 11, 10))
        values.update({"岗位": "保健人员", "所在班级": ""})
        save_record(s, "staff", values, workspace.profiles, D(2026, 11, 10), li.id)
    with workspace.session() as s:
        october = load_month(s, workspace.profiles, "2026-10")
        assert month_figures(s, workspace.profiles, "2026-10")["C02"] == 1
        assert month_figures(s, workspace.profiles, "2026-11")["C02"] == 2
        assert october.staff_role[li.id] == "保育人员"
        from tuoyu_desktop.services.returns import build_snapshot

        sheet = build_snapshot(s, workspace.profiles, "2026-10")["staff"]
    assert [row[:3] for row in sheet if row[0] == "李静"] == [["李静", "保育人员", "托大甲班"]]
