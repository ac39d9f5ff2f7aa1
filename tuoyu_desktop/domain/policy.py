"""Policy profiles: the region-dependent parameters of SPEC §6, validated when loaded.

A profile is data (``assets/policies/*.json``); this module only defines its shape and
checks it, so that no regional limit is a constant in code. The shapes are frozen dataclasses;
``_build`` turns a JSON object into one, checking every field against its type annotation and its
``ge``/``le`` bounds, and collects every mistake in the file, each named by its dotted path.
"""
from __future__ import annotations

import json
import math
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from datetime import date
from functools import cache
from pathlib import Path
from types import UnionType
from typing import Any, Literal, get_args, get_origin, get_type_hints

from .choices import CLASS_TYPES
from .errors import ProfileError

DEFAULT_PROFILE = "通用"

_rule = dataclass(frozen=True, kw_only=True)


def _bounds(ge: float | None = None, le: float | None = None, **kw: Any) -> Any:
    """A field whose value must lie in [ge, le]; other keywords go to ``dataclasses.field``."""
    return field(metadata={"ge": ge, "le": le}, **kw)


@_rule
class ClassRule:
    min_months: int = _bounds(ge=0, le=36)
    max_months: int = _bounds(ge=1, le=36)  # exclusive
    cap: int = _bounds(ge=1, le=60)
    ratio: int = _bounds(ge=1, le=20)  # children per 保育人员

    def __post_init__(self):  # _band
        if self.min_months >= self.max_months:
            raise ValueError("min_months 应小于 max_months")


@_rule
class HomePointRule:
    max_children: int = _bounds(ge=1)
    ratio: int = _bounds(ge=1)


@_rule
class VoucherRule:
    value_yuan: int = _bounds(ge=0)
    max_visits: int = _bounds(ge=0)
    period: Literal["lifetime", "year"]
    min_months: int = _bounds(ge=0, le=36)
    max_months: int = _bounds(ge=1, le=36)  # exclusive
    valid_from: date | None = None
    valid_to: date | None = None


@_rule
class SubsidyRule:
    # 运营补贴, 元 per 普惠 child per year, by class type
    operating_per_child_year: dict[str, int] = field(default_factory=dict)
    rent_sqm_per_place: float = _bounds(default=0, ge=0)
    rent_yuan_per_sqm_month: float = _bounds(default=0, ge=0)
    hardship_monthly_yuan: int = _bounds(default=0, ge=0)
    hardship_months_per_year: int = _bounds(default=0, ge=0, le=12)
    hardship_daily_yuan: int = _bounds(default=0, ge=0)
    hardship_days_per_year: int = _bounds(default=0, ge=0, le=366)
    hardship_fee_waiver_monthly_yuan: int = _bounds(default=0, ge=0)


@_rule
class Targets:
    """District targets in percent (SPEC §7); None where the region sets none."""

    puhui_share: float | None = None
    puhui_share_basis: Literal["places", "centres"] = "places"
    usage_rate: float | None = None
    under2_share: float | None = None
    caregiver_cert_rate: float | None = None
    agreement_rate: float | None = None
    preservice_rate: float | None = None


@_rule
class AlertRule:
    cert_warn_days: int = _bounds(default=30, ge=0)
    agreement_warn_days: int = _bounds(default=60, ge=0)
    visit_gap_months: int = _bounds(default=3, ge=1)


@_rule
class TrainingRule:
    professional_hours: float = _bounds(default=64, ge=0)
    ethics_hours: float = _bounds(default=32, ge=0)


HYGIENE_SOURCE = "托儿所幼儿园卫生保健工作规范（卫妇社发〔2012〕35号）"
OUTBREAK_SOURCE = "学校和托幼机构传染病疫情报告工作规范（试行）"


@_rule
class FeverRule:
    celsius: float = _bounds(default=37.3, ge=35, le=42)  # 体温 ≥ this is 异常 whatever is ticked
    source: str = f"{HYGIENE_SOURCE} 晨午检及全日健康观察：体温≥37.3 ℃记为异常"


