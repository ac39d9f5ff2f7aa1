import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tuoyu_desktop import paths
from tuoyu_desktop.domain.policy import ProfileError, load_profiles

REGIONS = ["通用", "天宁区", "张家港市", "渝北区", "昌平区", "南通县级"]


def test_a_profile_exists_for_every_seed_region():
    assert sorted(load_profiles(paths.policies_dir())) == sorted(REGIONS)


def test_yubei_operating_subsidy_rates_come_from_its_plan():
    yubei = load_profiles(paths.policies_dir())["渝北区"]
    assert yubei.subsidies.operating_per_child_year == {"托大班": 700, "托小班": 800, "乳儿班": 900}
    assert yubei.targets.puhui_share == 80.0


def test_tianning_voucher_is_100_yuan_for_five_visits():
    voucher = load_profiles(paths.policies_dir())["天宁区"].voucher
    assert (voucher.value_yuan, voucher.max_visits) == (100, 5)


def test_a_broken_profile_file_is_reported_with_its_name_and_field(tmp_path):
    for f in paths.policies_dir().glob("*.json"):
        shutil.copy(f, tmp_path)
    data = json.loads((tmp_path / "yubei.json").read_text(encoding="utf-8"))
    data["classes"]["乳儿班"]["cap"] = -1
    (tmp_path / "yubei.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"yubei.json.*classes\.乳儿班\.cap"):
        load_profiles(tmp_path)


def test_a_profile_file_that_is_not_json_is_reported(tmp_path):
    shutil.copy(paths.policies_dir() / "tongyong.json", tmp_path)
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ProfileError, match="bad.json 无法读取"):
        load_profiles(tmp_path)


def test_every_shipped_profile_has_the_daily_register_thresholds_with_their_sources():
    for profile in load_profiles(paths.policies_dir()).values():
        health = profile.health
        assert (health.fever.celsius, health.temperature.min_celsius, health.temperature.max_celsius) == (
            37.3, 35.0, 42.0)
        assert (health.cluster.same_day_children, health.cluster.window_children,
                health.cluster.window_open_days) == (3, 5, 3)
        assert health.follow_up.open_days == 1
        assert "托儿所幼儿园卫生保健工作规范" in health.fever.source
        assert "24小时" in health.cluster.source
        assert all(rule.source for rule in (health.fever, health.temperature, health.cluster, health.follow_up))


