"""The 从业人员 list: who is employed on the day (the page greys the others and shows their 离职日期)."""
from datetime import date

from tests.exchange.conftest import TODAY, make_id
from tuoyu_desktop.services.forms import save_record
from tuoyu_desktop.services.operations import Operations
from tuoyu_desktop.services.staff import staff_rows


def test_the_staff_list_says_who_has_left_and_who_starts_later(workspace):
    for name, seq, hired, left in (("王芳", 1, "2024-03-01", ""), ("李静", 2, "2024-03-01", "2026-01-31"),
                                   ("赵敏", 3, "2099-01-01", "")):
        with workspace.session() as s:
            save_record(s, "staff", {"姓名": name, "身份证号": make_id(date(1990, 1, 1), seq, "320411"),
                                     "岗位": "保育人员", "入职日期": hired, "离职日期": left},
                        workspace.profiles, TODAY)
    rows = Operations(workspace, today=lambda: TODAY).look(staff_rows, include_left=True)
    assert {r.name: r.employed for r in rows} == {"王芳": True, "李静": False, "赵敏": False}
    assert [r.name for r in Operations(workspace, today=lambda: TODAY).look(staff_rows)] == ["王芳", "赵敏"]
