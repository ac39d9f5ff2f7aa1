"""A process killed (kill -9) in the middle of an import or a lock leaves the database intact,
either fully changed or not at all. Each case is run several times at random moments."""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta

import pytest

from tests.conftest import ROOT, run_cli
from tests.exchange.conftest import child_row
from tests.exchange.helpers import filled

ROWS = 2000


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash")
    classes = [{"班级名称": f"托大{i}班", "班型": "托大班", "核定人数": 20, "是否普惠": "否", "开班日期": "2025-01-01"}
               for i in range(ROWS // 20)]
    rows = [child_row(f"幼儿{i}", date(2024, 1, 1) + timedelta(days=i % 200), (i % 999) + 1, f"托大{i // 20}班")
            for i in range(ROWS)]
    return filled("classes", classes, folder / "classes.xlsx"), filled("children", rows, folder / "children.xlsx")


def _kill_after(args, delay):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return proc.returncode


def _check(db, query):
    con = sqlite3.connect(db)
    try:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        return con.execute(query).fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("attempt", range(3))
def test_killing_an_import_leaves_all_or_nothing(files, tmp_path, attempt):
    classes, children = files
    db = tmp_path / "t.sqlite3"
    assert run_cli("--db", str(db), "import", "classes", str(classes)).returncode == 0
    delay = random.Random(attempt).uniform(0.5, 3.5)
    _kill_after(["--db", str(db), "import", "children", str(children)], delay)
    count = _check(db, "select count(*) from children")
    assert count in (0, ROWS), f"half an import after {delay:.2f}s: {count}"
    placements = _check(db, "select count(*) from placements")
    assert placements == count
    again = run_cli("--db", str(db), "import", "children", str(children))  # not locked out by the dead process
    assert again.returncode == 0, again.stderr


@pytest.mark.parametrize("attempt", range(2))
def test_killing_a_report_with_lock_leaves_the_month_locked_or_not(tmp_path, attempt):
    db = tmp_path / "t.sqlite3"
    run_cli("--db", str(db), "demo", "--date", "2026-11-25")
    delay = random.Random(10 + attempt).uniform(0.8, 2.5)
    _kill_after(["--db", str(db), "report", "monthly", "--month", "2026-10", "--xlsx", str(tmp_path / "r.xlsx"),
                 "--pdf", str(tmp_path / "r.pdf"), "--lock"], delay)
    locked = _check(db, "select count(*) from locked_returns")
    events = _check(db, "select count(*) from return_events")
    assert (locked, events) in ((0, 0), (1, 1))
