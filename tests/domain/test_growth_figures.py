"""SPEC §9 return indicators G01–G07, counted by hand over a small centre."""
from datetime import date
from decimal import Decimal as D
from types import SimpleNamespace as Child

from tuoyu_desktop.domain.growth import (
    OVERWEIGHT,
    STUNTED,
    UNDERWEIGHT,
    WASTED,
    evaluate,
)
from tuoyu_desktop.domain.growth_figures import (
    Measured,
    growth_figures,
    within_half_year,
)
from tuoyu_desktop.domain.indicators import (
    CODES,
    CODES_V2,
    GROWTH_CODES,
    NAMES,
    RATES,
    UNITS,
)

CHILDREN = [
    Child(id=1, sex="男", birth_date=date(2024, 6, 1), enrolled_on=date(2025, 9, 1), left_on=None),    # A
    Child(id=2, sex="女", birth_date=date(2024, 1, 10), enrolled_on=date(2025, 3, 1), left_on=None),   # B
    Child(id=3, sex="男", birth_date=date(2025, 1, 15), enrolled_on=date(2025, 6, 1), left_on=None),   # C
    Child(id=4, sex="女", birth_date=date(2024, 5, 5), enrolled_on=date(2025, 6, 1),
          left_on=date(2026, 6, 30)),                                                                 # D: left
    Child(id=5, sex="男", birth_date=date(2024, 10, 1), enrolled_on=date(2026, 6, 15), left_on=None),  # E
    Child(id=6, sex="女", birth_date=date(2024, 8, 8), enrolled_on=date(2026, 1, 1), left_on=None),    # F
]
MEASUREMENTS = [
    Measured(1, date(2025, 12, 1), D("8.9"), D("80.0"), hb_g_l=100),      # A: outside the window, Hb ignored
    Measured(1, date(2026, 6, 10), D("9.6"), D("86.0"), "身高"),           # A: underweight (and wasted)
    Measured(2, date(2025, 12, 30), D("10.0"), D("76.0"), "身长", 105),    # B: stunted, anaemic; 6 months to 06-30
    Measured(3, date(2025, 12, 29), D("9.0"), D("75.0")),                  # C: a day too old
    Measured(4, date(2026, 6, 5), D("11.0"), D("85.0")),                   # D: left on the last day
    Measured(5, date(2026, 6, 3), D("11.0"), D("82.0"), hb_g_l=D("115")),  # E: normal
    Measured(5, date(2026, 6, 25), D("13.5"), D("82.0")),                  # E: latest, overweight
]


def test_the_spec_9_figures_of_a_small_centre_match_a_hand_count():
    # the z-scores behind the hand count
    assert evaluate("男", date(2024, 6, 1), date(2026, 6, 10), 9.6, 86.0, "身高").classes == (UNDERWEIGHT, WASTED)
    assert evaluate("女", date(2024, 1, 10), date(2025, 12, 30), 10.0, 76.0, "身长").classes == (STUNTED,)
    assert evaluate("男", date(2024, 10, 1), date(2026, 6, 25), 13.5, 82.0).classes == (OVERWEIGHT,)
    figures = growth_figures(CHILDREN, MEASUREMENTS, 2026, 6)
    # enrolled on 06-30: A B C E F (E01 = 5); G01 counts every June measurement: A once, D (who left
    # during the month) once, E twice; the other figures are over the children enrolled on 06-30
    assert figures == {"G01": 4, "G02": 3, "G03": D("60.0"), "G04": 1, "G05": 1, "G06": 1, "G07": 1}


def test_a_measurement_of_a_child_who_left_during_the_month_counts_in_g01():
    left = [Child(id=9, sex="女", birth_date=date(2024, 5, 5), enrolled_on=date(2025, 6, 1), left_on=date(2026, 6, 12))]
    figures = growth_figures(left, [Measured(9, date(2026, 6, 5), D("11.0"), D("85.0"))], 2026, 6)
    assert figures["G01"] == 1 and figures["G02"] == 0 and figures["G03"] is None


def test_a_centre_with_no_child_enrolled_has_an_empty_coverage_rate():
    figures = growth_figures([], [], 2026, 6)
    assert figures["G03"] is None and figures["G02"] == 0


def test_the_half_year_window_is_the_schedule_s_six_months():
    assert within_half_year(date(2025, 12, 30), date(2026, 6, 30))
    assert not within_half_year(date(2025, 12, 29), date(2026, 6, 30))
    assert within_half_year(date(2025, 8, 31), date(2026, 2, 28))
    assert not within_half_year(date(2026, 7, 1), date(2026, 6, 30))


def test_version_1_codes_are_unchanged_and_version_2_adds_g01_to_g07():
    assert len(CODES) == 49 and not set(GROWTH_CODES) & set(CODES)
    assert CODES_V2[-7:] == ("G01", "G02", "G03", "G04", "G05", "G06", "G07") and CODES_V2[:len(CODES)] == CODES
    assert (NAMES["G03"], UNITS["G03"], RATES["G03"]) == ("体检覆盖率", "%", (("G02",), "E01"))
    assert NAMES["G06"] == "超重肥胖人数" and UNITS["G01"] == "人次"
