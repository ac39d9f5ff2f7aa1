"""The plain reading path (store.plain.Db) gives the same rows as the table models, so what only
reads — the monthly return, the alerts, the pages — can skip the ORM without a figure changing."""
import subprocess
import sys
from datetime import date, datetime

from sqlmodel import SQLModel, select

from tests.conftest import ROOT
from tuoyu_desktop.store import models  # noqa: F401  (every table registered)
from tuoyu_desktop.store.plain import as_db, in_


def _naive(value):
    """Times are stored without a zone (UTC); the ORM hands back one it was given in this process."""
    return value.replace(tzinfo=None) if isinstance(value, datetime) else value


def test_every_table_of_the_demo_centre_reads_the_same_through_plain_sql_as_through_the_models(demo):
    checked = 0
    with demo.session() as session:
        db = as_db(session)
        for table in SQLModel.metadata.sorted_tables:
            model = next(m for m in SQLModel.__subclasses__() if getattr(m, "__tablename__", None) == table.name)
            keys = [c.name for c in table.columns]
            orm = sorted((tuple(_naive(getattr(obj, k)) for k in keys) for obj in session.exec(select(model))),
                         key=repr)
            plain = sorted((tuple(row) for row in db.rows(table.name, columns=keys)), key=repr)
            assert plain == orm, table.name
            checked += len(orm)
    assert checked > 1000  # the demo fills the daily register: dates, times and yes/no values are compared


def test_plain_rows_have_the_models_types(demo):
    with demo.reading() as db:
        child = db.rows("children", order="id", limit=1)[0]
        staff = db.first("staff", ("left_on IS NULL",))
        event = db.rows("audit_log", limit=1)[0]
        assert isinstance(child.birth_date, date) and isinstance(event.at, datetime)
        assert db.get("centre", 1).is_puhui in (True, False)
        assert db.rows("staff", in_("id", [])) == [] and staff.left_on is None


def test_a_read_inside_a_change_sees_what_the_change_has_not_yet_committed(workspace):
    with workspace.session() as session:
        session.add(models.SchoolClass(name="小一班", class_type="托小班", capacity=15))
        assert [k.name for k in as_db(session).rows("classes")] == ["小一班"]
        session.rollback()
    with workspace.reading() as db:
        assert db.rows("classes") == []


def test_the_monthly_return_on_the_command_line_never_imports_the_orm(tmp_path):
    """The ORM's import costs more than the whole return's work (issue 21): the return reads plain SQL."""
    db = tmp_path / "d.sqlite3"
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "demo"], check=True, capture_output=True)
    probe = ("import sys, runpy; sys.argv = ['main.py', '--db', sys.argv[1], 'report', 'monthly', '--month', '2026-10',"
             " '--pdf', sys.argv[2], '--xlsx', sys.argv[3]]\n"
             "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\n"
             "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'pydantic', 'alembic')"
             " or m.endswith('store.models')))")
    out = subprocess.run([sys.executable, "-c", probe, str(db), str(tmp_path / "r.pdf"), str(tmp_path / "r.xlsx")],
                         check=True, capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
    assert (tmp_path / "r.pdf").exists() and (tmp_path / "r.xlsx").exists()
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_reads_from_many_background_tasks_reuse_a_few_connections_and_release_closes_them(demo):
    """The window runs each report in a new thread: its reads must not leave a connection behind each time."""
    import threading

    counts = []

    def task():
        with demo.reading() as db:
            counts.append(db.values("SELECT count(*) FROM children")[0][0])

    for _ in range(20):
        worker = threading.Thread(target=task)
        worker.start()
        worker.join()
    with demo.reading() as outer, demo.reading() as inner:  # a read inside a read gets its own connection
        assert outer.connection is not inner.connection
    assert len(set(counts)) == 1 and counts[0] > 0
    assert len(demo._idle) == 2
    demo.release()
    assert demo._idle == []
    with demo.reading() as db:  # and reading starts again afterwards
        assert db.values("SELECT count(*) FROM children")[0][0] == counts[0]


def test_letting_go_of_the_file_waits_for_a_read_in_progress_on_another_thread(demo):
    """Restore and encryption release the file: a report reading on another thread finishes first
    (closing its connection under a query would crash the program)."""
    import threading
    import time

    started, done = threading.Event(), []

    def long_read():
        with demo.reading() as db:
            started.set()
            time.sleep(0.3)
            done.append(db.values("SELECT count(*) FROM children")[0][0])

    worker = threading.Thread(target=long_read)
    worker.start()
    started.wait()
    demo.release()
    assert done and done[0] > 0  # the read ended before the connections were closed
    worker.join()
    assert demo._idle == []  # its connection was closed, not kept for the file let go of
    with demo.reading() as db:
        assert db.values("SELECT count(*) FROM children")[0][0] == done[0]


def test_a_read_that_fails_gives_its_connection_back(demo):
    import pytest

    with pytest.raises(ZeroDivisionError):
        with demo.reading():
            1 / 0
    with demo.reading() as db:  # no transaction left open on the pooled connection
        assert db.values("SELECT 1") == [(1,)]
    assert len(demo._idle) == 1
