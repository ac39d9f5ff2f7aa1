import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NONET = Path(__file__).resolve().parent / "nonet"
pytest_plugins = ["tests.district_fixtures"]  # the district's folder of returns, for its service and page tests

# No test, and nothing a test starts, may open a network connection (see nonet/sitecustomize.py).
sys.path.insert(0, str(NONET))
import sitecustomize as _nonet  # noqa: E402,F401  (installs the guard in this process too)

sys.path.remove(str(NONET))


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "数据 目录" / "tuoyu.sqlite3"  # Chinese and a space, as on Windows PCs


@pytest.fixture
def workspace(db_path):
    from tuoyu_desktop.services.workspace import open_workspace

    ws = open_workspace(db_path)
    yield ws
    ws.close()


#: the day the demo centre is filled in for, in every test that uses it
DEMO_TODAY = date(2026, 11, 25)


@pytest.fixture
def demo(workspace):
    """The workspace holding the demo centre (services.demo) as on DEMO_TODAY."""
    from tuoyu_desktop.services.demo import fill_demo

    with workspace.session() as s:
        fill_demo(s, workspace.profiles, DEMO_TODAY)
    return workspace


def run_cli(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``python main.py ARGS`` as a user would, in a separate process."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {}),
                "PYTHONPATH": os.pathsep.join([str(NONET), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    full_env.pop("TUOYU_DB", None) if env is None or "TUOYU_DB" not in env else None
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          encoding="utf-8", env=full_env, cwd=cwd or ROOT, timeout=120)


@pytest.fixture
def importer(workspace, tmp_path):
    """import_kind('children', rows) fills a template and imports it in one transaction."""
    from tests.exchange.conftest import TODAY
    from tests.exchange.helpers import filled
    from tuoyu_desktop.exchange.importer import import_file

    counter = iter(range(1000))

    def run(kind, rows, today=None):
        path = filled(kind, rows, tmp_path / f"{kind}_{next(counter)}.xlsx")
        with workspace.session() as s:
            return import_file(s, kind, path, workspace.profiles, today=today or TODAY)
    return run


@pytest.fixture(scope="session")
def display():
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    from scripts.xvfb import start_xvfb

    proc, display = start_xvfb("1280x800")
    if proc is None:
        if os.environ.get("CI"):
            pytest.fail(f"GUI tests need Xvfb in CI: {display}")
        pytest.skip(f"no display: {display}")
    os.environ["DISPLAY"] = display
    yield os.environ["DISPLAY"]
    proc.terminate()
    proc.wait(timeout=10)
    del os.environ["DISPLAY"]
