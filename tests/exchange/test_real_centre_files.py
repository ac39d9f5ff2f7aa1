"""Files shaped like a real centre's (issue 15): what is true imports, what is wrong is refused."""
from datetime import date

import pytest
from sqlmodel import select

from tests.exchange.conftest import CLASSES, child_row, make_id
from tests.exchange.helpers import dump
from tuoyu_desktop.exchange.importer import ImportFailed
from tuoyu_desktop.services.children import roster, search_roster
from tuoyu_desktop.services.staff import search_staff, staff_rows
from tuoyu_desktop.store.models import (
    Agreement,
    BlacklistEntry,
    Certificate,
    Child,
    Staff,
    TrainingRecord,
    VoucherRedemption,
)

TODAY = date(2026, 11, 25)
WANG = make_id(date(1988, 5, 2), 2, "320411")
LI = make_id(date(1992, 9, 14), 4, "320411")
ZHAO = make_id(date(1979, 1, 30), 6, "320411")
STAFF = [{"姓名": "王秀英", "身份证号": WANG, "岗位": "保育人员", "所在班级": "托小一班", "入职日期": "2019-08-20"},
         {"姓名": "李𬌗", "身份证号": LI, "岗位": "保育人员", "所在班级": "托大一班", "入职日期": "2026-02-16"},
         {"姓名": "赵堃", "身份证号": ZHAO, "岗位": "负责人", "入职日期": "2015-07-01"}]


def refused(importer, db_path, kind, rows):
    before = dump(db_path)
    with pytest.raises(ImportFailed) as err:
        importer(kind, rows)
    assert dump(db_path) == before
    return [str(p) for p in err.value.problems]


@pytest.fixture
def staffed(importer):
    importer("classes", CLASSES)
    importer("staff", STAFF)


def stored(workspace, model):
    with workspace.session() as s:
        return s.exec(select(model)).all()


def test_yuyingyuan_certificate_with_level_four_imports(staffed, importer, workspace):
    assert importer("certificates", [{"身份证号": WANG, "证书类型": "育婴员", "等级": "四级", "证书编号": "YYY0001",
                                      "发证日期": "2019-06-01"}]).added == 1
    (cert,) = stored(workspace, Certificate)
    assert (cert.cert_type, cert.level) == ("育婴员", "四级")


@pytest.mark.parametrize("cert_type", ["育婴员", "保育师"])
def test_old_level_names_are_stored_as_the_one_level_they_mean(staffed, importer, workspace, cert_type):
    rows = [{"身份证号": WANG, "证书类型": cert_type, "等级": old, "证书编号": f"N{i}", "发证日期": "2012-06-01"}
            for i, old in enumerate(["初级", "中级", "高级", "技师", "高级技师", "四级/中级工"])]
    assert importer("certificates", rows).added == 6
    assert [c.level for c in stored(workspace, Certificate)] == ["五级", "四级", "三级", "二级", "一级", "四级"]


def test_a_level_written_on_another_certificate_type_is_kept(staffed, importer, workspace):
    importer("certificates", [{"身份证号": ZHAO, "证书类型": "教师资格证", "等级": "幼儿园", "证书编号": "2015320001",
                               "发证日期": "1996-07-01"}])
    assert [c.level for c in stored(workspace, Certificate)] == ["幼儿园"]


def test_a_caregiver_level_that_is_no_level_is_refused_with_its_standard(staffed, importer, db_path):
    assert refused(importer, db_path, "certificates", [{"身份证号": WANG, "证书类型": "育婴员", "等级": "六级"}]) == [
        "第2行 等级: “六级”不是育婴员的等级：应为五级…一级，或旧称初级…高级技师（保育师、育婴员国家职业技能标准）"]


