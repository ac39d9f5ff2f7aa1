"""Finding numbers written as text in a workbook the program wrote (shared by the workbook tests)."""
import re

from openpyxl import load_workbook

PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
#: columns (or, on 项目 | 内容 sheets, rows) that hold identifiers and codes: text on purpose
IDENTIFIER_WORDS = ("身份证", "电话", "统一社会信用代码", "券号", "证书编号", "编号", "指标代码", "报告月份", "格式版本",
                    "软件版本", "数据校验码")


def _identifier(label) -> bool:
    return isinstance(label, str) and any(word in label for word in IDENTIFIER_WORDS)


def numbers_as_text(path) -> list[str]:
    """Every cell holding a string that is a plain number, outside identifier columns: 'sheet!A1 header=value'."""
    wb = load_workbook(path)
    found = []
    for ws in wb.worksheets:
        header: list = []
        for row in ws.iter_rows():
            values = [c.value for c in row]
            if not header and sum(isinstance(v, str) and v and not PLAIN_NUMBER.fullmatch(v) for v in values) >= 2:
                header = values  # the first row of labels (a list may have a note above it)
                continue
            for cell in row:
                column = header[cell.column - 1] if cell.column - 1 < len(header) else None
                if (isinstance(cell.value, str) and PLAIN_NUMBER.fullmatch(cell.value.strip())
                        and not _identifier(column) and not _identifier(values[0])):
                    found.append(f"{ws.title}!{cell.coordinate} {column}={cell.value!r}")
    return found
