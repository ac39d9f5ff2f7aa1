"""The fixed choices of SPEC §2, in the words users see and store."""
from __future__ import annotations

CLASS_TYPES = ("乳儿班", "托小班", "托大班", "混龄班")
SEXES = ("男", "女")
CARE_TYPES = ("全日托", "半日托", "计时托", "临时托")
#: 收费项目 (SPEC §11)
FEE_CATEGORIES = ("保育费", "伙食费", "其他服务费", "代收费")
FEE_CARE_TYPES = (*CARE_TYPES, "全部")
FEE_APPLIES = ("普惠", "非普惠", "全部")
FEE_BASES = ("每月", "每个开园日", "每次出勤", "入托一次性")
PAYMENT_METHODS = ("现金", "微信", "支付宝", "银行转账", "其他")
HARDSHIP_CATEGORIES = ("低保", "孤儿", "残疾", "计生特殊家庭")
LEAVE_REASONS = ("毕业转入幼儿园", "家庭原因", "转园", "其他")
STAFF_ROLES = ("负责人", "保育人员", "保健人员", "炊事人员", "保安人员", "其他")
CERT_TYPES = ("保育师", "育婴员", "教师资格证", "健康证", "卫生保健人员培训合格证", "保安员证", "其他")
CAREGIVER_CERTS = ("保育师", "育婴员")
CAREGIVER_LEVELS = ("五级", "四级", "三级", "二级", "一级")
#: the older names of the same five levels (国家职业资格 初级工 … 高级技师), as printed on older certificates
OLD_LEVEL_NAMES = ("初级", "中级", "高级", "技师", "高级技师")
TRAINING_CATEGORIES = ("专业", "职业道德")
CENTRE_TYPES = ("托育机构", "家庭托育点")
CENTRE_NATURES = ("公办", "民办", "公办民营", "民办公助", "企事业单位办", "幼儿园托班", "其他")
YES_NO = ("是", "否")


def yes_no(value: bool) -> str:
    return "是" if value else "否"

# The daily register (SPEC §8)
PRESENT, SICK = "出勤", "病假"
MARKS = ("出勤", "病假", "事假", "其他")  # 出勤, or 缺勤 with its reason
ABSENCE_REASONS = ("病假", "事假", "其他")
#: care types expected every open day: enrolled and unmarked is 未登记 (others are marked only when they come)
DAILY_CARE_TYPES = ("全日托", "半日托")
SYMPTOMS = ("发热", "咳嗽", "腹泻", "呕吐", "皮疹", "其他")
CHECK_ROUNDS = ("晨检", "午检")
CHECK_RESULTS = ("正常", "异常")
CHECK_FINDINGS = ("发热", "皮疹", "口腔疱疹", "眼结膜充血", "咳嗽", "精神差", "外伤", "其他")
CHECK_ACTIONS = ("留园观察", "通知家长接回", "就医")
DISEASES = ("手足口病", "流行性感冒", "水痘", "诺如病毒感染性腹泻", "疱疹性咽峡炎", "猩红热", "流行性腮腺炎",
            "细菌性痢疾", "其他")
