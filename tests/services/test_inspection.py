"""检查备查 (SPEC §12): the inspector's month as one workbook (a sheet per register, a row per record,
figures as numbers) and one PDF (cover, contents, a section per register on its own page)."""
import sqlite3
from datetime import date, datetime

import pytest

from tests.conftest import DEMO_TODAY
from tests.exchange.conftest import CLASSES, child_row, make_id
from tests.pdf import pdf_pages
from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.exchange.inspection_workbook import write_inspection_xlsx
from tuoyu_desktop.reports.inspection_pdf import write_inspection_pdf
from tuoyu_desktop.services.inspection import inspection_pack
from tuoyu_desktop.services.operations import Operations

TODAY = date(2026, 11, 25)
KID = make_id(date(2024, 8, 1), 1)
NOV = (date(2026, 11, 1), date(2026, 11, 30))
SHEETS = ("幼儿出勤", "晨午检", "传染病", "带量食谱", "食品留样", "消毒记录", "伤害登记", "带药与喂药", "消防安全")


def sheet_rows(path):
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return {ws.title: [r for r in ws.iter_rows(min_row=2, values_only=True)] for ws in wb}


def test_an_inspector_gets_every_record_of_the_month_once_and_nothing_of_another_month(demo, tmp_path):
    """The demo centre's November, counted against the tables themselves."""
    pack = Operations(demo, today=lambda: DEMO_TODAY).look(inspection_pack, *NOV)
    path = write_inspection_xlsx(pack, tmp_path / "备查.xlsx")
    sheets = sheet_rows(path)
    assert tuple(sheets) == SHEETS
    con = sqlite3.connect(demo.db_path)

    def count(sql):
        return con.execute(sql, ("2026-11-01", "2026-11-30 23:59:59.999999")).fetchone()[0]

    expected = {
        "幼儿出勤": count("SELECT COUNT(*) FROM attendance_marks WHERE day BETWEEN ? AND ?"),
        "晨午检": count("SELECT COUNT(*) FROM health_checks WHERE day BETWEEN ? AND ?"),
        "带量食谱": count("SELECT COUNT(*) FROM menu_items WHERE day BETWEEN ? AND ?"),
        "食品留样": count("SELECT COUNT(*) FROM food_samples WHERE day BETWEEN ? AND ?"),
        "消毒记录": count("SELECT COUNT(*) FROM disinfections WHERE day BETWEEN ? AND ?"),
        "伤害登记": count("SELECT COUNT(*) FROM injuries WHERE happened_at BETWEEN ? AND ?"),
        "带药与喂药": count("SELECT COUNT(*) FROM medication_orders WHERE start_on <= substr(?2, 1, 10) AND end_on >= ?1")
        + count("SELECT COUNT(*) FROM medication_doses WHERE given_at BETWEEN ? AND ?"),
        "消防安全": count("SELECT COUNT(*) FROM fire_checks WHERE done_at BETWEEN ? AND ?")
        + count("SELECT COUNT(*) FROM hazards WHERE found_on BETWEEN ? AND ?"),
    }
    assert expected["幼儿出勤"] > 300 and expected["消毒记录"] > 10 and expected["消防安全"] > 10
    for title, n in expected.items():
        assert len(sheets[title]) == n, title
    assert len(set(sheets["幼儿出勤"])) == len(sheets["幼儿出勤"])  # no record twice
    days = {r[0].date() for r in sheets["幼儿出勤"]}
    assert min(days) >= NOV[0] and max(days) <= NOV[1]
    assert pack.records == sum(expected.values()) + len(sheets["传染病"])


def test_figures_are_number_cells_and_days_are_date_cells(demo, tmp_path):
    pack = Operations(demo, today=lambda: DEMO_TODAY).look(inspection_pack, *NOV)
    sheets = sheet_rows(write_inspection_xlsx(pack, tmp_path / "备查.xlsx"))
    temperature = next(r[4] for r in sheets["晨午检"] if r[4] is not None)
    assert isinstance(temperature, float) and 35 < temperature < 42
    assert all(isinstance(r[4], (int, float)) for r in sheets["带量食谱"])
    assert all(isinstance(r[3], (int, float)) for r in sheets["食品留样"])
    assert all(isinstance(r[0], datetime) for r in sheets["消毒记录"])


@pytest.fixture
def ops(importer, workspace):
    importer("classes", CLASSES[2:])
    importer("children", [child_row("幼儿0", date(2024, 8, 1), 1, "托大一班")])
    return Operations(workspace, today=lambda: TODAY)


