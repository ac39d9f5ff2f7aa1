"""Three months of the demo centre's daily register (SPEC §8), up to the day before ``today``:
attendance and 晨检 of every open day, a few 病假 with their follow-ups (the latest one not yet
followed up), one 手足口病 case with its 复课证明 after a 皮疹 cluster in one class, and one
caregiver's leave. Today is left for the user to mark on the 今日 page."""
from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import insert
from sqlmodel import Session, select

from ..domain.choices import DAILY_CARE_TYPES
from ..domain.periods import PLACEMENT, enrolled_on
from ..store.models import (
    AttendanceMark,
    Child,
    DiseaseCase,
    HealthCheck,
    Placement,
    SchoolClass,
    Staff,
    StaffLeave,
)
from .lookups import load_calendar

SYMPTOM_WEIGHTS = (("发热", 5), ("咳嗽", 4), ("腹泻", 2), ("呕吐", 1), ("其他", 1))


def fill_register(session: Session, today: date) -> None:
    rng = random.Random(today.toordinal() * 7 + 1)
    calendar = load_calendar(session)
    first = date(today.year, today.month, 1)
    for _ in range(2):
        first = (first - timedelta(days=1)).replace(day=1)
    days = calendar.between(first, today - timedelta(days=1))
    if len(days) < 10:
        return
    children = list(session.exec(select(Child)))
    placements = list(session.exec(select(Placement)))
    classes = {c.name: c for c in session.exec(select(SchoolClass))}

    def class_of(child_id: int, day: date) -> int | None:
        return next((p.class_id for p in placements if p.child_id == child_id and PLACEMENT.holds_on(p, day)), None)

    # the cluster: three children of 托大一班 off with 皮疹 on one day five weeks back; one has 手足口病
    big = classes["托大一班"].id
    cluster_day = days[-26]
    sick_three = [c for c in sorted(children, key=lambda c: c.id)
                  if c.care_type in DAILY_CARE_TYPES and enrolled_on(c, days[-30]) and enrolled_on(c, today)
                  and class_of(c.id, cluster_day) == big][:3]
    hfmd = sick_three[0]
    back_on = days[days.index(cluster_day) + 8]
    session.add(DiseaseCase(child_id=hfmd.id, disease="手足口病", onset_on=cluster_day - timedelta(days=1),
                            diagnosed_on=cluster_day, institution="常州市儿童医院", reported_on=cluster_day,
                            returned_on=back_on, return_certificate=True))
    # one caregiver of 托小一班 on sick leave for three days two weeks back
    carer = session.exec(select(Staff).where(Staff.role == "保育人员", Staff.class_id == classes["托小一班"].id,
                                             Staff.left_on.is_(None)).order_by(Staff.id)).first()
    if carer is not None:
        session.add(StaffLeave(staff_id=carer.id, start_on=days[-10], end_on=days[-8], kind="病假"))
    marks, checks = [], []
    symptoms, weights = zip(*SYMPTOM_WEIGHTS)
    for index, day in enumerate(days):
        for child in children:
            if not enrolled_on(child, day) or class_of(child.id, day) is None:
                continue
            daily = child.care_type in DAILY_CARE_TYPES
            if not daily and rng.random() > 0.35:
                continue  # 计时托/临时托 come on some days only, and are marked when they come
            mark, symptom, followed, result = "出勤", "", None, ""
            if child in sick_three and day == cluster_day or child is hfmd and cluster_day < day < back_on:
                mark, symptom = "病假", "皮疹"
            elif daily and rng.random() < 0.035:
                mark, symptom = "病假", rng.choices(symptoms, weights)[0]
            elif daily and rng.random() < 0.04:
                mark = rng.choice(["事假", "事假", "其他"])
            if mark == "病假":
                last_two = index >= len(days) - 2
                followed = None if last_two else calendar.next_after(day) if rng.random() < 0.6 else day
            row = dict(child_id=child.id, day=day, mark=mark, symptom=symptom, followed_up_on=followed,
                       follow_up="" if followed is None else rng.choice(
                           ["电话随访：已就医，普通感冒", "电话随访：已退热，在家休息", "家长告知：症状好转",
                            "电话随访：肠胃不适，已好转"]) if symptom != "皮疹" else "家长告知：已就医，医生诊断后告知",
                       diagnosis="手足口病" if child is hfmd and symptom == "皮疹" else "",
                       arrived_at="", left_at="", picked_up_by="")
            marks.append(row)
            if mark == "出勤" and rng.random() > 0.01:  # now and then a 晨检 is forgotten
                celsius = round(rng.uniform(36.1, 37.0), 1)
                findings, action = "", ""
                if rng.random() < 0.006:
                    celsius, findings, action = round(rng.uniform(37.4, 38.2), 1), "发热", "通知家长接回"
                result = "异常" if celsius >= 37.3 else "正常"
                checks.append(dict(child_id=child.id, day=day, round="晨检", temperature=celsius, result=result,
                                   findings=findings, action=action))
    session.flush()
    session.execute(insert(AttendanceMark), marks)
    session.execute(insert(HealthCheck), checks)
