"""What Windows does to a command's input and output (issue 31): redirected output is written in the
ANSI code page (cp1252 cannot write Chinese, cp936 not every character), and NUL is a "terminal" to
isatty(). The program writes UTF-8 whenever its output is not a console, and asks for a password only
on a real console."""
import os
import subprocess
import sys
from pathlib import Path

from tuoyu_desktop import console

ROOT = Path(__file__).resolve().parent.parent
NONET = Path(__file__).resolve().parent / "nonet"


def bare_env(**extra) -> dict:
    """The environment of a user's shell: no PYTHONIOENCODING, no UTF-8 mode."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONIOENCODING", "PYTHONUTF8", "TUOYU_"))}
    env["PYTHONPATH"] = str(NONET)
    return {**env, **extra}


def narrow_code_page() -> dict:
    """Output in a code page without Chinese, as cp1252 is on a Western Windows: on Linux the C locale
    with neither UTF-8 mode nor locale coercion gives ASCII; on Windows the ANSI code page is what it is."""
    return bare_env(LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0") if os.name != "nt" else bare_env()


def test_redirected_output_is_utf8_whatever_the_code_page(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "--help"], capture_output=True, env=narrow_code_page(),
                         cwd=tmp_path, timeout=60)
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    assert "托育机构办公系统" in out.stdout.decode("utf-8")
    bad = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "d.sqlite3"), "alerts",
                          "--date", "明天"], capture_output=True, env=narrow_code_page(), cwd=tmp_path, timeout=60)
    assert bad.returncode == 2 and "日期" in bad.stderr.decode("utf-8")


def test_a_password_is_not_asked_when_input_is_not_a_console(tmp_path):
    """``encrypt <NUL`` on Windows asked on a "terminal" and died of EOFError (exit 1)."""
    db = tmp_path / "d.sqlite3"
    env = bare_env(PYTHONIOENCODING="utf-8")
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "init"], env=env, check=True,
                   capture_output=True, timeout=60)
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "encrypt"], stdin=subprocess.DEVNULL,
                         capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)
    assert out.returncode == 2, out.stderr
    assert "请把密码放在环境变量 TUOYU_" in out.stderr and "EOFError" not in out.stderr


class FakeStream:
    def __init__(self, tty: bool):
        self.tty = tty

    def isatty(self):
        return self.tty

    def fileno(self):
        return 0


def test_a_character_device_that_is_not_a_console_is_no_console(monkeypatch):
    """Windows' NUL: isatty() is true, GetConsoleMode fails — no console."""
    monkeypatch.setattr(console, "WINDOWS", True)
    monkeypatch.setattr(console, "_has_console_mode", lambda fd: False)
    assert not console.is_console(FakeStream(True))
    monkeypatch.setattr(console, "_has_console_mode", lambda fd: True)
    assert console.is_console(FakeStream(True)) and not console.is_console(FakeStream(False))
    assert not console.is_console(None)


def test_a_pythonioencoding_that_was_not_applied_does_not_keep_the_code_page(tmp_path):
    """A packaged tuoyu.exe ignores PYTHONIOENCODING: its streams stayed in cp936 although the variable
    said utf-8, and the program took the variable's word for it."""
    code = ("import io, os, sys; from tuoyu_desktop import console\n"
            "sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding='gbk')\n"
            "console.utf8_when_redirected(); print(sys.stdout.encoding)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, env=bare_env(PYTHONIOENCODING="utf-8"),
                         cwd=ROOT, timeout=60)
    assert out.stdout.decode().strip() == "utf-8", out.stderr
    kept = subprocess.run([sys.executable, "-c", code.replace("'gbk'", "'utf-16'")], capture_output=True,
                          env=bare_env(PYTHONIOENCODING="utf-16"), cwd=ROOT, timeout=60)
    assert kept.stdout.decode("utf-16").strip() == "utf-16"
