"""The import kind `measurements` (SPEC §9): all or nothing, each problem as 第N行 列名: 原因."""
from datetime import date

import pytest
from sqlmodel import select

from tests.exchange.conftest import CLASSES, child_row, make_id
from tests.exchange.helpers import dump
from tuoyu_desktop.exchange.importer import ImportFailed
from tuoyu_desktop.store.models import Measurement

BIRTH_SMALL, BIRTH_BIG = date(2025, 6, 10), date(2024, 3, 5)  # 17 and 32 months on 2026-11-20


@pytest.fixture
def children(importer):
    importer("classes", CLASSES)
    importer("children", [child_row(), child_row("李欣怡", BIRTH_BIG, 2, "托大一班")])


def row(birth=BIRTH_SMALL, seq=1, **kw):
    values = {"身份证号": make_id(birth, seq), "测量日期": "2026-11-20", "身长身高": 80.5, "体重": 10.4, "头围": 46.5,
              "血红蛋白": 118, "听力筛查": "通过", "检查机构": "茶山社区卫生服务中心"}
    values.update(kw)
    return values


def test_a_measuring_day_from_the_health_centre_imports_and_again_changes_nothing(children, importer, workspace):
    rows = [row(), row(BIRTH_BIG, 2, 身长身高=93.2, 体重=13.1, 血红蛋白=None, 听力筛查=None)]
    first = importer("measurements", rows)
    assert (first.added, first.updated) == (2, 0)
    with workspace.session() as s:
        stored = {m.length_cm: m for m in s.exec(select(Measurement))}
        assert stored[80.5].position == "身长" and stored[80.5].hb_g_l == 118 and stored[80.5].hearing == "通过"
        assert stored[93.2].position == "身高" and stored[93.2].hb_g_l is None and stored[93.2].weight_kg == 13.1
    again = importer("measurements", rows)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)


def test_a_wrong_number_refuses_the_whole_file_and_names_row_and_column(children, importer, db_path):
    before = dump(db_path)
    rows = [row(), row(BIRTH_BIG, 2, 身长身高=130, 体重=1.5, 血红蛋白=230, 测量日期="2026-12-01")]
    with pytest.raises(ImportFailed) as err:
        importer("measurements", rows)
    problems = [str(p) for p in err.value.problems]
    assert dump(db_path) == before
    assert any(p.startswith("第3行 身长身高: 130") and "45–120" in p for p in problems)
    assert any(p.startswith("第3行 体重: 1.5") and "2.0–30.0" in p for p in problems)
    assert any(p.startswith("第3行 血红蛋白: 230") for p in problems)
    assert any(p.startswith("第3行 测量日期: 2026-12-01晚于今天") for p in problems)
    assert not any(p.startswith("第2行") for p in problems)


def test_a_date_before_birth_and_an_unknown_child_are_refused(children, importer):
    with pytest.raises(ImportFailed) as err:
        importer("measurements", [row(测量日期="2025-01-01"), row(date(2025, 1, 1), 9)])
    problems = [str(p) for p in err.value.problems]
    assert any(p.startswith("第2行 测量日期: 2025-01-01早于出生日期2025-06-10") for p in problems)
    assert any(p.startswith("第3行 身份证号: 没有身份证号为") and "幼儿" in p for p in problems)


def test_a_standing_height_under_two_names_the_fix(children, importer):
    with pytest.raises(ImportFailed) as err:
        importer("measurements", [row(测量方式="身高")])
    (problem,) = [str(p) for p in err.value.problems]
    assert problem.startswith("第2行 身长身高: 17月龄（不满24个月）应测卧位身长")
    assert "改为“身长”" in problem and "80.5" in problem and "81.2" in problem


def test_a_required_measure_missing_is_said_once(children, importer):
    with pytest.raises(ImportFailed) as err:
        importer("measurements", [row(体重=None)])
    assert [str(p) for p in err.value.problems] == ["第2行 体重: 必填"]


def test_a_problem_row_names_the_child_its_id_number_belongs_to(children, importer):
    """The health centre's file has only 身份证号; the manager must not look each one up."""
    with pytest.raises(ImportFailed) as err:
        importer("measurements", [row(), row(BIRTH_BIG, 2, 体重=1.5), row(date(2025, 1, 1), 9)])
    named = [(p.row, err.value.who(p), p.field) for p in err.value.problems]
    assert (3, "李欣怡", "体重") in named and (4, "", "身份证号") in named, named  # 4: nobody to name
    assert {row for row, _, _ in named} == {3, 4}
