#!/usr/bin/env bash
# Quick start: set everything up, then open the program on db/tuoyu.sqlite3 (or --db PATH / TUOYU_DB).
# Extra arguments are passed on: bash scripts/run.sh demo, bash scripts/run.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python main.py "$@"
