"""The 操作日志 as a manager reads it: Chinese labels for every field, records by their names."""
from datetime import date

from sqlmodel import SQLModel, select

from tests.exchange.conftest import CLASSES, child_row, make_id
from tuoyu_desktop.services.audit_log import HIDDEN, LABELS, recent_entries
from tuoyu_desktop.services.forms import record_values, save_record
from tuoyu_desktop.store import models  # noqa: F401  (the tables)
from tuoyu_desktop.store.models import Measurement

TODAY = date(2026, 11, 25)
BOY = date(2025, 6, 10)


def test_every_stored_field_has_a_chinese_label_in_the_log():
    logged = [t for t in SQLModel.metadata.sorted_tables if t.name not in ("audit_log", "settings", "operations")]
    missing = {f"{t.name}.{c.name}" for t in logged for c in t.columns if c.name not in LABELS | dict.fromkeys(HIDDEN)}
    assert not missing


def test_an_edited_measurement_reads_with_labels_and_the_child_s_name(workspace, importer):
    importer("classes", CLASSES)
    importer("children", [child_row()])
    importer("measurements", [{"身份证号": make_id(BOY, 1), "测量日期": "2026-08-20", "身长身高": 76.5, "体重": 9.6,
                               "血红蛋白": 105}])
    with workspace.session() as s:
        m = s.exec(select(Measurement)).one()
        values = record_values(s, "measurements", m.id, workspace.profiles, TODAY)
        save_record(s, "measurements", {**values, "血红蛋白": "112"}, workspace.profiles, TODAY, m.id)
    with workspace.reading() as db:
        entries = recent_entries(db)
    edit = next(e for e in entries if e.action == "修改" and e.table == "体检测量")
    added = next(e for e in entries if e.action == "新增" and e.table == "体检测量")
    assert edit.summary == "王子涵" and "血红蛋白(g/L): 105 → 112" in edit.change
    assert "幼儿: 王子涵" in added.change and "体重(kg): 9.6" in added.change
    for e in entries:
        assert "hb_g_l" not in e.change and "child_id" not in e.change and "_id=" not in e.change


def test_the_newly_labelled_phones_are_masked_like_the_others():
    from tuoyu_desktop.services.audit_log import _describe, _Values

    text = _describe(_Values({}, {"guide_phone": "13812345678", "reporter_phone": "13987654321"}))
    assert "13812345678" not in text and "13987654321" not in text and "138****5678" in text