def test_an_older_profile_file_without_a_health_section_still_loads_with_the_defaults(tmp_path):
    data = json.loads((paths.policies_dir() / "tongyong.json").read_text(encoding="utf-8"))
    data.pop("health", None)
    (tmp_path / "tongyong.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    health = load_profiles(tmp_path)["通用"].health
    assert health.fever.celsius == 37.3 and health.cluster.window_children == 5


def test_a_temperature_range_upside_down_is_reported_with_its_field(tmp_path):
    data = json.loads((paths.policies_dir() / "tongyong.json").read_text(encoding="utf-8"))
    data["health"] = {"temperature": {"min_celsius": 42.0, "max_celsius": 35.0}}
    (tmp_path / "tongyong.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"tongyong.json.*health\.temperature"):
        load_profiles(tmp_path)


def test_a_fever_threshold_outside_the_temperature_range_is_reported(tmp_path):
    data = json.loads((paths.policies_dir() / "tongyong.json").read_text(encoding="utf-8"))
    data["health"] = {"fever": {"celsius": 43.0}}
    (tmp_path / "tongyong.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"tongyong.json.*health"):
        load_profiles(tmp_path)


def test_every_profile_names_the_who_2006_growth_standard_with_its_source():
    for profile in load_profiles(paths.policies_dir()).values():
        assert profile.growth.standard == "WHO 2006"
        assert "WHO" in profile.growth.source and profile.growth.check_warn_days == 30


def test_an_older_profile_without_a_growth_section_still_loads_with_who_2006(tmp_path):
    for f in paths.policies_dir().glob("*.json"):
        data = json.loads(f.read_text(encoding="utf-8"))
        data.pop("growth", None)
        (tmp_path / f.name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_profiles(tmp_path)["通用"].growth.standard == "WHO 2006"


def test_a_growth_standard_without_tables_is_refused_naming_the_field(tmp_path):
    for f in paths.policies_dir().glob("*.json"):
        shutil.copy(f, tmp_path)
    data = json.loads((tmp_path / "yubei.json").read_text(encoding="utf-8"))
    data["growth"]["standard"] = "WS/T 423—2022"
    (tmp_path / "yubei.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"yubei.json.*growth\.standard"):
        load_profiles(tmp_path)


def _load_changed(tmp_path, change):
    """The 通用 profile with ``change`` applied to its JSON data, loaded from ``tmp_path``."""
    data = json.loads((paths.policies_dir() / "tongyong.json").read_text(encoding="utf-8"))
    change(data)
    (tmp_path / "tongyong.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return load_profiles(tmp_path)["通用"]


def _refusal(tmp_path, change) -> str:
    with pytest.raises(ProfileError) as err:
        _load_changed(tmp_path, change)
    assert str(err.value).startswith("政策方案文件 tongyong.json 有误：")
    return str(err.value)


def test_a_profile_with_a_misspelt_key_is_refused_naming_it(tmp_path):
    message = _refusal(tmp_path, lambda d: d["alerts"].update(cert_warn_dayz=30))
    assert "alerts.cert_warn_dayz: 不认识的项" in message


def test_a_missing_item_without_a_default_is_refused_naming_it(tmp_path):
    message = _refusal(tmp_path, lambda d: d.pop("region"))
    assert "region: 缺少此项" in message


def test_a_number_written_as_text_is_refused_naming_the_field(tmp_path):
    message = _refusal(tmp_path, lambda d: (d["voucher"].update(value_yuan="100"),
                                            d["targets"].update(usage_rate="70")))
    assert "voucher.value_yuan: 应为整数" in message and "targets.usage_rate: 应为数字" in message


def test_a_yes_or_no_where_a_number_belongs_is_refused(tmp_path):
    message = _refusal(tmp_path, lambda d: (d["voucher"].update(max_visits=True),
                                            d["health"]["fever"].update(celsius=False)))
    assert "voucher.max_visits: 应为整数" in message and "health.fever.celsius: 应为数字" in message


def test_a_whole_number_written_with_a_point_loads_but_a_fraction_of_a_visit_is_refused(tmp_path):
    assert _load_changed(tmp_path, lambda d: d["voucher"].update(max_visits=5.0)).voucher.max_visits == 5
    assert "voucher.max_visits: 应为整数" in _refusal(tmp_path, lambda d: d["voucher"].update(max_visits=5.5))


def test_a_number_outside_its_range_is_refused_with_the_limit(tmp_path):
    message = _refusal(tmp_path, lambda d: (d["classes"]["托大班"].update(max_months=37),
                                            d["classes"]["乳儿班"].update(cap=0)))
    assert "classes.托大班.max_months: 应≤36" in message and "classes.乳儿班.cap: 应≥1" in message


def test_a_voucher_period_that_is_not_one_of_the_choices_is_refused_listing_them(tmp_path):
    message = _refusal(tmp_path, lambda d: d["voucher"].update(period="month"))
    assert "voucher.period: 应为以下之一：lifetime、year" in message


def test_a_validity_date_that_is_not_a_date_is_refused(tmp_path):
    for text in ("2026-13-01", "2026/06/30", "20260630", "明年"):
        message = _refusal(tmp_path, lambda d: d["voucher"].update(valid_to=text))
        assert "voucher.valid_to: 应为日期（YYYY-MM-DD）" in message, text
    voucher = _load_changed(tmp_path, lambda d: d["voucher"].update(valid_from="2026-01-01", valid_to=None)).voucher
    assert (voucher.valid_from, voucher.valid_to) == (date(2026, 1, 1), None)


def test_a_class_whose_age_band_is_upside_down_is_refused_naming_the_class(tmp_path):
    message = _refusal(tmp_path, lambda d: d["classes"]["托小班"].update(min_months=30))
    assert "classes.托小班: min_months 应小于 max_months" in message


def test_several_mistakes_in_one_file_are_reported_together(tmp_path):
    def break_three_things(d):
        d["voucher"]["period"] = "month"
        d["alerts"]["visit_gap"] = 3
        d["health"]["cluster"]["window_open_days"] = "3"

    message = _refusal(tmp_path, break_three_things)
    assert "voucher.period" in message and "alerts.visit_gap" in message
    assert "health.cluster.window_open_days" in message and message.count("；") == 2


def test_loading_the_profiles_does_not_import_pydantic():
    code = ("import sys; from tuoyu_desktop import paths; from tuoyu_desktop.domain.policy import load_profiles; "
            "load_profiles(paths.policies_dir()); print('pydantic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parents[2])
    assert out.stdout.strip() == "False"


def test_a_rent_area_written_as_nan_is_refused_naming_the_field(tmp_path):
    """JSON readers accept NaN and Infinity; no figure of a policy can be one (review of issue 21)."""
    data = json.loads((paths.policies_dir() / "tongyong.json").read_text(encoding="utf-8"))
    data["subsidies"]["rent_sqm_per_place"] = float("nan")
    data["targets"]["usage_rate"] = float("inf")
    (tmp_path / "tongyong.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"subsidies\.rent_sqm_per_place: 应为数字.*targets\.usage_rate: 应为数字"):
        load_profiles(tmp_path)
