from datetime import date
from fractions import Fraction
from types import SimpleNamespace as Cert

import pytest

from tuoyu_desktop.domain.staffing import (
    EXPIRED,
    EXPIRING,
    NOT_YET,
    VALID,
    cert_status,
    cert_valid_on,
    current_certificates,
    has_valid_caregiver_cert,
    prorated_target,
    target_months,
    training_progress,
)


def cert(kind="健康证", issued=date(2026, 1, 1), expires=date(2027, 1, 1), staff=1):
    return Cert(staff_id=staff, cert_type=kind, issued_on=issued, expires_on=expires)


def test_certificate_is_valid_up_to_and_including_its_expiry_date():
    assert cert_valid_on(cert(), date(2027, 1, 1))
    assert not cert_valid_on(cert(), date(2027, 1, 2))
    assert not cert_valid_on(cert(), date(2025, 12, 31))  # not yet issued


@pytest.mark.parametrize("day,status", [
    (date(2026, 11, 1), VALID), (date(2026, 12, 2), EXPIRING), (date(2027, 1, 1), EXPIRING),
    (date(2027, 1, 2), EXPIRED), (date(2025, 6, 1), NOT_YET)])
def test_certificate_alerts_at_30_days_before_expiry_and_after(day, status):
    assert cert_status(cert(), day) == status


def test_a_certificate_replaced_by_a_later_one_of_the_same_type_is_ignored():
    old = cert(issued=date(2025, 1, 1), expires=date(2026, 1, 1))
    new = cert(issued=date(2026, 1, 2), expires=date(2027, 1, 2))
    other_person = cert(issued=date(2025, 1, 1), expires=date(2026, 1, 1), staff=2)
    assert set(map(id, current_certificates([old, new, other_person]))) == {id(new), id(other_person)}


def test_a_caregiver_certificate_without_a_level_does_not_replace_the_levelled_one():
    from types import SimpleNamespace

    def level_cert(level, issued):
        return SimpleNamespace(staff_id=1, cert_type="保育师", level=level, issued_on=issued, expires_on=None)

    four = level_cert("四级", date(2024, 5, 1))
    no_level = level_cert("", date(2026, 3, 1))
    assert set(map(id, current_certificates([four, no_level]))) == {id(four), id(no_level)}
    three = level_cert("三级", date(2026, 6, 1))  # a promotion, with its level: the 四级 is replaced
    assert set(map(id, current_certificates([four, no_level, three]))) == {id(three)}


def test_caregiver_counts_as_certified_only_with_a_valid_baoyushi_or_yuyingyuan_certificate():
    assert has_valid_caregiver_cert([cert("育婴员", expires=None)], date(2026, 6, 1))
    assert not has_valid_caregiver_cert([cert("健康证")], date(2026, 6, 1))
    assert not has_valid_caregiver_cert([cert("保育师", expires=date(2026, 5, 1))], date(2026, 6, 1))


@pytest.mark.parametrize("hired,months", [
    (date(2025, 7, 1), 12), (date(2026, 1, 1), 12), (date(2026, 3, 1), 10), (date(2026, 3, 15), 9),
    (date(2026, 12, 20), 0), (date(2027, 1, 1), 0)])
def test_mid_year_hires_count_full_months_remaining(hired, months):
    assert target_months(hired, 2026) == months


def test_staff_hired_on_15_march_need_48_professional_and_24_ethics_hours():
    assert prorated_target(64, date(2026, 3, 15), 2026) == 48
    assert prorated_target(32, date(2026, 3, 15), 2026) == 24


def test_a_prorated_target_is_rounded_up_to_half_an_hour():
    # hired on 1 February: 11 months, 64 × 11/12 = 58.67 → 59, 32 × 11/12 = 29.33 → 29.5
    assert prorated_target(64, date(2026, 2, 1), 2026) == 59
    assert prorated_target(32, date(2026, 2, 1), 2026) == Fraction(59, 2)
    # 7 months: 37.33 → 37.5 and 18.67 → 19
    assert prorated_target(64, date(2026, 6, 1), 2026) == Fraction(75, 2)
    assert prorated_target(32, date(2026, 6, 1), 2026) == 19


def test_training_target_is_met_at_64_plus_32_hours_in_half_hour_steps():
    progress = training_progress([("专业", 63.5), ("专业", 0.5), ("职业道德", 31.5)], date(2020, 1, 1), 2026)
    assert progress.professional_met and not progress.ethics_met
    assert progress.professional == Fraction(64) and progress.ethics_target == 32
