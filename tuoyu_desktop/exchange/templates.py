"""Blank templates: the data sheet with the exact headers of SPEC §4, drop-downs for fixed
choices, date and text formats, a frozen header, and a 说明 sheet explaining every column."""
from __future__ import annotations

from pathlib import Path

from ..services.records import KINDS, RecordKind
from .cells import put, save_workbook

DATA_ROWS = 5000  # rows covered by the drop-downs
KIND_NOTES = {
    "children": "每行一名幼儿。已有同一身份证号（无身份证号时：同姓名、出生日期和监护人电话）的幼儿会被更新。",
    "staff": "每行一名员工，按身份证号识别；身份证号在黑名单中的人员不能聘用。",
    "certificates": "每行一本证书，按身份证号对应员工（员工须先录入）。",
    "training": "每行一条培训记录，按身份证号对应员工。每人每年专业（岗前及继续教育）≥64课时、职业道德≥32课时。",
    "vouchers": "每行一次兑换。每张券号只能用一次；每名幼儿的使用次数按身份证号统计，不得超过政策方案规定。",
    "blacklist": "卫健部门发布的从业禁止人员名单。",
    "agreements": "与医疗卫生机构签订的医育结合服务协议；续签的新协议可以与旧协议的有效期重叠。",
    "visits": "医疗卫生机构到园指导的记录。",
    "classes": "每行一个班级，按班级名称识别。",
    "centre": "只填一行：本机构的信息。",
}


def write_template(kind: RecordKind | str, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    kind = KINDS[kind] if isinstance(kind, str) else kind
    wb = Workbook()
    ws = wb.active
    ws.title = kind.sheet
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for col, column in enumerate(kind.columns, start=1):
        cell = put(ws, 1, col, column.header)
        cell.font = Font(bold=True, color="C00000" if column.required else "000000")
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        note = ("必填。" if column.required else "选填。") + column.note
        if column.choices:
            note += f" {'常用' if column.kind == 'combo' else '可选'}：{'、'.join(column.choices)}"
        cell.comment = Comment(note, "托育机构办公系统")
        letter = get_column_letter(col)
        width = max(column.width, len(column.header) * 2 + 2)
        ws.column_dimensions[letter].width = width
        if column.kind == "date":
            ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
        elif column.kind in ("id", "phone", "code"):
            ws.column_dimensions[letter].number_format = "@"  # keep long numbers as text
        if column.choices:
            # a combo column offers its list but takes any other text too (a level on another certificate)
            dv = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True,
                                showErrorMessage=column.kind != "combo", errorTitle="不是可选值",
                                error=f"{column.header}只能填：{'、'.join(column.choices)}")
            dv.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 22

    info = wb.create_sheet("说明")
    put(info, 1, 1, f"{kind.title}导入模板").font = Font(bold=True, size=14)
    put(info, 2, 1, KIND_NOTES.get(kind.key, ""))
    put(info, 3, 1, f"在“{kind.sheet}”工作表第2行起逐行填写；红色列名为必填。列的顺序可以调整，多余的列会被忽略。"
                    "日期可写成 2025-03-01、2025/3/1、2025年3月1日。导入时先检查全部行，任何一行有问题则一行也不导入，"
                    "并列出“第N行 列名: 原因”。")
    for col, title in enumerate(("列名", "是否必填", "说明", "可选值", "示例"), start=1):
        cell = put(info, 5, col, title)
        cell.font = Font(bold=True)
        cell.fill = header_fill
    for row, column in enumerate(kind.columns, start=6):
        put(info, row, 1, column.header).font = Font(bold=column.required, color="C00000" if column.required else "000000")
        put(info, row, 2, "必填" if column.required else "选填")
        put(info, row, 3, column.note)
        put(info, row, 4, "、".join(column.choices))
        put(info, row, 5, column.example)
    for letter, width in zip("ABCDE", (16, 10, 60, 36, 24)):
        info.column_dimensions[letter].width = width
    for row in info.iter_rows(min_row=3, max_row=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    info.merge_cells("A3:E3")
    info.row_dimensions[3].height = 48
    path = save_workbook(wb, path)
    return path
