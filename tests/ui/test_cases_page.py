"""传染病与请假 page: the lists, a case corrected, a leave deleted — through the real widgets."""
import pytest

from tests.ui.conftest import last_dialog, type_into
from tuoyu_desktop.store.models import DiseaseCase, StaffLeave

pytestmark = pytest.mark.gui


def test_a_case_gets_its_return_date_and_a_leave_entered_by_mistake_is_deleted(demo_window, dialogs, workspace):
    demo_window.nav_buttons["cases"].invoke()
    page = demo_window.views["cases"]
    demo_window.root.update()
    assert page.winfo_ismapped()
    case_id = page.cases.visible_ids()[0]
    leave_id = page.leaves.visible_ids()[0]
    with workspace.session() as s:
        s.get(DiseaseCase, int(case_id)).returned_on = None  # not back yet
        s.get(DiseaseCase, int(case_id)).return_certificate = False
    page.refresh()
    assert page.cases.values(case_id)[-1] == "未复课"
    page.cases.select(case_id)
    page.cases.tree.focus_set()
    page.cases.tree.event_generate("<FocusIn>")
    page.buttons["edit"].invoke()
    dialog = last_dialog(demo_window.root)
    f = dialog.form
    assert f.values()["病名"] == "手足口病"
    type_into(f.widgets["复课日期"], "2026-10-31")
    f.widgets["复课证明"].invoke()  # ticked, as with a click
    f.save_button.invoke()
    assert not dialog.winfo_exists()
    with workspace.session() as s:
        case = s.get(DiseaseCase, int(case_id))
        assert (case.returned_on.isoformat(), case.return_certificate) == ("2026-10-31", True)
    assert page.cases.values(case_id)[-1] == "已复课"

    page.leaves.select(leave_id)
    page.leaves.tree.focus_set()
    page.leaves.tree.event_generate("<FocusIn>")
    dialogs.answers["ask_yes_no"] = False
    page.buttons["delete"].invoke()
    assert leave_id in page.leaves.visible_ids()
    dialogs.answers["ask_yes_no"] = True
    page.buttons["delete"].invoke()
    assert dialogs.named("ask_yes_no")[-1][1] == "删除请假记录"
    assert leave_id not in page.leaves.visible_ids()
    with workspace.session() as s:
        assert s.get(StaffLeave, int(leave_id)) is None
    type_into(page.search, "手足口")
    assert page.count_label.cget("text") == "共 1 条"
