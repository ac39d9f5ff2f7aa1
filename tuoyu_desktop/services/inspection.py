"""检查备查 (SPEC §12): for a month or a date range, every register an inspector asks for — 出勤, 晨午检,
传染病, 食谱, 留样, 消毒, 伤害, 喂药, 消防 — as sections of typed rows, one row per record, for the pack's
workbook (a sheet per section) and its PDF (a section per register, the register's own grids for 出勤 and
晨午检).

Which records a range holds: those dated in it (a mark, a check, a menu line, a sample, a 消毒, an injury,
a dose, a 巡查/检查/演练, a 隐患 by the day it was found); a 传染病 case or a 带药委托 that overlaps it. What
the inspector also needs to see from before the range — a 隐患 found earlier and still open at its start,
the last 疏散演练 if none is in it — is said in the section's note, not repeated as rows."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..domain.choices import yes_no
from ..domain.errors import InputError, Problem
from ..domain.month import Month
from ..domain.pinyin import sort_key
from ..files import checkpoint
from ..store.plain import Db, as_db, in_
from .centre import get_centre
from .register import _class_finder
from .register_sheets import MonthSheets, month_sheets

#: the longest range one pack covers (a school year and a little): a PDF of years would be no print
MAX_DAYS = 400


@dataclass
class Section:
    key: str
    title: str
    headers: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)
    numeric: frozenset[int] = frozenset()  # columns that are figures (number cells, right-aligned)
    wrap: frozenset[int] = frozenset()  # columns of long text (they share the page's width)
    note: str = ""  # what the PDF says under the section's heading


@dataclass
class Pack:
    centre: str
    first: date
    last: date
    sections: list[Section]
    months: list[MonthSheets]  # the 出勤 and 晨午检 grids, a calendar month (or its part in the range) each

    @property
    def period(self) -> str:
        return f"{self.first.isoformat()} 至 {self.last.isoformat()}"

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    @property
    def records(self) -> int:
        return sum(len(s.rows) for s in self.sections)


def check_range(first: date, last: date) -> None:
    if last < first:
        raise InputError([Problem("结束日期", f"结束日期{last.isoformat()}早于开始日期{first.isoformat()}")])
    if (last - first).days + 1 > MAX_DAYS:
        raise InputError([Problem("结束日期", f"一次最多{MAX_DAYS}天（{first.isoformat()}起），请分段导出")])


def _between(column: str, first: date, last: date) -> tuple:
    """``column`` (a date or a wall-clock time) on a day of the range."""
    return (f"{column} >= ? AND {column} < ?", first, last + timedelta(days=1))


def inspection_pack(db: Db, first: date, last: date) -> Pack:
    db = as_db(db)
    check_range(first, last)
    class_of = _class_finder(db, first, last)
    classes = dict(db.values("SELECT id, name FROM classes"))
    names: dict[int, str] = {}

    def child(cid: int) -> str:
        if cid not in names:
            names.update(db.values("SELECT id, name FROM children WHERE id = ?", cid))
        return names.get(cid, "")

    def class_name(cid: int, day: date) -> str:
        return classes.get(class_of(cid, day), "")

    # one read of every name the range's records need (one query instead of one per child)
    names.update(db.values(
        "SELECT id, name FROM children WHERE id IN (SELECT child_id FROM attendance_marks WHERE day >= ? AND day <= ?)",
        first, last))

    def by_child(rows):  # 日期, then 班级, then 姓名 in 拼音 order
        return sorted(rows, key=lambda r: (r[0], r[1], sort_key(r[2])))

    sections = []
    s = Section("attendance", "幼儿出勤", ("日期", "班级", "姓名", "出勤情况", "症状", "入园时间", "离园时间", "接送人",
                                       "诊断", "追踪日期", "追踪结果"), wrap=frozenset({4, 8, 10}))
    s.rows = by_child((m.day, class_name(m.child_id, m.day), child(m.child_id), m.mark, m.symptom, m.arrived_at,
                       m.left_at, m.picked_up_by, m.diagnosis, m.followed_up_on, m.follow_up)
                      for m in db.rows("attendance_marks", ("day >= ? AND day <= ?", first, last)))
    sections.append(s)
    checkpoint()
    s = Section("checks", "晨午检", ("日期", "班级", "姓名", "检次", "体温（℃）", "结果", "异常情况", "处理"),
                numeric=frozenset({4}), wrap=frozenset({6, 7}))
    s.rows = by_child((c.day, class_name(c.child_id, c.day), child(c.child_id), c.round, c.temperature, c.result,
                       c.findings, c.action)
                      for c in db.rows("health_checks", ("day >= ? AND day <= ?", first, last)))
    sections.append(s)
    checkpoint()
    s = Section("cases", "传染病", ("姓名", "班级", "病名", "发病日期", "诊断日期", "诊断机构", "报告日期", "复课日期",
                                 "复课证明"), wrap=frozenset({5}))
    s.rows = [(child(c.child_id), class_name(c.child_id, c.onset_on), c.disease, c.onset_on, c.diagnosed_on,
               c.institution, c.reported_on, c.returned_on, "有" if c.return_certificate else "无")
              for c in db.rows("disease_cases", ("onset_on <= ? AND (returned_on IS NULL OR returned_on >= ?)", last, first),
                               order="onset_on, id")]
    sections.append(s)
    s = Section("menus", "带量食谱", ("日期", "餐次", "菜名", "食材", "每人用量（克）"), numeric=frozenset({4}))
    s.rows = [(m.day, m.meal, m.dish, m.ingredient, m.grams)
              for m in db.rows("menu_items", ("day >= ? AND day <= ?", first, last), order="day, meal, dish_no, id")]
    sections.append(s)
    s = Section("samples", "食品留样", ("日期", "餐次", "菜名", "留样量（克）", "留样时间", "留样人", "冷藏设备/温度",
                                    "销毁时间"), numeric=frozenset({3}))
    s.rows = [(x.day, x.meal, x.dish, x.grams, x.sampled_at, x.sampled_by, x.storage, x.destroyed_at)
              for x in db.rows("food_samples", ("day >= ? AND day <= ?", first, last), order="day, sampled_at, id")]
    sections.append(s)
    s = Section("disinfection", "消毒记录", ("日期", "班级", "消毒项目", "方法和浓度", "执行人", "检查人"),
                wrap=frozenset({2, 3}))
    s.rows = sorted(((d.day, classes.get(d.class_id, ""), d.surfaces, d.agent, d.done_by, d.inspector)
                     for d in db.rows("disinfections", ("day >= ? AND day <= ?", first, last))),
                    key=lambda r: (r[0], sort_key(r[1])))
    sections.append(s)
    s = Section("injuries", "伤害登记", ("发生时间", "姓名", "班级", "地点", "经过", "伤害类型", "部位", "程度", "处理",
                                     "医院", "家长告知时间", "记录人"), wrap=frozenset({4}))
    s.rows = [(i.happened_at, child(i.child_id), class_name(i.child_id, i.happened_at.date()), i.place, i.what,
               i.injury_type, i.body_part, i.severity, i.treatment, i.hospital, i.parent_told_at, i.recorded_by)
              for i in db.rows("injuries", _between("happened_at", first, last), order="happened_at, id")]
    untold = sum(1 for r in s.rows if r[10] is None)
    s.note = f"共{len(s.rows)}起" + (f"，其中{untold}起未登记家长告知时间" if untold else "") if s.rows else ""
    sections.append(s)
    sections.append(_medication(db, first, last, child, class_name))
    sections.append(_fire(db, first, last))
    months = []
    m = Month.of(first)
    while m.first <= last:
        checkpoint()
        months.append(month_sheets(db, str(m), first=max(first, m.first), last=min(last, m.last)))
        m = m.next
    return Pack(get_centre(db).name, first, last, sections, months)


def _medication(db: Db, first: date, last: date, child, class_name) -> Section:
    s = Section("medication", "带药与喂药", ("记录", "日期", "时间", "姓名", "班级", "药名", "剂量", "服用方法",
                                        "结束日期", "委托人", "家长已签字", "原包装已查验", "结果", "喂药人", "核对人"),
                wrap=frozenset({7}))
    orders = db.rows("medication_orders", ("start_on <= ? AND end_on >= ?", last, first), order="start_on, id")
    doses: dict[int, list] = {}
    for d in db.rows("medication_doses", in_("order_id", [o.id for o in orders]), _between("given_at", first, last),
                     order="given_at, id"):
        doses.setdefault(d.order_id, []).append(d)
    for o in orders:
        name, klass = child(o.child_id), class_name(o.child_id, max(o.start_on, first))
        s.rows.append(("委托", o.start_on, o.dose_times, name, klass, o.drug, o.dose, o.usage, o.end_on, o.entrusted_by,
                       yes_no(o.parent_signed), yes_no(o.pack_checked), "", "", ""))
        for d in doses.get(o.id, []):
            s.rows.append(("喂药", d.given_at.date(), f"{d.given_at:%H:%M}", name, class_name(o.child_id, d.given_at.date()),
                           o.drug, d.dose_given, "", None, "", "", "", d.result, d.given_by, d.verified_by))
    given = sum(len(v) for v in doses.values())
    s.note = f"带药委托{len(orders)}份，喂药记录{given}次；委托一行的“时间”为服药时间，“日期”为开始日期" if orders else ""
    return s


def _fire(db: Db, first: date, last: date) -> Section:
    s = Section("fire", "消防安全", ("记录", "日期", "时间", "人员", "部位", "发现问题/隐患", "处理", "参加人数",
                                 "用时（分钟）", "评价", "整改期限", "整改日期", "整改人"),
                numeric=frozenset({7, 8}), wrap=frozenset({4, 5, 6, 9}))
    for c in db.rows("fire_checks", _between("done_at", first, last), order="done_at, id"):
        s.rows.append((c.check_type, c.done_at.date(), f"{c.done_at:%H:%M}", c.done_by, c.places, c.findings, c.action,
                       c.participants, c.minutes, c.review, None, None, ""))
    for h in db.rows("hazards", ("found_on >= ? AND found_on <= ?", first, last), order="found_on, id"):
        s.rows.append(("隐患", h.found_on, "", "", f"发现于{h.source}", h.description, "", None, None, "", h.due_on,
                       h.fixed_on, h.fixed_by))
    s.rows.sort(key=lambda r: (r[1], r[2] or "24:00"))  # a 隐患 after the day's 巡查 and 检查
    counts = {t: sum(1 for r in s.rows if r[0] == t) for t in ("巡查", "检查", "演练", "隐患")}
    notes = [f"防火巡查{counts['巡查']}次，防火检查{counts['检查']}次，疏散演练{counts['演练']}次，发现隐患{counts['隐患']}项"]
    still_open = sum(1 for r in s.rows if r[0] == "隐患" and (r[11] is None or r[11] > last))
    if still_open:
        notes.append(f"其中{still_open}项到{last.isoformat()}尚未整改")
    earlier = db.rows("hazards", ("found_on < ? AND (fixed_on IS NULL OR fixed_on >= ?)", first, first),
                      order="found_on, id")
    if earlier:
        notes.append("本期之前发现、期初尚未整改的隐患：" + "；".join(
            f"{h.found_on.isoformat()} {h.description}（整改期限{h.due_on.isoformat()}，"
            + (f"{h.fixed_on.isoformat()}整改）" if h.fixed_on else "尚未整改）") for h in earlier))
    if not counts["演练"]:
        drill = db.values("SELECT MAX(done_at) FROM fire_checks WHERE check_type = '演练' AND done_at < ?", first)[0][0]
        when = datetime.fromisoformat(str(drill)).date().isoformat() if drill else ""
        notes.append(f"本期没有疏散演练；最近一次在{when}" if when else "本期没有疏散演练，之前也没有演练记录")
    s.note = "。".join(notes) + "。"
    return s
