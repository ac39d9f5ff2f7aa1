"""膳食 (SPEC §12): the week's 带量食谱, a day's 食品留样, and their alerts.

The rules are ``domain.kitchen``'s; this module reads the menus and samples (plain SQL, by the
day's index) and stores what passed them. A dish is typed once: a 菜名 alone takes the ingredients
it had the last time it was served.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from ..domain.alert import Alert
from ..domain.errors import InputError, Problem
from ..domain.kitchen import (
    MEALS,
    MENU_SOURCE,
    Dish,
    parse_meals,
    parse_menu_text,
    sample_problems,
    unchanged_for_three_weeks,
    unsampled,
    week_of,
)
from ..domain.policy import PolicyProfile
from ..store.plain import Db, as_db
from .centre import centre_profile, get_centre
from .changes import Changes
from .lookups import load_calendar

if TYPE_CHECKING:  # pragma: no cover
    from sqlmodel import Session

AREA = "kitchen"


def _d(day: date) -> str:
    return f"{day.month}月{day.day}日"


def served_meals(db: Db) -> tuple[str, ...]:
    try:
        return parse_meals(get_centre(db).meals)
    except InputError:
        return ("午餐",)


def _dishes(rows) -> dict[tuple[date, str], list[Dish]]:
    """(day, 餐次) → its dishes in their order, from menu rows ordered by day, meal, dish_no, id."""
    grouped: dict[tuple[date, str], dict[str, list]] = {}
    for r in rows:
        grouped.setdefault((r.day, r.meal), {}).setdefault(r.dish, []).append((r.ingredient, Decimal(str(r.grams))))
    return {key: [Dish(name, tuple(items)) for name, items in dishes.items()] for key, dishes in grouped.items()}


def _menu_rows(db: Db, first: date, last: date):
    return as_db(db).rows("menu_items", ("day >= ? AND day <= ?", first, last), order="day, meal, dish_no, id",
                          columns=("day", "meal", "dish", "ingredient", "grams"))


@dataclass(frozen=True)
class MenuWeek:
    monday: date
    days: list[date]  # the open days of the week
    meals: tuple[str, ...]  # the 餐次 the centre serves
    cells: dict[tuple[date, str], list[Dish]]
    unchanged: bool  # the same dishes as each of the two weeks before

    def dishes(self, day: date, meal: str) -> list[Dish]:
        return self.cells.get((day, meal), [])


def _names(cells: dict[tuple[date, str], list[Dish]]) -> dict[tuple[date, str], frozenset[str]]:
    return {key: frozenset(d.name for d in dishes) for key, dishes in cells.items()}


def week_menu(db: Db, monday: date) -> MenuWeek:
    """The week's 带量食谱 (the Monday of ``monday``'s week): open days × served 餐次."""
    db = as_db(db)
    monday = week_of(monday)
    calendar = load_calendar(db)
    days = calendar.between(monday, monday + timedelta(days=6))
    cells = _dishes(_menu_rows(db, monday - timedelta(days=14), monday + timedelta(days=6)))
    unchanged = unchanged_for_three_weeks(_names(cells), monday)
    return MenuWeek(monday, days, served_meals(db), {k: v for k, v in cells.items() if k[0] >= monday}, unchanged)


def known_dishes(db: Db) -> dict[str, Dish]:
    """Every dish ever served, with the ingredients of the last time it was."""
    db = as_db(db)
    rows = db.values("SELECT m.dish, m.ingredient, m.grams FROM menu_items m JOIN (SELECT dish, MAX(day) AS last FROM "
                     "menu_items GROUP BY dish) l ON l.dish = m.dish AND l.last = m.day ORDER BY m.dish, m.meal, m.id")
    out: dict[str, list] = {}
    seen_meal: dict[str, set] = {}
    for dish, ingredient, grams in rows:
        if ingredient in seen_meal.setdefault(dish, set()):
            continue  # the same dish twice that day (two 餐次): its first
        seen_meal[dish].add(ingredient)
        out.setdefault(dish, []).append((ingredient, Decimal(str(grams))))
    return {name: Dish(name, tuple(items)) for name, items in out.items()}


def meal_text(db: Db, day: date, meal: str) -> str:
    """A 餐次's dishes as the menu dialog shows them, one per line."""
    return "\n".join(d.text for d in _dishes(_menu_rows(db, day, day)).get((day, meal), []))


