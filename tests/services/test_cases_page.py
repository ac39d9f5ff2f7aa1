"""传染病与请假 page: a manager looks up every 传染病登记 and 员工请假 to correct one (SPEC §8)."""
from datetime import date

from sqlmodel import select

from tests.conftest import DEMO_TODAY
from tuoyu_desktop.services.register import cases_page
from tuoyu_desktop.store.models import Child, DiseaseCase, Staff, StaffLeave


def test_manager_sees_each_case_with_the_childs_class_then_and_whether_the_child_may_come_back(demo):
    with demo.session() as s:
        kid = s.exec(select(Child).where(Child.left_on.is_(None)).order_by(Child.id)).first()
        s.add(DiseaseCase(child_id=kid.id, disease="水痘", onset_on=date(2026, 11, 20)))
        s.add(DiseaseCase(child_id=kid.id, disease="流行性感冒", onset_on=date(2026, 11, 2),
                          returned_on=date(2026, 11, 9)))  # back, but no 复课证明 yet
        staff = s.exec(select(Staff).where(Staff.left_on.is_(None)).order_by(Staff.id)).first()
        s.add(StaffLeave(staff_id=staff.id, start_on=date(2026, 12, 1), end_on=date(2026, 12, 3), kind="年假"))
        s.add(StaffLeave(staff_id=staff.id, start_on=date(2026, 11, 24), end_on=date(2026, 11, 26), kind="病假"))
    with demo.reading() as db:
        page = cases_page(db, DEMO_TODAY)
    newest, second = page.cases[0], page.cases[1]
    assert (newest.child_name, newest.disease, newest.status) == (kid.name, "水痘", "未复课")
    assert (second.disease, second.status) == ("流行性感冒", "复课缺证明")
    assert all(c.status == "已复课" for c in page.cases[2:])
    assert newest.class_name  # the class the child was in on the day of onset
    assert [c.onset_on for c in page.cases] == sorted((c.onset_on for c in page.cases), reverse=True)
    first, now = page.leaves[0], page.leaves[1]
    assert (first.staff_name, first.kind, first.days, first.status) == (staff.name, "年假", 3, "未开始")
    assert (now.kind, now.status) == ("病假", "请假中")
    assert page.leaves[-1].status == "已结束"
