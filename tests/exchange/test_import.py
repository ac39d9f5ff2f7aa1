"""Importing filled templates: every kind, updates by key, all or nothing, row and column named."""
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlmodel import select

from tests.exchange.conftest import CLASSES, TODAY, child_row, make_id
from tests.exchange.helpers import dump, filled
from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.exchange.importer import ImportFailed, import_file
from tuoyu_desktop.store.models import (
    Agreement,
    Certificate,
    Child,
    Placement,
    SchoolClass,
    Staff,
    TrainingRecord,
    Visit,
)

STAFF_ID = make_id(date(1990, 3, 8), 2, "320411")


def problems_of(excinfo) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


@pytest.fixture
def classes(importer):
    importer("classes", CLASSES)


def test_every_kind_of_record_can_be_imported_from_its_template(importer, workspace):
    assert importer("centre", [{"机构名称": "阳光托育园", "统一社会信用代码": "91350100M000100Y43",
                                "政策方案": "天宁区", "是否普惠机构": "是", "月租金": "12000"}]).added == 0
    assert importer("classes", CLASSES).added == 4
    assert importer("children", [child_row(), child_row("李欣怡", date(2024, 8, 1), 2, "托大一班")]).added == 2
    assert importer("blacklist", [{"姓名": "赵某", "身份证号": make_id(date(1980, 1, 1), 3), "原因": "虐童"}]).added == 1
    assert importer("staff", [{"姓名": "陆文静", "身份证号": STAFF_ID, "岗位": "保育人员", "所在班级": "托小一班",
                               "入职日期": "2024-03-01"}]).added == 1
    assert importer("certificates", [{"身份证号": STAFF_ID, "姓名": "陆文静", "证书类型": "健康证",
                                      "发证日期": "2026-03-01"}]).added == 1
    assert importer("training", [{"身份证号": STAFF_ID, "培训日期": "2026-03-15", "课程名称": "回应性照护",
                                  "类别": "专业", "课时": 8, "是否岗前培训": "否"}]).added == 1
    assert importer("agreements", [{"医疗机构名称": "茶山社区卫生服务中心", "协议编号": "YY-1", "签订日期": "2026-01-05",
                                    "生效日期": "2026-01-10", "到期日期": "2027-01-09"}]).added == 1
    assert importer("visits", [{"日期": "2026-10-20", "内容": "晨检指导"}]).added == 1
    assert importer("vouchers", [{"券号": "TN001", "幼儿姓名": "小明", "身份证号": make_id(date(2025, 1, 5), 5),
                                  "兑换日期": "2026-10-12"}]).added == 1
    with workspace.session() as s:
        cert = s.exec(select(Certificate)).one()
        assert cert.expires_on == date(2027, 3, 1)  # 健康证: a year after issue
        staff = s.exec(select(Staff)).one()
        assert staff.class_id == s.exec(select(SchoolClass).where(SchoolClass.name == "托小一班")).one().id
        assert s.exec(select(Visit)).one().agreement_id == s.exec(select(Agreement)).one().id
        assert len(s.exec(select(Placement)).all()) == 2
        assert s.exec(select(TrainingRecord)).one().hours == 8


def test_importing_the_same_file_twice_changes_nothing_the_second_time(classes, workspace, tmp_path, db_path):
    path = filled("children", [child_row(), child_row("李欣怡", date(2024, 8, 1), 2, "托大一班")], tmp_path / "c.xlsx")
    with workspace.session() as s:
        first = import_file(s, "children", path, workspace.profiles, TODAY)
    before = dump(db_path)
    with workspace.session() as s:
        second = import_file(s, "children", path, workspace.profiles, TODAY)
    assert (first.added, first.updated, first.unchanged) == (2, 0, 0)
    assert (second.added, second.updated, second.unchanged) == (0, 0, 2)
    assert second.summary == "幼儿：新增 0，更新 0，未变 2"
    assert dump(db_path) == before


def test_a_row_whose_id_number_exists_updates_that_child(classes, importer, workspace):
    importer("children", [child_row()])
    result = importer("children", [child_row(监护人电话="13900001111", 月收费=3000)])
    assert (result.added, result.updated) == (0, 1)
    with workspace.session() as s:
        child = s.exec(select(Child)).one()
        assert (child.guardian_phone, child.monthly_fee_fen) == ("13900001111", 300000)


