"""Every table of the program (SPEC §2). Money is stored in integer 分, dates as dates.

Table models do not validate input (SQLModel); services check input before building them.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel


class Centre(SQLModel, table=True):
    """The one centre this database belongs to (a single row, id 1)."""

    __tablename__ = "centre"
    __table_args__ = (CheckConstraint("id = 1", name="ck_centre_single_row"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = ""
    uscc: str = ""  # 统一社会信用代码
    filing_no: str = ""  # 备案编号
    district: str = ""  # 所属区县
    town: str = ""  # 所属镇街
    nature: str = ""  # 机构性质
    centre_type: str = "托育机构"  # or 家庭托育点
    is_puhui: bool = False
    grade: str = ""  # 机构等级
    policy_profile: str = "通用"
    head: str = ""  # 负责人
    phone: str = ""
    address: str = ""
    monthly_rent_fen: int | None = None
    reporter: str = ""  # 填报人
    reporter_phone: str = ""
    meals: str = "早点、午餐、午点"  # 供餐餐次 (SPEC §12), in the order of the day, joined by 、


class SchoolClass(SQLModel, table=True):
    __tablename__ = "classes"
    __table_args__ = (CheckConstraint("capacity >= 1", name="ck_classes_capacity"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    class_type: str
    capacity: int
    is_puhui: bool = False
    opened_on: date | None = None
    closed_on: date | None = None
    notes: str = ""


class Child(SQLModel, table=True):
    __tablename__ = "children"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    sex: str
    birth_date: date
    id_number: str | None = Field(default=None, unique=True)  # NULL while awaiting 户口
    care_type: str = "全日托"
    monthly_fee_fen: int | None = None
    is_puhui: bool = False
    hardship_category: str = ""  # empty: none
    guardian_name: str = ""
    guardian_phone: str = ""
    enrolled_on: date
    health_check_on: date | None = None  # 入托体检
    health_check_result: str = ""
    handbook_seen: bool = False  # 儿童保健手册
    vaccination_checked_on: date | None = None  # 预防接种证查验
    needs_catch_up: bool = False  # 需补种
    left_on: date | None = None
    leave_reason: str = ""
    notes: str = ""


class Placement(SQLModel, table=True):
    """A child in a class from ``start_on`` until the day before ``end_on`` (history of 转班)."""

    __tablename__ = "placements"

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="children.id", ondelete="CASCADE", index=True)
    class_id: int = Field(foreign_key="classes.id", ondelete="RESTRICT", index=True)
    start_on: date
    end_on: date | None = None


class Measurement(SQLModel, table=True):
    """One growth and health check of a child (SPEC §9): one per child and day.

    Measures are stored as entered (1 decimal for cm, 2 for kg); ``position`` is how the length was
    taken: 身长 (lying) or 身高 (standing).
    """

    __tablename__ = "measurements"
    __table_args__ = (UniqueConstraint("child_id", "measured_on", name="uq_measurement_child_day"),)

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="children.id", ondelete="CASCADE", index=True)
    measured_on: date = Field(index=True)
    length_cm: float
    position: str  # 身长 / 身高
    weight_kg: float
    head_cm: float | None = None
    hb_g_l: float | None = None  # 血红蛋白
    hearing: str = ""  # 听力筛查: 通过 / 未通过 / empty (not done)
    institution: str = ""  # 检查机构


class Staff(SQLModel, table=True):
    __tablename__ = "staff"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    sex: str = ""
    id_number: str = Field(unique=True)
    role: str
    class_id: int | None = Field(default=None, foreign_key="classes.id", ondelete="SET NULL")
    hired_on: date
    left_on: date | None = None
    phone: str = ""
    education: str = ""
    notes: str = ""


class StaffAssignment(SQLModel, table=True):
    """A staff member's post — 岗位 and 所在班级 — from ``start_on`` until the next row's start: the
    history behind ``Staff.role`` and ``Staff.class_id`` (always the latest), so that a past month's
    师幼比 counts the caregivers each class had then. ``recorded_on`` is the day the row was saved: a
    change saved the same day corrects it instead of adding a move. Staff stored before the history
    was kept have no rows: their current post counts for every day."""

    __tablename__ = "staff_assignments"

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", ondelete="CASCADE", index=True)
    role: str
    class_id: int | None = Field(default=None, foreign_key="classes.id", ondelete="SET NULL")
    start_on: date
    recorded_on: date


class Certificate(SQLModel, table=True):
    __tablename__ = "certificates"

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", ondelete="CASCADE", index=True)
    cert_type: str
    level: str = ""
    number: str = ""
    issuer: str = ""
    issued_on: date | None = None
    expires_on: date | None = None


class TrainingRecord(SQLModel, table=True):
    __tablename__ = "training_records"
    __table_args__ = (CheckConstraint("hours > 0", name="ck_training_hours"),)

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", ondelete="CASCADE", index=True)
    trained_on: date = Field(index=True)
    course: str
    category: str  # 专业 / 职业道德
    hours: float  # steps of 0.5 are exact in binary floating point
    is_preservice: bool = False  # 岗前培训
    provider: str = ""
    certificate_no: str = ""


class Agreement(SQLModel, table=True):
    """医育结合服务协议 with the partner health institution."""

    __tablename__ = "agreements"

    id: int | None = Field(default=None, primary_key=True)
    institution: str
    number: str = ""
    signed_on: date
    valid_from: date
    valid_to: date
    health_guide: str = ""  # 健康指导员
    guide_phone: str = ""
    notes: str = ""


class Visit(SQLModel, table=True):
    __tablename__ = "visits"

    id: int | None = Field(default=None, primary_key=True)
    agreement_id: int | None = Field(default=None, foreign_key="agreements.id", ondelete="SET NULL")
    visited_on: date = Field(index=True)
    guide: str = ""  # 指导人员
    content: str
    findings: str = ""
    follow_up_done: bool = False


class VoucherRedemption(SQLModel, table=True):
    """One redemption of a 托育服务体验券; the serial is never used twice, even once deleted."""

    __tablename__ = "voucher_redemptions"
    __table_args__ = (CheckConstraint("days >= 1", name="ck_voucher_days"),)

    id: int | None = Field(default=None, primary_key=True)
    serial: str = Field(unique=True)
    child_id: int | None = Field(default=None, foreign_key="children.id", ondelete="SET NULL")
    child_name: str
    child_id_number: str = Field(index=True)
    guardian: str = ""
    phone: str = ""
    redeemed_on: date = Field(index=True)
    days: int = 1
    deleted_at: datetime | None = None
    delete_reason: str = ""


class BlacklistEntry(SQLModel, table=True):
    """黑名单 / 终身禁入, imported from the commission's Excel."""

    __tablename__ = "blacklist"

    id: int | None = Field(default=None, primary_key=True)
    name: str = ""
    id_number: str = Field(unique=True)
    reason: str = ""
    issuer: str = ""  # 发布单位
    listed_on: date | None = None


