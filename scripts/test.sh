#!/usr/bin/env bash
# Quick start: set everything up, then run the whole test suite (GUI tests on an Xvfb screen
# that the tests start themselves). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v Xvfb >/dev/null || need+=(xvfb xauth)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "wenquanyi micro" || need+=(fonts-wqy-microhei)
fc-list 2>/dev/null | grep -qi "wenquanyi zen" || need+=(fonts-wqy-zenhei)
fc-list 2>/dev/null | grep -qi "HanaMinB" || need+=(fonts-hanazono)   # 生僻字 beyond U+FFFF in PDFs
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "测试需要这些系统软件包：${need[*]}（sudo apt-get install ${need[*]}）" >&2
  fi
fi
bash scripts/setup.sh
# Two or more cores: the tests run in parallel processes (pytest-xdist), each GUI one on its own Xvfb;
# TEST_WORKERS=0 runs them in this process, one after another.
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-auto}" "$@"
