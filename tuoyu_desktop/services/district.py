"""区县汇总 (SPEC §7): add up the checked return workbooks of a district against the profile's targets.

Counts are summed; rates are recomputed from the summed counts, never averaged. A rate whose
numerator is not itself in the workbook (岗前培训率, 入托体检完成率, 预防接种证查验率) is turned
back into its count first (rate × denominator ÷ 100, exact for denominators below 1,000).
A bad file is listed with its reason and left out; it never stops the others.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..domain.indicators import (
    CODES,
    GROWTH_CODES,
    NAMES,
    RATES,
    REGISTER_CODES,
    REGISTER_RATES,
    percent,
    rounded,
)
from ..domain.policy import PolicyProfile

#: rates kept as counts behind the scenes: code → (count it stands for, denominator)
RECOVERED = {"R06": ("preservice", "S01"), "H03": ("checked", "E01"), "H04": ("vaccinated", "E01")}
WEIGHTED = {"F01": ("E09", 0), "S07": ("S01", 1)}  # means weighted by their population
NOT_SUMMED = set(RATES) | set(RECOVERED) | set(WEIGHTED)


@dataclass(frozen=True)
class Centre:
    file: str
    name: str
    uscc: str
    town: str
    puhui: bool
    figures: dict[str, object]
    version: int = 1  # 格式版本: only version 2 carries the daily register's A rows


@dataclass(frozen=True)
class BadFile:
    file: str
    reason: str
    copy_of: str = ""  # a byte-for-byte copy of this accepted file: counted once, listed as a copy

    @property
    def state(self) -> str:
        return "重复副本" if self.copy_of else "有问题"


@dataclass
class Summary:
    month: str
    profile: PolicyProfile
    centres: list[Centre] = field(default_factory=list)
    problems: list[BadFile] = field(default_factory=list)
    totals: dict[str, object] = field(default_factory=dict)
    towns: dict[str, dict[str, object]] = field(default_factory=dict)
    town_counts: dict[str, int] = field(default_factory=dict)
    targets: list[tuple[str, Decimal | None, float, bool | None, Decimal | None]] = field(default_factory=list)
    missing: list[tuple[str, str, str]] = field(default_factory=list)  # expected centres with no return
    roster: bool = False  # a 机构名单 was there to say who is missing (without it nobody is "missing")

    @property
    def copies(self) -> list[BadFile]:
        return [p for p in self.problems if p.copy_of]

    @property
    def bad_files(self) -> list[BadFile]:
        return [p for p in self.problems if not p.copy_of]

    @property
    def version_1(self) -> int:
        """Centres that sent 格式版本 1 (no daily register): left out of the A figures."""
        return sum(1 for c in self.centres if c.version == 1)

    @property
    def version_note(self) -> str:
        if not self.version_1:
            return ""
        return (f"{self.version_1}家机构报送的是格式版本1（没有日常登记指标A01–A12和体检指标G01–G07），"
                "A类和G类指标只汇总格式版本2的机构")


def _number(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def add_up(centres: list[Centre]) -> dict[str, object]:
    """Sums of counts, recomputed rates and weighted means for a group of centres."""
    total: dict[str, Decimal] = defaultdict(Decimal)
    weighted: dict[str, Decimal] = defaultdict(Decimal)
    for c in centres:
        f = {k: _number(v) for k, v in c.figures.items()}
        for code in CODES:
            if code not in NOT_SUMMED and f.get(code) is not None:
                total[code] += f[code]
        for code, (hidden, denominator) in RECOVERED.items():
            if f.get(code) is not None and f.get(denominator):
                total[hidden] += (f[code] * f[denominator] / 100).quantize(Decimal(1), ROUND_HALF_UP)
        for code, (population, _) in WEIGHTED.items():
            if f.get(code) is not None and f.get(population):
                weighted[code] += f[code] * f[population]
                total[f"{code}_n"] += f[population]
    out: dict[str, object] = {}
    out.update(_register_totals([c for c in centres if c.version == 2]))
    for code in CODES:
        if code in RATES:
            numerators, denominator = RATES[code]
            out[code] = percent(sum(total[n] for n in numerators), total[denominator])
        elif code in RECOVERED:
            hidden, denominator = RECOVERED[code]
            out[code] = percent(total[hidden], total[denominator])
        elif code in WEIGHTED:
            n = total[f"{code}_n"]
            out[code] = rounded(weighted[code] / n, WEIGHTED[code][1]) if n else None
        else:
            value = total[code]
            out[code] = int(value) if value == value.to_integral_value() else value.quantize(Decimal("0.01"))
    return out


def _register_totals(centres: list[Centre]) -> dict[str, object]:
    """The rows of 格式版本 2 (A01–A12 of the daily register, G01–G07 of growth checks) from the
    version-2 returns only: counts summed, the rates (A04, A06, A08, G03) recomputed from those
    centres' sums; empty when no centre sent version 2."""
    codes = REGISTER_CODES + GROWTH_CODES
    rates = {**REGISTER_RATES, "G03": RATES["G03"]}
    if not centres:
        return {code: None for code in codes}
    total: dict[str, Decimal] = defaultdict(Decimal)
    summed = {c for c in codes if c not in rates} | {d for _, d in rates.values()}
    for c in centres:
        for code in summed:
            value = _number(c.figures.get(code))
            if value is not None:
                total[code] += value
    out: dict[str, object] = {}
    for code in codes:
        if code in rates:
            numerators, denominator = rates[code]
            out[code] = percent(sum(total[n] for n in numerators), total[denominator])
        else:
            out[code] = int(total[code])
    return out


