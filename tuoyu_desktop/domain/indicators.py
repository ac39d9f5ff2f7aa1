"""The indicator codes of the monthly return (SPEC §3): names, units, and how figures are rounded."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

INDICATORS: tuple[tuple[str, str, str], ...] = (
    ("T01", "核定托位数", "个"), ("T02", "普惠托位数", "个"), ("T03", "乳儿班托位数", "个"),
    ("T04", "托小班托位数", "个"), ("T05", "托大班托位数", "个"), ("T06", "混龄班托位数", "个"),
    ("E01", "月末在托人数", "人"), ("E02", "乳儿班在托人数", "人"), ("E03", "托小班在托人数", "人"),
    ("E04", "托大班在托人数", "人"), ("E05", "混龄班在托人数", "人"), ("E06", "2岁以下在托人数", "人"),
    ("E07", "本月新入托人数", "人"), ("E08", "本月离托人数", "人"), ("E09", "全日托人数", "人"),
    ("E10", "半日托人数", "人"), ("E11", "计时托人数", "人"), ("E12", "临时托人数", "人"),
    ("E13", "困境婴幼儿在托人数", "人"),
    ("R01", "托位使用率", "%"), ("R02", "普惠托位占比", "%"), ("R03", "2岁以下婴幼儿托位占比", "%"),
    ("F01", "全日托月平均收费", "元"),
    ("S01", "从业人员总数", "人"), ("S02", "保育人员数", "人"), ("S03", "保育人员持证人数", "人"),
    ("R04", "保育人员持证率", "%"), ("S04", "健康证有效人数", "人"), ("R05", "健康证有效率", "%"),
    ("S05", "专业培训达标人数", "人"), ("S06", "职业道德培训达标人数", "人"), ("S07", "本年人均培训课时", "课时"),
    ("R06", "岗前培训率", "%"),
    ("H01", "医育结合协议有效", "是=1"), ("H02", "本月医疗机构指导次数", "次"), ("H03", "入托体检完成率", "%"),
    ("H04", "预防接种证查验率", "%"),
    ("V01", "本月体验券兑换次数", "次"), ("V02", "本月体验券兑换人数", "人"), ("V03", "本月体验券兑换金额", "元"),
    ("V04", "本年体验券兑换次数", "次"), ("V05", "本年体验券兑换金额", "元"),
    ("C01", "超额班级数", "个"), ("C02", "师幼比不达标班级数", "个"), ("C03", "证书30日内到期数", "本"),
    ("C04", "过期证书数", "本"),
    ("B01", "运营补贴测算", "元"), ("B02", "租金补助测算", "元"), ("B03", "困境婴幼儿资助测算", "元"),
)
#: the daily register's figures (SPEC §8): rows that 格式版本 2 adds after all of the above
REGISTER_INDICATORS: tuple[tuple[str, str, str], ...] = (
    ("A01", "本月开园天数", "天"), ("A02", "本月应出勤人次", "人次"), ("A03", "本月实际出勤人次", "人次"),
    ("A04", "出勤率", "%"), ("A05", "本月因病缺勤人次", "人次"), ("A06", "因病缺勤率", "%"),
    ("A07", "本月晨检人次", "人次"), ("A08", "晨检率", "%"), ("A09", "本月晨午检异常人次", "人次"),
    ("A10", "本月传染病病例数", "例"), ("A11", "本月聚集性预警次数", "次"), ("A12", "本月师幼比不达标班日数", "班日"),
)
#: growth and health checks (SPEC §9): rows that 格式版本 2 adds after the daily register's
GROWTH_INDICATORS: tuple[tuple[str, str, str], ...] = (
    ("G01", "本月体检人次", "人次"), ("G02", "半年内体检人数", "人"), ("G03", "体检覆盖率", "%"),
    ("G04", "低体重人数", "人"), ("G05", "生长迟缓人数", "人"), ("G06", "超重肥胖人数", "人"),
    ("G07", "贫血人数", "人"),
)
CODES = tuple(code for code, _, _ in INDICATORS)  # 格式版本 1
REGISTER_CODES = tuple(code for code, _, _ in REGISTER_INDICATORS)
GROWTH_CODES = tuple(code for code, _, _ in GROWTH_INDICATORS)
CODES_V2 = CODES + REGISTER_CODES + GROWTH_CODES  # 格式版本 2
NAMES = {code: name for code, name, _ in INDICATORS + REGISTER_INDICATORS + GROWTH_INDICATORS}
UNITS = {code: unit for code, _, unit in INDICATORS + REGISTER_INDICATORS + GROWTH_INDICATORS}
#: rates recomputed from counts (also by the district summary): code → (numerator codes, denominator code)
RATES = {"R01": (("E01",), "T01"), "R02": (("T02",), "T01"), "R03": (("T03", "T04"), "T01"),
         "R04": (("S03",), "S02"), "R05": (("S04",), "S01"), "G03": (("G02",), "E01")}
#: the daily register's rates (the district recomputes them from version-2 files only)
REGISTER_RATES = {"A04": (("A03",), "A02"), "A06": (("A05",), "A02"), "A08": (("A07",), "A03")}


def percent(numerator: int | float | Decimal, denominator: int | float | Decimal) -> Decimal | None:
    """A ratio in percent, 1 decimal, half up; None (an empty cell) when the denominator is 0."""
    if not denominator:
        return None
    return (Decimal(str(numerator)) * 100 / Decimal(str(denominator))).quantize(Decimal("0.1"), ROUND_HALF_UP)


def rounded(value: Decimal | float | int, places: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def canonical(value) -> str:
    """The text a figure contributes to the 数据校验码: 12, 83.3, 0.5; empty for no value."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        value = int(value)
    number = Decimal(str(value))
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def checksum(rows: list[tuple]) -> str:
    """SHA-256 (hex) of the 指标 rows: one line per row, cells joined by a tab, figures canonical."""
    import hashlib

    lines = ["\t".join(canonical(c) if i == 2 and not isinstance(c, str) else str(c) for i, c in enumerate(row))
             for row in rows]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


#: H03 and G03 count different things; said under the table so that they are not read as a contradiction
COVERAGE_NOTE = ("注：H03 入托体检完成率看幼儿档案是否填了入托体检日期（“缺入托体检”提醒同此）；G03 体检覆盖率看近6个月内"
                 "有没有生长发育测量记录。没有入托体检日期、但在园里测量过的幼儿计入 G03，不计入 H03，所以两者可以不同。")
