from datetime import date

from tuoyu_desktop.domain.idnumbers import id_check_char

TODAY = date(2026, 11, 25)


def make_id(birth: date, seq: int = 1, region: str = "320402") -> str:
    """An ID number for ``birth``; odd ``seq`` is a boy, even a girl."""
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_char(first17)


CLASSES = [
    {"班级名称": "乳儿一班", "班型": "乳儿班", "核定人数": 10, "是否普惠": "是", "开班日期": "2025-01-01"},
    {"班级名称": "托小一班", "班型": "托小班", "核定人数": 3, "是否普惠": "是", "开班日期": "2025-01-01"},
    {"班级名称": "托大一班", "班型": "托大班", "核定人数": 20, "是否普惠": "否", "开班日期": "2025-01-01"},
    {"班级名称": "混龄班", "班型": "混龄班", "核定人数": 18, "是否普惠": "否", "开班日期": "2025-01-01"},
]


def child_row(name="王子涵", birth=date(2025, 6, 10), seq=1, klass="托小一班", enrolled="2026-09-01", **extra):
    row = {"姓名": name, "性别": "男" if seq % 2 else "女", "出生日期": birth.isoformat(), "身份证号": make_id(birth, seq),
           "班级": klass, "入托日期": enrolled, "托育形式": "全日托", "月收费": 2800, "监护人姓名": "王建国",
           "监护人电话": "13812345678"}
    row.update(extra)
    return row
