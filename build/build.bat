@echo off
rem Build the one-folder Windows program dist\tuoyu\ (tuoyu.exe) with build\tuoyu.spec.
rem Needs Python 3.11 (x64) from python.org on PATH; run from a cmd window in the project folder.
setlocal
cd /d "%~dp0\.."
if not exist .venv\Scripts\python.exe python -m venv .venv || goto :error
.venv\Scripts\python.exe -m pip install --disable-pip-version-check -q -r requirements.txt || goto :error
if exist dist\tuoyu rmdir /s /q dist\tuoyu
.venv\Scripts\python.exe -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\work build\tuoyu.spec || goto :error
dist\tuoyu\tuoyu.exe --selftest || goto :error
echo 已生成 dist\tuoyu\tuoyu.exe
exit /b 0
:error
echo 构建失败
exit /b 1
