#!/usr/bin/env bash
# Build the one-folder program dist/tuoyu/ with build/tuoyu.spec (Linux; Windows: build\build.bat).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
rm -rf dist/tuoyu build/work
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/work build/tuoyu.spec
echo "已生成：dist/tuoyu/（$(du -sh dist/tuoyu | cut -f1)）"
