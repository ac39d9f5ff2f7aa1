import json
import shutil

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
