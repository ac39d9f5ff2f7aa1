import pytest
from openpyxl import load_workbook

from tuoyu_desktop.exchange.templates import write_template

SPEC_COLUMNS = {  # SPEC §4, header text exactly as written; * marks required
    "centre": "机构名称*, 统一社会信用代码*, 备案编号, 所属区县, 所属镇街, 机构性质, 是否普惠机构, 机构等级, 政策方案, 负责人, 联系电话, 地址, 月租金",
    "classes": "班级名称*, 班型*, 核定人数*, 是否普惠*, 开班日期, 停班日期",
    "children": "姓名*, 性别*, 出生日期*, 身份证号, 班级*, 入托日期*, 托育形式*, 月收费, 是否普惠, 困境类别, 监护人姓名, 监护人电话, 入托体检日期, 接种证查验日期, 离托日期, 离托原因",
    "staff": "姓名*, 性别, 身份证号*, 岗位*, 所在班级, 入职日期*, 离职日期, 联系电话, 学历",
    "certificates": "身份证号*, 姓名, 证书类型*, 等级, 证书编号, 发证机关, 发证日期, 有效期至",
    "training": "身份证号*, 姓名, 培训日期*, 课程名称*, 类别*, 课时*, 是否岗前培训, 培训机构, 证书编号",
    "agreements": "医疗机构名称*, 协议编号, 签订日期*, 生效日期*, 到期日期*, 健康指导员, 联系电话",
    "visits": "日期*, 指导人员, 内容*, 发现问题",
    "vouchers": "券号*, 幼儿姓名*, 身份证号*, 监护人, 联系电话, 兑换日期*, 天数",
    "blacklist": "姓名, 身份证号*, 原因, 发布单位, 日期",
}


@pytest.mark.parametrize("kind", sorted(SPEC_COLUMNS))
def test_template_has_every_spec_column_with_required_ones_marked(kind, tmp_path):
    path = write_template(kind, tmp_path / f"{kind}.xlsx")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    spec = [h.strip() for h in SPEC_COLUMNS[kind].split(",")]
    for h in spec:
        name = h.rstrip("*")
        assert name in headers, name
        cell = ws.cell(1, headers.index(name) + 1)
        assert cell.comment.text.startswith("必填" if h.endswith("*") else "选填"), name
    assert ws.freeze_panes == "A2"
    explained = [r[0].value for r in wb["说明"].iter_rows(min_row=6)]
    assert all(h in explained for h in headers)


def test_children_template_offers_drop_downs_for_fixed_choices(tmp_path):
    ws = load_workbook(write_template("children", tmp_path / "c.xlsx")).worksheets[0]
    lists = {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    headers = {c.value: c.column_letter for c in ws[1]}
    assert lists[headers["性别"]] == '"男,女"'
    assert "全日托" in lists[headers["托育形式"]] and "临时托" in lists[headers["托育形式"]]
    assert lists[headers["是否普惠"]] == '"是,否"'
    assert ws.column_dimensions[headers["身份证号"]].number_format == "@"
    assert ws.column_dimensions[headers["出生日期"]].number_format == "yyyy-mm-dd"


def test_template_command_writes_a_file(tmp_path):
    from tests.conftest import run_cli

    out = tmp_path / "模板 文件夹" / "staff.xlsx"
    out.parent.mkdir()  # an output folder must exist (test_cli_outputs: a missing one is refused)
    result = run_cli("template", "staff", str(out))
    assert result.returncode == 0, result.stderr
    assert out.exists()
    bad = run_cli("template", "pets", str(tmp_path / "x.xlsx"))
    assert bad.returncode == 2 and "没有“pets”这类数据" in bad.stderr


def test_certificate_template_offers_levels_but_lets_an_old_level_be_typed(tmp_path):
    wb = load_workbook(write_template("certificates", tmp_path / "z.xlsx"))
    ws = wb.worksheets[0]
    headers = {c.value: c.column_letter for c in ws[1]}
    (level,) = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith(headers["等级"])]
    assert level.formula1 == '"五级,四级,三级,二级,一级"' and not level.showErrorMessage
    (strict,) = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith(headers["证书类型"])]
    assert strict.showErrorMessage
    note = ws[f"{headers['等级']}1"].comment.text
    assert "育婴员" in note and "初级=五级" in note and "常用：五级" in note


def test_training_template_says_a_whole_course_of_up_to_200_hours_is_one_record(tmp_path):
    wb = load_workbook(write_template("training", tmp_path / "t.xlsx"))
    notes = {r[0].value: r[2].value for r in wb["说明"].iter_rows(min_row=6)}
    assert "每条最多200" in notes["课时"] and "岗前培训120课时" in notes["课时"]