def test_columns_are_found_by_header_text_in_any_order_with_extra_columns_and_stars(classes, workspace, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["备注（本园自用）", "班级 *", "入托日期", "托育形式*", "姓名*", "性别", "出生日期", "身份证号"])
    ws.append(["插班", "托小一班", "2026/9/1", "全日托", "  王子涵 ", "男", "2025年6月10日",
               make_id(date(2025, 6, 10), 1).replace("X", "Ｘ").replace("3", "３")])
    path = tmp_path / "自制花名册.xlsx"
    wb.save(path)
    with workspace.session() as s:
        result = import_file(s, "children", path, workspace.profiles, TODAY)
    assert result.added == 1
    assert any("忽略了不认识的列：备注（本园自用）" in n for n in result.notes)
    with workspace.session() as s:
        child = s.exec(select(Child)).one()
    assert child.name == "王子涵" and child.id_number == make_id(date(2025, 6, 10), 1)
    assert child.enrolled_on == date(2026, 9, 1)


@pytest.mark.parametrize("text", ["2026-09-01", "2026/9/1", "2026年9月1日", "20260901"])
def test_dates_are_read_in_every_common_form(classes, importer, workspace, text):
    importer("children", [child_row(入托日期=text)])
    with workspace.session() as s:
        assert s.exec(select(Child)).one().enrolled_on == date(2026, 9, 1)


def test_real_excel_dates_are_read(classes, importer, workspace):
    from datetime import datetime

    importer("children", [child_row(入托日期=datetime(2026, 9, 1))])
    with workspace.session() as s:
        assert s.exec(select(Child)).one().enrolled_on == date(2026, 9, 1)


def _refused(importer, kind, rows, db_path):
    before = dump(db_path)
    with pytest.raises(ImportFailed) as excinfo:
        importer(kind, rows)
    assert dump(db_path) == before  # nothing half-imported
    return problems_of(excinfo)


def test_a_bad_row_among_good_ones_imports_nothing_and_every_problem_is_listed(classes, importer, db_path):
    rows = [child_row(), child_row("李欣怡", date(2024, 8, 1), 2, "托大一班"),
            child_row("张三", 身份证号=make_id(date(2025, 6, 10), 3)[:17] + "0"), child_row("李四", seq=5, 班级="火星班")]
    problems = _refused(importer, "children", rows, db_path)
    assert problems == ["第4行 身份证号: 校验位应为" + make_id(date(2025, 6, 10), 3)[-1] + "（当前为0）",
                        "第5行 班级: 没有名为“火星班”的班级（请先新建或导入班级）"]


def test_birth_date_differing_from_the_id_number_is_refused(classes, importer, db_path):
    row = child_row(出生日期="2025-06-11")
    assert _refused(importer, "children", [row], db_path) == [
        "第2行 出生日期: 与身份证号不符（身份证号中为2025-06-10）"]


def test_sex_differing_from_the_id_number_is_refused(classes, importer, db_path):
    assert _refused(importer, "children", [child_row(性别="女")], db_path) == [
        "第2行 性别: 与身份证号不符（身份证号第17位表示男）"]


def test_child_under_six_months_on_enrolment_is_refused(classes, importer, db_path):
    row = child_row(birth=date(2026, 4, 1), klass="乳儿一班", enrolled="2026-09-30")
    problems = _refused(importer, "children", [row], db_path)
    assert problems == ["第2行 入托日期: 入托时未满6个月龄（实足5个月），不能入托（托育机构设置标准（试行））"]


def test_child_of_36_months_or_more_is_refused(classes, importer, db_path):
    row = child_row(birth=date(2023, 8, 31), klass="托大一班", enrolled="2026-08-31")
    problems = _refused(importer, "children", [row], db_path)
    assert problems == ["第2行 入托日期: 入托时已满36个月龄（实足36个月），应转入幼儿园，不能入托（托育机构设置标准（试行））"]


def test_child_too_old_for_the_class_band_is_refused_at_the_class_column(classes, importer, db_path):
    row = child_row(birth=date(2024, 1, 10), klass="乳儿一班")
    assert _refused(importer, "children", [row], db_path) == [
        "第2行 班级: 乳儿班收6–12个月幼儿，该幼儿实足31个月（托育机构设置标准（试行））"]


