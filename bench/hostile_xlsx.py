"""Measure how the program meets a hostile .xlsx: seconds and peak memory, and how fast 取消 acts.

    python bench/hostile_xlsx.py [--strings 3000000]

Builds (with the tests' generator) a small workbook whose shared strings expand to millions of
entries, then in fresh processes: runs `import children FILE` on the command line (seconds, peak
RSS in MB, exit code, first line of the message), and runs the import in a worker thread whose
progress callback raises once 取消 is pressed 1 s after the start (seconds from the press until
the import stops). Never used as a test: timings vary between machines.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CANCEL = r"""
import sys, threading, time
from datetime import date
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from tuoyu_desktop.exchange.importer import import_file
from tuoyu_desktop.services.workspace import open_workspace
pressed = threading.Event()
class Cancelled(Exception):
    pass
def progress(*_args):
    if pressed.is_set():
        raise Cancelled()
ws = open_workspace(Path(sys.argv[3]))
out = {}
def work():
    try:
        with ws.session() as s:
            import_file(s, "children", Path(sys.argv[2]), ws.profiles, date.today(), progress=progress)
        out["end"] = "finished"
    except BaseException as exc:
        out["end"] = type(exc).__name__
    out["t"] = time.monotonic()
t = threading.Thread(target=work)
t.start()
time.sleep(1.0)
press = time.monotonic()
pressed.set()
t.join()
print(f"{out['t'] - press:.2f} {out['end']}")
"""


# The command line in-process, printing its own peak memory (VmHWM; ru_maxrss would include this
# parent's, inherited across exec) on stdout at exit.
CLI = r"""
import atexit, re, runpy, sys
def peak():
    print("peak_kb", re.search(r"VmHWM:\s*(\d+)", open("/proc/self/status").read()).group(1))
atexit.register(peak)
sys.argv = ["main.py"] + sys.argv[1:]
runpy.run_path("main.py", run_name="__main__")
"""


def run(args: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True, cwd=ROOT, check=False)
    seconds = time.monotonic() - start
    peak = int(done.stdout.split("peak_kb")[-1].split()[0])
    return seconds, peak / 1024, done


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--strings", type=int, default=3_000_000)
    args = parser.parse_args()
    from tests.exchange.hostile import many_strings_xlsx

    with tempfile.TemporaryDirectory() as tmp:
        path = many_strings_xlsx(Path(tmp) / "hostile.xlsx", args.strings)
        db = Path(tmp) / "t.sqlite3"
        seconds, peak, done = run(["--db", str(db), "import", "children", str(path)])
        message = (done.stderr or done.stdout.split("peak_kb")[0]).strip().splitlines()[:1]
        cancel = subprocess.run([sys.executable, "-c", CANCEL, str(ROOT), str(path), str(db)], capture_output=True,
                                text=True, cwd=ROOT, check=False)
        figures = {"file_mb": round(path.stat().st_size / 1e6, 1), "strings": args.strings,
                   "import_s": round(seconds, 2), "peak_rss_mb": round(peak), "exit": done.returncode,
                   "message": message[0] if message else "",
                   "cancel": cancel.stdout.strip() or cancel.stderr.strip().splitlines()[-1:]}
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
