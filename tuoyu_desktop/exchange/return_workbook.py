"""The monthly return workbook (SPEC §3) — the interchange format the district side reads back.

Sheets: 封面 (项目 | 内容), 指标 (指标代码 | 指标名称 | 数值 | 单位), then the detail sheets 班级,
从业人员, 培训, 医育结合, 体验券明细, 预警. ID and phone numbers are masked unless asked otherwise.
The 数据校验码 on the cover is the SHA-256 of the 指标 rows (domain.indicators.checksum).
"""
from __future__ import annotations

from pathlib import Path

from ..domain.idnumbers import mask_contact_phone, mask_id, mask_phone
from ..domain.indicators import checksum
from ..services.returns import format_version, indicator_rows
from .cells import number, put, save_workbook

COVER_ROWS = ("机构名称", "统一社会信用代码", "备案编号", "所属区县", "所属镇街", "机构性质", "是否普惠机构", "报告月份",
              "填报人", "联系电话", "生成时间", "软件版本", "格式版本", "数据校验码")
INDICATOR_HEADER = ("指标代码", "指标名称", "数值", "单位")
#: the row added at the end of 封面 when the month had not ended: the district side refuses such a file
PREVIEW_ROW = ("状态", "预览：本月尚未结束，数字还会变化，不是正式月报，不能报送")
DETAIL_SHEETS = {
    "班级": ("班级名称", "班型", "核定人数", "是否普惠", "在托人数", "保育人员", "应配保育人员", "师幼比", "超额"),
    "从业人员": ("姓名", "岗位", "所在班级", "身份证号", "联系电话", "入职日期", "保育师/育婴员证书", "健康证有效至",
             "本年专业课时", "专业目标", "本年职业道德课时", "职业道德目标", "培训是否达标", "岗前培训"),
    "培训": ("姓名", "培训日期", "课程名称", "类别", "课时", "岗前培训", "培训机构"),
    "医育结合": ("类型", "机构/日期", "编号/指导人员", "有效期/内容", "健康指导员/发现问题", "电话/整改"),
    "体验券明细": ("券号", "幼儿姓名", "身份证号", "监护人", "联系电话", "兑换日期", "天数", "金额（元）"),
    "预警": ("类别", "内容"),
}
#: columns of the detail sheets that hold figures: written as number cells, whatever the snapshot kept
NUMBER_COLUMNS = {
    "班级": {"核定人数", "在托人数", "保育人员", "应配保育人员"},
    "从业人员": {"本年专业课时", "专业目标", "本年职业道德课时", "职业道德目标"},
    "培训": {"课时"},
    "体验券明细": {"天数", "金额（元）"},
}


def cover_values(snapshot: dict) -> dict[str, object]:
    cover = dict(snapshot["cover"])
    cover.update({"报告月份": snapshot["month"], "生成时间": snapshot["generated_at"],
                  "软件版本": snapshot["software_version"], "格式版本": str(format_version(snapshot["figures"])),
                  "数据校验码": snapshot["checksum"]})
    return cover


def _masked(snapshot: dict, full: bool) -> dict[str, list[list]]:
    staff = [row[:3] + [row[3] if full else mask_id(row[3]), row[4] if full else mask_phone(row[4])] + row[5:]
             for row in snapshot["staff"]]
    vouchers = [row[:2] + [row[2] if full else mask_id(row[2]), row[3], row[4] if full else mask_phone(row[4])] + row[5:]
                for row in snapshot["vouchers"]]
    medical = [row[:5] + [row[5] if full or row[0] != "协议" else mask_contact_phone(row[5])] for row in snapshot["medical"]]
    return {"班级": snapshot["classes"], "从业人员": staff, "培训": snapshot["training"], "医育结合": medical,
            "体验券明细": vouchers, "预警": snapshot["alerts"]}


def write_return_xlsx(snapshot: dict, path: Path, full: bool = False) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    rows = indicator_rows(snapshot["figures"])
    if checksum(rows) != snapshot["checksum"]:  # the stored figures must still give the stored code
        raise ValueError("snapshot figures do not match its checksum")
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wb = Workbook()
    cover = wb.active
    cover.title = "封面"
    for col, title in enumerate(("项目", "内容"), start=1):
        cell = put(cover, 1, col, title)
        cell.font, cell.fill = bold, fill
    values = cover_values(snapshot)
    if not full:  # the same rule as the PDF's cover: a mobile masked, an office's landline as it is
        values["联系电话"] = mask_contact_phone(values.get("联系电话"))
    for r, key in enumerate(COVER_ROWS, start=2):
        put(cover, r, 1, key)
        put(cover, r, 2, "" if values.get(key) is None else str(values[key]))
    if snapshot.get("preview"):
        red = Font(bold=True, color="C00000")
        for col, text in enumerate(PREVIEW_ROW, start=1):
            put(cover, len(COVER_ROWS) + 2, col, text).font = red
        cover.sheet_properties.tabColor = "C00000"
    cover.column_dimensions["A"].width = 18
    cover.column_dimensions["B"].width = 70

    ind = wb.create_sheet("指标")
    for col, title in enumerate(INDICATOR_HEADER, start=1):
        cell = put(ind, 1, col, title)
        cell.font, cell.fill = bold, fill
    for r, (code, name, value, unit) in enumerate(rows, start=2):
        put(ind, r, 1, code)
        put(ind, r, 2, name)
        cell = put(ind, r, 3, value)
        if isinstance(value, float):
            cell.number_format = "0.0" if unit == "%" or code == "S07" else "0.00"
        put(ind, r, 4, unit)
    for letter, width in zip("ABCD", (10, 26, 12, 8)):
        ind.column_dimensions[letter].width = width
    _print_setup(ind)

    for title, data in _masked(snapshot, full).items():
        ws = wb.create_sheet(title)
        headers = DETAIL_SHEETS[title]
        for col, header in enumerate(headers, start=1):
            cell = put(ws, 1, col, header)
            cell.font, cell.fill = bold, fill
        figures = {i for i, header in enumerate(headers, start=1) if header in NUMBER_COLUMNS.get(title, ())}
        for r, row in enumerate(data, start=2):
            for col, value in enumerate(row, start=1):
                put(ws, r, col, number(value) if col in figures else value)
        for col, header in enumerate(headers, start=1):
            longest = max([len(header) * 2] + [len(str(row[col - 1])) * 1.6 for row in data[:300] if col - 1 < len(row)])
            ws.column_dimensions[get_column_letter(col)].width = min(max(8, longest + 2), 60)
        _print_setup(ws)
    _print_setup(cover)
    path = save_workbook(wb, path)
    return path


def _print_setup(ws) -> None:
    ws.freeze_panes = "A2"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
