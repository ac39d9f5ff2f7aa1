"""The first start's guide: 机构信息 → 政策方案 → 班级 → 导入花名册 → 设置密码.

Shown on an empty database; it can be left and resumed (its state is a setting), and never shows
again once finished. A step is done when the data says so (the centre's name and credit code, a
class, a child, a password set) or, for 政策方案, when the user says it is chosen; a step the
user skipped (or a password offer declined) is shown as skipped, never as done.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .overview import overview
from .security import offer_needed
from .settings import GUIDE_MARKED, GUIDE_STATE, get_setting, set_setting

if TYPE_CHECKING:
    from sqlmodel import Session

STEPS = ("centre", "policy", "classes", "roster", "password")
STATE = GUIDE_STATE.key  # "" never started · "open" started, not finished · "done"
MARKED = GUIDE_MARKED.key  # steps the user marked done or skipped, comma-separated
CONFIRMED = {"policy"}  # marking these says "done" (已选好); marking any other says 跳过


@dataclass(frozen=True)
class GuideState:
    done: frozenset[str]  # the data says so (or, for 政策方案, the user confirmed the choice)
    started: bool
    finished: bool
    empty: bool  # nothing entered yet: no centre name, no class, no child
    skipped: frozenset[str] = frozenset()  # 跳过 (or the password offer declined): not done, only put off

    @property
    def wanted(self) -> bool:
        """Show the guide at start-up: a new database, or a guide left unfinished."""
        return not self.finished and (self.started or self.empty)

    @property
    def next_step(self) -> str | None:
        return next((s for s in STEPS if s not in self.done and s not in self.skipped), None)


def guide_state(session: Session, today: date, encrypted: bool) -> GuideState:
    o = overview(session, today)
    marked = {s for s in get_setting(session, MARKED).split(",") if s in STEPS}
    done = marked & CONFIRMED
    if o.centre_complete:
        done.add("centre")
    if o.classes_open:
        done.add("classes")
    if o.children_enrolled:
        done.add("roster")
    skipped = marked - done
    if encrypted:
        done.add("password")
    elif not offer_needed(session):  # the offer was answered 暂不加密: put off, not done
        skipped.add("password")
    state = get_setting(session, STATE)
    return GuideState(frozenset(done), state == "open", state == "done",
                      not o.centre_name and not o.classes_open and not o.children_enrolled,
                      frozenset(skipped - done))


def mark_step(session: Session, step: str) -> None:
    if step not in STEPS:
        raise ValueError(step)
    marked = [s for s in get_setting(session, MARKED).split(",") if s]
    if step not in marked:
        set_setting(session, MARKED, ",".join([*marked, step]))


def start_guide(session: Session) -> None:
    if get_setting(session, STATE) != "done":
        set_setting(session, STATE, "open")


def finish_guide(session: Session) -> None:
    set_setting(session, STATE, "done")