def test_unknown_choice_value_is_refused_with_the_allowed_values(classes, importer, db_path):
    assert _refused(importer, "children", [child_row(托育形式="寄宿")], db_path) == [
        "第2行 托育形式: “寄宿”不是可选值（可选：全日托、半日托、计时托、临时托）"]


def test_the_same_child_twice_in_one_file_is_refused(classes, importer, db_path):
    problems = _refused(importer, "children", [child_row(), child_row()], db_path)
    assert problems == ["第3行 身份证号: 与第2行重复（同一身份证号出现两次）"]


@pytest.mark.parametrize("fee,message", [(-100, "不能小于0元"), ("两千", "“两千”不是数字")])
def test_negative_or_non_numeric_fee_is_refused(classes, importer, db_path, fee, message):
    assert _refused(importer, "children", [child_row(月收费=fee)], db_path) == [f"第2行 月收费: {message}"]


def test_birth_date_in_the_future_is_refused(classes, importer, db_path):
    problems = _refused(importer, "children", [child_row(出生日期="2027-01-01", 身份证号="")], db_path)
    assert "第2行 出生日期: 2027-01-01是将来的日期（晚于今天2026-11-25；这里登记已经发生的事，如果电脑日期不对请先校正）" in problems


def test_a_full_class_refuses_the_rows_that_overfill_it(classes, importer, db_path):
    rows = [child_row(f"幼儿{i}", date(2025, 6, 10), i * 2 + 1) for i in range(4)]
    problems = _refused(importer, "children", rows, db_path)
    assert problems and all("托小一班在2026-09-01将有4人，超过核定人数3人" in p for p in problems)


def test_leave_date_before_enrolment_and_missing_reason_are_refused(classes, importer, db_path):
    problems = _refused(importer, "children", [child_row(离托日期="2026-08-01")], db_path)
    assert problems == ["第2行 离托日期: 早于入托日期", "第2行 离托原因: 填写了离托日期时必须填写离托原因"]


def test_missing_required_columns_are_named(importer, db_path, tmp_path, workspace):
    wb = Workbook()
    wb.active.append(["姓名", "性别", "班级"])
    wb.active.append(["王子涵", "男", "托小一班"])
    path = tmp_path / "缺列.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match="缺少必填列：出生日期、入托日期、托育形式"):
        with workspace.session() as s:
            import_file(s, "children", path, workspace.profiles, TODAY)


