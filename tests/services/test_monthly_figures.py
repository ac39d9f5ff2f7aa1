"""Every indicator of the monthly return against a small hand-built history (month 2026-10).

The expected numbers are worked out by hand in the comments, from SPEC §3's definitions.
"""
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from tests.exchange.conftest import make_id
from tuoyu_desktop.services.monthly import month_figures
from tuoyu_desktop.store.models import (
    Agreement,
    Centre,
    Certificate,
    Child,
    Placement,
    SchoolClass,
    Staff,
    TrainingRecord,
    Visit,
    VoucherRedemption,
)

D = date


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    from tuoyu_desktop.services.workspace import open_workspace

    ws = open_workspace(tmp_path_factory.mktemp("m") / "t.sqlite3")
    with ws.session() as s:
        s.merge(Centre(id=1, name="阳光托育园", uscc="91350100M000100Y43", is_puhui=True, policy_profile="渝北区",
                     monthly_rent_fen=500000))
        k = {}
        for name, ctype, cap, puhui, opened, closed in (
                ("乳儿A", "乳儿班", 10, True, D(2025, 1, 1), None), ("托小A", "托小班", 15, True, D(2025, 1, 1), None),
                ("托大A", "托大班", 20, False, D(2025, 1, 1), None), ("混龄A", "混龄班", 18, False, D(2025, 1, 1), None),
                ("旧班", "托大班", 20, False, D(2024, 1, 1), D(2026, 9, 1)),  # closed: not counted
                ("新班", "托小班", 15, True, D(2026, 11, 5), None)):  # not open yet: not counted
            k[name] = SchoolClass(name=name, class_type=ctype, capacity=cap, is_puhui=puhui, opened_on=opened,
                                  closed_on=closed)
            s.add(k[name])
        s.flush()

        def child(n, birth, klass, enrolled, care="全日托", fee=None, left=None, hardship="", health=None, vacc=None,
                  puhui=None, moves=()):
            c = Child(name=n, sex="男", birth_date=birth, id_number=make_id(birth, len(n) * 2 + 1), care_type=care,
                      monthly_fee_fen=fee and fee * 100, left_on=left, hardship_category=hardship, health_check_on=health,
                      vaccination_checked_on=vacc, enrolled_on=enrolled,
                      is_puhui=k[klass].is_puhui if puhui is None else puhui)
            s.add(c)
            s.flush()
            spans = [(klass, enrolled)] + list(moves)
            for i, (name, start) in enumerate(spans):
                end = spans[i + 1][1] if i + 1 < len(spans) else left
                s.add(Placement(child_id=c.id, class_id=k[name].id, start_on=start, end_on=end))

        child("c1", D(2026, 1, 15), "乳儿A", D(2026, 8, 1), fee=3000, health=D(2026, 7, 25), vacc=D(2026, 8, 5))
        child("c2c2", D(2025, 5, 20), "托小A", D(2026, 3, 1), fee=2800, hardship="低保", health=D(2026, 2, 20))
        child("c3c3c3", D(2024, 11, 15), "托小A", D(2026, 10, 10), care="半日托", fee=1600, vacc=D(2026, 10, 12))
        child("c4c4c4c4", D(2025, 9, 10), "乳儿A", D(2026, 4, 1), fee=2900, health=D(2026, 3, 25), vacc=D(2026, 4, 2),
              moves=[("托小A", D(2026, 9, 15))])
        child("c5c5c5c5c5", D(2024, 1, 10), "托大A", D(2025, 9, 1), fee=2500, left=D(2026, 10, 20))
        child("c6c6c6c6c6c6", D(2023, 12, 5), "托大A", D(2025, 10, 1), fee=2500, left=D(2026, 11, 15),
              health=D(2025, 9, 20), vacc=D(2025, 10, 3))
        child("c7c7c7c7c7c7c7", D(2024, 6, 1), "混龄A", D(2026, 2, 1), care="计时托", hardship="残疾",
              health=D(2026, 1, 20))
        child("c8c8c8c8c8c8c8c8", D(2025, 8, 1), "托小A", D(2026, 11, 2), fee=2800)  # after the month
        child("c9c9c9c9c9c9c9c9c9", D(2023, 5, 1), "托大A", D(2025, 1, 1), fee=2500, left=D(2026, 6, 30))

        def staff(n, role, hired, klass=None, left=None):
            st = Staff(name=n, id_number=make_id(D(1990, 1, 1), len(n) * 2, "320411"), role=role, hired_on=hired,
                       left_on=left, class_id=k[klass].id if klass else None)
            s.add(st)
            s.flush()
            return st

        s1 = staff("s1", "负责人", D(2020, 1, 1))
        s2 = staff("s2s2", "保育人员", D(2024, 1, 1), "乳儿A")
        s3 = staff("s3s3s3", "保育人员", D(2026, 3, 15), "托小A")
        s4 = staff("s4s4s4s4", "保育人员", D(2025, 5, 1), "托大A")
        s5 = staff("s5s5s5s5s5", "炊事人员", D(2022, 1, 1))
        s6 = staff("s6s6s6s6s6s6", "保育人员", D(2020, 1, 1), "混龄A", left=D(2026, 9, 30))
        staff("s7s7s7s7s7s7s7", "保育人员", D(2026, 11, 1), "混龄A")
        for st, ctype, issued, expires in (
                (s2, "保育师", D(2023, 6, 1), None), (s2, "健康证", D(2026, 1, 15), D(2027, 1, 15)),
                (s3, "育婴员", D(2023, 9, 30), D(2026, 9, 30)), (s3, "健康证", D(2025, 11, 20), D(2026, 11, 20)),
                (s4, "保育师", D(2024, 5, 1), None), (s4, "健康证", D(2024, 10, 1), D(2025, 10, 1)),
                (s4, "健康证", D(2025, 10, 5), D(2026, 10, 5)), (s5, "健康证", D(2026, 3, 1), D(2027, 3, 1)),
                (s6, "健康证", D(2025, 1, 1), D(2026, 1, 1))):
            s.add(Certificate(staff_id=st.id, cert_type=ctype, issued_on=issued, expires_on=expires))

        def train(st, day, category, hours, pre=False):
            s.add(TrainingRecord(staff_id=st.id, trained_on=day, course=f"课程{day}{category}", category=category,
                                 hours=hours, is_preservice=pre))

        for m in range(1, 9):
            train(s1, D(2026, m, 5), "专业", 8)
            train(s1, D(2026, m, 6), "职业道德", 4)
            train(s2, D(2026, m, 7), "职业道德", 4)
        for m in range(1, 8):
            train(s2, D(2026, m, 8), "专业", 8)
        train(s2, D(2026, 9, 8), "专业", 4)
        train(s2, D(2023, 12, 20), "专业", 16, pre=True)
        train(s3, D(2026, 3, 10), "专业", 16, pre=True)
        for m in range(4, 8):
            train(s3, D(2026, m, 9), "专业", 8)
        for m in range(4, 9):
            train(s3, D(2026, m, 10), "职业道德", 4)
        train(s4, D(2026, 11, 5), "专业", 8)
        train(s4, D(2025, 4, 25), "专业", 16, pre=True)
        train(s5, D(2026, 5, 5), "职业道德", 4.5)
        s.add(Agreement(institution="社区卫生服务中心", signed_on=D(2026, 1, 5), valid_from=D(2026, 1, 10),
                        valid_to=D(2027, 1, 9)))
        for day in (D(2026, 9, 20), D(2026, 10, 8), D(2026, 10, 22)):
            s.add(Visit(visited_on=day, content="指导"))
        kid_a, kid_b, kid_c = (make_id(D(2025, 1, 5), 5), make_id(D(2025, 2, 5), 7), make_id(D(2024, 2, 5), 9))
        for serial, kid, day, days, deleted in (
                ("TN1", kid_a, D(2026, 10, 3), 1, None), ("TN2", kid_a, D(2026, 10, 10), 2, None),
                ("TN3", kid_b, D(2026, 10, 20), 1, None), ("TN4", kid_b, D(2026, 10, 21), 1, datetime.now(timezone.utc)),
                ("TN5", kid_b, D(2026, 3, 5), 1, None), ("TN6", kid_c, D(2025, 12, 20), 1, None)):
            s.add(VoucherRedemption(serial=serial, child_name="访客", child_id_number=kid, redeemed_on=day, days=days,
                                    deleted_at=deleted))
    with ws.session() as s:
        result = month_figures(s, ws.profiles, "2026-10")
    ws.close()
    return result


