"""Hostile workbooks for the tests: small files that expand to far more than any real one."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
STRINGS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def many_strings_xlsx(path: Path, extra: int, headers=("姓名", "性别", "出生日期", "班级", "入托日期", "托育形式"),
                      declared: int | None = None) -> Path:
    """A plain workbook (one header row) whose shared-strings table holds ``extra`` more entries.

    The extra entries are distinct short texts, so the file stays a few MB while its strings
    expand to millions. The table states ``declared`` as its count (by default the count of the
    header only, as a hostile file would lie).
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "幼儿"
    ws.append(list(headers))
    plain = Path(path).with_suffix(".plain.xlsx")
    wb.save(plain)
    count = len(headers) if declared is None else declared
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info).decode()
            if info.filename == "xl/worksheets/sheet1.xml":
                index = iter(range(len(headers)))
                data = re.sub(r't="inlineStr"><is><t>[^<]*</t></is>', lambda _m, index=index: f't="s"><v>{next(index)}</v>', data)
            elif info.filename == "[Content_Types].xml":
                data = data.replace("</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{STRINGS_TYPE}"/>'
                                                "</Types>")
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace("</Relationships>", f'<Relationship Id="rIdS" Type="{STRINGS_REL}" '
                                                        'Target="sharedStrings.xml"/></Relationships>')
            out.writestr(info.filename, data.encode())
        with out.open("xl/sharedStrings.xml", "w") as table:  # written in pieces: the test process stays small
            table.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                        f'spreadsheetml/2006/main" count="{count}" uniqueCount="{count}">'.encode())
            table.write("".join(f"<si><t>{h}</t></si>" for h in headers).encode())
            for start in range(0, extra, 10_000):
                table.write("".join(f"<si><t>条目{i:07d}</t></si>"
                                    for i in range(start, min(start + 10_000, extra))).encode())
            table.write(b"</sst>")
    plain.unlink()
    return Path(path)


def wide_rows_xlsx(path: Path, rows: int) -> Path:
    """A children sheet (header row) plus ``rows`` rows holding one number in Excel's last column (XFD)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "幼儿"
    ws.append(["姓名", "性别", "出生日期", "班级", "入托日期", "托育形式"])
    plain = Path(path).with_suffix(".plain.xlsx")
    wb.save(plain)
    far = "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(2, rows + 2))
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info).decode()
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="A1:XFD{rows + 1}"', data)
                data = data.replace("</sheetData>", far + "</sheetData>")
            out.writestr(info.filename, data.encode())
    plain.unlink()
    return Path(path)