class LockedReturn(SQLModel, table=True):
    """A monthly return marked 已报送: its figures and details, frozen."""

    __tablename__ = "locked_returns"
    __table_args__ = (UniqueConstraint("month", name="uq_locked_returns_month"),)

    id: int | None = Field(default=None, primary_key=True)
    month: str  # YYYY-MM
    locked_at: datetime
    checksum: str
    snapshot_json: str


class Setting(SQLModel, table=True):
    """Program settings and user preferences (window size, last folders)."""

    __tablename__ = "settings"

    key: str = Field(primary_key=True)
    value: str = ""


class ReturnEvent(SQLModel, table=True):
    """The history of locking and unlocking monthly returns (an unlock needs a reason)."""

    __tablename__ = "return_events"

    id: int | None = Field(default=None, primary_key=True)
    month: str = Field(index=True)
    action: str  # 锁定 / 解锁
    at: datetime
    reason: str = ""
    checksum: str = ""


class AuditEntry(SQLModel, table=True):
    """操作日志: who changed which record when, with old and new values, chained by hashes.

    ``hash`` is SHA-256 over the previous entry's hash and this entry's fields, so an edit to
    the history itself breaks the chain from that entry on.
    """

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    user: str = ""
    action: str  # 新增 / 修改 / 删除
    table_name: str
    record_id: str = ""
    summary: str = ""
    old_json: str = ""
    new_json: str = ""
    prev_hash: str = ""
    hash: str = ""
    operation_id: int | None = Field(default=None, index=True)  # the named operation it was part of


