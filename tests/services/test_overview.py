from datetime import date

from tuoyu_desktop.services.overview import overview
from tuoyu_desktop.store.models import Child, SchoolClass, Staff


def test_home_page_counts_only_children_enrolled_and_staff_employed_today(workspace):
    with workspace.session() as s:
        s.add(SchoolClass(name="托小一班", class_type="托小班", capacity=15, opened_on=date(2025, 1, 1)))
        s.add(SchoolClass(name="旧班", class_type="托大班", capacity=20, opened_on=date(2024, 1, 1),
                          closed_on=date(2025, 6, 1)))
        kid = dict(sex="男", birth_date=date(2024, 5, 1), enrolled_on=date(2025, 9, 1))
        s.add(Child(name="在托", **kid))
        s.add(Child(name="已离托", left_on=date(2025, 10, 1), **kid))
        s.add(Child(name="今天离托", left_on=date(2025, 11, 1), **kid))  # leave date after D: still counted
        s.add(Child(name="下月入托", **{**kid, "enrolled_on": date(2025, 12, 1)}))
        s.add(Staff(name="甲", id_number="1", role="保育人员", hired_on=date(2025, 1, 1)))
        s.add(Staff(name="乙", id_number="2", role="保育人员", hired_on=date(2025, 1, 1), left_on=date(2025, 3, 1)))
    with workspace.session() as s:
        o = overview(s, date(2025, 10, 31))
    assert (o.children_enrolled, o.classes_open, o.capacity, o.staff_employed) == (2, 1, 15, 1)
    assert not o.centre_complete
