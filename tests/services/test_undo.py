"""撤销: the last named operation taken back, the database as it was before it, table by table."""
from datetime import date

import pytest

from tests.exchange.conftest import CLASSES, TODAY, child_row
from tests.exchange.helpers import dump, filled
from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.exchange.importer import import_file
from tuoyu_desktop.services import forms, history
from tuoyu_desktop.services.operations import Operations

LOGS = ("audit_log", "operations", "sqlite_sequence")  # the history itself grows: everything else is compared


def _data(db_path):
    return {t: rows for t, rows in dump(db_path).items() if t not in LOGS}


@pytest.fixture
def ops(workspace):
    return Operations(workspace, today=lambda: TODAY)


def _import(ops, kind, rows, tmp_path, name):
    path = filled(kind, rows, tmp_path / name)
    return ops.change(import_file, kind, path,
                      op_name=lambda r: f"导入{r.title} {path.name}（{r.added + r.updated + r.unchanged}行）")


def test_undoing_an_import_gives_back_every_table_as_it_was(ops, db_path, tmp_path):
    _import(ops, "classes", CLASSES, tmp_path, "班级.xlsx")
    before = _data(db_path)
    _import(ops, "children", [child_row(), child_row("李欣怡", date(2024, 8, 1), 2, "托大一班")], tmp_path, "幼儿.xlsx")
    assert _data(db_path) != before
    log = ops.look(history.operations_log)
    assert [op.name for op in log] == ["导入幼儿 幼儿.xlsx（2行）", "导入班级 班级.xlsx（4行）"] and log[0].rows >= 2
    assert ops.look(history.undoable).label == "撤销“导入幼儿 幼儿.xlsx（2行）”"
    changes = ops.change(history.undo_last)
    assert changes.message.startswith("已撤销“导入幼儿 幼儿.xlsx（2行）”")
    assert _data(db_path) == before
    log = ops.look(history.operations_log)
    assert log[0].name == "撤销“导入幼儿 幼儿.xlsx（2行）”" and log[0].undo_of == log[1].id and log[1].undone
    with pytest.raises(InputError, match="本身就是撤销"):
        ops.change(history.undo_last)
    from tuoyu_desktop.services.audit_log import check_log

    assert ops.read(check_log) is None  # the chain still checks, the undo's rows included


def test_an_edit_and_a_delete_are_undone_to_the_old_values(ops, db_path, tmp_path):
    _import(ops, "classes", CLASSES, tmp_path, "班级.xlsx")
    values = {"班级名称": "向日葵班", "班型": "托大班", "核定人数": "20", "是否普惠": "否", "开班日期": "2026-09-01"}
    ops.change(forms.save_record, "classes", values)
    before = _data(db_path)
    class_id = max(r[0] for r in before["classes"])
    ops.change(forms.save_record, "classes", {**values, "核定人数": "18"}, class_id)
    assert ops.look(history.operations_log)[0].name.startswith("保存") or "向日葵班" in ops.look(history.operations_log)[0].name
    ops.change(history.undo_last)
    assert _data(db_path) == before


def test_deleting_a_child_is_undone_with_everything_that_went_with_the_child(ops, db_path, tmp_path):
    _import(ops, "classes", CLASSES, tmp_path, "班级.xlsx")
    _import(ops, "children", [child_row(), child_row("李欣怡", date(2024, 8, 1), 2, "托大一班")], tmp_path, "幼儿.xlsx")
    before = _data(db_path)
    child_id = before["children"][0][0]
    ops.change(forms.delete_record, "children", child_id)
    assert _data(db_path) != before
    ops.change(history.undo_last)
    assert _data(db_path) == before


def test_an_operation_with_a_later_change_is_not_undone_and_says_why(ops, db_path, tmp_path):
    _import(ops, "classes", CLASSES, tmp_path, "班级.xlsx")
    _import(ops, "children", [child_row()], tmp_path, "幼儿.xlsx")
    with ops.workspace.session() as s:  # a change made outside any named operation (an old program, a script)
        from tuoyu_desktop.store.models import SchoolClass

        s.get(SchoolClass, 1).capacity = 19
    state = ops.look(history.undoable)
    assert state.reason.startswith("“导入幼儿 幼儿.xlsx（1行）”之后数据又有改动")
    before = dump(db_path)
    with pytest.raises(InputError, match="之后数据又有改动"):
        ops.change(history.undo_last)
    assert dump(db_path) == before


def test_nothing_to_undo_says_so(ops):
    assert ops.look(history.undoable).reason == "还没有可以撤销的操作"


def test_a_saved_class_day_and_its_correction_are_undone(ops, db_path, tmp_path):
    """今日: a class-day saved, then corrected; 撤销 takes the correction back (one step: an undo is not undone)."""
    from tuoyu_desktop.services import register

    _import(ops, "classes", CLASSES, tmp_path, "班级.xlsx")
    _import(ops, "children", [child_row(f"幼儿{i}", date(2024, 8, 1), i + 1, "托大一班") for i in range(4)], tmp_path,
            "幼儿.xlsx")
    class_id = ops.look(lambda db: db.values("SELECT id FROM classes WHERE name = '托大一班'")[0][0])
    day = date(2026, 11, 2)
    empty = _data(db_path)
    sheet = ops.read(register.day_sheet, class_id, day)
    ops.change(register.save_day, class_id, day, sheet.rows)
    saved = _data(db_path)
    sheet = ops.read(register.day_sheet, class_id, day)
    sheet.rows[0].mark, sheet.rows[0].symptom = "病假", "发热"
    ops.change(register.save_day, class_id, day, sheet.rows)
    assert _data(db_path) != saved
    ops.change(history.undo_last)
    assert _data(db_path) == saved
    assert "本身就是撤销" in ops.look(history.undoable).reason and empty != saved


def test_a_transfer_and_a_leaving_are_undone(ops, db_path, tmp_path):
    """转班 ends one placement and starts another; 离托 sets the date and ends the placement: 撤销 puts both back."""
    from tuoyu_desktop.services import children

    _import(ops, "classes", CLASSES, tmp_path, "班级.xlsx")
    _import(ops, "children", [child_row("王子涵", date(2025, 10, 1), 1, "乳儿一班", "2026-05-01")], tmp_path, "幼儿.xlsx")
    child_id = ops.look(lambda db: db.values("SELECT id FROM children")[0][0])
    before = _data(db_path)
    ops.change(children.move, child_id, "托小一班", "2026-10-01")
    assert _data(db_path) != before
    assert ops.look(history.undoable).label.startswith("撤销“")
    ops.change(history.undo_last)
    assert _data(db_path) == before
    ops.change(children.leave, child_id, "2026-11-20", "家庭原因")
    assert _data(db_path) != before
    ops.change(history.undo_last)
    assert _data(db_path) == before
