"""膳食 rules that need no database (SPEC §12): the 餐次, a menu typed as text, a menu that did not
change for three weeks, a sample's checks, the dishes of a day not sampled."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Iterable, Mapping

from .errors import InputError, Problem
from .formatting import moment_cn

MEALS = ("早餐", "早点", "午餐", "午点", "晚餐")
DEFAULT_MEALS = ("早点", "午餐", "午点")
MENU_SOURCE = "托儿所幼儿园卫生保健工作规范：带量食谱每1–2周更换一次"
MAX_GRAMS = Decimal(1000)


def parse_meals(text: str, field: str = "供餐餐次") -> tuple[str, ...]:
    """The 餐次 a centre serves, in the order of the day, from 早点、午餐、午点 (or 早点,午餐 / 早点 午餐)."""
    parts = [p for p in re.split(r"[、，,;；/\s]+", (text or "").strip()) if p]
    unknown = [p for p in parts if p not in MEALS]
    if unknown:
        raise InputError([Problem(field, f"“{'、'.join(unknown)}”不是餐次（可选：{'、'.join(MEALS)}）")])
    if not parts:
        raise InputError([Problem(field, f"请至少写一个餐次（{'、'.join(MEALS)}）")])
    return tuple(m for m in MEALS if m in parts)


def meals_text(meals: Iterable[str]) -> str:
    return "、".join(meals)


@dataclass(frozen=True)
class Dish:
    name: str
    ingredients: tuple[tuple[str, Decimal], ...]  # (食材, 每人用量 g)

    @property
    def text(self) -> str:
        """番茄炒蛋：番茄 40、鸡蛋 30 (the line the menu dialog shows and reads back)."""
        return self.name + ("：" + "、".join(f"{i} {_g(g)}" for i, g in self.ingredients) if self.ingredients else "")


def _g(grams) -> str:
    text = f"{Decimal(str(grams)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def grams_problem(value: Decimal | None) -> str | None:
    if value is None:
        return None
    if value <= 0 or value > MAX_GRAMS:
        return f"每人用量应在0–{MAX_GRAMS}克之间（当前为{_g(value)}）"
    if value.as_tuple().exponent < -1:
        return "每人用量最多1位小数"
    return None


_INGREDIENT = re.compile(r"(.+?)\s*(\d+(?:\.\d+)?)\s*(?:g|克)?")


def parse_menu_text(text: str, known: Mapping[str, Dish] | None = None, field: str = "菜") -> list[Dish]:
    """Dishes from lines ``菜名：食材 克数、食材 克数``. A line with only a 菜名 takes the ingredients it had
    the last time it was served (``known``): a dish is typed once."""
    dishes, problems, seen = [], [], set()
    for number, line in enumerate((text or "").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        split = re.match(r"([^:：]*)[:：](.*)", line)
        name, rest = (split[1].strip(), split[2]) if split else (line, "")
        where = f"第{number}行"
        if not name:
            problems.append(Problem(field, f"{where}：缺少菜名（应写成“菜名：食材 克数、食材 克数”）"))
            continue
        if name in seen:
            problems.append(Problem(field, f"{where}：“{name}”写了两次"))
            continue
        seen.add(name)
        rest = rest.strip()
        if not rest:
            if known and name in known:
                dishes.append(known[name])
                continue
            problems.append(Problem(field, f"{where}：“{name}”还没有食材和每人用量（应写成“{name}：食材 克数、食材 克数”，"
                                           "如 番茄炒蛋：番茄 40、鸡蛋 30）"))
            continue
        ingredients, names = [], set()
        for piece in (p.strip() for p in re.split(r"[、，,;；]+", rest) if p.strip()):
            m = _INGREDIENT.fullmatch(piece)
            if not m:
                problems.append(Problem(field, f"{where}：“{piece}”缺少每人用量（克），如“番茄 40”"))
                continue
            ingredient = m[1].strip()
            try:
                grams = Decimal(m[2])
            except InvalidOperation:  # pragma: no cover - the pattern allows only numbers
                grams = None
            problem = grams_problem(grams)
            if problem:
                problems.append(Problem(field, f"{where}：{ingredient} {problem}"))
                continue
            if ingredient in names:
                problems.append(Problem(field, f"{where}：食材“{ingredient}”写了两次"))
                continue
            names.add(ingredient)
            ingredients.append((ingredient, grams))
        if ingredients:
            dishes.append(Dish(name, tuple(ingredients)))
    if problems:
        raise InputError(problems)
    return dishes


def week_of(day: date) -> date:
    """The Monday of the week ``day`` is in."""
    return day - timedelta(days=day.weekday())


def unchanged_for_three_weeks(menus: Mapping[tuple[date, str], frozenset[str]], monday: date) -> bool:
    """The week of ``monday`` serves the same dishes as each of the two weeks before it, on the same
    weekday and 餐次 (the 规范 asks for a new menu every 1–2 weeks); an empty week is no repeat."""
    def week(start: date) -> dict[tuple[int, str], frozenset[str]]:
        return {(d.weekday(), meal): dishes for (d, meal), dishes in menus.items()
                if start <= d < start + timedelta(days=7) and dishes}

    this = week(monday)
    return bool(this) and this == week(monday - timedelta(days=7)) == week(monday - timedelta(days=14))


def sample_problems(grams: Decimal | None, sampled_at: datetime | None, destroyed_at: datetime | None,
                    keep_hours: int, source: str) -> list[Problem]:
    """What is refused: a 销毁时间 less than ``keep_hours`` after the 留样时间, a 留样量 that is no weight.
    (A sample under the minimum is stored: it is an alert, not a refusal.)"""
    out = []
    if grams is not None and (grams <= 0 or grams > MAX_GRAMS):
        out.append(Problem("留样量", f"应在0–{MAX_GRAMS}克之间（当前为{_g(grams)}）"))
    if sampled_at and destroyed_at and destroyed_at - sampled_at < timedelta(hours=keep_hours):
        kept = destroyed_at - sampled_at
        hours = kept.total_seconds() / 3600
        out.append(Problem("销毁时间", f"留样只保存了{hours:.0f}小时（{moment_cn(sampled_at, '')}留样，"
                                      f"{moment_cn(destroyed_at, '')}销毁）：留样应冷藏保存{keep_hours}小时以上（{source}），"
                                      f"最早{moment_cn(sampled_at + timedelta(hours=keep_hours), '')}销毁"))
    return out


def unsampled(served: Mapping[tuple[date, str], Iterable[str]], sampled: set[tuple[date, str, str]],
              ) -> dict[tuple[date, str], list[str]]:
    """(day, 餐次) → the dishes of its menu without a sample."""
    out = {}
    for (day, meal), dishes in sorted(served.items(), key=lambda kv: (kv[0][0], MEALS.index(kv[0][1])
                                                                      if kv[0][1] in MEALS else 9)):
        missing = [d for d in dishes if (day, meal, d) not in sampled]
        if missing:
            out[(day, meal)] = missing
    return out


_TIME = re.compile(r"(\d{1,2})[:：点时](\d{2})?分?")


def parse_moment(value, day: date | None, field: str) -> datetime | None:
    """A 留样时间 or 销毁时间: a date and time (2026-11-02 11:30, as Excel holds it or as typed), or a time
    alone (11:30) on ``day``. None when empty; InputError saying how to write it otherwise."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0)
    from datetime import time as _time

    if isinstance(value, _time):
        if day is None:
            raise InputError([Problem(field, "只写了时间，请同时写日期，如 2026-11-02 11:30")])
        return datetime.combine(day, value.replace(second=0, microsecond=0))
    text = re.sub(r"\s+", " ", str(value).strip().replace("T", " "))
    how = "应写成 2026-11-02 11:30，或只写时间 11:30（当天）"
    date_part, _, time_part = text.rpartition(" ") if " " in text else ("", "", text)
    m = _TIME.fullmatch(time_part)
    if not m or int(m[1]) > 23 or int(m[2] or 0) > 59:
        raise InputError([Problem(field, f"“{value}”不是有效的时间（{how}）")])
    on = day
    if date_part:
        from .parsing import parse_date

        try:
            on = parse_date(date_part)
        except ValueError:
            raise InputError([Problem(field, f"“{value}”不是有效的时间（{how}）")]) from None
    if on is None:
        raise InputError([Problem(field, f"“{value}”只写了时间，请同时写日期（{how}）")])
    return datetime(on.year, on.month, on.day, int(m[1]), int(m[2] or 0))