def test_a_whole_course_of_40_or_120_hours_imports_as_one_record(staffed, importer, workspace):
    assert importer("training", [
        {"身份证号": WANG, "培训日期": "2026-05-30", "课程名称": "保育师继续教育", "类别": "专业", "课时": 40},
        {"身份证号": LI, "培训日期": "2026-02-10", "课程名称": "托育从业人员岗前培训", "类别": "专业", "课时": "120课时",
         "是否岗前培训": "是"},
        {"身份证号": LI, "培训日期": "2026-03-10", "课程名称": "全年职业道德", "类别": "职业道德", "课时": 200}]).added == 3
    assert sorted(t.hours for t in stored(workspace, TrainingRecord)) == [40, 120, 200]


def test_pre_service_training_from_before_2000_imports(staffed, importer, workspace):
    importer("training", [{"身份证号": ZHAO, "培训日期": "1998-07-15", "课程名称": "保育员岗前培训", "类别": "专业",
                           "课时": 80, "是否岗前培训": "是"}])
    assert [t.trained_on for t in stored(workspace, TrainingRecord)] == [date(1998, 7, 15)]


RARE = ["刘䶮", "王堃", "张𬌗", "李𠈌"]


def test_children_with_rare_character_names_import_and_the_roster_search_finds_them(importer, workspace):
    importer("classes", CLASSES)
    rows = [child_row(name, date(2024, 3, 1 + i), i + 1, "托大一班", 监护人姓名=f"{name[0]}𪚥") for i, name in enumerate(RARE)]
    assert importer("children", rows).added == 4
    assert sorted(c.name for c in stored(workspace, Child)) == sorted(RARE)
    with workspace.session() as s:
        rows = roster(s, TODAY)
    for name in RARE:
        assert [r.name for r in search_roster(rows, name[1])] == [name]
    assert len(search_roster(rows, "𪚥")) == 4  # every guardian's name has it
    assert [r.name for r in search_roster(rows, "张𬌗 托大")] == ["张𬌗"]


def test_staff_with_rare_character_names_import_and_the_staff_search_finds_them(staffed, workspace):
    with workspace.session() as s:
        rows = staff_rows(s, TODAY)
    assert [r.name for r in search_staff(rows, "𬌗")] == ["李𬌗"]
    assert [r.name for r in search_staff(rows, "堃")] == ["赵堃"]


@pytest.mark.parametrize("kind,row,field", [
    ("children", child_row("王子涵😀"), "姓名"),
    ("children", child_row(监护人姓名="王建国👨"), "监护人姓名"),
    ("staff", {**STAFF[0], "姓名": "王秀英🌸"}, "姓名"),
    ("vouchers", {"券号": "TN1", "幼儿姓名": "小明🎈", "身份证号": make_id(date(2025, 1, 5), 5), "兑换日期": "2026-10-12"},
     "幼儿姓名"),
    ("vouchers", {"券号": "TN1", "幼儿姓名": "小明", "监护人": "李华❤️", "身份证号": make_id(date(2025, 1, 5), 5),
                  "兑换日期": "2026-10-12"}, "监护人"),
    ("blacklist", {"姓名": "赵某😈", "身份证号": make_id(date(1980, 1, 1), 3)}, "姓名"),
])
def test_an_emoji_in_a_persons_name_is_refused_at_import(importer, db_path, kind, row, field):
    importer("classes", CLASSES)
    problems = refused(importer, db_path, kind, [row])
    assert len(problems) == 1 and problems[0].startswith(f"第2行 {field}: 姓名不能包含表情符号“"), problems


def test_an_emoji_in_a_class_name_is_refused_at_import(importer, db_path):
    assert refused(importer, db_path, "classes", [{**CLASSES[0], "班级名称": "⭐星星班"}]) == [
        "第2行 班级名称: 班级名称不能包含表情符号“⭐”（真实的班级名称里没有表情符号，月报PDF也无法打印）"]


