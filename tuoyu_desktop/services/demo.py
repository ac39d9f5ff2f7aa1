"""A realistic demo centre, so every screen and report has something real to show.

Everything is dated relative to ``today`` and drawn from a seeded random generator, so the
same day always gives the same centre. Only an empty database is filled.
"""
from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, func, select

from ..domain.ages import add_months, completed_months
from ..domain.classes import band_for_age
from ..domain.errors import InputError
from ..domain.growth import age_in_days
from ..domain.idnumbers import id_check_char, uscc_check_char
from ..domain.policy import PolicyProfile
from ..domain.who2006 import (
    HEIGHT,
    LENGTH,
    LENGTH_FOR_AGE,
    WEIGHT_FOR_AGE,
    uses_length,
    value_at,
)
from ..store.models import (
    Agreement,
    BlacklistEntry,
    Certificate,
    Child,
    Measurement,
    Placement,
    SchoolClass,
    Staff,
    StaffAssignment,
    TrainingRecord,
    Visit,
    VoucherRedemption,
)
from ..store.plain import as_db
from ..store.spans import enrolled_on
from .centre import CentreForm, update_centre
from .changes import Changes
from .demo_register import fill_register

REGION = "320402"  # 常州市天宁区
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦"
GIVEN_BOY = ["子涵", "浩宇", "宇轩", "梓睿", "一诺", "俊熙", "沐宸", "睿泽", "明哲", "若愚", "景行", "思远",
             "泽宇", "皓轩", "铭轩", "承泽", "嘉懿", "奕辰", "瑾瑜", "天佑"]
GIVEN_GIRL = ["欣怡", "梓涵", "诗涵", "语桐", "一朵", "若汐", "可馨", "思琪", "雨萱", "紫涵", "安然", "乐瑶",
              "梦琪", "佳怡", "心悦", "书瑶", "芷若", "念慈", "清欢", "婉清"]
ADULT_GIVEN = ["秀英", "桂英", "丽娟", "海燕", "晓红", "春梅", "建华", "志强", "文静", "雪梅", "晓燕", "丽华",
               "建国", "红霞", "玉兰", "静怡", "婷婷", "国庆"]


def make_id_number(rng: random.Random, birth: date, sex: str, region: str = REGION) -> str:
    seq = rng.randrange(0, 100) * 10 + rng.choice([1, 3, 5, 7, 9] if sex == "男" else [0, 2, 4, 6, 8])
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_char(first17)


def make_uscc(body: str = "91320402MA1XK2P3T") -> str:
    return body + uscc_check_char(body)


class _Names:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def child(self, sex: str) -> str:
        return self._unique(GIVEN_BOY if sex == "男" else GIVEN_GIRL)

    def adult(self) -> str:
        return self._unique(ADULT_GIVEN)

    def _unique(self, given: list[str]) -> str:
        while True:
            name = self.rng.choice(SURNAMES) + self.rng.choice(given)
            if name not in self.used:
                self.used.add(name)
                return name


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"


CLASS_PLAN = (  # name, type, capacity, 普惠, children now, caregivers
    ("小星星乳儿班", "乳儿班", 10, True, 6, 2),
    ("托小一班", "托小班", 15, True, 10, 2),
    ("托小二班", "托小班", 15, True, 9, 2),
    ("托大一班", "托大班", 20, True, 14, 2),
    ("彩虹混龄班", "混龄班", 18, False, 10, 1),  # one short: the ratio alert has something to show
)


def database_is_empty(session: Session) -> bool:
    return all(session.exec(select(func.count()).select_from(model)).one() == 0
               for model in (SchoolClass, Child, Staff))


