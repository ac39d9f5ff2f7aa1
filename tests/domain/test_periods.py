"""“On day D” (SPEC §3): one rule per kind of period, and its SQL twin agrees with it on any data."""
from datetime import date, timedelta
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from tuoyu_desktop.domain import periods

D = date(2026, 10, 31)


def test_a_child_who_leaves_on_the_last_day_is_not_enrolled_that_day():
    child = SimpleNamespace(enrolled_on=date(2026, 3, 1), left_on=D)
    assert periods.enrolled_on(child, D - timedelta(days=1))
    assert not periods.enrolled_on(child, D)


def test_a_child_enrolled_on_the_day_counts_that_day_and_not_the_day_before():
    child = SimpleNamespace(enrolled_on=D, left_on=None)
    assert periods.enrolled_on(child, D) and not periods.enrolled_on(child, D - timedelta(days=1))


def test_staff_leaving_on_d_are_no_longer_employed_on_d():
    staff = SimpleNamespace(hired_on=date(2020, 1, 1), left_on=D)
    assert not periods.employed_on(staff, D) and periods.employed_on(staff, D - timedelta(days=1))


def test_a_class_closed_on_d_is_not_open_on_d_and_one_without_an_opening_date_is_open():
    assert not periods.class_open_on(SimpleNamespace(opened_on=None, closed_on=D), D)
    assert periods.class_open_on(SimpleNamespace(opened_on=None, closed_on=None), D)


def test_a_certificate_expiring_on_d_is_still_valid_on_d_but_not_the_day_after():
    cert = SimpleNamespace(issued_on=date(2025, 11, 1), expires_on=D)
    assert periods.cert_valid_on(cert, D) and not periods.cert_valid_on(cert, D + timedelta(days=1))
    assert not periods.cert_valid_on(cert, date(2025, 10, 31))  # not yet issued
    assert periods.cert_valid_on(SimpleNamespace(issued_on=None, expires_on=None), D)


def test_an_agreement_is_valid_through_its_end_date():
    a = SimpleNamespace(valid_from=date(2026, 1, 10), valid_to=D)
    assert periods.agreement_valid_on(a, D) and not periods.agreement_valid_on(a, D + timedelta(days=1))


def test_a_leaver_of_the_first_day_still_touches_the_month():
    child = SimpleNamespace(enrolled_on=date(2026, 3, 1), left_on=date(2026, 10, 1))
    assert periods.ENROLMENT.touches(child, date(2026, 10, 1), D)
    assert not periods.ENROLMENT.touches(child, date(2026, 11, 1), date(2026, 11, 30))


days = st.one_of(st.none(), st.dates(min_value=date(2026, 10, 25), max_value=date(2026, 11, 5)))
SPANS = [periods.ENROLMENT, periods.EMPLOYMENT, periods.CLASS_OPEN, periods.PLACEMENT, periods.CERTIFICATE,
         periods.AGREEMENT]


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(days, days), min_size=1, max_size=12),
       day=st.dates(min_value=date(2026, 10, 25), max_value=date(2026, 11, 5)))
def test_the_sql_twin_selects_exactly_the_records_the_rule_accepts(rows, day):
    import sqlite3

    from tuoyu_desktop.store import spans
    from tuoyu_desktop.store.plain import Db, param

    first = day.replace(day=1)
    for span in SPANS:
        con = sqlite3.connect(":memory:")
        con.execute(f"CREATE TABLE t (id INTEGER PRIMARY KEY, {span.start} DATE, {span.end} DATE)")
        con.executemany("INSERT INTO t VALUES (?, ?, ?)", [(i, param(a), param(b)) for i, (a, b) in enumerate(rows)])
        db = Db(con)
        got = {r.id for r in db.rows("t", spans.holds_on(span, day))}
        touched = {r.id for r in db.rows("t", spans.touches(span, first, day))}
        want = {i for i, (a, b) in enumerate(rows)
                if span.holds_on(SimpleNamespace(**{span.start: a, span.end: b}), day)}
        want_touched = {i for i, (a, b) in enumerate(rows)
                        if span.touches(SimpleNamespace(**{span.start: a, span.end: b}), first, day)}
        assert (got, touched) == (want, want_touched), span
