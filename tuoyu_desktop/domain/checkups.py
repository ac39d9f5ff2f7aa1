"""When a child's next health check is due (SPEC §9, 托儿所幼儿园卫生保健工作规范), over plain data.

- a check every 6 months while enrolled, counted from the last one (the admission check counts);
- 血红蛋白 and 听力筛查 once a year, from the last check that included them; a child who never had
  one has it due with the next regular check;
- a child away 3 months or more (between two stays, or an absence span while enrolled) needs a new
  check before returning: due on the day back, met by any check dated after the child went away.
  While it is missing, it stands in for the regular check.

Alerts: a due date within ``warn_days`` (30, SPEC §9) or past.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .ages import add_months
from .alert import Alert

GROUP = "体检"
REGULATION = "《托儿所幼儿园卫生保健工作规范》"
CHECK_MONTHS, YEARLY_MONTHS, AWAY_MONTHS, WARN_DAYS = 6, 12, 3, 30
ADMISSION, REGULAR, HB, HEARING, RETURN = "入托体检", "定期体检", "血红蛋白检测", "听力筛查", "返托体检"


@dataclass(frozen=True)
class Check:
    measured_on: date
    hb: bool = False  # 血红蛋白 measured
    hearing: bool = False  # 听力筛查 done (通过 or 未通过)


@dataclass(frozen=True)
class Stay:
    """One enrolment: ``end`` is the first day no longer enrolled (离托, as in ``periods``), None while on."""

    start: date
    end: date | None = None

    def holds_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end > day)


@dataclass(frozen=True)
class Due:
    item: str  # ADMISSION / REGULAR / HB / HEARING / RETURN
    due_on: date
    last_on: date | None  # the check it is counted from (None: never done)


def _away_spans(stays: list[Stay], absences: list[tuple[date, date]]) -> list[tuple[date, date]]:
    ordered = sorted(stays, key=lambda s: s.start)
    gaps = [(a.end, b.start) for a, b in zip(ordered, ordered[1:]) if a.end is not None and a.end < b.start]
    return sorted(gaps + list(absences), key=lambda span: span[1])


def due_checks(day: date, stays: list[Stay], checks: list[Check], *, admission_check_on: date | None = None,
               absences: list[tuple[date, date]] = ()) -> list[Due]:
    """What is due for one child on ``day``; [] when the child is not enrolled that day.

    ``absences`` are spans (first day away, first day back) while enrolled, e.g. a long 请假.
    """
    current = next((s for s in stays if s.holds_on(day)), None)
    if current is None:
        return []
    done = sorted((c for c in checks if c.measured_on <= day), key=lambda c: c.measured_on)
    if admission_check_on is not None and admission_check_on <= day:
        done = sorted(done + [Check(admission_check_on)], key=lambda c: c.measured_on)
    out: list[Due] = []
    long_away = [(gone, back) for gone, back in _away_spans(stays, list(absences))
                 if back <= day and add_months(gone, AWAY_MONTHS) <= back]
    missing_return = bool(long_away) and not any(c.measured_on >= long_away[-1][0] for c in done)
    if missing_return:
        gone, back = long_away[-1]
        before = [c.measured_on for c in done if c.measured_on < gone]
        out.append(Due(RETURN, back, before[-1] if before else None))
        regular_on = back
    elif done:
        regular_on = add_months(done[-1].measured_on, CHECK_MONTHS)
        out.append(Due(REGULAR, regular_on, done[-1].measured_on))
    else:
        regular_on = current.start
        out.append(Due(ADMISSION, regular_on, None))
    for item, flag in ((HB, "hb"), (HEARING, "hearing")):
        last = [c.measured_on for c in done if getattr(c, flag)]
        out.append(Due(item, add_months(last[-1], YEARLY_MONTHS), last[-1]) if last else Due(item, regular_on, None))
    return out


def _text(due: Due, day: date) -> str:
    left = (due.due_on - day).days
    since = f"，上次{due.last_on.isoformat()}" if due.last_on else "，尚无记录"
    if due.item == RETURN:
        reason = f"离园3个月以上，返回前需重新体检（{REGULATION}）"
        return (f"{RETURN}已逾期：{reason}，返回日{due.due_on.isoformat()}" if left < 0
                else f"{RETURN}：{reason}，返回日{due.due_on.isoformat()}")
    if left < 0:
        return f"{due.item}已逾期{-left}天（应于{due.due_on.isoformat()}完成{since}）"
    if left == 0:
        return f"{due.item}今天到期（{due.due_on.isoformat()}{since}）"
    return f"{due.item}将于{due.due_on.isoformat()}到期（还有{left}天{since}）"


def checkup_alerts(who: str, dues: list[Due], day: date, *, warn_days: int = WARN_DAYS,
                   child_id: int | None = None) -> list[Alert]:
    """Alert lines (group 体检) for the dues within ``warn_days`` or past; ``who`` names the child."""
    return [Alert(GROUP, f"{who} {_text(d, day)}", "child", child_id)
            for d in dues if (d.due_on - day).days <= warn_days]