def test_an_imported_month_is_in_the_pack_once_and_what_came_before_is_said_not_repeated(ops, importer, tmp_path):
    importer("attendance", [{"身份证号": KID, "日期": d, "出勤": "是"} for d in ("2026-10-30", "2026-11-02", "2026-11-03")])
    importer("disinfection", [{"日期": d, "班级": "托大一班", "消毒项目": "餐桌、水杯", "方法和浓度": "含氯消毒剂 500 mg/L",
                               "执行人": "王芳"} for d in ("2026-10-30", "2026-11-02", "2026-11-03")])
    importer("injuries", [{"身份证号": KID, "发生时间": "2026-11-03 10:20", "地点": "活动室", "经过": "绊倒", "伤害类型": "跌倒/坠落",
                           "部位": "额头", "程度": "轻", "处理": "园内处理", "记录人": "王芳"}])
    importer("medication", [{"身份证号": KID, "药名": "布洛芬混悬液", "剂量": "5 ml", "服药时间": "10:00", "开始日期": "2026-11-02",
                             "结束日期": "2026-11-03", "委托人": "王磊", "家长已签字": "是"}])
    importer("doses", [{"身份证号": KID, "药名": "布洛芬混悬液", "时间": "2026-11-02 10:05", "结果": "已服", "喂药人": "王芳",
                        "核对人": "孙红梅"}])
    importer("firechecks", [{"类型": "演练", "时间": "2026-04-28 10:00", "执行人": "沈丽华", "参加人数": 40, "用时": 3},
                            {"类型": "巡查", "时间": "2026-11-02 08:30", "执行人": "陈国强"},
                            {"类型": "检查", "时间": "2026-11-03 10:00", "执行人": "沈丽华"}])
    importer("hazards", [{"发现日期": "2026-10-20", "发现于": "巡查", "隐患": "灭火器过期", "整改期限": "2026-10-25"},
                         {"发现日期": "2026-11-02", "发现于": "巡查", "隐患": "二楼疏散通道堆放杂物", "整改期限": "2026-11-05"}])
    pack = ops.look(inspection_pack, *NOV)
    counts = {s.title: len(s.rows) for s in pack.sections}
    assert counts == {"幼儿出勤": 2, "晨午检": 0, "传染病": 0, "带量食谱": 0, "食品留样": 0, "消毒记录": 2, "伤害登记": 1,
                      "带药与喂药": 2, "消防安全": 3}
    sheets = sheet_rows(write_inspection_xlsx(pack, tmp_path / "p.xlsx"))
    assert {t: len(r) for t, r in sheets.items()} == counts
    assert [r[0] for r in sheets["带药与喂药"]] == ["委托", "喂药"]
    assert [r[0] for r in sheets["消防安全"]] == ["巡查", "隐患", "检查"]
    fire = pack.section("fire").note
    assert "其中1项到2026-11-30尚未整改" in fire
    assert "期初尚未整改的隐患：2026-10-20 灭火器过期（整改期限2026-10-25，尚未整改）" in fire
    assert "本期没有疏散演练；最近一次在2026-04-28" in fire
    assert "1起未登记家长告知时间" in pack.section("injuries").note
    sheets_oct = {s.title: len(s.rows) for s in ops.look(inspection_pack, date(2026, 10, 1), date(2026, 10, 31)).sections}
    assert sheets_oct["幼儿出勤"] == 1 and sheets_oct["消毒记录"] == 1 and sheets_oct["消防安全"] == 1  # the 隐患 of 10-20


def test_a_range_backwards_or_of_years_is_refused_with_its_reason(ops):
    with pytest.raises(InputError, match="结束日期2026-10-01早于开始日期2026-11-01"):
        ops.look(inspection_pack, date(2026, 11, 1), date(2026, 10, 1))
    with pytest.raises(InputError, match="一次最多400天"):
        ops.look(inspection_pack, date(2024, 1, 1), date(2026, 1, 1))


def test_the_pdf_has_a_cover_contents_with_pages_and_each_register_from_a_page_of_its_own(demo, tmp_path):
    pack = Operations(demo, today=lambda: DEMO_TODAY).look(inspection_pack, date(2026, 11, 10), date(2026, 11, 20))
    path = write_inspection_pdf(pack, tmp_path / "备查.pdf", DEMO_TODAY)

    pages = pdf_pages(path, layout=True)

    def page(n):
        return pages[n - 1]

    cover, contents = page(1), page(2)
    assert "检查备查资料" in cover and "园长（签字）" in cover and "单位盖章" in cover
    assert "2026年11月10日 至 2026年11月20日" in cover
    starts = {}
    for i, title in enumerate(["幼儿出勤", "晨午检", "传染病", "带量食谱", "食品留样", "消毒记录", "伤害登记", "带药与喂药", "消防安全"]):
        line = next(ln for ln in contents.splitlines() if title in ln)
        starts[title] = int(line.split("第")[-1].split("页")[0])
        head = page(starts[title]).strip().splitlines()[0].strip()
        assert head == f"{'一二三四五六七八九'[i]}、{title}", (title, head)
    assert list(starts.values()) == sorted(starts.values()) and len(set(starts.values())) == 9
    assert starts["幼儿出勤"] == 3
    grids = page(3)
    assert "2026年11月10日—2026年11月20日" in grids and "出勤人数" in grids