class Operation(SQLModel, table=True):
    """A named operation (导入幼儿 幼儿.xlsx（37行）, 编辑 班级 向日葵班): one transaction, its rows in
    the 操作日志 under it; 撤销 takes back the last one (``undo_of``: the operation an undo took back)."""

    __tablename__ = "operations"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    at: datetime
    user: str = ""
    rows: int = 0
    undo_of: int | None = Field(default=None, index=True)


# The daily register (SPEC §8) ---------------------------------------------------------------------


class OpenDayOverride(SQLModel, table=True):
    """The centre's own decision that a day is open or closed (暑假, 冬季停托, Saturday care)."""

    __tablename__ = "open_day_overrides"

    day: date = Field(primary_key=True)
    is_open: bool
    note: str = ""


class AttendanceMark(SQLModel, table=True):
    """One child's attendance on one open day: 出勤, or 病假/事假/其他 (缺勤 with its reason).

    A 病假 carries its 症状 and the follow-up (追踪日期, 追踪结果, 诊断)."""

    __tablename__ = "attendance_marks"
    __table_args__ = (UniqueConstraint("child_id", "day", name="uq_attendance_child_day"),)

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="children.id", ondelete="CASCADE")
    day: date = Field(index=True)
    mark: str  # 出勤 / 病假 / 事假 / 其他
    symptom: str = ""
    arrived_at: str = ""  # 入园时间 HH:MM
    left_at: str = ""  # 离园时间
    picked_up_by: str = ""  # 接送人
    followed_up_on: date | None = None  # 追踪日期
    follow_up: str = ""  # 追踪结果
    diagnosis: str = ""


class HealthCheck(SQLModel, table=True):
    """One 晨检 or 午检 of a child on one day."""

    __tablename__ = "health_checks"
    __table_args__ = (UniqueConstraint("child_id", "day", "round", name="uq_health_checks_child_day_round"),)

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="children.id", ondelete="CASCADE")
    day: date = Field(index=True)
    round: str  # 晨检 / 午检
    temperature: float | None = None  # ℃, one decimal
    result: str  # 正常 / 异常
    findings: str = ""  # 异常情况, joined by 、
    action: str = ""  # 处理


class DiseaseCase(SQLModel, table=True):
    """传染病登记: one case of one child."""

    __tablename__ = "disease_cases"

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="children.id", ondelete="CASCADE", index=True)
    disease: str
    onset_on: date = Field(index=True)
    diagnosed_on: date | None = None
    institution: str = ""  # 诊断机构
    reported_on: date | None = None
    returned_on: date | None = None  # 复课日期
    return_certificate: bool = False  # 复课证明


class StaffLeave(SQLModel, table=True):
    """A staff member away from ``start_on`` to ``end_on`` (both included)."""

    __tablename__ = "staff_leave"

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", ondelete="CASCADE", index=True)
    start_on: date = Field(index=True)
    end_on: date
    kind: str = ""  # 类型: 病假 / 事假 / 年假 …


class FeeItem(SQLModel, table=True):
    """收费项目 (SPEC §11): one dated row of the fee schedule; a price change is a new row."""

    __tablename__ = "fee_items"
    __table_args__ = (CheckConstraint("price_fen >= 0", name="ck_fee_items_price"),)

    id: int | None = Field(default=None, primary_key=True)
    category: str  # 类别: 保育费 / 伙食费 / 其他服务费 / 代收费
    name: str  # 名称
    care_type: str  # 适用托育形式 (or 全部)
    applies_to: str = "全部"  # 适用: 普惠 / 非普惠 / 全部
    basis: str  # 计费方式: 每月 / 每个开园日 / 每次出勤 / 入托一次性
    price_fen: int  # 单价, in 分
    starts_on: date = Field(index=True)  # 生效日期
    ends_on: date | None = None  # 停用日期: the last day it applies


