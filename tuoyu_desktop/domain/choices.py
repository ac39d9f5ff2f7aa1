"""The fixed choices of SPEC §2, in the words users see and store."""
from __future__ import annotations

CLASS_TYPES = ("乳儿班", "托小班", "托大班", "混龄班")
SEXES = ("男", "女")
CARE_TYPES = ("全日托", "半日托", "计时托", "临时托")
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