@_rule
class TemperatureRule:
    min_celsius: float = 35.0  # a 体温 outside [min, max] is a typing error, refused
    max_celsius: float = 42.0
    source: str = f"{HYGIENE_SOURCE} 晨午检：体温计测量范围35.0–42.0 ℃，超出即为录入错误"

    def __post_init__(self):  # _range
        if not 30 <= self.min_celsius < self.max_celsius <= 45:
            raise ValueError("应满足 30 ≤ min_celsius < max_celsius ≤ 45")


@_rule
class ClusterRule:
    same_day_children: int = _bounds(default=3, ge=2)  # in one class, one open day, same 症状
    window_children: int = _bounds(default=5, ge=2)  # distinct children, same 症状, over window_open_days
    window_open_days: int = _bounds(default=3, ge=1, le=10)
    source: str = (f"{OUTBREAK_SOURCE}：同一班级1天内有3例或连续3天内有5例以上相似症状患病，"
                   "应在24小时内报告")


@_rule
class FollowUpRule:
    open_days: int = _bounds(default=1, ge=0, le=10)  # a 病假 is followed up by the end of the Nth next open day
    source: str = f"{HYGIENE_SOURCE} 传染病预防与控制：因病缺勤登记与病因追踪"


@_rule
class HealthRule:
    """The daily register's thresholds (SPEC §8), each with the text of its source."""

    fever: FeverRule = FeverRule()
    temperature: TemperatureRule = TemperatureRule()
    cluster: ClusterRule = ClusterRule()
    follow_up: FollowUpRule = FollowUpRule()

    def __post_init__(self):  # _fever_in_range
        if not self.temperature.min_celsius < self.fever.celsius <= self.temperature.max_celsius:
            raise ValueError("fever.celsius 应在 temperature 的范围内")


@_rule
class GrowthRule:
    """The growth standard z-scores are computed with (SPEC §9); only WHO 2006 has its tables as data."""

    standard: Literal["WHO 2006"] = "WHO 2006"
    source: str = "WHO Child Growth Standards (2006)；《托儿所幼儿园卫生保健工作规范》"
    check_warn_days: int = _bounds(default=30, ge=0)  # 体检 alert: due within this many days


@_rule
class FeeRule:
    """收费 (SPEC §11): a region's cap on a 普惠 child's 保育费, 元 per month by 托育形式 (none: no cap)."""

    puhui_caps: dict[str, int] = field(default_factory=dict)
    source: str = "发改价格〔2024〕1477号（托育服务收费）"


@_rule
class KitchenRule:
    """食品留样 (SPEC §12): each dish's sample at least ``sample_min_g`` g (GB 31654—2021: 125 g; a
    profile following the 2012 规范 may say 100), kept ``keep_hours`` hours before it is destroyed."""

    sample_min_g: int = _bounds(default=125, ge=1)
    keep_hours: int = _bounds(default=48, ge=1)
    source: str = "GB 31654—2021《食品安全国家标准 餐饮服务通用卫生规范》"


@_rule
class SafetyRule:
    """消防安全 (SPEC §12; 公安部令第61号): 防火巡查 a day, 防火检查 a month, 疏散演练 every N months."""

    patrols_per_day: int = _bounds(default=2, ge=1)
    checks_per_month: int = _bounds(default=1, ge=1)
    drill_months: int = _bounds(default=6, ge=1, le=12)
    source: str = "机关、团体、企业、事业单位消防安全管理规定（公安部令第61号）"


@_rule
class PolicyProfile:
    name: str
    region: str
    sources: list[str] = field(default_factory=list)
    classes: dict[str, ClassRule]
    mixed_min_months: int = _bounds(ge=0, le=36)
    home_point: HomePointRule
    voucher: VoucherRule
    subsidies: SubsidyRule
    targets: Targets
    alerts: AlertRule = AlertRule()
    training: TrainingRule = TrainingRule()
    health: HealthRule = HealthRule()
    growth: GrowthRule = GrowthRule()
    fees: FeeRule = FeeRule()
    kitchen: KitchenRule = KitchenRule()
    safety: SafetyRule = SafetyRule()

    def __post_init__(self):  # _all_class_types
        missing = [t for t in CLASS_TYPES if t not in self.classes]
        extra = [t for t in self.classes if t not in CLASS_TYPES]
        if missing or extra:
            raise ValueError(f"classes 应恰好包含 {'、'.join(CLASS_TYPES)}")
        unknown = [t for t in self.subsidies.operating_per_child_year if t not in CLASS_TYPES]
        if unknown:
            raise ValueError(f"operating_per_child_year 中有未知班型：{'、'.join(unknown)}")