def _day_problem(db: Db, day: date, meal: str, field_name: str = "日期") -> Problem | None:
    calendar = load_calendar(db)
    if not calendar.is_open(day):
        return Problem(field_name, f"{day.isoformat()}不开园（{calendar.closed_reason(day)}），不排食谱")
    if meal not in served_meals(db):
        return Problem("餐次", f"本园不供应{meal}（供餐餐次：{'、'.join(served_meals(db))}；在 设置 → 机构信息 里修改）")
    return None


def _replace_meal(session: Session, day: date, meal: str, dishes: list[Dish]) -> None:
    from sqlmodel import select

    from ..store.models import MenuItem

    for old in session.exec(select(MenuItem).where(MenuItem.day == day, MenuItem.meal == meal)).all():
        session.delete(old)
    session.flush()
    for number, dish in enumerate(dishes, 1):
        for ingredient, grams in dish.ingredients:
            session.add(MenuItem(day=day, meal=meal, dish=dish.name, ingredient=ingredient, grams=float(grams),
                                 dish_no=number))


def save_meal(session: Session, day: date, meal: str, text: str) -> Changes:
    """One 餐次 of one day's menu, typed as lines ``菜名：食材 克数、…`` (a 菜名 alone: as last served)."""
    problem = _day_problem(session, day, meal)
    if problem:
        raise InputError([problem])
    dishes = parse_menu_text(text, known_dishes(session))
    _replace_meal(session, day, meal, dishes)
    names = "、".join(d.name for d in dishes) or "（清空）"
    return Changes.of(f"已保存{_d(day)}{meal}：{names}", AREA)


def copy_last_week(session: Session, monday: date) -> Changes:
    """Copy the week before onto this one, weekday by weekday and 餐次 by 餐次, into the open days and
    served 餐次 that have no dishes yet (what was typed for this week stays)."""
    monday = week_of(monday)
    week = week_menu(session, monday)
    before = _dishes(_menu_rows(session, monday - timedelta(days=7), monday - timedelta(days=1)))
    if not before:
        raise InputError([Problem("周", f"上周（{_d(monday - timedelta(days=7))}起）没有食谱可复制")])
    copied = 0
    for day in week.days:
        for meal in week.meals:
            source = before.get((day - timedelta(days=7), meal))
            if source and not week.dishes(day, meal):
                _replace_meal(session, day, meal, source)
                copied += 1
    if not copied:
        raise InputError([Problem("周", "本周的开园日都已经有食谱，没有复制（要重排请先清空某一餐）")])
    return Changes.of(f"已把上周的食谱复制到本周（{copied}餐）", AREA)


# 食品留样 -------------------------------------------------------------------------------------------

@dataclass
class SampleRow:
    meal: str
    dish: str
    sampled: bool = False  # ticked: a sample is (to be) stored
    grams: str = ""
    sampled_at: str = ""  # HH:MM on the day, or a date and time
    sampled_by: str = ""
    storage: str = ""
    destroyed_at: str = ""  # YYYY-MM-DD HH:MM
    stored: bool = False


@dataclass
class SampleSheet:
    day: date
    is_open: bool
    closed_reason: str
    minimum_g: int
    keep_hours: int
    rows: list[SampleRow] = field(default_factory=list)
    note: str = ""


def _moment(value: datetime | None, day: date) -> str:
    if value is None:
        return ""
    return f"{value:%H:%M}" if value.date() == day else f"{value:%Y-%m-%d %H:%M}"


