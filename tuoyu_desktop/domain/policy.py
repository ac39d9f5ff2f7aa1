"""Policy profiles: the region-dependent parameters of SPEC §6, validated when loaded.

A profile is data (``assets/policies/*.json``); this module only defines its shape and
checks it, so that no regional limit is a constant in code.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .choices import CLASS_TYPES
from .errors import ProfileError

DEFAULT_PROFILE = "通用"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ClassRule(_Strict):
    min_months: int = Field(ge=0, le=36)
    max_months: int = Field(ge=1, le=36)  # exclusive
    cap: int = Field(ge=1, le=60)
    ratio: int = Field(ge=1, le=20)  # children per 保育人员

    @model_validator(mode="after")
    def _band(self):
        if self.min_months >= self.max_months:
            raise ValueError("min_months 应小于 max_months")
        return self


class HomePointRule(_Strict):
    max_children: int = Field(ge=1)
    ratio: int = Field(ge=1)


class VoucherRule(_Strict):
    value_yuan: int = Field(ge=0)
    max_visits: int = Field(ge=0)
    period: Literal["lifetime", "year"]
    min_months: int = Field(ge=0, le=36)
    max_months: int = Field(ge=1, le=36)  # exclusive
    valid_from: date | None = None
    valid_to: date | None = None


class SubsidyRule(_Strict):
    # 运营补贴, 元 per 普惠 child per year, by class type
    operating_per_child_year: dict[str, int] = Field(default_factory=dict)
    rent_sqm_per_place: float = Field(default=0, ge=0)
    rent_yuan_per_sqm_month: float = Field(default=0, ge=0)
    hardship_monthly_yuan: int = Field(default=0, ge=0)
    hardship_months_per_year: int = Field(default=0, ge=0, le=12)
    hardship_daily_yuan: int = Field(default=0, ge=0)
    hardship_days_per_year: int = Field(default=0, ge=0, le=366)
    hardship_fee_waiver_monthly_yuan: int = Field(default=0, ge=0)


class Targets(_Strict):
    """District targets in percent (SPEC §7); None where the region sets none."""

    puhui_share: float | None = None
    puhui_share_basis: Literal["places", "centres"] = "places"
    usage_rate: float | None = None
    under2_share: float | None = None
    caregiver_cert_rate: float | None = None
    agreement_rate: float | None = None
    preservice_rate: float | None = None


class AlertRule(_Strict):
    cert_warn_days: int = Field(default=30, ge=0)
    agreement_warn_days: int = Field(default=60, ge=0)
    visit_gap_months: int = Field(default=3, ge=1)


class TrainingRule(_Strict):
    professional_hours: float = Field(default=64, ge=0)
    ethics_hours: float = Field(default=32, ge=0)


HYGIENE_SOURCE = "托儿所幼儿园卫生保健工作规范（卫妇社发〔2012〕35号）"
OUTBREAK_SOURCE = "学校和托幼机构传染病疫情报告工作规范（试行）"


class FeverRule(_Strict):
    celsius: float = Field(default=37.3, ge=35, le=42)  # 体温 ≥ this is 异常 whatever is ticked
    source: str = f"{HYGIENE_SOURCE} 晨午检及全日健康观察：体温≥37.3 ℃记为异常"


class TemperatureRule(_Strict):
    min_celsius: float = 35.0  # a 体温 outside [min, max] is a typing error, refused
    max_celsius: float = 42.0
    source: str = f"{HYGIENE_SOURCE} 晨午检：体温计测量范围35.0–42.0 ℃，超出即为录入错误"

    @model_validator(mode="after")
    def _range(self):
        if not 30 <= self.min_celsius < self.max_celsius <= 45:
            raise ValueError("应满足 30 ≤ min_celsius < max_celsius ≤ 45")
        return self


class ClusterRule(_Strict):
    same_day_children: int = Field(default=3, ge=2)  # in one class, one open day, same 症状
    window_children: int = Field(default=5, ge=2)  # distinct children, same 症状, over window_open_days
    window_open_days: int = Field(default=3, ge=1, le=10)
    source: str = (f"{OUTBREAK_SOURCE}：同一班级1天内有3例或连续3天内有5例以上相似症状患病，"
                   "应在24小时内报告")


class FollowUpRule(_Strict):
    open_days: int = Field(default=1, ge=0, le=10)  # a 病假 is followed up by the end of the Nth next open day
    source: str = f"{HYGIENE_SOURCE} 传染病预防与控制：因病缺勤登记与病因追踪"


class HealthRule(_Strict):
    """The daily register's thresholds (SPEC §8), each with the text of its source."""

    fever: FeverRule = FeverRule()
    temperature: TemperatureRule = TemperatureRule()
    cluster: ClusterRule = ClusterRule()
    follow_up: FollowUpRule = FollowUpRule()

    @model_validator(mode="after")
    def _fever_in_range(self):
        if not self.temperature.min_celsius < self.fever.celsius <= self.temperature.max_celsius:
            raise ValueError("fever.celsius 应在 temperature 的范围内")
        return self


class GrowthRule(_Strict):
    """The growth standard z-scores are computed with (SPEC §9); only WHO 2006 has its tables as data."""

    standard: Literal["WHO 2006"] = "WHO 2006"
    source: str = "WHO Child Growth Standards (2006)；《托儿所幼儿园卫生保健工作规范》"
    check_warn_days: int = Field(default=30, ge=0)  # 体检 alert: due within this many days


class PolicyProfile(_Strict):
    name: str
    region: str
    sources: list[str] = Field(default_factory=list)
    classes: dict[str, ClassRule]
    mixed_min_months: int = Field(ge=0, le=36)
    home_point: HomePointRule
    voucher: VoucherRule
    subsidies: SubsidyRule
    targets: Targets
    alerts: AlertRule = AlertRule()
    training: TrainingRule = TrainingRule()
    health: HealthRule = HealthRule()
    growth: GrowthRule = GrowthRule()

    @model_validator(mode="after")
    def _all_class_types(self):
        missing = [t for t in CLASS_TYPES if t not in self.classes]
        extra = [t for t in self.classes if t not in CLASS_TYPES]
        if missing or extra:
            raise ValueError(f"classes 应恰好包含 {'、'.join(CLASS_TYPES)}")
        unknown = [t for t in self.subsidies.operating_per_child_year if t not in CLASS_TYPES]
        if unknown:
            raise ValueError(f"operating_per_child_year 中有未知班型：{'、'.join(unknown)}")
        return self


def load_profile(path: Path) -> PolicyProfile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProfileError(f"政策方案文件 {path.name} 无法读取：{exc}") from exc
    try:
        return PolicyProfile.model_validate(data)
    except ValidationError as exc:
        details = "；".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(整体)'}: {err['msg']}" for err in exc.errors()
        )
        raise ProfileError(f"政策方案文件 {path.name} 有误：{details}") from exc


def load_profiles(folder: Path) -> dict[str, PolicyProfile]:
    """Every profile in ``folder`` by name; raises ProfileError on the first bad file."""
    profiles: dict[str, PolicyProfile] = {}
    for path in sorted(folder.glob("*.json")):
        profile = load_profile(path)
        if profile.name in profiles:
            raise ProfileError(f"政策方案名称重复：{profile.name}（{path.name}）")
        profiles[profile.name] = profile
    if DEFAULT_PROFILE not in profiles:
        raise ProfileError(f"缺少默认政策方案“{DEFAULT_PROFILE}”（{folder}）")
    return profiles
