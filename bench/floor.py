"""The floor: the least a monthly return can cost on this stack, as one process.

    python bench/floor.py FONT.ttc OUT.pdf OUT.xlsx

Interpreter start, ReportLab + openpyxl import, one CJK TrueType font parsed, a 3-page table PDF
and a 7-sheet workbook — the same work as ``main.py report monthly --pdf --xlsx`` without the
program (no database, no rules, no checks). bench/run.py times it beside the real command.
"""
import sys

from openpyxl import Workbook
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

font, pdf, xlsx = sys.argv[1:4]
pdfmetrics.registerFont(TTFont("CJK", font, subfontIndex=0))
style = ParagraphStyle("cell", fontName="CJK", fontSize=8.5, leading=11, wordWrap="CJK")
head = ["序号", "指标", "名称", "数值", "单位", "说明"]
rows = [[Paragraph(str(v), style) for v in head]]
rows += [[Paragraph(str(v), style) for v in (i, f"E{i:02d}", f"在托幼儿人数（第{i}项）", i * 7, "人", "按月末在托计")]
         for i in range(1, 96)]
table = Table(rows, repeatRows=1)
table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "CJK"), ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7"))]))
story = [Paragraph("托育机构月报", ParagraphStyle("title", fontName="CJK", fontSize=16, leading=22)), table]
SimpleDocTemplate(pdf, pagesize=A4).build(story)

wb = Workbook()
wb.remove(wb.active)
for n, title in enumerate(("封面", "指标", "班级", "从业人员", "培训", "医育结合", "体验券明细")):
    ws = wb.create_sheet(title)
    ws.append(["项目", "数值", "说明", "备注"])
    for i in range(20 + 10 * n):
        ws.append([f"{title}{i}", i, "按月末计", None])
wb.save(xlsx)