def day_samples(db: Db, profiles: dict[str, PolicyProfile], day: date) -> SampleSheet:
    """The 留样 form of a day: each dish of each served 餐次 of its menu, with what is stored, and
    for a new one the 留样时间 and 留样人 of the last sample of that 餐次 (remembered)."""
    db = as_db(db)
    calendar = load_calendar(db)
    rule = centre_profile(db, profiles).kitchen
    sheet = SampleSheet(day, calendar.is_open(day), calendar.closed_reason(day), rule.sample_min_g, rule.keep_hours)
    menu = _dishes(_menu_rows(db, day, day))
    stored = {(s.meal, s.dish): s for s in db.rows("food_samples", ("day = ?", day))}
    meals = served_meals(db)
    for meal in sorted({m for _, m in menu} | {m for m, _ in stored}, key=lambda m: MEALS.index(m) if m in MEALS else 9):
        last = db.first("food_samples", ("meal = ? AND day < ?", meal, day), order="day DESC, id DESC",
                        columns=("sampled_at", "sampled_by"))
        dishes = [d.name for d in menu.get((day, meal), [])] + [d for m, d in stored if m == meal and
                                                                 d not in {x.name for x in menu.get((day, meal), [])}]
        for dish in dishes:
            s = stored.get((meal, dish))
            if s is not None:
                sheet.rows.append(SampleRow(meal, dish, True, f"{s.grams:g}", _moment(s.sampled_at, day), s.sampled_by,
                                            s.storage, _moment(s.destroyed_at, day), True))
            else:
                sheet.rows.append(SampleRow(meal, dish, False, "", f"{last.sampled_at:%H:%M}" if last else "",
                                            last.sampled_by if last else ""))
    if not sheet.rows:
        sheet.note = (f"{_d(day)}没有食谱：先在“带量食谱”里排好这一天的菜（供餐餐次：{'、'.join(meals)}）"
                      if sheet.is_open else f"{_d(day)}不开园（{sheet.closed_reason}）")
    return sheet


def save_samples(session: Session, profiles: dict[str, PolicyProfile], day: date, rows: list[SampleRow]) -> Changes:
    """Store the day's ticked samples in one go (every row checked first; any problem and nothing is
    stored); a stored sample whose tick was taken off is removed."""
    from sqlmodel import select

    from ..domain.kitchen import parse_moment
    from ..domain.parsing import parse_decimal
    from ..store.models import FoodSample

    rule = centre_profile(session, profiles).kitchen
    problems: list[Problem] = []
    values = []
    for r in rows:
        if not r.sampled:
            continue
        where = f"{r.meal} {r.dish} "
        grams = None
        try:
            grams = parse_decimal(r.grams, places=1, unit="克")
        except ValueError as exc:
            problems.append(Problem(where + "留样量", str(exc)))
        if grams is None and not any(p.field == where + "留样量" for p in problems):
            problems.append(Problem(where + "留样量", "请填写留样量（克）"))
        moments = {}
        for name, text in (("留样时间", r.sampled_at), ("销毁时间", r.destroyed_at)):
            try:
                moments[name] = parse_moment(text, day, name)
            except InputError as exc:
                problems += [Problem(where + p.field, p.message) for p in exc.problems]
                moments[name] = None
        if not r.sampled_at.strip():
            problems.append(Problem(where + "留样时间", "请填写留样时间，如 11:30"))
        if not r.sampled_by.strip():
            problems.append(Problem(where + "留样人", "请填写留样人"))
        problems += [Problem(where + p.field, p.message) for p in sample_problems(
            grams, moments["留样时间"], moments["销毁时间"], rule.keep_hours, rule.source)]
        values.append((r, grams, moments))
    if problems:
        raise InputError(problems)
    stored = {(s.meal, s.dish): s for s in session.exec(select(FoodSample).where(FoodSample.day == day)).all()}
    ticked = set()
    short = []
    for r, grams, moments in values:
        ticked.add((r.meal, r.dish))
        record = stored.get((r.meal, r.dish)) or FoodSample(day=day, meal=r.meal, dish=r.dish, grams=0,
                                                             sampled_at=moments["留样时间"], sampled_by="")
        new = dict(grams=float(grams), sampled_at=moments["留样时间"], sampled_by=r.sampled_by.strip(),
                   storage=r.storage.strip(), destroyed_at=moments["销毁时间"])
        if record.id is None or any(getattr(record, k) != v for k, v in new.items()):
            for k, v in new.items():
                setattr(record, k, v)
            session.add(record)
        if grams < rule.sample_min_g:
            short.append(f"{r.dish}{grams:g}克")
    for key, record in stored.items():
        if key not in ticked:
            session.delete(record)
    session.flush()
    message = f"已保存{_d(day)}的留样：{len(values)}个菜"
    if short:
        message += f"；不足{rule.sample_min_g}克：{'、'.join(short)}（{rule.source}）"
    return Changes.of(message, AREA)