@pytest.mark.parametrize("code,expected", [
    # places: open classes only (旧班 closed in Sept, 新班 opens in Nov)
    ("T01", 63), ("T02", 25), ("T03", 10), ("T04", 15), ("T05", 20), ("T06", 18),
    # enrolled on 10-31: c1 c2 c3 c4 c6 (leaves 11-15) c7; c5 left 10-20, c8 starts 11-02, c9 left in June
    ("E01", 6), ("E02", 1), ("E03", 3), ("E04", 1), ("E05", 1),  # c4 moved 乳儿A → 托小A in Sept
    ("E06", 4),  # c1 9 months, c2 17, c3 23 (born 11-15), c4 13
    ("E07", 1), ("E08", 1), ("E09", 4), ("E10", 1), ("E11", 1), ("E12", 0), ("E13", 2),
    ("R01", Decimal("9.5")), ("R02", Decimal("39.7")), ("R03", Decimal("39.7")),
    ("F01", Decimal("2800")),  # (3000 + 2800 + 2900 + 2500) / 4
])
def test_places_and_children(figures, code, expected):
    assert figures[code] == expected


@pytest.mark.parametrize("code,expected", [
    ("S01", 5), ("S02", 3),  # s6 left in Sept, s7 starts in Nov
    ("S03", 2), ("R04", Decimal("66.7")),  # s3's 育婴员 expired 09-30
    ("S04", 3), ("R05", Decimal("60.0")),  # s4's newer 健康证 expired 10-05; s1 has none
    ("S05", 2),  # s1 64/64; s3 48/48 (hired 03-15: 9 months, pre-service included); s2 60/64
    ("S06", 2),  # s1 32/32, s2 32/32; s3 20/24; s5 4.5/32
    ("S07", Decimal("52.1")),  # (96 + 92 + 68 + 0 + 4.5) / 5
    ("R06", Decimal("60.0")),  # pre-service records: s2 (2023), s3, s4 (2025)
])
def test_staff_certificates_and_training(figures, code, expected):
    assert figures[code] == expected


