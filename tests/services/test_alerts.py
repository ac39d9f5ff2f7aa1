"""`alerts` on a given date: who is named and who is not."""
from datetime import date

import pytest

from tests.exchange.conftest import make_id
from tuoyu_desktop.services.alerts import collect_alerts

DAY = date(2026, 11, 25)
A = make_id(date(1990, 3, 8), 2, "320411")
B = make_id(date(1991, 4, 9), 4, "320411")
C = make_id(date(1985, 1, 1), 6, "320411")
GONE = make_id(date(1988, 2, 2), 8, "320411")


@pytest.fixture
def lines(importer, workspace):
    importer("staff", [
        {"姓名": "陆文静", "身份证号": A, "岗位": "保育人员", "入职日期": "2024-03-01"},
        {"姓名": "周海燕", "身份证号": B, "岗位": "保育人员", "入职日期": "2026-03-15"},
        {"姓名": "沈丽华", "身份证号": C, "岗位": "负责人", "入职日期": "2020-01-01"},
        {"姓名": "已离职", "身份证号": GONE, "岗位": "保育人员", "入职日期": "2020-01-01", "离职日期": "2026-06-30"},
    ])
    importer("certificates", [
        {"身份证号": A, "证书类型": "保育师", "等级": "四级", "发证日期": "2023-06-01"},
        {"身份证号": A, "证书类型": "健康证", "发证日期": "2025-12-10"},  # expires 2026-12-10: within 30 days
        {"身份证号": B, "证书类型": "健康证", "发证日期": "2025-03-01"},  # replaced by the next one
        {"身份证号": B, "证书类型": "健康证", "发证日期": "2026-03-01"},
        {"身份证号": C, "证书类型": "健康证", "发证日期": "2025-11-01"},  # expired 2026-11-01
        {"身份证号": GONE, "证书类型": "健康证", "发证日期": "2025-01-01"},  # expired, but she left
    ])
    rows = [{"身份证号": A, "培训日期": f"2026-{m:02d}-10", "课程名称": f"课程{m}", "类别": "专业", "课时": 8}
            for m in range(1, 9)]
    rows += [{"身份证号": A, "培训日期": f"2026-{m:02d}-12", "课程名称": f"师德{m}", "类别": "职业道德", "课时": 4}
             for m in range(1, 9)]
    rows += [{"身份证号": B, "培训日期": f"2026-04-{d:02d}", "课程名称": "急救", "类别": "专业", "课时": 8}
             for d in range(10, 15)]
    rows += [{"身份证号": B, "培训日期": "2026-04-20", "课程名称": "师德", "类别": "职业道德", "课时": 24}]
    importer("training", rows)
    with workspace.session() as s:
        return [a.line() for a in collect_alerts(s, workspace.profiles, DAY)]


def test_a_certificate_expiring_within_30_days_is_named_with_its_date(lines):
    assert "【证书】陆文静 健康证将于2026-12-10到期（还有15天）" in lines


def test_an_expired_certificate_is_named(lines):
    assert "【证书】沈丽华 健康证已于2026-11-01过期" in lines


def test_a_replaced_certificate_and_staff_who_left_are_not_named(lines):
    assert not any("周海燕 健康证" in line for line in lines)
    assert not any("已离职" in line for line in lines)


def test_a_caregiver_without_a_valid_certificate_is_named(lines):
    assert "【持证】周海燕（保育人员）没有有效的保育师或育婴员证书，按未持证统计" in lines
    assert not any(line.startswith("【持证】陆文静") for line in lines)


def test_staff_behind_their_training_target_are_named_with_hours_done_and_needed(lines):
    assert "【培训】沈丽华 2026年培训未达标：专业0/64课时，职业道德0/32课时" in lines
    # hired 15 March: 9 full months → 48 + 24 课时
    assert "【培训】周海燕 2026年培训未达标：专业40/48课时" in lines
    assert not any(line.startswith("【培训】陆文静") for line in lines)  # 64 + 32 done


def test_no_agreement_is_an_alert(lines):
    assert "【医育结合】2026-11-25没有有效的医育结合服务协议（应与辖区医疗卫生机构签订，各地方案要求托育机构全部签约）" in lines