def compare_targets(summary: Summary) -> None:
    t = summary.profile.targets
    tot, n = summary.totals, len(summary.centres)
    puhui = (percent(sum(1 for c in summary.centres if c.puhui), n) if t.puhui_share_basis == "centres"
             else tot["R02"])
    rows = [
        ("普惠托位占比" if t.puhui_share_basis == "places" else "普惠机构占比", puhui, t.puhui_share),
        ("托位使用率", tot["R01"], t.usage_rate),
        ("2岁以下婴幼儿托位占比", tot["R03"], t.under2_share),
        ("保育人员持证率", tot["R04"], t.caregiver_cert_rate),
        ("医育结合签约率", percent(tot["H01"], n), t.agreement_rate),
        ("岗前培训率", tot["R06"], t.preservice_rate),
    ]
    summary.targets = []
    for name, value, target in rows:
        if target is None:
            continue
        met = None if value is None else value >= Decimal(str(target))
        gap = None if value is None else (value - Decimal(str(target))).quantize(Decimal("0.1"))
        summary.targets.append((name, value, target, met, gap))


def summary_of(month: str, profile: PolicyProfile, accepted: list[Centre], problems: list[BadFile],
               expected: list[tuple[str, str, str]] | None = None) -> Summary:
    """The district's picture from the returns that passed their checks (``accepted``) and the files
    that did not: two returns of one credit code are both left out and listed; counts summed and rates
    recomputed (``add_up``) for the district and each 镇街; the targets compared; and, with a 机构名单
    (``expected``: code, name, town), the centres on it that sent nothing."""
    summary = Summary(month, profile, problems=list(problems))
    by_code: dict[str, list[Centre]] = defaultdict(list)
    for c in accepted:
        by_code[c.uscc].append(c)
    for uscc, group in by_code.items():
        if len(group) > 1:
            for c in group:
                others = "、".join(o.file for o in group if o is not c)
                summary.problems.append(BadFile(c.file, f"统一社会信用代码 {uscc} 重复（与 {others}），两份都未汇总"))
    summary.centres = sorted((c for c in accepted if len(by_code[c.uscc]) == 1), key=lambda c: (c.town, c.name))
    summary.problems.sort(key=lambda b: b.file)
    summary.totals = add_up(summary.centres)
    towns: dict[str, list[Centre]] = defaultdict(list)
    for c in summary.centres:
        towns[c.town].append(c)
    summary.towns = {town: add_up(group) for town, group in sorted(towns.items())}
    summary.town_counts = {town: len(group) for town, group in towns.items()}
    compare_targets(summary)
    if expected is not None:
        summary.roster = True
        received = {c.uscc for c in summary.centres}
        summary.missing = [row for row in expected if row[0] not in received]
    return summary


def column_title(code: str) -> str:
    return f"{code} {NAMES[code]}"
