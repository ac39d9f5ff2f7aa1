from datetime import date

import pytest
from sqlmodel import select

from tuoyu_desktop.domain.ages import completed_months
from tuoyu_desktop.domain.classes import fits_class
from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.domain.idnumbers import (
    check_id_against,
    parse_id_number,
    validate_uscc,
)
from tuoyu_desktop.services.centre import get_centre
from tuoyu_desktop.services.demo import fill_demo
from tuoyu_desktop.store.models import (
    Agreement,
    Certificate,
    Child,
    Placement,
    SchoolClass,
    Staff,
    TrainingRecord,
    Visit,
    VoucherRedemption,
)

TODAY = date(2026, 11, 25)


def test_demo_centre_has_five_classes_of_every_type_and_about_sixty_children(demo):
    with demo.session() as s:
        classes = s.exec(select(SchoolClass)).all()
        children = s.exec(select(Child)).all()
    assert len(classes) == 5
    assert {c.class_type for c in classes} == {"乳儿班", "托小班", "托大班", "混龄班"}
    assert 50 <= len(children) <= 70
    assert any(c.left_on for c in children) and any(c.left_on is None for c in children)


def test_demo_children_have_valid_ids_and_fit_their_class_on_enrolment(demo):
    profile = demo.profiles["天宁区"]
    with demo.session() as s:
        validate_uscc(get_centre(s).uscc)
        classes = {c.id: c for c in s.exec(select(SchoolClass)).all()}
        for child in s.exec(select(Child)).all():
            if child.id_number:
                assert check_id_against(parse_id_number(child.id_number), child.birth_date, child.sex) == []
            first = s.exec(select(Placement).where(Placement.child_id == child.id)
                           .order_by(Placement.start_on)).first()
            months = completed_months(child.birth_date, first.start_on)
            assert fits_class(classes[first.class_id].class_type, months, profile) is None, child.name


def test_demo_has_staff_certificates_training_agreement_and_vouchers(demo):
    with demo.session() as s:
        staff = s.exec(select(Staff)).all()
        certs = s.exec(select(Certificate)).all()
        assert 12 <= len(staff) <= 18 and any(p.left_on for p in staff)
        assert any(c.expires_on and c.expires_on < TODAY for c in certs)
        assert any(c.expires_on and TODAY <= c.expires_on <= date(2026, 12, 25) for c in certs)
        assert s.exec(select(TrainingRecord)).first() is not None
        assert s.exec(select(Agreement)).first() is not None
        assert len(s.exec(select(Visit)).all()) >= 6
        assert len(s.exec(select(VoucherRedemption)).all()) >= 10


def test_demo_refuses_to_fill_a_database_that_already_has_data(demo):
    with pytest.raises(InputError, match="已有"):
        with demo.session() as s:
            fill_demo(s, demo.profiles, TODAY)


def test_every_demo_staff_member_has_a_class_history_from_the_day_of_hiring(demo):
    from tuoyu_desktop.store.models import StaffAssignment

    with demo.session() as s:
        staff = s.exec(select(Staff)).all()
        history = {a.staff_id: a for a in s.exec(select(StaffAssignment))}
    assert len(history) == len(staff)
    assert all((history[st.id].class_id, history[st.id].start_on) == (st.class_id, st.hired_on) for st in staff)


def test_demo_children_have_two_checks_and_a_few_in_each_class_to_follow_up(demo):
    from tuoyu_desktop.domain.periods import enrolled_on
    from tuoyu_desktop.services.growth import checkup_stats
    from tuoyu_desktop.store.models import Measurement

    with demo.session() as s:
        enrolled = [c for c in s.exec(select(Child)) if enrolled_on(c, TODAY)]
        measured = {}
        for m in s.exec(select(Measurement)):
            measured.setdefault(m.child_id, []).append(m)
        total = checkup_stats(s, TODAY)[-1]
    assert all(len(measured.get(c.id, [])) == 2 for c in enrolled)
    assert all(c.birth_date <= m.measured_on <= TODAY for c in enrolled for m in measured[c.id])
    assert all(total.counts[k] >= 2 for k in ("低体重", "生长迟缓", "超重", "贫血"))
