"""托育服务体验券: each serial once for ever, a cap per child, validity dates, eligible ages."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlmodel import Session, select

from ...domain.ages import completed_months
from ...domain.errors import Collector
from ...domain.idnumbers import mask_id
from ...domain.policy import PolicyProfile
from ...domain.reader import RowReader
from ...store.models import VoucherRedemption
from ..lookups import days_used, voucher_period
from .base import ADDED, UNCHANGED, Checked, Column, Context, RecordKind


def voucher_rule_problems(profile: PolicyProfile, day: date | None, birth: date | None) -> list[tuple[str, str]]:
    """Validity dates and eligible ages of the profile: (field, message)."""
    rule = profile.voucher
    problems = []
    source = f"（{profile.name}政策方案）"
    if day and rule.valid_from and day < rule.valid_from:
        problems.append(("兑换日期", f"体验券自{rule.valid_from.isoformat()}起才可使用{source}"))
    if day and rule.valid_to and day > rule.valid_to:
        problems.append(("兑换日期", f"体验券已于{rule.valid_to.isoformat()}到期{source}"))
    if day and birth:
        months = completed_months(birth, day)
        if not rule.min_months <= months < rule.max_months:
            problems.append(("身份证号", f"兑换时幼儿实足{max(months, 0)}个月，不在体验券适用月龄"
                                         f"（{rule.min_months}–{rule.max_months}个月）内{source}"))
    return problems


class VoucherKind(RecordKind):
    key = "vouchers"
    title = "体验券"
    sheet = "体验券"
    identity_label = "券号"
    columns = (
        Column("券号", True, "code", note="每张券只能使用一次", example="TN2026000123"),
        Column("幼儿姓名", True, example="李欣怡"),
        Column("身份证号", True, "id", note="幼儿的身份证号（按此统计每名幼儿的使用次数）", example="32040220240501002X",
               width=22),
        Column("监护人", False, example="李建华"),
        Column("联系电话", False, "phone", example="13812345678"),
        Column("兑换日期", True, "date", example="2026-10-12"),
        Column("天数", False, "number", note="不填为1；每天一次", example="1", hint="每天一次，默认1"),
    )
    model = VoucherRedemption
    area = "vouchers"
    form_fields = ("券号", "幼儿姓名", "身份证号", "监护人", "联系电话", "兑换日期", "天数")

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        serial = r.code("券号", True)
        name = r.name("幼儿姓名", True)
        info = r.id_number("身份证号", True)
        guardian = r.name("监护人")
        phone = r.phone("联系电话")
        day = r.date("兑换日期", True, not_future=True)
        days = r.integer("天数", minimum=1)
        days = days or 1
        for field, message in voucher_rule_problems(ctx.profile, day, info.birth_date if info else None):
            r.problem(field, message)
        number = info.number if info else None
        existing = ctx.cached("serials", lambda: {v.serial: v for v in ctx.session.exec(
            select(VoucherRedemption))}).get(serial) if serial else None
        values = dict(serial=serial, child_name=name, child_id_number=number, guardian=guardian, phone=phone,
                      redeemed_on=day, days=days)
        if existing is not None:
            same = (existing.child_id_number, existing.redeemed_on, existing.days) == (number, day, days)
            if not same or existing.deleted_at is not None:
                r.problem("券号", f"券号{serial}已于{existing.redeemed_on.isoformat()}为{existing.child_name}"
                                  f"（{mask_id(existing.child_id_number)}）使用过，每张券只能用一次")
        child = ctx.children_by_id().get(number) if number else None
        values["child_id"] = child.id if child else None
        return Checked(r.row, values, existing)

    def identity(self, checked: Checked):
        return checked.values["serial"]

    def check_all(self, rows: list[Checked], ctx: Context, errors: Collector) -> None:
        """No child may use more visit-days than the profile allows, counting the file's rows too."""
        cap = ctx.profile.voucher.max_visits
        groups: dict[tuple, list[Checked]] = defaultdict(list)
        for c in rows:
            v = c.values
            if c.existing is None and v["child_id_number"] and v["redeemed_on"]:
                period = voucher_period(ctx.profile, v["redeemed_on"])
                groups[(v["child_id_number"], period)].append(c)
        for (number, _period), members in groups.items():
            members.sort(key=lambda c: (c.values["redeemed_on"], c.row or 0))
            used = days_used(ctx.session, number, ctx.profile, members[0].values["redeemed_on"])
            for c in members:
                if used + c.values["days"] > cap:
                    scope = "本年" if ctx.profile.voucher.period == "year" else "累计"
                    errors.add("天数" if c.values["days"] > 1 else "身份证号",
                               f"{c.values['child_name']}{scope}已使用{used}次，再兑换{c.values['days']}次将超过每名幼儿"
                               f"最多{cap}次（{ctx.profile.name}政策方案）", c.row)
                else:
                    used += c.values["days"]

    def duplicate_problem(self, e: VoucherRedemption, editing: bool):
        return "券号", (f"券号{e.serial}已于{e.redeemed_on.isoformat()}为{e.child_name}（{mask_id(e.child_id_number)}）"
                        "使用过，每张券只能用一次")

    def form_checks(self, checked: Checked, ctx: Context, errors: Collector, current) -> None:
        if not errors:
            self.check_all([checked], ctx, errors)

    def saved_message(self, v: dict, added: bool) -> str:
        return f"已登记体验券 {v['serial']}（{v['child_name']}，{v['days']}天）"

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        if checked.existing is not None:
            return UNCHANGED
        session.add(VoucherRedemption(**checked.values))
        return ADDED