@pytest.mark.parametrize("code,expected", [
    ("H01", 1), ("H02", 2), ("H03", Decimal("83.3")), ("H04", Decimal("66.7")),
    ("V01", 4), ("V02", 2), ("V03", 400), ("V04", 5), ("V05", 500),  # TN4 deleted, TN6 last year
    ("C01", 0), ("C02", 1),  # 混龄A: 1 child, its caregiver left
    ("C03", 1),  # s3's 健康证 expires 11-20
    ("C04", 2),  # s3's 育婴员, s4's newer 健康证 (the older one is replaced; s6 left)
    ("B01", Decimal("275.00")),  # 渝北: c1 900/12 + (c2, c3, c4) 800/12 each
    ("B02", Decimal("3780.00")),  # 63 places × 6 ㎡ × 10 元, below the rent of 5000
    ("B03", Decimal("516.67")),  # 2 × (200 × 10 + 5 × 220) / 12
])
def test_medical_vouchers_alerts_and_subsidies(figures, code, expected):
    assert figures[code] == expected


def test_every_code_of_the_spec_is_computed(figures):
    from tuoyu_desktop.domain.indicators import CODES

    assert list(figures) == list(CODES) and len(CODES) == 49


def test_a_ratio_with_a_zero_denominator_is_empty(workspace):
    from tuoyu_desktop.services.monthly import month_figures

    with workspace.session() as s:
        f = month_figures(s, workspace.profiles, "2026-10")
    assert f["R01"] is None and f["R04"] is None and f["F01"] is None and f["S07"] is None and f["E01"] == 0


def test_an_overfull_class_is_counted(workspace):
    from tuoyu_desktop.services.monthly import month_figures

    with workspace.session() as s:
        k = SchoolClass(name="甲", class_type="托大班", capacity=1)
        s.add(k)
        s.flush()
        for i in range(2):
            c = Child(name=f"k{i}", sex="男", birth_date=D(2024, 1, 1), enrolled_on=D(2026, 9, 1))
            s.add(c)
            s.flush()
            s.add(Placement(child_id=c.id, class_id=k.id, start_on=D(2026, 9, 1)))
    with workspace.session() as s:
        f = month_figures(s, workspace.profiles, "2026-10")
    assert f["C01"] == 1 and f["C02"] == 1
