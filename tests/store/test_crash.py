"""A process killed (kill -9) in the middle of an import or a lock leaves the database intact,
either fully changed or not at all. The test waits until the process has begun writing (a marker
the engine writes under test), kills it then or a random moment later, and checks it died of the signal."""
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
from tuoyu_desktop.store.engine import WRITE_MARKER_ENV, WRITE_PAUSE_ENV

ROWS = 2000


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash")
    classes = [{"班级名称": f"托大{i}班", "班型": "托大班", "核定人数": 20, "是否普惠": "否", "开班日期": "2025-01-01"}
               for i in range(ROWS // 20)]
    rows = [child_row(f"幼儿{i}", date(2024, 1, 1) + timedelta(days=i % 200), (i % 999) + 1, f"托大{i // 20}班")
            for i in range(ROWS)]
    return filled("classes", classes, folder / "classes.xlsx"), filled("children", rows, folder / "children.xlsx")


def _kill_while_writing(args, marker, delay, pause=0.0):
    """Start ``main.py ARGS``, wait until it has begun writing to the database (the engine's test
    marker), wait ``delay`` more seconds and kill it with SIGKILL; the process must die of it."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", WRITE_MARKER_ENV: str(marker),
           WRITE_PAUSE_ENV: str(pause)}
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert proc.poll() is None, f"the process ended ({proc.returncode}) before it began writing"
        assert time.monotonic() < deadline, "the process never began writing"
        time.sleep(0.005)
    time.sleep(delay)
    proc.kill()  # SIGKILL; on Windows TerminateProcess, which leaves exit code 1
    proc.wait()
    killed = 1 if os.name == "nt" else -signal.SIGKILL
    assert proc.returncode == killed, f"the process was not killed while writing ({proc.returncode})"
    return marker.read_text(encoding="utf-8")


def _check(db, query):
    con = sqlite3.connect(db)
    try:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        return con.execute(query).fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("attempt", range(3))
def test_killing_an_import_while_it_writes_leaves_all_or_nothing(files, tmp_path, attempt):
    classes, children = files
    db = tmp_path / "t.sqlite3"
    assert run_cli("--db", str(db), "import", "classes", str(classes)).returncode == 0
    # attempt 0 kills at the first INSERT (held there), the others at a random moment of the writing
    pause, delay = (5.0, 0.2) if attempt == 0 else (0.0, random.Random(attempt).uniform(0.0, 0.15))
    first = _kill_while_writing(["--db", str(db), "import", "children", str(children)], tmp_path / "marker",
                                delay, pause)
    count = _check(db, "select count(*) from children")
    if attempt == 0:
        assert count == 0, f"killed at “{first}” yet {count} children were stored"
    assert count in (0, ROWS), f"half an import after {delay:.2f}s: {count}"
    placements = _check(db, "select count(*) from placements")
    assert placements == count
    again = run_cli("--db", str(db), "import", "children", str(children))  # not locked out by the dead process
    assert again.returncode == 0, again.stderr
    assert _check(db, "select count(*) from children") == ROWS


@pytest.mark.parametrize("attempt", range(2))
def test_killing_a_report_while_it_locks_leaves_the_month_locked_or_not(tmp_path, attempt):
    db = tmp_path / "t.sqlite3"
    run_cli("--db", str(db), "demo", "--date", "2026-11-25")
    first = _kill_while_writing(["--db", str(db), "report", "monthly", "--month", "2026-10",
                                 "--xlsx", str(tmp_path / "r.xlsx"), "--pdf", str(tmp_path / "r.pdf"), "--lock"],
                                tmp_path / "marker", delay=0.2 if attempt == 0 else 0.0, pause=5.0 if attempt == 0 else 0.0)
    assert "locked_returns" in first or "return_events" in first, first
    locked = _check(db, "select count(*) from locked_returns")
    events = _check(db, "select count(*) from return_events")
    assert (locked, events) in ((0, 0), (1, 1))
    if attempt == 0:
        assert (locked, events) == (0, 0), "killed inside the lock's transaction, yet the month was locked"
