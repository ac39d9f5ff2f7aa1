"""今日待办 (SPEC §12): what is still to do on a day, each ✓ or not — 出勤 and 晨检 per class, 留样 per
served 餐次, 消毒 per class, the 巡查 count and the due doses — each naming the form that does it.
首页, 今日 and the `checklist` command show the same list."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..domain.choices import PRESENT
from ..domain.periods import ENROLMENT
from ..domain.policy import PolicyProfile
from ..domain.register import DAILY_CARE_TYPES
from ..store.plain import BY_NAME, Db, as_db
from ..store.spans import class_open_on, holds_on
from .centre import centre_profile
from .kitchen import served_meals
from .lookups import load_calendar
from .medication import DueDose, due_doses
from .register import _class_finder

#: what opens the form of a task (the window's side): the 今日 register of a class, the day's 留样,
#: the day's 消毒 sheet, a new 巡查, the 喂药 of a due dose
REGISTER, SAMPLES, DISINFECTION, PATROL, DOSE = "register", "samples", "disinfection", "patrol", "dose"


@dataclass(frozen=True)
class Task:
    done: bool
    group: str  # 出勤, 晨检, 留样, 消毒, 巡查, 喂药
    text: str
    target: str  # one of the five above
    ref: object = None  # class id, 餐次, or the DueDose

    @property
    def mark(self) -> str:
        return "✓" if self.done else "✗"

    @property
    def line(self) -> str:
        return f"{self.mark} {self.group}　{self.text}"


@dataclass
class Checklist:
    day: date
    is_open: bool
    closed_reason: str = ""
    tasks: list[Task] = field(default_factory=list)

    @property
    def left(self) -> int:
        return sum(1 for t in self.tasks if not t.done)

    @property
    def heading(self) -> str:
        if not self.is_open:
            return f"{self.day.isoformat()}不开园（{self.closed_reason}），没有待办"
        return f"{self.day.isoformat()} 今日待办：{len(self.tasks)}项，还有{self.left}项未完成" if self.left else \
            f"{self.day.isoformat()} 今日待办：{len(self.tasks)}项，都已完成"


def dose_text(d: DueDose) -> str:
    where = f"（{d.class_name}{'：' + d.givers if d.givers else ''}）" if d.class_name else ""
    if d.given is not None:
        g = d.given
        return f"{d.text}{where} {g.result} {g.given_at:%H:%M}，喂药人{g.given_by}，核对人{g.verified_by}"
    return d.text + where + ("" if d.marked else " 未登记出勤")


def checklist(db: Db, profiles: dict[str, PolicyProfile], today: date) -> Checklist:
    db = as_db(db)
    calendar = load_calendar(db)
    out = Checklist(today, calendar.is_open(today), calendar.closed_reason(today))
    if not out.is_open:
        return out
    day = today.isoformat()
    classes = db.rows("classes", class_open_on(today), order=BY_NAME, columns=("id", "name"))
    class_of = _class_finder(db, today, today)
    children: dict[int, list[int]] = {}
    for c in db.rows("children", holds_on(ENROLMENT, today), columns=("id", "care_type")):
        if c.care_type in DAILY_CARE_TYPES:
            children.setdefault(class_of(c.id, today), []).append(c.id)
    marks = dict(db.values("SELECT child_id, mark FROM attendance_marks WHERE day = ?", day))
    checked = {c for (c,) in db.values("SELECT child_id FROM health_checks WHERE day = ? AND round = '晨检'", day)}
    disinfected = {c for (c,) in db.values("SELECT class_id FROM disinfections WHERE day = ?", day)}
    for k in classes:
        ids = children.get(k.id, [])
        if not ids:
            continue
        marked = [c for c in ids if c in marks]
        present = [c for c in ids if marks.get(c) == PRESENT]
        left = len(ids) - len(marked)
        out.tasks.append(Task(left == 0, "出勤", f"{k.name}：已登记{len(marked)}/{len(ids)}人" +
                              (f"，还有{left}人未登记" if left else ""), REGISTER, k.id))
        missing = sum(1 for c in present if c not in checked)
        if not marked:
            text, done = f"{k.name}：先登记出勤", False
        elif not present and not left:
            text, done = f"{k.name}：今天没有出勤幼儿", True
        else:
            text, done = f"{k.name}：出勤{len(present)}人" + (f"，{missing}人没有晨检" if missing else "，都已晨检"), \
                missing == 0 and left == 0
        out.tasks.append(Task(done, "晨检", text, REGISTER, k.id))
    # 留样: the dishes of each served 餐次 of the day's menu (a centre that keeps no menu has none)
    dishes: dict[str, list[str]] = {}
    for meal, dish in db.values("SELECT meal, dish FROM menu_items WHERE day = ? GROUP BY meal, dish "
                                "ORDER BY MIN(dish_no), MIN(id)", day):
        dishes.setdefault(meal, []).append(dish)
    keeps_menus = bool(dishes) or bool(db.values("SELECT 1 FROM menu_items LIMIT 1"))
    if keeps_menus:
        sampled = set(db.values("SELECT meal, dish FROM food_samples WHERE day = ?", day))
        for meal in served_meals(db):
            names = dishes.get(meal, [])
            if not names:
                out.tasks.append(Task(False, "留样", f"{meal}：今天的食谱还没有排", SAMPLES, meal))
                continue
            missing = [d for d in names if (meal, d) not in sampled]
            out.tasks.append(Task(not missing, "留样", f"{meal}：{len(names) - len(missing)}/{len(names)}道菜已留样" +
                                  (f"，还差{'、'.join(missing)}" if missing else ""), SAMPLES, meal))
    for k in classes:
        out.tasks.append(Task(k.id in disinfected, "消毒", f"{k.name}：" + ("已登记" if k.id in disinfected else "还没有登记"),
                              DISINFECTION, k.id))
    minimum = centre_profile(db, profiles).safety.patrols_per_day
    patrols = db.values("SELECT COUNT(*) FROM fire_checks WHERE check_type = '巡查' AND done_at >= ? AND done_at < ?",
                        day, (today + timedelta(days=1)).isoformat())[0][0]
    out.tasks.append(Task(patrols >= minimum, "巡查", f"防火巡查今天{patrols}次（每个开园日至少{minimum}次）", PATROL))
    for d in due_doses(db, today, today, today, with_givers=True):
        out.tasks.append(Task(d.given is not None, "喂药", dose_text(d), DOSE, d))
    return out
