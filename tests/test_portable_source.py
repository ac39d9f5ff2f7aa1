"""Code that works on Linux and breaks on Windows (issue 31), found in the source before a user finds it.

Windows' strftime refuses a format holding characters outside the C locale: ``f"{at:%m月%d日}"`` raised
"ValueError: Invalid format string" on the Windows Python (a refused 留样 became a crash)."""
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tuoyu_desktop"
# an f-string replacement field whose format spec has a % directive and a non-ASCII character, or a
# strftime() call whose literal format holds one
FIELD = re.compile(r"\{[^{}]*:[^{}]*%[^{}]*\}")
CALL = re.compile(r"strftime\(\s*[rfb]?[\"']([^\"']*)[\"']")


def offending(text: str) -> list[str]:
    found = [m.group(0) for m in FIELD.finditer(text) if any(ord(ch) > 127 for ch in m.group(0).split(":", 1)[1])]
    return found + [m.group(0) for m in CALL.finditer(text) if any(ord(ch) > 127 for ch in m.group(1))]


def test_the_scan_finds_a_chinese_strftime_format():
    assert offending('x = f"{at:%m月%d日 %H:%M}"') and offending('at.strftime("%Y年%m月")')
    assert not offending('x = f"{at:%H:%M}，{name}"') and not offending('f"{at.month}月{at:%d}"')


def test_no_date_format_holds_a_chinese_character():
    hits = {str(p.relative_to(PACKAGE)): offending(p.read_text(encoding="utf-8")) for p in PACKAGE.rglob("*.py")}
    assert {k: v for k, v in hits.items() if v} == {}