@pytest.mark.parametrize("name,content,message", [
    ("花名册.xlsx", b"this is plain text renamed", "不是有效的 .xlsx 文件"),
    ("花名册.xls", b"\xd0\xcf\x11\xe0 old excel", "不是 .xlsx 格式"),
    ("花名册.xlsm", b"PK\x03\x04", "带宏的工作簿"),
    ("花名册.xlsx", b"PK\x03\x04\x14\x00 truncated zip", "不是有效的 .xlsx 文件"),
])
def test_wrong_or_corrupt_files_are_refused_with_the_reason(workspace, tmp_path, db_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    before = dump(db_path)
    with pytest.raises(InputError, match=message):
        with workspace.session() as s:
            import_file(s, "children", path, workspace.profiles, TODAY)
    assert dump(db_path) == before


def test_cells_that_look_like_formulas_are_stored_as_text(classes, importer, workspace):
    importer("children", [child_row(监护人姓名="=HYPERLINK(\"http://x\")")])
    with workspace.session() as s:
        assert s.exec(select(Child)).one().guardian_name == "=HYPERLINK(\"http://x\")"


def test_empty_rows_merged_cells_and_a_total_row_are_handled(classes, workspace, tmp_path):
    path = filled("children", [child_row(), {}, {}, child_row("李欣怡", date(2024, 8, 1), 2, "托大一班"),
                               {"姓名": "合计"}], tmp_path / "c.xlsx")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws.merge_cells("P2:P3")
    wb.save(path)
    with workspace.session() as s:
        result = import_file(s, "children", path, workspace.profiles, TODAY)
    assert result.added == 2
    assert "第6行是“合计”行，已忽略" in result.notes
    assert "跳过了数据中间的2个空行" in result.notes


def test_staff_on_the_blacklist_cannot_be_hired(importer, db_path):
    importer("blacklist", [{"姓名": "赵某", "身份证号": STAFF_ID, "原因": "虐待婴幼儿，终身禁入", "发布单位": "市卫健委"}])
    problems = _refused(importer, "staff", [{"姓名": "赵某", "身份证号": STAFF_ID, "岗位": "保育人员",
                                              "入职日期": "2026-03-01"}], db_path)
    assert problems == ["第2行 身份证号: 此人在从业禁止黑名单中，不能聘用（原因：虐待婴幼儿，终身禁入，发布单位：市卫健委）"]


def test_certificates_and_training_need_a_known_staff_member(importer, db_path):
    problems = _refused(importer, "training", [{"身份证号": STAFF_ID, "培训日期": "2026-03-15", "课程名称": "急救",
                                                 "类别": "专业", "课时": 4}], db_path)
    assert problems == ["第2行 身份证号: 没有身份证号为320411********" + STAFF_ID[-4:] + "的员工（请先录入或导入从业人员）"]


@pytest.fixture
def staff(importer):
    importer("staff", [{"姓名": "陆文静", "身份证号": STAFF_ID, "岗位": "保育人员", "入职日期": "2024-03-01"}])


@pytest.mark.parametrize("hours,message", [
    (-2, "不能小于0课时"), (0, "应大于0"), ("八", "“八”不是数字"),
    (200.5, "不能大于200课时（培训记录规则：每条记录最多200课时；一门课程按证书所写整门登记，超过200课时的请分成几条记录）"),
    (1.3, "课时按0.5递增，如1、1.5、2（培训记录规则）")])
def test_bad_training_hours_are_refused(staff, importer, db_path, hours, message):
    problems = _refused(importer, "training", [{"身份证号": STAFF_ID, "培训日期": "2026-03-15", "课程名称": "急救",
                                                 "类别": "专业", "课时": hours}], db_path)
    assert problems == [f"第2行 课时: {message}"]


@pytest.mark.parametrize("day,message", [("1899-12-31", "早于1900年，不可能是真实日期"), ("2026-12-01", "是将来的日期")])
def test_training_before_1900_or_in_the_future_is_refused(staff, importer, db_path, day, message):
    problems = _refused(importer, "training", [{"身份证号": STAFF_ID, "培训日期": day, "课程名称": "急救",
                                                 "类别": "职业道德", "课时": 4}], db_path)
    assert len(problems) == 1 and problems[0].startswith("第2行 培训日期: ") and message in problems[0]


def test_certificate_expiring_before_its_issue_is_refused(staff, importer, db_path):
    problems = _refused(importer, "certificates", [{"身份证号": STAFF_ID, "证书类型": "保育师", "等级": "四级",
                                                     "发证日期": "2025-06-01", "有效期至": "2025-05-01"}], db_path)
    assert problems == ["第2行 有效期至: 早于发证日期"]


def test_a_renewed_agreement_overlapping_the_old_one_imports(importer, workspace):
    importer("agreements", [{"医疗机构名称": "甲中心", "协议编号": "A1", "签订日期": "2025-01-01",
                             "生效日期": "2025-01-01", "到期日期": "2025-12-31"}])
    assert importer("agreements", [{"医疗机构名称": "甲中心", "协议编号": "A2", "签订日期": "2025-11-20",
                                    "生效日期": "2025-12-01", "到期日期": "2026-11-30"},
                                   {"医疗机构名称": "乙妇幼保健院", "协议编号": "B1", "签订日期": "2025-06-01",
                                    "生效日期": "2025-06-01", "到期日期": "2026-05-31"}]).added == 2
    with workspace.session() as s:
        assert len(s.exec(select(Agreement)).all()) == 3


def _voucher(serial, seq=5, day="2026-10-12", **extra):
    row = {"券号": serial, "幼儿姓名": "小明", "身份证号": make_id(date(2025, 1, 5), seq), "兑换日期": day}
    row.update(extra)
    return row


def test_a_sixth_voucher_for_the_same_child_is_refused(importer, db_path):
    importer("centre", [{"机构名称": "阳光托育园", "统一社会信用代码": "91350100M000100Y43", "政策方案": "天宁区"}])
    importer("vouchers", [_voucher(f"TN00{i}", day=f"2026-10-1{i}") for i in range(1, 5)])
    problems = _refused(importer, "vouchers", [_voucher("TN005", day="2026-10-20"),
                                               _voucher("TN006", day="2026-10-21")], db_path)
    assert problems == ["第3行 身份证号: 小明累计已使用5次，再兑换1次将超过每名幼儿最多5次（天宁区政策方案）"]


def test_a_used_voucher_serial_is_refused_saying_when_and_for_whom(importer, db_path):
    importer("vouchers", [_voucher("TN001")])
    problems = _refused(importer, "vouchers", [_voucher("TN001", seq=7, 幼儿姓名="小红")], db_path)
    assert problems == ["第2行 券号: 券号TN001已于2026-10-12为小明（320402********" + make_id(date(2025, 1, 5), 5)[-4:]
                        + "）使用过，每张券只能用一次"]


def test_voucher_for_a_child_of_36_months_or_more_is_refused(importer, db_path):
    problems = _refused(importer, "vouchers", [_voucher("TN009", 身份证号=make_id(date(2023, 1, 1), 3))], db_path)
    assert problems == ["第2行 身份证号: 兑换时幼儿实足45个月，不在体验券适用月龄（0–36个月）内（通用政策方案）"]


def test_the_problem_report_marks_the_bad_cells(classes, importer, workspace, tmp_path):
    from tuoyu_desktop.exchange.problem_report import write_problem_report

    with pytest.raises(ImportFailed) as excinfo:
        importer("children", [child_row(), child_row("李四", seq=3, 班级="火星班", 监护人姓名="=1+1")])
    report = load_workbook(write_problem_report(excinfo.value, tmp_path / "问题.xlsx"))
    listing = [[c.value for c in row] for row in report["问题清单"].iter_rows(min_row=2)]
    assert listing == [[3, "李四", "班级", "没有名为“火星班”的班级（请先新建或导入班级）"]]
    data = report["幼儿"]
    headers = [c.value for c in data[1]]
    bad = data.cell(3, headers.index("班级") + 1)
    assert bad.value == "火星班" and bad.fill.fgColor.rgb.endswith("F8CBAD") and "火星班" in bad.comment.text
    formula_like = data.cell(3, headers.index("监护人姓名") + 1)
    assert formula_like.value == "=1+1" and formula_like.data_type == "s"


def test_cli_import_reports_problems_on_stderr_with_exit_code_2(tmp_path):
    from tests.conftest import run_cli

    db = tmp_path / "t.sqlite3"
    classes = filled("classes", CLASSES, tmp_path / "classes.xlsx")
    assert run_cli("--db", str(db), "import", "classes", str(classes)).returncode == 0
    children = filled("children", [child_row(), child_row("李四", seq=3, 班级="火星班")], tmp_path / "children.xlsx")
    before = dump(db)
    result = run_cli("--db", str(db), "import", "children", str(children), "--problems", str(tmp_path / "p.xlsx"))
    assert result.returncode == 2
    assert "第3行 班级: 没有名为“火星班”的班级" in result.stderr and "没有导入任何数据" in result.stderr
    assert (tmp_path / "p.xlsx").exists()
    assert dump(db) == before
    ok = filled("children", [child_row()], tmp_path / "ok.xlsx")
    result = run_cli("--db", str(db), "import", "children", str(ok))
    assert result.returncode == 0 and "新增 1，更新 0，未变 0" in result.stdout


def test_a_file_without_an_optional_column_leaves_that_stored_value_alone(classes, importer, workspace, tmp_path):
    importer("children", [child_row(备注="对花生过敏")])
    row = {**child_row(), "月收费": 3100}
    del row["监护人电话"]
    wb = Workbook()
    wb.active.append(list(row))
    wb.active.append(list(row.values()))
    wb.save(tmp_path / "部分列.xlsx")
    with workspace.session() as s:
        assert import_file(s, "children", tmp_path / "部分列.xlsx", workspace.profiles, TODAY).updated == 1
    with workspace.session() as s:
        child = s.exec(select(Child)).one()
    assert (child.guardian_phone, child.notes, child.monthly_fee_fen) == ("13812345678", "对花生过敏", 310000)