def fill_demo(session: Session, profiles: dict[str, PolicyProfile], today: date) -> Changes:
    if not database_is_empty(session):
        raise InputError("数据库中已有班级、幼儿或员工数据，演示数据只能填入空数据库（请用 --db 指定新文件）")
    rng = random.Random(today.toordinal())
    names = _Names(rng)
    profile = profiles["天宁区"]
    update_centre(session, CentreForm(
        机构名称="天宁区小星星托育中心", 统一社会信用代码=make_uscc(), 备案编号="常天卫托备〔2023〕015号",
        所属区县="天宁区", 所属镇街="茶山街道", 机构性质="民办", 机构类型="托育机构", 是否普惠机构=True,
        机构等级="三级", 政策方案="天宁区", 负责人="沈丽华", 联系电话="0519-86661234",
        地址="常州市天宁区青龙东路88号", 月租金="18000.00", 填报人="陆文静", 填报人电话="13961112345",
    ), profiles)
    opened = add_months(today, -40).replace(day=1)
    classes = []
    for name, ctype, cap, puhui, _, _ in CLASS_PLAN:
        c = SchoolClass(name=name, class_type=ctype, capacity=cap, is_puhui=puhui, opened_on=opened)
        session.add(c)
        classes.append(c)
    session.flush()

    for (name, ctype, cap, puhui, count, _), klass in zip(CLASS_PLAN, classes):
        for i in range(count):
            _add_child(session, rng, names, klass, profile, today, missing_id=(ctype == "乳儿班" and i == 0))
    # two children reaching the end of their band within a month: they show in the move-up list
    for klass, months in ((classes[1], 24), (classes[3], 36)):
        birth = add_months(today, -months) + timedelta(days=12 + months // 4)
        sex = rng.choice(["男", "女"])
        enrolled = add_months(today, -5)
        child = Child(name=names.child(sex), sex=sex, birth_date=birth, id_number=make_id_number(rng, birth, sex),
                      care_type="全日托", monthly_fee_fen=3000 * 100, is_puhui=klass.is_puhui,
                      guardian_name=names.adult(), guardian_phone=_phone(rng), enrolled_on=enrolled,
                      health_check_on=enrolled - timedelta(days=6), health_check_result="合格", handbook_seen=True,
                      vaccination_checked_on=enrolled + timedelta(days=2))
        session.add(child)
        session.flush()
        session.add(Placement(child_id=child.id, class_id=klass.id, start_on=enrolled))
    # children who moved up from the 乳儿班 to a 托小班 this year (history kept)
    _add_moved_children(session, rng, names, classes[0], classes[1], profile, today)
    # children who left in recent months
    reasons = ["毕业转入幼儿园", "家庭原因", "转园", "其他", "毕业转入幼儿园", "家庭原因"]
    for i, reason in enumerate(reasons):
        klass = classes[3] if reason == "毕业转入幼儿园" else classes[1 + i % 3]
        child = _add_child(session, rng, names, klass, profile, add_months(today, -(2 + i)))
        child.left_on = add_months(today, -(i + 1)) - timedelta(days=rng.randrange(0, 10))
        child.leave_reason = reason
        placement = session.exec(select(Placement).where(Placement.child_id == child.id)).one()
        placement.end_on = child.left_on
    _add_staff(session, rng, names, classes, today)
    _add_agreement(session, today)
    _add_vouchers(session, rng, names, today)
    session.add(BlacklistEntry(name="赵某某", id_number=make_id_number(rng, date(1988, 4, 12), "女", "320411"),
                               reason="虐待婴幼儿，终身禁入", issuer="常州市卫生健康委员会",
                               listed_on=add_months(today, -14)))
    session.add(BlacklistEntry(name="钱某", id_number=make_id_number(rng, date(1979, 9, 3), "男", "320402"),
                               reason="违法犯罪记录", issuer="常州市天宁区卫生健康局",
                               listed_on=add_months(today, -8)))
    session.flush()
    fill_register(session, today)
    _add_measurements(session, today)
    session.flush()
    _add_fees_and_bills(session, profiles, rng, today)
    _add_kitchen(session, today)
    _add_safety(session, today)
    return Changes(message="已填入演示数据：天宁区小星星托育中心", everything=True)


DEMO_MENUS = (
    {"早点": "牛奶：牛奶 150\n小馒头：面粉 20", "午餐": "米饭：大米 50\n番茄炒蛋：番茄 40、鸡蛋 30\n清炒西兰花：西兰花 60\n"
     "紫菜蛋汤：紫菜 2、鸡蛋 10", "午点": "香蕉：香蕉 80"},
    {"早点": "酸奶：酸奶 100\n全麦面包：面粉 20", "午餐": "二米饭：大米 40、小米 10\n清蒸鲈鱼：鲈鱼 50\n"
     "蒜蓉菠菜：菠菜 60\n冬瓜排骨汤：冬瓜 30、排骨 20", "午点": "苹果：苹果 80"},
)


def _add_kitchen(session: Session, today: date) -> None:
    """Two weeks of menus (last week and this one, different), and the samples of last week and of
    this week's past days — with one dish of yesterday not sampled (the alert a manager sees)."""
    from ..domain.kitchen import parse_menu_text, week_of
    from ..store.models import FoodSample
    from .kitchen import _replace_meal, served_meals
    from .lookups import load_calendar

    calendar = load_calendar(session)
    meals = served_meals(session)
    monday = week_of(today) - timedelta(days=7)
    days = calendar.between(monday, monday + timedelta(days=13))
    for day in days:
        plan = DEMO_MENUS[(day - monday).days // 7]
        for meal in meals:
            if meal in plan:
                _replace_meal(session, day, meal, parse_menu_text(plan[meal]))
    session.flush()
    past = [d for d in days if d < today]
    for day in past:
        plan = DEMO_MENUS[(day - monday).days // 7]
        for meal in meals:
            for dish in parse_menu_text(plan.get(meal, "")):
                if day == past[-1] and dish.name == "蒜蓉菠菜":
                    continue
                at = datetime.combine(day, time(11, 30) if meal == "午餐" else time(9, 30) if meal == "早点" else time(15, 0))
                session.add(FoodSample(day=day, meal=meal, dish=dish.name, grams=130, sampled_at=at, sampled_by="孙红梅",
                                       storage="留样冰箱 2℃", destroyed_at=at + timedelta(hours=48)
                                       if at + timedelta(hours=48) < datetime.combine(today, time(8)) else None))
    session.flush()


def _add_safety(session: Session, today: date) -> None:
    """Two weeks of 消毒 and 巡查 (up to yesterday), a 检查 each month, a drill three months ago, a 隐患
    put right and one open, an injury told to the parents, and a 带药委托 running through today whose
    past doses are given (today's wait on 今日待办)."""
    from ..domain.choices import PRESENT
    from ..store.models import (
        AttendanceMark,
        Disinfection,
        FireCheck,
        Hazard,
        Injury,
        MedicationDose,
        MedicationOrder,
    )
    from ..store.spans import class_open_on
    from .lookups import load_calendar

    calendar = load_calendar(session)
    days = calendar.between(today - timedelta(days=14), today - timedelta(days=1))
    classes = as_db(session).rows("classes", class_open_on(today), columns=("id",))
    for day in days:
        for k in classes:
            session.add(Disinfection(class_id=k.id, day=day, surfaces="餐桌、水杯、毛巾、玩具、地面、卫生间", agent="含氯消毒剂 500 mg/L 擦拭；紫外线 30 分钟",
                                     done_by="孙红梅", inspector="周雅琴"))
        for hour, places in ((8, "厨房、配电室、疏散通道"), (15, "活动室、寝室、安全出口")):
            session.add(FireCheck(check_type="巡查", done_at=datetime.combine(day, time(hour, 30)), done_by="陈国强",
                                  places=places, findings="无"))
    for months in (2, 1, 0):
        first = add_months(today.replace(day=1), -months)
        day = calendar.between(first, first + timedelta(days=10))[0]
        if day < today:
            session.add(FireCheck(check_type="检查", done_at=datetime.combine(day, time(10)), done_by="周雅琴",
                                  places="全园", findings="灭火器压力正常" if months else "二楼疏散通道堆放纸箱", action="已清理"))
    drill = calendar.between(add_months(today, -3), add_months(today, -3) + timedelta(days=10))[0]
    session.add(FireCheck(check_type="演练", done_at=datetime.combine(drill, time(10)), done_by="周雅琴",
                          participants=62, minutes=3, review="疏散有序，3分钟内全部到达集合点"))
    session.add(Hazard(found_on=days[0], source="巡查", description="厨房灭火毯过期", due_on=days[0] + timedelta(days=3),
                       fixed_on=days[1], fixed_by="陈国强"))
    session.add(Hazard(found_on=days[-1], source="检查", description="二楼安全出口指示灯不亮", due_on=today + timedelta(days=3)))
    marks = session.exec(select(AttendanceMark).where(AttendanceMark.day == days[-1], AttendanceMark.mark == PRESENT)
                         .order_by(AttendanceMark.child_id)).all()
    if len(marks) < 2:
        return
    session.add(Injury(child_id=marks[0].child_id, happened_at=datetime.combine(days[-2], time(10, 20)), place="户外活动场地",
                       what="奔跑时绊倒，额头擦伤", injury_type="跌倒/坠落", body_part="额头", severity="轻", treatment="园内处理",
                       parent_told_at=datetime.combine(days[-2], time(10, 45)), recorded_by="王芳"))
    order = MedicationOrder(child_id=marks[1].child_id, drug="布洛芬混悬液", dose="5 ml", dose_times="10:00、14:30",
                            usage="饭后服用", start_on=days[-1], end_on=today + timedelta(days=1), entrusted_by="家长",
                            parent_signed=True, pack_checked=True)
    session.add(order)
    session.flush()
    for at in (time(10, 5), time(14, 35)):
        session.add(MedicationDose(order_id=order.id, given_at=datetime.combine(days[-1], at), dose_given="5 ml",
                                   result="已服", given_by="王芳", verified_by="孙红梅"))
    session.flush()


def _add_fees_and_bills(session: Session, profiles: dict[str, PolicyProfile], rng: random.Random, today: date) -> None:
    """A fee schedule, last month's and this month's bills confirmed on their first day, last month's
    paid and this month's paid by all but two families (the 欠费 a manager chases)."""
    from ..domain.month import Month
    from ..store.models import Bill, FeeItem, Payment
    from .bills import account, confirm_month

    start = add_months(today, -40).replace(day=1)
    for category, name, basis, price in (("伙食费", "伙食费", "每个开园日", 1800), ("其他服务费", "被褥费", "入托一次性", 20000),
                                         ("保育费", "保育费", "每月", 300000)):
        session.add(FeeItem(category=category, name=name, care_type="全部", applies_to="全部", basis=basis,
                            price_fen=price, starts_on=start))
    session.flush()
    this = Month.of(today)
    receipts: dict[int, int] = {}  # one sequence of 收据号 per year
    for month in (this.previous, this):
        if month.first > today:
            break
        confirm_month(session, profiles, month, month.first, today=today)
        owing = sorted(set(session.exec(select(Bill.child_id).where(Bill.month == str(month))).all()))
        skip = set(owing[:2]) if month == this else set()
        for child_id in owing:
            due = account(session, child_id).balance_fen
            if child_id in skip or due <= 0:
                continue
            paid_on = min(month.first + timedelta(days=rng.randrange(1, 8)), today)
            receipts[paid_on.year] = receipts.get(paid_on.year, 0) + 1
            child = session.get(Child, child_id)
            session.add(Payment(receipt_no=f"{paid_on.year:04d}-{receipts[paid_on.year]:05d}", child_id=child_id,
                                child_name=child.name, paid_on=paid_on, amount_fen=due,
                                method=rng.choice(("微信", "微信", "支付宝", "银行转账", "现金")),
                                payer=child.guardian_name, received_by="陆文静"))
            session.flush()


#: children (by their place in the roster) whose latest measurement falls in a class of SPEC §9:
#: (WAZ, LAZ, Hb) of the latest check; the others get z-scores near the median
FOLLOW_UP = {3: (-2.4, -1.7, None), 19: (-2.3, -1.8, None), 41: (-2.5, -1.6, None),  # 低体重
             8: (-1.9, -2.5, None), 30: (-1.7, -2.3, None),  # 生长迟缓
             12: (1.9, 0.4, None), 36: (2.0, 0.6, None),  # 超重 (WLZ above +2)
             5: (0.1, 0.0, 102), 24: (-0.3, -0.2, 106), 47: (0.4, 0.3, 98)}  # 贫血
DUE_SOON = 2  # children whose last check was about 5½ months ago: their next is due within 30 days


def _add_measurements(session: Session, today: date) -> None:
    """Two checks per enrolled child: the admission check (with Hb and hearing) and one since;
    a child without an admission check gets its first at the centre a few days after enrolling;
    a few children fall in each class of SPEC §9 (``FOLLOW_UP``)."""
    rng = random.Random(today.toordinal() + 9)  # its own generator: the rest of the demo stays as it was
    children = as_db(session).rows("children", enrolled_on(today), order="id")
    due_soon = 0
    for index, child in enumerate(children):
        # the admission check; a child without one (缺入托体检) was first measured at the centre
        first = child.health_check_on or min(child.enrolled_on + timedelta(days=rng.randrange(3, 10)),
                                             today - timedelta(days=2))
        second = first + timedelta(days=max(1, round((today - first).days * rng.uniform(0.45, 0.9))))
        if due_soon < DUE_SOON and (today - first).days > 190 and index not in FOLLOW_UP:
            second, due_soon = today - timedelta(days=rng.randrange(158, 170)), due_soon + 1
        height_z = rng.gauss(0, 0.6)
        base = (round(0.7 * height_z + rng.gauss(0, 0.35), 2), round(height_z, 2))
        waz, laz, hb = FOLLOW_UP.get(index, (*base, None))
        if index in FOLLOW_UP:  # already near the line at the first check
            base = (round(waz + 0.3, 2), round(laz + 0.2, 2))
        for on, (w, h), hb_g_l in ((first, base, rng.randrange(112, 132)), (second, (waz, laz), hb)):
            days = age_in_days(child.birth_date, on)
            session.add(Measurement(
                child_id=child.id, measured_on=on, position=LENGTH if uses_length(days) else HEIGHT,
                length_cm=round(value_at(LENGTH_FOR_AGE, child.sex, days, h), 1),
                weight_kg=round(value_at(WEIGHT_FOR_AGE, child.sex, days, w), 2),
                hb_g_l=hb_g_l, hearing="通过" if on == first else "",
                institution="天宁区茶山街道社区卫生服务中心"))


def _birth_for(rng: random.Random, klass: SchoolClass, profile: PolicyProfile, on: date) -> date:
    """A birth date giving an age on ``on`` well inside the class's band."""
    rule = profile.classes[klass.class_type]
    low = max(rule.min_months, profile.mixed_min_months if klass.class_type == "混龄班" else 0)
    months = rng.randrange(low + 1, rule.max_months - 1)
    return add_months(on, -months) - timedelta(days=rng.randrange(0, 28))


def _add_child(session, rng, names, klass, profile, on: date, missing_id: bool = False) -> Child:
    sex = rng.choice(["男", "女"])
    # enrolled a few months ago, at an age that fitted the class then and still fits now
    for _ in range(100):
        birth = _birth_for(rng, klass, profile, on)
        enrolled = on - timedelta(days=rng.randrange(20, 200))
        then, now = completed_months(birth, enrolled), completed_months(birth, on)
        fits = (klass.class_type == "混龄班" and then >= profile.mixed_min_months) or \
               band_for_age(then, profile) == klass.class_type == band_for_age(now, profile)
        if fits and enrolled >= (klass.opened_on or enrolled):
            break
    care = rng.choices(["全日托", "半日托", "计时托", "临时托"], weights=[14, 3, 2, 1])[0]
    fee = {"全日托": 2600, "半日托": 1600, "计时托": 900, "临时托": 600}[care] + rng.randrange(0, 6) * 100
    if not klass.is_puhui:
        fee += 800
    checked = rng.random() > 0.08
    child = Child(
        name=names.child(sex), sex=sex, birth_date=birth,
        id_number=None if missing_id else make_id_number(rng, birth, sex),
        care_type=care, monthly_fee_fen=fee * 100, is_puhui=klass.is_puhui,
        hardship_category=rng.choices(["", "低保", "残疾", "计生特殊家庭"], weights=[40, 2, 1, 1])[0],
        guardian_name=names.adult(), guardian_phone=_phone(rng), enrolled_on=enrolled,
        health_check_on=enrolled - timedelta(days=rng.randrange(3, 20)) if checked else None,
        health_check_result="合格" if checked else "", handbook_seen=checked,
        vaccination_checked_on=enrolled + timedelta(days=rng.randrange(0, 10)) if rng.random() > 0.1 else None,
        notes="户口办理中，身份证号待补" if missing_id else "",
    )
    session.add(child)
    session.flush()
    session.add(Placement(child_id=child.id, class_id=klass.id, start_on=enrolled))
    return child


def _add_moved_children(session, rng, names, infant_class, toddler_class, profile, today):
    for k in range(2):
        sex = rng.choice(["男", "女"])
        birth = add_months(today, -(15 + k)) - timedelta(days=rng.randrange(0, 20))
        enrolled = add_months(birth, 7)
        moved = add_months(birth, 12) + timedelta(days=3)
        child = Child(name=names.child(sex), sex=sex, birth_date=birth, id_number=make_id_number(rng, birth, sex),
                      care_type="全日托", monthly_fee_fen=2800 * 100, is_puhui=True, guardian_name=names.adult(),
                      guardian_phone=_phone(rng), enrolled_on=enrolled, health_check_on=enrolled - timedelta(days=7),
                      health_check_result="合格", handbook_seen=True, vaccination_checked_on=enrolled)
        session.add(child)
        session.flush()
        session.add(Placement(child_id=child.id, class_id=infant_class.id, start_on=enrolled, end_on=moved))
        session.add(Placement(child_id=child.id, class_id=toddler_class.id, start_on=moved))


def _add_staff(session, rng, names, classes, today):
    year_start = date(today.year, 1, 1)
    plan = [("负责人", None, add_months(today, -40))]
    for (_, _, _, _, _, carers), klass in zip(CLASS_PLAN, classes):
        plan += [("保育人员", klass, add_months(today, -rng.randrange(6, 36))) for _ in range(carers)]
    plan += [("保健人员", None, add_months(today, -30)), ("炊事人员", None, add_months(today, -26)),
             ("炊事人员", None, add_months(today, -4)), ("保安人员", None, add_months(today, -20))]
    staff_rows = []
    for i, (role, klass, hired) in enumerate(plan):
        sex = "男" if role == "保安人员" else "女"
        birth = date(rng.randrange(1972, 2001), rng.randrange(1, 13), rng.randrange(1, 29))
        s = Staff(name="沈丽华" if role == "负责人" else names.adult(), sex=sex,
                  id_number=make_id_number(rng, birth, sex), role=role,
                  class_id=klass.id if klass else None, hired_on=hired, phone=_phone(rng),
                  education=rng.choice(["大专", "本科", "中专", "高中"]))
        session.add(s)
        staff_rows.append(s)
    gone = Staff(name=names.adult(), sex="女", id_number=make_id_number(rng, date(1990, 5, 6), "女"),
                 role="保育人员", class_id=classes[2].id, hired_on=add_months(today, -30),
                 left_on=add_months(today, -3), phone=_phone(rng), education="大专")
    session.add(gone)
    staff_rows.append(gone)
    session.flush()
    session.add_all([StaffAssignment(staff_id=s.id, role=s.role, class_id=s.class_id, start_on=s.hired_on,
                                     recorded_on=s.hired_on) for s in staff_rows])

    for i, s in enumerate(staff_rows):
        # 健康证: renewed yearly; two expire within 30 days, one has expired
        if i == 3:
            issued = add_months(today, -12) - timedelta(days=10)
        elif i in (5, 12):
            issued = add_months(today, -12) + timedelta(days=12 + i)
        else:
            issued = add_months(today, -rng.randrange(1, 10))
        session.add(Certificate(staff_id=s.id, cert_type="健康证", number=f"JK{today.year}{i:04d}",
                                issuer="常州市天宁区疾病预防控制中心", issued_on=issued,
                                expires_on=add_months(issued, 12)))
        if s.role == "保育人员" and i != 4:  # staff no. 4 is a 保育人员 still without a certificate
            kind = "保育师" if i % 3 else "育婴员"
            session.add(Certificate(staff_id=s.id, cert_type=kind, level=rng.choice(["五级", "四级", "三级"]),
                                    number=f"{'BYS' if kind == '保育师' else 'YYY'}{rng.randrange(10**8):08d}",
                                    issuer="江苏省人力资源和社会保障厅", issued_on=s.hired_on - timedelta(days=60)))
        elif s.role == "负责人":
            session.add(Certificate(staff_id=s.id, cert_type="教师资格证", number=f"2015320{rng.randrange(10**9):09d}",
                                    issuer="常州市教育局", issued_on=date(2015, 7, 1)))
            session.add(Certificate(staff_id=s.id, cert_type="保育师", level="三级", number="BYS20190001",
                                    issuer="江苏省人力资源和社会保障厅", issued_on=date(2019, 6, 1)))
        elif s.role == "保健人员":
            session.add(Certificate(staff_id=s.id, cert_type="卫生保健人员培训合格证", number="WB2022-031",
                                    issuer="常州市妇幼保健院", issued_on=add_months(today, -28),
                                    expires_on=add_months(today, -28 + 36) + timedelta(days=20)))
        elif s.role == "保安人员":
            session.add(Certificate(staff_id=s.id, cert_type="保安员证", number=f"苏{rng.randrange(10**9):09d}",
                                    issuer="常州市公安局", issued_on=add_months(today, -20)))
        # 岗前培训 on hiring
        session.add(TrainingRecord(staff_id=s.id, trained_on=max(s.hired_on - timedelta(days=7), date(2015, 1, 1)),
                                   course="托育机构从业人员岗前培训", category="专业", hours=16, is_preservice=True,
                                   provider="常州市托育综合服务中心", certificate_no=f"GQ{i:03d}"))
        if s.left_on:
            continue
        months_done = today.month
        share = 1.0 if i % 4 else 0.5  # every fourth one is behind
        professional_courses = int(months_done * 0.75 * share) + 1
        for k in range(professional_courses):
            day = year_start + timedelta(days=int((today - year_start).days * (k + 0.5) / professional_courses))
            session.add(TrainingRecord(staff_id=s.id, trained_on=max(day, s.hired_on), course=rng.choice(
                ["婴幼儿回应性照护", "婴幼儿伤害预防与急救", "膳食营养与喂养", "托育机构保育工作规范", "婴幼儿早期发展指导"]),
                category="专业", hours=8, provider="常州市托育综合服务中心"))
        for k in range(int(months_done * share)):
            day = year_start + timedelta(days=20 + 30 * k)
            if day > today:
                break
            session.add(TrainingRecord(staff_id=s.id, trained_on=max(day, s.hired_on), course="托育从业人员职业道德与法规",
                                       category="职业道德", hours=4, provider="天宁区卫生健康局"))


def _add_agreement(session, today):
    start = add_months(today, -10) - timedelta(days=5)
    old = Agreement(institution="天宁区茶山街道社区卫生服务中心", number="YYJH-2024-07",
                    signed_on=add_months(start, -12) - timedelta(days=3), valid_from=add_months(start, -12),
                    valid_to=start - timedelta(days=1), health_guide="周海燕", guide_phone="0519-88102345")
    current = Agreement(institution="天宁区茶山街道社区卫生服务中心", number="YYJH-2025-11",
                        signed_on=start - timedelta(days=3), valid_from=start,
                        valid_to=add_months(start, 12) - timedelta(days=1),  # expires within 60 days
                        health_guide="周海燕", guide_phone="0519-88102345")
    session.add_all([old, current])
    session.flush()
    topics = [("晨午检与传染病防控指导", "个别幼儿晨检记录不完整", True),
              ("膳食营养与食谱审核", "食谱中深色蔬菜偏少", True),
              ("婴幼儿生长发育监测", "2名幼儿体重偏低，建议家长随访", False),
              ("伤害预防与急救演练", "", True),
              ("卫生消毒工作检查", "玩具消毒记录缺2天", True)]
    for k in range(9):
        day = add_months(today, -(k + 1)) - timedelta(days=10 + k)
        content, findings, done = topics[k % len(topics)]
        session.add(Visit(agreement_id=current.id if day >= start else old.id, visited_on=day,
                          guide="周海燕", content=content, findings=findings, follow_up_done=done))


def _add_vouchers(session, rng, names, today):
    serial = 1000
    enrolled = session.exec(select(Child).where(Child.id_number.is_not(None)).limit(3)).all()
    visitors = []
    for _ in range(6):
        sex = rng.choice(["男", "女"])
        birth = add_months(today, -rng.randrange(8, 30))
        visitors.append((names.child(sex), make_id_number(rng, birth, sex), names.adult(), _phone(rng), None))
    visitors += [(c.name, c.id_number, c.guardian_name, c.guardian_phone, c.id) for c in enrolled]
    for idx, (name, idno, guardian, phone, child_id) in enumerate(visitors):
        uses = 5 if idx == 0 else rng.randrange(1, 4)  # the first visitor has used the whole cap
        for k in range(uses):
            serial += 1
            day = today - timedelta(days=rng.randrange(1, 150))
            session.add(VoucherRedemption(serial=f"TN{today.year}{serial:06d}", child_id=child_id, child_name=name,
                                          child_id_number=idno, guardian=guardian, phone=phone,
                                          redeemed_on=day, days=1))
