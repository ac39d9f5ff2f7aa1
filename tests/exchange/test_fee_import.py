"""SPEC §11 import kind `fees`: the schedule from Excel, all or nothing; refusals with the rule."""
import pytest
from sqlmodel import select

from tuoyu_desktop.exchange.importer import ImportFailed
from tuoyu_desktop.store.models import FeeItem

ROWS = [
    {"类别": "保育费", "名称": "保育费", "适用托育形式": "全日托", "适用": "普惠", "计费方式": "每月", "单价": "2600",
     "生效日期": "2026-01-01", "停用日期": "2026-08-31"},
    {"类别": "保育费", "名称": "保育费", "适用托育形式": "全日托", "适用": "普惠", "计费方式": "每月", "单价": "2800.5",
     "生效日期": "2026-09-01"},
    {"类别": "伙食费", "名称": "伙食费", "适用托育形式": "全部", "计费方式": "每个开园日", "单价": "18.50",
     "生效日期": "2026-01-01"},
]


def test_the_fee_schedule_is_imported_in_fen_and_imported_again_unchanged(importer, workspace):
    result = importer("fees", ROWS)
    assert result.added == 3
    with workspace.session() as s:
        items = {(f.category, f.starts_on.isoformat()): f for f in s.exec(select(FeeItem)).all()}
        assert {k: f.price_fen for k, f in items.items()} == {("保育费", "2026-01-01"): 260000,
                                                              ("保育费", "2026-09-01"): 280050,
                                                              ("伙食费", "2026-01-01"): 1850}
        assert items[("伙食费", "2026-01-01")].applies_to == "全部"
        assert items[("保育费", "2026-01-01")].ends_on.isoformat() == "2026-08-31"
    again = importer("fees", ROWS)
    assert again.added == 0 and again.unchanged == 3


def test_a_negative_price_an_end_before_the_start_and_a_third_decimal_are_refused_and_nothing_is_stored(
        importer, workspace):
    bad = [{**ROWS[0], "单价": "-10"}, {**ROWS[1], "停用日期": "2026-08-01"}, {**ROWS[2], "单价": "18.505"}]
    with pytest.raises(ImportFailed) as failed:
        importer("fees", bad)
    text = "\n".join(failed.value.report_lines())
    assert "第2行 单价: 不能为负数" in text and "第3行 停用日期: 早于生效日期" in text and "第4行 单价: 最多2位小数" in text
    with workspace.session() as s:
        assert s.exec(select(FeeItem)).all() == []
