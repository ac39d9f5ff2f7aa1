"""The program makes no network connection: the guard every test runs under is really there."""
import socket

import pytest

from tests.conftest import run_cli


def test_a_connection_attempt_in_the_test_process_fails():
    with pytest.raises(RuntimeError, match="must make no network connection"):
        socket.create_connection(("127.0.0.1", 9), timeout=1)


def test_a_connection_attempt_in_a_program_the_tests_start_fails(tmp_path):
    script = tmp_path / "probe.py"
    script.write_text("import socket\nsocket.create_connection(('127.0.0.1', 9), timeout=1)\n", encoding="utf-8")
    import os
    import subprocess
    import sys

    from tests.conftest import NONET

    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(NONET)})
    assert "must make no network connection" in result.stderr


def test_the_whole_cli_runs_under_the_guard(tmp_path):
    result = run_cli("--db", str(tmp_path / "t.sqlite3"), "demo", "--date", "2026-11-25")
    assert result.returncode == 0, result.stderr