# alerts -------------------------------------------------------------------------------------------

def kitchen_alerts(db: Db, profile: PolicyProfile, today: date) -> list[Alert]:
    """From the first 留样 on: a served 餐次 of a past open day with a dish of its menu not sampled, a
    sample under the minimum; and this week's menu unchanged into its third week."""
    db = as_db(db)
    out: list[Alert] = []
    rule = profile.kitchen
    first = db.values("SELECT MIN(day) FROM food_samples")[0][0]
    if first is not None:
        first = date.fromisoformat(first)
        calendar = load_calendar(db)
        meals = set(served_meals(db))
        missing = db.values(
            "SELECT DISTINCT m.day, m.meal, m.dish, m.dish_no FROM menu_items m LEFT JOIN food_samples s ON s.day = m.day "
            "AND s.meal = m.meal AND s.dish = m.dish WHERE s.id IS NULL AND m.day >= ? AND m.day < ? "
            "ORDER BY m.day, m.dish_no", first.isoformat(), today.isoformat())
        served: dict[tuple[date, str], list[str]] = {}
        for day, meal, dish, _ in missing:
            day = date.fromisoformat(day)
            if meal in meals and calendar.is_open(day) and dish not in served.get((day, meal), []):
                served.setdefault((day, meal), []).append(dish)
        for (day, meal), dishes in unsampled(served, set()).items():
            out.append(Alert("留样", f"{day.isoformat()} {meal}：{'、'.join(dishes)} 没有留样（每餐每个菜品都应留样，{rule.source}）",
                             "kitchen"))
        for s in db.rows("food_samples", ("grams < ? AND day < ?", rule.sample_min_g, today + timedelta(days=1)),
                         order="day, meal, dish"):
            out.append(Alert("留样", f"{s.day.isoformat()} {s.meal}：{s.dish} 留样{s.grams:g}克，不足{rule.sample_min_g}克"
                                     f"（{rule.source}）", "kitchen"))
    week = week_menu(db, today)
    if week.unchanged:
        out.append(Alert("食谱", f"本周（{_d(week.monday)}起）的食谱与前两周完全相同，已连续三周未更换（{MENU_SOURCE}）",
                         "kitchen"))
    return out


@dataclass(frozen=True)
class MonthSamples:
    centre: str
    month: object  # domain.month.Month
    minimum_g: int
    keep_hours: int
    source: str
    rows: list  # food_samples rows, by day and 餐次


def month_samples(db: Db, profiles: dict[str, PolicyProfile], month) -> MonthSamples:
    """The month's 留样记录 for the print."""
    db = as_db(db)
    rule = centre_profile(db, profiles).kitchen
    first, last = month.bounds
    rows = sorted(db.rows("food_samples", ("day >= ? AND day <= ?", first, last), order="day, id"),
                  key=lambda s: (s.day, MEALS.index(s.meal) if s.meal in MEALS else 9, s.id))
    return MonthSamples(get_centre(db).name, month, rule.sample_min_g, rule.keep_hours, rule.source, rows)


def menu_line(db: Db, day: date, width: int = 48) -> str:
    """The day's menu in one short line for 今日: 食谱：午餐 米饭、番茄炒蛋；午点 香蕉."""
    cells = _dishes(_menu_rows(db, day, day))
    parts = [f"{meal} {'、'.join(d.name for d in cells[(day, meal)])}" for meal in MEALS if (day, meal) in cells]
    if not parts:
        return ""
    text = "食谱：" + "；".join(parts)
    return text if len(text) <= width else text[:width - 1] + "…"