class Bill(SQLModel, table=True):
    """月度收费单 (SPEC §11): a confirmed bill of one child for one month, frozen from its 出账日期 on
    (drafts are not stored: they are computed from the records). What the child was then — name, ID
    number, class — is kept with it, as is what the next month's refunds read (the 伙食费 单价 and
    the open days it charged for) and the 上期结余 printed on it. A voided bill is kept, marked."""

    __tablename__ = "bills"

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True)  # 收费单号 YYYYMM-NNN
    month: str = Field(index=True)  # YYYY-MM
    child_id: int | None = Field(default=None, foreign_key="children.id", ondelete="SET NULL", index=True)
    child_name: str
    child_id_number: str = ""
    class_name: str = ""
    confirmed_on: date  # 出账日期
    total_fen: int
    previous_fen: int = 0  # 上期结余: confirmed bills before it − payments dated before its 出账日期
    food_unit_fen: int | None = None  # the 伙食费 单价 it charged (None: no 伙食费 line)
    food_days: str = ""  # the open days it charged 伙食费 for, ISO dates joined by ","
    voided_on: date | None = None
    void_reason: str = ""


class BillLine(SQLModel, table=True):
    """One line of a confirmed bill, as it was computed when the bill was confirmed."""

    __tablename__ = "bill_lines"

    id: int | None = Field(default=None, primary_key=True)
    bill_id: int = Field(foreign_key="bills.id", ondelete="CASCADE", index=True)
    line_no: int
    category: str
    name: str
    note: str = ""
    quantity: int = 1
    unit_fen: int
    amount_fen: int


class BillAdjustment(SQLModel, table=True):
    """调整 (SPEC §11 step 7): a line the manager adds to a child's bill of a month, with its reason."""

    __tablename__ = "bill_adjustments"

    id: int | None = Field(default=None, primary_key=True)
    month: str = Field(index=True)  # YYYY-MM
    child_id: int = Field(foreign_key="children.id", ondelete="CASCADE", index=True)
    reason: str
    amount_fen: int


class Payment(SQLModel, table=True):
    """收款 (SPEC §11): money received (or, negative, paid back) for a child, with its 收据号; a voided
    receipt keeps its number, marked 作废 with the reason."""

    __tablename__ = "payments"
    __table_args__ = (CheckConstraint("amount_fen <> 0", name="ck_payments_amount"),)

    id: int | None = Field(default=None, primary_key=True)
    receipt_no: str = Field(unique=True)  # YYYY-NNNNN
    child_id: int | None = Field(default=None, foreign_key="children.id", ondelete="SET NULL", index=True)
    child_name: str
    paid_on: date = Field(index=True)
    amount_fen: int
    method: str  # 现金 / 微信 / 支付宝 / 银行转账 / 其他
    payer: str = ""
    received_by: str = ""  # 收款人
    notes: str = ""
    bill_number: str = ""  # the 收费单 the payment was taken for, when one was named
    voided_on: date | None = None
    void_reason: str = ""


class FoodPurchase(SQLModel, table=True):
    """食品采购 (SPEC §12): the spend of the 伙食费收支."""

    __tablename__ = "food_purchases"
    __table_args__ = (CheckConstraint("amount_fen > 0", name="ck_food_purchases_amount"),)

    id: int | None = Field(default=None, primary_key=True)
    bought_on: date = Field(index=True)
    supplier: str
    items: str
    amount_fen: int
    invoice_no: str = ""  # 票据号
    supplier_licence: str = ""  # 供货方资质
    checked_by: str = ""  # 验收人


class MenuItem(SQLModel, table=True):
    """带量食谱 (SPEC §12): one ingredient of one dish served at one 餐次 of one day, with 每人用量 g."""

    __tablename__ = "menu_items"
    __table_args__ = (UniqueConstraint("day", "meal", "dish", "ingredient", name="uq_menu_items"),
                      CheckConstraint("grams > 0", name="ck_menu_items_grams"))

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    meal: str  # 餐次: 早餐 / 早点 / 午餐 / 午点 / 晚餐
    dish: str  # 菜名
    ingredient: str  # 食材
    grams: float  # 每人用量 g (one decimal)
    dish_no: int = 0  # the dish's place in the 餐次 (as typed)


class FoodSample(SQLModel, table=True):
    """食品留样 (SPEC §12; GB 31654—2021): the sample of one dish of one 餐次 of one day."""

    __tablename__ = "food_samples"
    __table_args__ = (UniqueConstraint("day", "meal", "dish", name="uq_food_samples"),)

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    meal: str
    dish: str
    grams: float  # 留样量 g
    # the kitchen's wall-clock times, as written on the 留样 label (no time zone)
    sampled_at: datetime = Field(sa_type=DateTime(timezone=False))  # 留样时间
    sampled_by: str  # 留样人
    storage: str = ""  # 冷藏设备/温度
    destroyed_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=False))  # 销毁时间