def test_true_data_that_old_guesses_refused_now_imports(importer, workspace):
    """A child registered two months ahead, a fee, a long foreign name, a landline without area code,
    a hire before 1970, a blacklist dated by the commission tomorrow: none of these is wrong."""
    importer("classes", CLASSES)
    importer("children", [child_row("Alexander Maximilian Wang-Hohenzollern", date(2025, 3, 2), 3, "托小一班",
                                    入托日期="2027-01-04", 月收费="120000", 监护人电话="86661234",
                                    备注="长" * 600)])
    importer("staff", [{"姓名": "钱老师", "身份证号": make_id(date(1950, 2, 2), 8, "320411"), "岗位": "其他",
                        "入职日期": "1969-09-01"}])
    importer("blacklist", [{"姓名": "赵某", "身份证号": make_id(date(1980, 1, 1), 3), "日期": "2026-11-26"}])
    (child,) = stored(workspace, Child)
    assert (child.enrolled_on, child.monthly_fee_fen, child.guardian_phone) == (date(2027, 1, 4), 12000000, "86661234")
    assert stored(workspace, Staff)[0].hired_on == date(1969, 9, 1)
    assert len(stored(workspace, BlacklistEntry)) == 1


def test_a_real_centre_set_of_files_imports_without_a_single_refusal(importer, workspace):
    importer("centre", [{"机构名称": "茶山街道小星星托育中心", "统一社会信用代码": "91350100M000100Y43", "政策方案": "天宁区",
                         "联系电话": "0519-86661234转8001", "负责人": "赵堃"}])
    importer("classes", CLASSES)
    importer("children", [child_row("张𬌗", date(2024, 6, 3), 1, "托大一班", 监护人电话="+86 139 1234 5678"),
                          child_row("刘䶮", date(2025, 6, 10), 2, "托小一班")])
    importer("staff", STAFF)
    importer("certificates", [
        {"身份证号": WANG, "姓名": "王秀英", "证书类型": "育婴员", "等级": "四级", "证书编号": "YYY2019001",
         "发证机关": "江苏省人力资源和社会保障厅", "发证日期": "2019-06-01"},
        {"身份证号": LI, "姓名": "李𬌗", "证书类型": "育婴员", "等级": "中级", "证书编号": "YYY2011002",
         "发证日期": "2011-11-01"},
        {"身份证号": ZHAO, "证书类型": "保育师", "等级": "高级", "证书编号": "BYS2010001", "发证日期": "2010-05-01"},
        {"身份证号": ZHAO, "证书类型": "健康证", "证书编号": "JK2026-01", "发证日期": "2026-03-01"}])
    importer("training", [
        {"身份证号": WANG, "培训日期": "2026-05-30", "课程名称": "2026年保育人员继续教育", "类别": "专业", "课时": 40},
        {"身份证号": LI, "培训日期": "2026-02-10", "课程名称": "托育从业人员岗前培训", "类别": "专业", "课时": 120,
         "是否岗前培训": "是"},
        {"身份证号": WANG, "培训日期": "2026-09-12", "课程名称": "师德师风", "类别": "职业道德", "课时": 32}])
    importer("agreements", [
        {"医疗机构名称": "茶山社区卫生服务中心", "协议编号": "YY-2025", "签订日期": "2025-01-05", "生效日期": "2025-01-10",
         "到期日期": "2026-01-09", "健康指导员": "周海燕", "联系电话": "88102345"},
        {"医疗机构名称": "茶山社区卫生服务中心", "协议编号": "YY-2026", "签订日期": "2025-12-20", "生效日期": "2026-01-01",
         "到期日期": "2026-12-31"}])
    importer("vouchers", [{"券号": "TN2026000123", "幼儿姓名": "张𬌗", "身份证号": make_id(date(2024, 6, 3), 1),
                           "监护人": "张𠈌", "兑换日期": "2026-10-12"}])
    levels = {(c.cert_type, c.level) for c in stored(workspace, Certificate)}
    assert levels == {("育婴员", "四级"), ("保育师", "三级"), ("健康证", "")}
    assert sorted(t.hours for t in stored(workspace, TrainingRecord)) == [32, 40, 120]
    assert {c.name for c in stored(workspace, Child)} == {"张𬌗", "刘䶮"}
    assert len(stored(workspace, Agreement)) == 2 and len(stored(workspace, VoucherRedemption)) == 1
