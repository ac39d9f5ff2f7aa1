"""The shared page: A4, named styles in one place, the title, and `第 N 页 共 M 页` footers.

Every text goes in through `Styles.markup` / `Styles.para` (or the canvas's `draw_runs`), so a
rare character the main font lacks is drawn in a font that has it (reports.glyphs); the ones no
font on the machine has are collected in `Styles.missing`, noted in the PDF and told to the caller.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .fonts import FontChoice, chinese_fonts, fallbacks
from .glyphs import missing_message, runs


@dataclass
class Styles:
    fonts: FontChoice
    named: dict[str, Any] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)  # characters no font on this machine has

    def __getitem__(self, name: str):
        return self.named[name]

    def markup(self, value, style: str = "body") -> str:
        """Plain ``value`` as paragraph markup: escaped, rare characters wrapped in a fallback font."""
        font = self.named[style].fontName
        pieces = runs("" if value is None else str(value), font, fallbacks(), self.missing)
        return "".join(_escape(text) if name == font else f'<font name="{name}">{_escape(text)}</font>'
                       for text, name in pieces)

    def para(self, value, style: str = "body"):
        """A Paragraph of plain text (never markup) in a named style."""
        from reportlab.platypus import Paragraph

        return Paragraph(self.markup(value, style), self.named[style])


def make_styles() -> Styles:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    fonts = chinese_fonts()
    base = dict(fontName=fonts.regular, wordWrap="CJK", leading=14, fontSize=9.5)
    s = Styles(fonts)
    s.named = {
        "title": ParagraphStyle("title", **{**base, "fontName": fonts.bold, "fontSize": 16, "leading": 22,
                                            "alignment": TA_CENTER, "spaceAfter": 6}),
        "subtitle": ParagraphStyle("subtitle", **{**base, "alignment": TA_CENTER, "textColor": colors.HexColor("#555555"),
                                                  "spaceAfter": 8}),
        "h2": ParagraphStyle("h2", **{**base, "fontName": fonts.bold, "fontSize": 12, "leading": 18, "spaceBefore": 10,
                                      "spaceAfter": 4}),
        "body": ParagraphStyle("body", **base),
        "warning": ParagraphStyle("warning", **{**base, "fontName": fonts.bold, "alignment": TA_CENTER,
                                                "textColor": colors.HexColor("#C00000"), "spaceAfter": 6}),
        "small": ParagraphStyle("small", **{**base, "fontSize": 8, "leading": 11, "textColor": colors.HexColor("#555555")}),
        "cell": ParagraphStyle("cell", **{**base, "fontSize": 8.5, "leading": 11}),
        "cell_right": ParagraphStyle("cell_right", **{**base, "fontSize": 8.5, "leading": 11, "alignment": TA_RIGHT}),
        "cell_head": ParagraphStyle("cell_head", **{**base, "fontName": fonts.bold, "fontSize": 8.5, "leading": 11}),
    }
    return s


def table_style(header_rows: int = 1, zebra: bool = True):
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    commands = [
        ("FONTNAME", (0, 0), (-1, -1), chinese_fonts().regular),  # Table's own default would be Helvetica
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#DDEBF7")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, colors.HexColor("#F5F7FA")]))
    return TableStyle(commands)


def grid(rows: list[list[Any]], styles: Styles, widths: list[float], numeric: set[int] = frozenset(),
         repeat: int = 1, extra: list | None = None):
    """A table of paragraphs (so long Chinese text wraps) with the header repeated on each page."""
    from reportlab.platypus import Table

    def cell(value, r, c):
        return styles.para(value, "cell_head" if r < repeat else "cell_right" if c in numeric else "cell")

    data = [[cell(v, r, c) for c, v in enumerate(row)] for r, row in enumerate(rows)]
    t = Table(data, colWidths=widths, repeatRows=repeat)
    style = table_style(repeat)
    for command in extra or []:
        style.add(*command)
    t.setStyle(style)
    return t


PAD = 6  # a Table cell's default left and right padding, in points


def fit_widths(rows: list[list[Any]], styles: Styles, total: float, wrap: set[int],
               repeat: int = 1) -> list[float]:
    """Column widths for ``grid`` within ``total`` points: every column not in ``wrap`` gets the width
    of its longest cell (so 序号, a phone or an ID number never breaks inside), and the columns in
    ``wrap`` share what is left in proportion to their own longest cells."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def natural(c: int) -> float:
        widest = 0.0
        for r, row in enumerate(rows):
            style = styles["cell_head" if r < repeat else "cell"]
            widest = max(widest, stringWidth("" if row[c] is None else str(row[c]), style.fontName, style.fontSize))
        return widest + 2 * PAD + 1

    widths = [natural(c) for c in range(len(rows[0]))]
    fixed = sum(w for c, w in enumerate(widths) if c not in wrap)
    wanted = sum(w for c, w in enumerate(widths) if c in wrap)
    room = total - fixed
    if room <= 0 or not wrap:
        return widths
    scale = room / wanted if wanted else 0
    return [w * scale if c in wrap else w for c, w in enumerate(widths)]


