"""The monthly return's figures (SPEC §3), computed from the stored history as of the month's last day.

Everything is read as it was on that day: who was enrolled and in which class (placements),
who was employed, which certificates and agreement were valid. So a past month's return stays
right after later changes; a locked month is not recomputed at all (see ``returns``).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from ..domain.ages import completed_months
from ..domain.classes import band_for_age, caregivers_needed
from ..domain.indicators import CODES, percent, rounded
from ..domain.month import Month
from ..domain.periods import ENROLMENT, class_open_on, enrolled_on
from ..domain.policy import PolicyProfile
from ..domain.staffing import (
    cert_valid_on,
    current_certificates,
    has_valid_caregiver_cert,
    training_progress,
)
from ..store import spans
from ..store.plain import Db, as_db, in_, where
from ..store.spans import employed_on, placed_on, touches
from .centre import centre_profile, get_centre
from .lookups import agreement_on

if TYPE_CHECKING:  # pragma: no cover
    from ..store.models import (
        Agreement,
        Centre,
        Certificate,
        Child,
        SchoolClass,
        Staff,
        TrainingRecord,
        Visit,
        VoucherRedemption,
    )


@dataclass
class MonthData:
    """What the figures and the detail sheets are made from, read once (rows of ``store.plain``,
    read like the table models named in the hints)."""

    month: str
    start: date
    end: date
    centre: Centre
    profile: PolicyProfile
    classes: list[SchoolClass]
    children: list[Child]
    class_of: dict[int, SchoolClass]  # child id → class on the last day
    staff: list[Staff]  # employed on the last day
    staff_class: dict[int, int | None]  # staff id → 所在班级 (class id) on the last day
    staff_role: dict[int, str]  # staff id → 岗位 on the last day
    certs: dict[int, list[Certificate]]  # staff id → certificates issued by the last day
    training: list[TrainingRecord]  # 本年, employed staff
    preservice: set[int]
    agreement: Agreement | None
    visits: list[Visit]
    vouchers_month: list[VoucherRedemption]
    vouchers_year: list[VoucherRedemption]
    figures: dict[str, object] = field(default_factory=dict)


def load_month(db: Db, profiles: dict[str, PolicyProfile], month: str) -> MonthData:
    db = as_db(db)
    start, end = Month.parse(month).bounds
    year_start = date(end.year, 1, 1)
    classes = db.rows("classes", order="name, id")
    by_id = {k.id: k for k in classes}
    # only the children the month can concern: enrolled by its end and not gone before it began
    children = db.rows("children", touches(ENROLMENT, start, end), order="id")
    class_of: dict[int, SchoolClass] = {}
    for p in db.rows("placements", placed_on(end), order="start_on, id", columns=("child_id", "class_id")):
        class_of[p.child_id] = by_id[p.class_id]
    staff = db.rows("staff", employed_on(end), order="name, id")
    ids = [s.id for s in staff]
    staff_class = {s.id: s.class_id for s in staff}  # no history kept: the current post
    staff_role = {s.id: s.role for s in staff}
    posts: dict[int, list[tuple]] = {}
    for staff_id, role, class_id, start_on in db.rows(
            "staff_assignments", in_("staff_id", ids), order="start_on, id",
            columns=("staff_id", "role", "class_id", "start_on")):
        posts.setdefault(staff_id, []).append((role, class_id, start_on))
    for staff_id, rows in posts.items():
        held = [r for r in rows if r[2] <= end]
        staff_role[staff_id], staff_class[staff_id], _ = held[-1] if held else rows[0]
    certs: dict[int, list[Certificate]] = {}
    for c in db.rows("certificates", in_("staff_id", ids), ("issued_on IS NULL OR issued_on <= ?", end), order="id"):
        certs.setdefault(c.staff_id, []).append(c)
    training = db.rows("training_records", ("trained_on >= ? AND trained_on <= ?", year_start, end),
                       in_("staff_id", ids), order="trained_on, id")
    preservice = {t.staff_id for t in db.rows("training_records", ("is_preservice = ?", True),
                                              ("trained_on <= ?", end), columns=("staff_id",))}
    visits = db.rows("visits", ("visited_on >= ? AND visited_on <= ?", start, end), order="visited_on, id")
    vouchers_year = db.rows("voucher_redemptions", "deleted_at IS NULL",
                            ("redeemed_on >= ? AND redeemed_on <= ?", year_start, end), order="redeemed_on, serial")
    vouchers_month = [v for v in vouchers_year if v.redeemed_on >= start]
    return MonthData(month, start, end, get_centre(db), centre_profile(db, profiles), classes, children,
                     class_of, staff, staff_class, staff_role, certs, training, preservice, agreement_on(db, end),
                     visits, vouchers_month, vouchers_year)


@dataclass(frozen=True)
class ClassFigures:
    klass: SchoolClass
    enrolled: int
    caregivers: int
    needed: int

    @property
    def over(self) -> bool:
        return self.enrolled > self.klass.capacity

    @property
    def ratio_ok(self) -> bool:
        return self.caregivers >= self.needed


def class_figures(d: MonthData) -> list[ClassFigures]:
    enrolled = [c for c in d.children if enrolled_on(c, d.end)]
    carers_in = Counter(d.staff_class[s.id] for s in d.staff if d.staff_role[s.id] == "保育人员")
    out = []
    for k in d.classes:
        if not class_open_on(k, d.end):
            continue
        n = sum(1 for c in enrolled if d.class_of.get(c.id) is k)
        out.append(ClassFigures(k, n, carers_in[k.id], caregivers_needed(n, k.class_type, d.profile)))
    return out


def staff_training(d: MonthData) -> dict[int, object]:
    records: dict[int, list[tuple[str, float]]] = {}
    for t in d.training:
        records.setdefault(t.staff_id, []).append((t.category, t.hours))
    rule = d.profile.training
    return {s.id: training_progress(records.get(s.id, []), s.hired_on, d.end.year, rule.professional_hours,
                                    rule.ethics_hours) for s in d.staff}


def compute(d: MonthData) -> dict[str, object]:
    """Every indicator of SPEC §3 for the month (None where a ratio's denominator is 0)."""
    f: dict[str, object] = {}
    end, p = d.end, d.profile
    open_classes = [k for k in d.classes if class_open_on(k, end)]
    f["T01"] = sum(k.capacity for k in open_classes)
    f["T02"] = sum(k.capacity for k in open_classes if k.is_puhui)
    for code, ctype in zip(("T03", "T04", "T05", "T06"), ("乳儿班", "托小班", "托大班", "混龄班")):
        f[code] = sum(k.capacity for k in open_classes if k.class_type == ctype)
    enrolled = [c for c in d.children if enrolled_on(c, end)]
    f["E01"] = len(enrolled)
    for code, ctype in zip(("E02", "E03", "E04", "E05"), ("乳儿班", "托小班", "托大班", "混龄班")):
        f[code] = sum(1 for c in enrolled if d.class_of.get(c.id) and d.class_of[c.id].class_type == ctype)
    f["E06"] = sum(1 for c in enrolled if completed_months(c.birth_date, end) < 24)
    f["E07"] = sum(1 for c in d.children if d.start <= c.enrolled_on <= end)
    f["E08"] = sum(1 for c in d.children if c.left_on and d.start <= c.left_on <= end)
    for code, care in zip(("E09", "E10", "E11", "E12"), ("全日托", "半日托", "计时托", "临时托")):
        f[code] = sum(1 for c in enrolled if c.care_type == care)
    hardship = [c for c in enrolled if c.hardship_category]
    f["E13"] = len(hardship)
    f["R01"] = percent(f["E01"], f["T01"])
    f["R02"] = percent(f["T02"], f["T01"])
    f["R03"] = percent(f["T03"] + f["T04"], f["T01"])
    fees = [c.monthly_fee_fen for c in enrolled if c.care_type == "全日托" and c.monthly_fee_fen is not None]
    f["F01"] = rounded(Decimal(sum(fees)) / len(fees) / 100, 0) if fees else None

    f["S01"] = len(d.staff)
    carers = [s for s in d.staff if d.staff_role[s.id] == "保育人员"]
    f["S02"] = len(carers)
    f["S03"] = sum(1 for s in carers if has_valid_caregiver_cert(d.certs.get(s.id, []), end))
    f["R04"] = percent(f["S03"], f["S02"])
    f["S04"] = sum(1 for s in d.staff if any(c.cert_type == "健康证" and cert_valid_on(c, end)
                                                for c in d.certs.get(s.id, [])))
    f["R05"] = percent(f["S04"], f["S01"])
    progress = staff_training(d)
    f["S05"] = sum(1 for pr in progress.values() if pr.professional_met)
    f["S06"] = sum(1 for pr in progress.values() if pr.ethics_met)
    total_hours = sum((Fraction(str(t.hours)) for t in d.training), Fraction(0))
    f["S07"] = rounded(Decimal(total_hours.numerator) / Decimal(total_hours.denominator) / f["S01"], 1) if f["S01"] else None
    f["R06"] = percent(sum(1 for s in d.staff if s.id in d.preservice), f["S01"])

    f["H01"] = 1 if d.agreement else 0
    f["H02"] = len(d.visits)
    f["H03"] = percent(sum(1 for c in enrolled if c.health_check_on and c.health_check_on <= end), f["E01"])
    f["H04"] = percent(sum(1 for c in enrolled if c.vaccination_checked_on and c.vaccination_checked_on <= end),
                       f["E01"])

    value = p.voucher.value_yuan
    f["V01"] = sum(v.days for v in d.vouchers_month)
    f["V02"] = len({v.child_id_number for v in d.vouchers_month})
    f["V03"] = f["V01"] * value
    f["V04"] = sum(v.days for v in d.vouchers_year)
    f["V05"] = f["V04"] * value

    classes = class_figures(d)
    f["C01"] = sum(1 for c in classes if c.over)
    f["C02"] = sum(1 for c in classes if not c.ratio_ok)
    current = current_certificates([c for certs in d.certs.values() for c in certs])
    f["C03"] = sum(1 for c in current if c.expires_on and end < c.expires_on <= end + timedelta(days=p.alerts.cert_warn_days))
    f["C04"] = sum(1 for c in current if c.expires_on and c.expires_on < end)

    f["B01"], f["B02"], f["B03"] = subsidies(d, enrolled, f["T01"], len(hardship))
    return {code: f[code] for code in CODES}


def subsidies(d: MonthData, enrolled: list[Child], places: int, hardship: int) -> tuple[Decimal, Decimal, Decimal]:
    """Monthly estimates from the profile; 运营补贴 and 租金补助 only for a 普惠 centre.

    B01: Σ over enrolled children in 普惠 places of the yearly rate for their class type (a 混龄班
    child: the type of its age) ÷ 12. B02: min(核定托位 × ㎡ per place × 元/㎡/月, the actual rent).
    B03: 困境 children × ((元/月 × months + 元/天 × days) ÷ 12 + 元/月 fee waiver).
    """
    rule = d.profile.subsidies
    b01 = Decimal(0)
    if d.centre.is_puhui and rule.operating_per_child_year:
        for c in enrolled:
            klass = d.class_of.get(c.id)
            if not c.is_puhui or klass is None:
                continue
            ctype = klass.class_type
            if ctype == "混龄班":
                ctype = band_for_age(completed_months(c.birth_date, d.end), d.profile) or ctype
            b01 += Decimal(rule.operating_per_child_year.get(ctype, 0)) / 12
    b02 = Decimal(0)
    if d.centre.is_puhui and rule.rent_sqm_per_place and rule.rent_yuan_per_sqm_month:
        b02 = Decimal(str(places)) * Decimal(str(rule.rent_sqm_per_place)) * Decimal(str(rule.rent_yuan_per_sqm_month))
        rent = Decimal(d.centre.monthly_rent_fen or 0) / 100
        b02 = min(b02, rent)
    per_child = (Decimal(rule.hardship_monthly_yuan * rule.hardship_months_per_year
                         + rule.hardship_daily_yuan * rule.hardship_days_per_year) / 12
                 + Decimal(rule.hardship_fee_waiver_monthly_yuan))
    b03 = per_child * hardship
    return rounded(b01, 2), rounded(b02, 2), rounded(b03, 2)


def month_figures(db: Db, profiles: dict[str, PolicyProfile], month: str) -> dict[str, object]:
    return compute(load_month(db, profiles, month))


def trend(db: Db, month: str, count: int) -> list[list]:
    """月末在托人数 (E01) and 托位使用率 (R01) for ``count`` months up to ``month``, counted by SQLite
    (``store.spans``: the same definitions as ``compute``, without loading every record 12 times)."""
    db = as_db(db)
    out = []
    for m in previous_months(month, count):
        end = Month.parse(m).bounds[1]
        clause, params = where([spans.enrolled_on(end)])
        e01 = db.values(f"SELECT count(*) FROM children WHERE {clause}", *params)[0][0]
        clause, params = where([spans.class_open_on(end)])
        t01 = db.values(f"SELECT coalesce(sum(capacity), 0) FROM classes WHERE {clause}", *params)[0][0]
        out.append([m, e01, percent(e01, t01)])
    return out


def previous_months(month: str, count: int) -> list[str]:
    """``count`` months ending with ``month``, the oldest first."""
    last = Month.parse(month)
    return [str(last.shift(-i)) for i in reversed(range(count))]

