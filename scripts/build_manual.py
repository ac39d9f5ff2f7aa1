"""Build the user manual (assets/manual.html, opened by F1) from the README's Chinese user sections.

Only the standard library: a small Markdown converter for what the README uses — headings, paragraphs,
lists, tables, fenced code, `code`, **bold** and links. Run it after editing the README:

    .venv/bin/python scripts/build_manual.py          # writes assets/manual.html
    .venv/bin/python scripts/build_manual.py --check  # exit 1 if assets/manual.html is out of date

A test checks that the shipped manual matches the README.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MANUAL = ROOT / "assets" / "manual.html"

#: sections (## or ###) that are for developers or packagers, not for the centre's staff
SKIPPED = ("快速开始", "What it is", "开发", "新的数据种类", "性能", "在 Windows 上打包", "在真正的办公电脑上试一遍")
TITLE = "托育机构办公系统 使用说明"

CSS = """
body { font-family: "Microsoft YaHei UI", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif;
       max-width: 980px; margin: 0 auto; padding: 16px 24px 48px; line-height: 1.7; color: #222; }
h1 { color: #1f4e8c; border-bottom: 2px solid #1f4e8c; padding-bottom: 6px; }
h2 { color: #1f4e8c; margin-top: 2em; border-bottom: 1px solid #ccd; }
h3 { margin-top: 1.5em; }
table { border-collapse: collapse; margin: 0.8em 0; }
th, td { border: 1px solid #bbb; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #eef3fa; }
code { background: #f3f3f3; padding: 0 3px; font-family: Consolas, "DejaVu Sans Mono", monospace; }
pre { background: #f6f6f6; padding: 8px 12px; overflow-x: auto; }
pre code { background: none; padding: 0; }
nav { background: #f7f9fc; border: 1px solid #dde; padding: 8px 16px; }
img { max-width: 100%; border: 1px solid #ccc; }
"""


def user_sections(markdown: str) -> str:
    """The README without its title and without the SKIPPED sections (a skipped ## takes its ###)."""
    out, skipping_level = [], 0
    in_code = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        match = None if in_code else re.match(r"^(#{1,3}) (.*)$", line)
        if match:
            level = len(match.group(1))
            if level == 1:
                continue
            if skipping_level and level > skipping_level:
                continue
            skipping_level = level if match.group(2).startswith(SKIPPED) else 0
        if not skipping_level:
            out.append(line)
    return "\n".join(out)


def inline(text: str) -> str:
    parts = re.split(r"(`[^`]+`)", text)
    out = []
    for part in parts:
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append(f"<code>{html.escape(part[1:-1])}</code>")
            continue
        part = html.escape(part, quote=False)
        part = re.sub(r"!\[([^\]]*)\]\(([^)]+)\)", r"（截图：\1）", part)  # the screenshots are not shipped
        part = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r'<a href="\2">\1</a>', part)
        part = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", part)
        out.append(part)
    return "".join(out)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def to_html(markdown: str) -> tuple[str, list[tuple[str, str]]]:
    """The body HTML and the table of contents [(anchor, title)] of the ## headings."""
    lines = markdown.splitlines()
    out: list[str] = []
    toc: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            block = []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                block.append(lines[i])
                i += 1
            out.append(f"<pre><code>{html.escape(chr(10).join(block))}</code></pre>")
            i += 1
            continue
        heading = re.match(r"^(#{2,6}) (.*)$", line)
        if heading:
            level, title = len(heading.group(1)), heading.group(2).strip()
            anchor = f"s{len(out)}"
            if level == 2:
                toc.append((anchor, title))
            out.append(f'<h{level} id="{anchor}">{inline(title)}</h{level}>')
            i += 1
            continue
        if line.startswith("|") and i + 1 < len(lines) and re.match(r"^\|[\s:|-]+\|\s*$", lines[i + 1]):
            head = "".join(f"<th>{inline(c)}</th>" for c in _cells(line))
            rows, cells = [], []
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                cells += _cells(lines[i])
                rows.append("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in _cells(lines[i])) + "</tr>")
                i += 1
            if cells and all(re.fullmatch(r"!\[[^\]]*\]\([^)]+\)", c) for c in cells):
                continue  # a table of screenshots: the pictures are not shipped with the program
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
            continue
        item = re.match(r"^(\s*)([-*]|\d+\.) (.*)$", line)
        if item:
            tag = "ol" if item.group(2)[0].isdigit() else "ul"
            items: list[str] = []
            while i < len(lines):
                match = re.match(r"^(\s*)([-*]|\d+\.) (.*)$", lines[i])
                if match:
                    items.append(match.group(3))
                elif lines[i].startswith("  ") and lines[i].strip() and items:
                    items[-1] += " " + lines[i].strip()  # a continued item
                else:
                    break
                i += 1
            out.append(f"<{tag}>" + "".join(f"<li>{inline(t)}</li>" for t in items) + f"</{tag}>")
            continue
        if not line.strip():
            i += 1
            continue
        para = [line.strip()]  # the first line always, whatever it starts with
        i += 1
        while i < len(lines) and lines[i].strip() and not re.match(r"^(#{1,6} |```|\||\s*([-*]|\d+\.) )", lines[i]):
            para.append(lines[i].strip())
            i += 1
        out.append(f"<p>{inline(''.join(para))}</p>")  # Chinese lines join without a space
    return "\n".join(out), toc


def build(readme: Path = README) -> str:
    body, toc = to_html(user_sections(readme.read_text(encoding="utf-8")))
    nav = "".join(f'<li><a href="#{a}">{inline(t)}</a></li>' for a, t in toc)
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>{TITLE}</title>\n'
            f"<style>{CSS}</style>\n</head>\n<body>\n<h1>{TITLE}</h1>\n"
            f"<p>按 F1 随时打开本说明。本说明由程序自带的 README 生成。</p>\n"
            f"<nav><strong>目录</strong><ul>{nav}</ul></nav>\n{body}\n</body>\n</html>\n")


def main(argv: list[str]) -> int:
    text = build()
    if "--check" in argv:
        current = MANUAL.read_text(encoding="utf-8") if MANUAL.exists() else ""
        if current != text:
            print("assets/manual.html 与 README.md 不一致：请运行 python scripts/build_manual.py", file=sys.stderr)
            return 1
        return 0
    MANUAL.write_text(text, encoding="utf-8", newline="\n")
    print(f"已写入 {MANUAL}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
