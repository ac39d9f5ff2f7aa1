"""SPEC §11 收费项目: the row in force on a day, and a region's cap on a 普惠 child's 保育费."""
import dataclasses
from datetime import date

import pytest

from tuoyu_desktop import paths
from tuoyu_desktop.domain.fees import Fee, in_force, puhui_cap_problem
from tuoyu_desktop.domain.policy import FeeRule, load_profiles


@pytest.fixture(scope="module")
def profiles():
    return load_profiles(paths.policies_dir())


def fee(name="保育费", care="全日托", applies="全部", start=date(2026, 1, 1), end=None, price=280000,
        category="保育费", basis="每月"):
    return Fee(category, name, care, applies, basis, price, start, end)


def test_a_price_change_is_a_new_row_and_a_month_uses_the_row_in_force_on_its_first_day():
    old, new = fee(price=260000), fee(start=date(2026, 9, 1), price=280000)
    assert in_force([old, new], date(2026, 8, 1), "全日托", True) == [old]
    assert in_force([old, new], date(2026, 9, 1), "全日托", True) == [new]


def test_a_row_for_the_childs_own_form_and_kind_beats_one_for_everybody_from_the_same_day():
    everybody, own = fee(care="全部", price=300000), fee(applies="普惠", price=250000)
    assert in_force([everybody, own], date(2026, 3, 1), "全日托", True) == [own]
    assert in_force([everybody, own], date(2026, 3, 1), "全日托", False) == [everybody]
    assert in_force([own], date(2026, 3, 1), "半日托", True) == []


def test_a_row_stops_after_its_last_day():
    food = fee("伙食费", category="伙食费", basis="每个开园日", price=1800, end=date(2026, 6, 30))
    assert in_force([food], date(2026, 6, 30), "全日托", False) == [food]
    assert in_force([food], date(2026, 7, 1), "全日托", False) == []


def test_a_puhui_fee_over_the_regions_cap_is_refused_with_its_source(profiles):
    profile = dataclasses.replace(profiles["通用"], fees=FeeRule(puhui_caps={"全日托": 2500}))
    problem = puhui_cap_problem("保育费", "每月", "全日托", "普惠", 280000, profile)
    assert "2800.00元超过普惠托育全日托2500元/月的收费上限" in problem and "1477号" in problem
    assert puhui_cap_problem("保育费", "每月", "全日托", "非普惠", 280000, profile) is None
    assert puhui_cap_problem("保育费", "每月", "全日托", "普惠", 250000, profile) is None
    assert puhui_cap_problem("伙食费", "每个开园日", "全日托", "普惠", 280000, profile) is None
    assert puhui_cap_problem("保育费", "每月", "全日托", "普惠", 280000, profiles["通用"]) is None  # no cap set
