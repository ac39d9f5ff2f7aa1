"""The centre's own details (设置 page, the return's 封面)."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from ..domain.choices import CENTRE_NATURES, CENTRE_TYPES
from ..domain.errors import Collector, InputError
from ..domain.formatting import fen_to_yuan, yuan_to_fen
from ..domain.idnumbers import validate_phone, validate_uscc
from ..domain.parsing import (
    clean_text,
    find_emoji,
    parse_choice,
    parse_decimal,
    too_long,
)
from ..domain.policy import PolicyProfile
from ..store.plain import Db, as_db
from .changes import Changes


@dataclass
class CentreForm:
    """What the user typed, as text; ``validate_centre`` turns it into stored values."""

    机构名称: str = ""
    统一社会信用代码: str = ""
    备案编号: str = ""
    所属区县: str = ""
    所属镇街: str = ""
    机构性质: str = ""
    机构类型: str = "托育机构"
    是否普惠机构: bool = False
    机构等级: str = ""
    政策方案: str = "通用"
    负责人: str = ""
    联系电话: str = ""
    地址: str = ""
    月租金: str = ""
    填报人: str = ""
    填报人电话: str = ""
    供餐餐次: str = "早点、午餐、午点"


REQUIRED_FIELDS = ("机构名称", "统一社会信用代码", "政策方案")


def get_centre(db: Db):
    """The centre row (every database has it: migration 0007)."""
    return as_db(db).get("centre", 1)


def centre_form(centre) -> CentreForm:
    rent = fen_to_yuan(centre.monthly_rent_fen)
    return CentreForm(
        机构名称=centre.name, 统一社会信用代码=centre.uscc, 备案编号=centre.filing_no,
        所属区县=centre.district, 所属镇街=centre.town, 机构性质=centre.nature,
        机构类型=centre.centre_type, 是否普惠机构=centre.is_puhui, 机构等级=centre.grade,
        政策方案=centre.policy_profile, 负责人=centre.head, 联系电话=centre.phone,
        地址=centre.address, 月租金="" if rent is None else f"{rent:.2f}",
        填报人=centre.reporter, 填报人电话=centre.reporter_phone, 供餐餐次=centre.meals,
    )


def validate_centre(form: CentreForm, profiles: dict[str, PolicyProfile]) -> dict:
    """Stored values for ``form``, or InputError naming every bad field."""
    errors = Collector()
    raw = {k: (clean_text(v) if isinstance(v, str) else v) for k, v in asdict(form).items()}
    for field in REQUIRED_FIELDS:
        if not raw[field]:
            errors.add(field, "必填")
    values: dict = {
        "name": raw["机构名称"], "filing_no": raw["备案编号"], "district": raw["所属区县"],
        "town": raw["所属镇街"], "grade": raw["机构等级"], "head": raw["负责人"],
        "address": raw["地址"], "reporter": raw["填报人"], "is_puhui": bool(raw["是否普惠机构"]),
    }
    for field, value in raw.items():
        problem = too_long(value) if isinstance(value, str) else None
        if problem:
            errors.add(field, problem)
    for field in ("负责人", "填报人"):
        emoji = find_emoji(raw[field])
        if emoji:
            errors.add(field, f"姓名不能包含表情符号“{emoji}”（真实的姓名里没有表情符号，月报PDF也无法打印）")
    if raw["统一社会信用代码"]:
        try:
            values["uscc"] = validate_uscc(raw["统一社会信用代码"])
        except ValueError as exc:
            errors.add("统一社会信用代码", str(exc))
    for field, key, choices, default in (("机构性质", "nature", CENTRE_NATURES, ""),
                                         ("机构类型", "centre_type", CENTRE_TYPES, "托育机构")):
        try:
            values[key] = parse_choice(raw[field], choices) or default
        except ValueError as exc:
            errors.add(field, str(exc))
    if raw["政策方案"] and raw["政策方案"] not in profiles:
        errors.add("政策方案", f"没有名为“{raw['政策方案']}”的政策方案（可选：{'、'.join(profiles)}）")
    values["policy_profile"] = raw["政策方案"]
    for field, key in (("联系电话", "phone"), ("填报人电话", "reporter_phone")):
        if raw[field]:
            try:
                values[key] = validate_phone(raw[field])
            except ValueError as exc:
                errors.add(field, str(exc))
        else:
            values[key] = ""
    try:
        rent = parse_decimal(raw["月租金"], places=2, unit="元")
        values["monthly_rent_fen"] = None if rent is None else yuan_to_fen(rent)
    except ValueError as exc:
        errors.add("月租金", str(exc))
    from ..domain.kitchen import meals_text, parse_meals

    try:
        values["meals"] = meals_text(parse_meals(raw["供餐餐次"]))
    except InputError as exc:
        for p in exc.problems:
            errors.add(p.field, p.message)
    errors.raise_if_any()
    return values


def update_centre(session, form: CentreForm, profiles: dict[str, PolicyProfile]) -> Changes:
    from ..store.models import Centre

    values = validate_centre(form, profiles)
    centre = session.get(Centre, 1)
    for key, value in values.items():
        setattr(centre, key, value)
    session.add(centre)
    return Changes.of(f"已保存机构信息 {centre.name}", "centre")


def centre_details(db: Db) -> "CentreForm":
    """The 设置 page's 机构信息 form, filled from the stored centre."""
    return centre_form(get_centre(db))


def centre_name(db: Db) -> str:
    return get_centre(db).name


def centre_profile(db: Db, profiles: dict[str, PolicyProfile]) -> PolicyProfile:
    """The policy profile the centre chose, or 通用 if that profile is no longer installed."""
    from ..domain.policy import DEFAULT_PROFILE

    return profiles.get(get_centre(db).policy_profile) or profiles[DEFAULT_PROFILE]