def _escape(value) -> str:
    """Text for a Paragraph's markup: & < > escaped (html.escape without quotes = xml.sax.saxutils.escape,
    which would import urllib and http for nothing)."""
    from html import escape

    return escape("" if value is None else str(value), quote=False)


def draw_runs(canvas, x: float, y: float, pieces: list[tuple[str, str]], size: float) -> None:
    """Draw text already cut into (piece, font) runs (glyphs.runs) from ``x``, one font at a time."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for text, font in pieces:
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
        x += stringWidth(text, font, size)


def build_pdf(path: Path, story: list, styles: Styles, title: str, author: str = "托育机构办公系统",
              landscape_page: bool = False, footer_left: str = "", notes: list[str] | None = None,
              watermark: str = "", finish_page=None) -> Path:
    """Write the PDF. Characters no font could draw are noted at its end and added to ``notes``;
    ``watermark`` is printed large and pale across every page. ``finish_page(canvas, page_number)``
    draws on each page once all are laid out (a contents page's page numbers)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas as pdfcanvas
    from reportlab.platypus import SimpleDocTemplate, Spacer

    pagesize = landscape(A4) if landscape_page else A4
    fonts = styles.fonts
    footer = runs(footer_left, fonts.regular, fallbacks(), styles.missing)
    if styles.missing:
        message = missing_message(styles.missing)
        story = [*story, Spacer(1, 4 * mm), styles.para(message, "small")]
        if notes is not None:
            notes.append(message)

    class NumberedCanvas(pdfcanvas.Canvas):
        """Two passes in one: pages are kept until the end, when the total is known."""

        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = fonts.regular  # no stray unembedded Helvetica
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                if finish_page is not None:
                    finish_page(self, self._pageNumber)
                self.setFont(fonts.regular, 8.5)
                self.setFillGray(0.35)
                self.drawCentredString(pagesize[0] / 2, 10 * mm, f"第 {self._pageNumber} 页 共 {total} 页")
                draw_runs(self, 15 * mm, 10 * mm, footer, 8.5)
                if watermark:
                    self._watermark()
                super().showPage()
            super().save()

        def _watermark(self):
            self.saveState()
            self.setFont(fonts.bold, 96)
            self.setFillColorRGB(0.75, 0.0, 0.0, alpha=0.12)
            self.translate(pagesize[0] / 2, pagesize[1] / 2)
            self.rotate(35)
            self.drawCentredString(0, -30, watermark)
            self.restoreState()
            self.setFont(fonts.bold, 11)
            self.setFillColorRGB(0.75, 0.0, 0.0)
            self.drawRightString(pagesize[0] - 15 * mm, pagesize[1] - 10 * mm, f"{watermark} · 非正式文件")

    from ..files import checkpoint, written_whole

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with written_whole(path) as part:  # the PDF appears under its name only complete
        doc = SimpleDocTemplate(str(part), pagesize=pagesize, leftMargin=15 * mm, rightMargin=15 * mm,
                                topMargin=15 * mm, bottomMargin=18 * mm, title=title, author=author,
                                creator="托育机构办公系统")
        doc.setProgressCallBack(lambda _kind, _value: checkpoint())  # 取消 stops it between flowables
        doc.build(story, canvasmaker=NumberedCanvas)
    return path


def signature_block(styles):
    """填报人 / 负责人签字 / 单位盖章 / 日期, with room to sign and stamp."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Table

    cells = [[styles.para(t) for t in ("填报人：", "负责人签字：", "单位盖章：", "日期：")]]
    table = Table(cells, colWidths=[45 * mm] * 4, rowHeights=[18 * mm])
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), styles.fonts.regular)])
    return table