# --- the validator: JSON value + type annotation -> checked value, or _BAD with the reasons in `errors`

_BAD = object()
_WANTED = {int: "应为整数", float: "应为数字", str: "应为文字", date: "应为日期（YYYY-MM-DD）"}


@cache
def _shape(cls: type) -> list[tuple[Any, Any]]:
    hints = get_type_hints(cls)
    return [(f, hints[f.name]) for f in fields(cls)]


def _build(cls: type, data: Any, at: str, errors: list[str]) -> Any:
    """An instance of the rule dataclass ``cls`` from the JSON object ``data`` (found at path ``at``)."""
    if not isinstance(data, dict):
        return _fail(errors, at, "应为对象")
    n = len(errors)
    values = {}
    for f, tp in _shape(cls):
        where = f"{at}.{f.name}" if at else f.name
        if f.name not in data:
            if f.default is MISSING and f.default_factory is MISSING:
                _fail(errors, where, "缺少此项")
            continue
        value = _value(tp, data[f.name], where, errors)
        if value is not _BAD:
            ge, le = f.metadata.get("ge"), f.metadata.get("le")
            if ge is not None and value < ge:
                _fail(errors, where, f"应≥{ge}")
            if le is not None and value > le:
                _fail(errors, where, f"应≤{le}")
            values[f.name] = value
    known = {f.name for f, _ in _shape(cls)}
    for key in data:
        if key not in known:
            _fail(errors, f"{at}.{key}" if at else str(key), "不认识的项")
    if len(errors) > n:
        return _BAD
    try:
        return cls(**values)
    except ValueError as exc:  # a cross-field check of __post_init__
        return _fail(errors, at, str(exc))


def _value(tp: Any, v: Any, at: str, errors: list[str]) -> Any:
    origin, args = get_origin(tp), get_args(tp)
    if is_dataclass(tp):
        return _build(tp, v, at, errors)
    if origin is UnionType:  # X | None
        return None if v is None else _value(args[0], v, at, errors)
    if origin is Literal:  # of texts
        return v if v in args and isinstance(v, str) else _fail(errors, at, f"应为以下之一：{'、'.join(args)}")
    if origin in (dict, list):
        if not isinstance(v, origin):
            return _fail(errors, at, "应为对象" if origin is dict else "应为列表")
        items = v.items() if origin is dict else enumerate(v)
        out = {k: _value(args[-1], x, f"{at}.{k}", errors) for k, x in items}
        if any(x is _BAD for x in out.values()):
            return _BAD
        return out if origin is dict else list(out.values())
    if isinstance(v, bool):
        pass  # JSON true/false is neither a number nor a text
    elif tp is int and (isinstance(v, int) or isinstance(v, float) and v.is_integer()):
        return int(v)
    elif tp is float and isinstance(v, int | float) and math.isfinite(v):  # JSON's NaN / Infinity are no numbers here
        return float(v)
    elif tp is str and isinstance(v, str):
        return v
    elif tp is date and isinstance(v, str):
        try:
            day = date.fromisoformat(v)
        except ValueError:
            day = None
        if day and day.isoformat() == v:  # exactly YYYY-MM-DD, not 20260630
            return day
    if tp not in _WANTED:  # a field of a type the profiles do not use yet: the program's mistake
        raise TypeError(f"policy field {at}: no check for {tp!r}")
    return _fail(errors, at, _WANTED[tp])


def _fail(errors: list[str], at: str, message: str) -> Any:
    errors.append(f"{at or '(整体)'}: {message}")
    return _BAD


def load_profile(path: Path) -> PolicyProfile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProfileError(f"政策方案文件 {path.name} 无法读取：{exc}") from exc
    errors: list[str] = []
    profile = _build(PolicyProfile, data, "", errors)
    if errors:
        raise ProfileError(f"政策方案文件 {path.name} 有误：{'；'.join(errors)}")
    return profile


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