# Safety registers (SPEC §12) -------------------------------------------------------------------------


class Disinfection(SQLModel, table=True):
    """消毒记录 (附件4 班级卫生消毒检查记录): one class's cleaning and disinfection on one open day."""

    __tablename__ = "disinfections"
    __table_args__ = (UniqueConstraint("class_id", "day", name="uq_disinfections_class_day"),)

    id: int | None = Field(default=None, primary_key=True)
    class_id: int = Field(foreign_key="classes.id", ondelete="CASCADE", index=True)
    day: date = Field(index=True)
    surfaces: str  # 消毒项目, joined by 、 (餐桌、水杯、毛巾 …)
    agent: str  # 方法和浓度 (含氯消毒剂 500 mg/L, 紫外线 30 分钟 …)
    done_by: str  # 执行人
    inspector: str = ""  # 检查人


class Injury(SQLModel, table=True):
    """伤害登记 (附件4 儿童伤害登记表)."""

    __tablename__ = "injuries"

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="children.id", ondelete="CASCADE", index=True)
    happened_at: datetime = Field(sa_type=DateTime(timezone=False), index=True)  # 发生时间 (wall clock)
    place: str  # 地点
    what: str  # 经过
    injury_type: str  # 伤害类型
    body_part: str  # 部位
    severity: str  # 程度: 轻 / 中 / 重
    treatment: str  # 处理: 园内处理 / 送医
    hospital: str = ""  # 送医的医院
    parent_told_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=False))  # 家长告知时间
    recorded_by: str  # 记录人


class FireCheck(SQLModel, table=True):
    """消防安全 (公安部令第61号): a 防火巡查, a 防火检查 or a 疏散演练."""

    __tablename__ = "fire_checks"

    id: int | None = Field(default=None, primary_key=True)
    check_type: str  # 类型: 巡查 / 检查 / 演练
    done_at: datetime = Field(sa_type=DateTime(timezone=False), index=True)  # 时间 (wall clock)
    done_by: str  # 巡查人 / 检查人 / 组织人
    places: str = ""  # 部位
    findings: str = ""  # 发现问题
    action: str = ""  # 处理
    participants: int | None = None  # 演练: 参加人数
    minutes: int | None = None  # 演练: 用时（分钟）
    review: str = ""  # 演练: 评价


class Hazard(SQLModel, table=True):
    """火灾隐患, found on a 巡查 or 检查, open until its 整改 date and 整改人 are entered."""

    __tablename__ = "hazards"

    id: int | None = Field(default=None, primary_key=True)
    found_on: date = Field(index=True)  # 发现日期
    source: str  # 发现于: 巡查 / 检查
    description: str  # 隐患
    due_on: date  # 整改期限
    fixed_on: date | None = None  # 整改日期
    fixed_by: str = ""  # 整改人


class MedicationOrder(SQLModel, table=True):
    """带药委托 (SPEC §12): a parent asks the centre to give a drug at set times from one day to another.
    Without 家长已签字 it has no due doses and cannot be given."""

    __tablename__ = "medication_orders"

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="children.id", ondelete="CASCADE", index=True)
    drug: str  # 药名
    dose: str  # 剂量 (每次), as the parent wrote it: 5 ml, 半片
    dose_times: str  # 服药时间 HH:MM joined by 、
    usage: str = ""  # 服用方法 (饭后温水送服 …)
    start_on: date  # 开始日期
    end_on: date  # 结束日期 (the last day)
    entrusted_by: str  # 委托人
    parent_signed: bool = False  # 家长已签字
    pack_checked: bool = False  # 原包装/医嘱已查验


class MedicationDose(SQLModel, table=True):
    """喂药: one dose given (or refused, or thrown up) on a 委托."""

    __tablename__ = "medication_doses"
    __table_args__ = (UniqueConstraint("order_id", "given_at", name="uq_medication_doses"),)

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="medication_orders.id", ondelete="CASCADE", index=True)
    given_at: datetime = Field(sa_type=DateTime(timezone=False), index=True)  # 喂药时间 (wall clock)
    dose_given: str  # 实际剂量
    result: str  # 已服 / 拒服 / 呕吐
    given_by: str  # 喂药人
    verified_by: str  # 核对人
