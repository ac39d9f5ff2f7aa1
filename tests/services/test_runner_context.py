"""The runner carries the context bound when the data opens (issue 26 item 1): a caller never
passes the policy profiles, today or the user's name; the runner puts them where a use case asks."""
from datetime import date

from tuoyu_desktop.services import forms
from tuoyu_desktop.services.history import operations_log
from tuoyu_desktop.services.operations import Operations

DAY = date(2026, 11, 25)


def _probe(session, key, profiles, today, record_id=None, *, note=""):
    return key, profiles, today, record_id, note


def _leading(db, profiles, month, today=None):
    return profiles, month, today


def test_a_use_case_gets_the_profiles_and_today_wherever_they_stand(workspace):
    ops = Operations(workspace, today=lambda: DAY)
    assert ops.read(_probe, "classes") == ("classes", workspace.profiles, DAY, None, "")
    assert ops.read(_probe, "classes", 7, note="x") == ("classes", workspace.profiles, DAY, 7, "x")
    assert ops.look(_leading, "2026-10") == (workspace.profiles, "2026-10", DAY)


def test_a_caller_that_means_another_day_says_so_by_keyword(workspace):
    ops = Operations(workspace, today=lambda: DAY)
    other = date(2026, 10, 31)
    assert ops.read(_probe, "classes", 7, today=other) == ("classes", workspace.profiles, other, 7, "")
    assert ops.look(_leading, "2026-10", today=other) == (workspace.profiles, "2026-10", other)


def test_today_is_asked_at_each_call_not_frozen_when_the_data_opens(workspace):
    days = iter([date(2026, 11, 30), date(2026, 12, 1)])
    ops = Operations(workspace, today=lambda: next(days))
    assert ops.read(_probe, "k")[2] == date(2026, 11, 30)
    assert ops.read(_probe, "k")[2] == date(2026, 12, 1)


def test_a_use_case_without_context_is_called_as_given(workspace):
    ops = Operations(workspace, today=lambda: DAY)
    assert ops.read(lambda session, a, b=2: (a, b), 1, b=3) == (1, 3)


def test_a_saved_class_is_written_under_the_bound_user(workspace):
    ops = Operations(workspace, today=lambda: DAY, user="王园长")
    ops.change(forms.save_record, "classes", {"班级名称": "向日葵班", "班型": "托大班", "核定人数": "20",
                                                    "是否普惠": "否", "开班日期": "2026-09-01"})
    last = ops.look(operations_log, 1)[0]
    assert last.user == "王园长" and "向日葵班" in last.name
