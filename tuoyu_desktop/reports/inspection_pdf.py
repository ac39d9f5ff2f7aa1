"""检查备查 as one print (SPEC §12): a cover with 园长, 日期 and 盖章, a contents page with the page on
which each register starts (filled in once the pages are laid out, and each line a link), then one
section per register, each from a page of its own: 出勤 and 晨午检 as the register's class grids, the
others as their tables. A4 landscape, the bookmarks of a PDF reader naming the sections."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from ..domain.formatting import date_cn
from ..services.inspection import Pack, Section
from .document import build_pdf, draw_runs, fit_widths, grid, make_styles
from .register_pdf import ATTENDANCE_KEY, CHECKS_KEY, attendance_table, checks_tables

NUMERALS = "一二三四五六七八九十"
WIDTH_MM = 267  # A4 landscape less the margins


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _flowables():
    """The two flowables of the contents (defined here so reportlab loads only when a pack is printed)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable

    class SectionStart(Flowable):
        """Takes no room; notes the page its section starts on and puts a bookmark there."""

        def __init__(self, key: str, title: str, pages: dict[str, int]):
            super().__init__()
            self.key, self.title, self.pages = key, title, pages

        def wrap(self, *_):
            return 0, 0

        def draw(self):
            self.pages[self.key] = self.canv.getPageNumber()
            self.canv.bookmarkPage(self.key)
            self.canv.addOutlineEntry(self.title, self.key, level=0)

    class Contents(Flowable):
        """The list of sections with dotted leaders; the page numbers are drawn by ``finish`` once known."""

        LINE = 9 * mm

        def __init__(self, entries: list[tuple[str, str, str]], styles, pages: dict[str, int]):
            super().__init__()
            self.entries, self.styles, self.pages = entries, styles, pages  # (key, title, count text)
            self.spots: list[tuple[int, float, float, str]] = []  # page, x, y (absolute) of each number

        def wrap(self, width, _height):
            self.width = width
            return width, self.LINE * len(self.entries)

        def draw(self):
            from reportlab.pdfbase.pdfmetrics import stringWidth

            from .fonts import fallbacks
            from .glyphs import runs

            font = self.styles.fonts.regular
            size = 12
            c = self.canv
            page = c.getPageNumber()
            for i, (key, title, count) in enumerate(self.entries):
                y = self.LINE * (len(self.entries) - i - 1) + 2 * mm
                text = f"{title}　{count}" if count else title
                draw_runs(c, 20 * mm, y, runs(text, font, fallbacks(), self.styles.missing), size)
                left = 20 * mm + stringWidth(text, font, size) + 3 * mm
                right = self.width - 40 * mm
                c.setFont(font, size)
                c.setFillGray(0.6)
                dots = "·" * max(int((right - left) / stringWidth("·", font, size)), 0)
                c.drawString(left, y, dots)
                c.setFillGray(0)
                x, ay = c.absolutePosition(self.width - 20 * mm, y)
                self.spots.append((page, x, ay, key))
                c.linkRect("", key, (20 * mm, y - 2 * mm, self.width - 15 * mm, y + 5 * mm), relative=1)

        def finish(self, canvas, page_number: int) -> None:
            for page, x, y, key in self.spots:
                if page == page_number and key in self.pages:
                    canvas.setFont(self.styles.fonts.regular, 12)
                    canvas.setFillGray(0)
                    canvas.drawRightString(x, y, f"第 {self.pages[key]} 页")

    return SectionStart, Contents


def _table(section: Section, styles, rows: list[list] | None = None, headers=None, wrap=None, numeric=None):
    from reportlab.lib.units import mm

    headers = list(headers or section.headers)
    body = rows if rows is not None else [[_cell(v) for v in r] for r in section.rows]
    if not body:
        return styles.para("（本期没有记录）", "body")
    table = [headers] + body
    widths = fit_widths(table, styles, WIDTH_MM * mm, set(section.wrap if wrap is None else wrap))
    return grid(table, styles, widths, numeric=set(section.numeric if numeric is None else numeric))


def _menus(section: Section, styles):
    """The PDF shows a dish a row (食材 with 每人用量 joined); the workbook keeps a row per 食材."""
    dishes: dict[tuple, list[str]] = {}
    for day, meal, dish, ingredient, grams in section.rows:
        dishes.setdefault((day, meal, dish), []).append(f"{ingredient}{grams:g}克")
    rows = [[d.isoformat(), meal, dish, "、".join(parts)] for (d, meal, dish), parts in dishes.items()]
    return _table(section, styles, rows, headers=("日期", "餐次", "菜名", "食材及每人用量"), wrap={3}, numeric=set())


def _follow_ups(section: Section, styles):
    """Beside the grids: each absence with a 症状, 诊断 or 追踪 (因病缺勤追踪)."""
    rows = [[_cell(v) for v in r] for r in section.rows if r[3] != "出勤" and (r[4] or r[8] or r[10])]
    if not rows:
        return []
    keep = (0, 1, 2, 3, 4, 8, 9, 10)
    return [styles.para("缺勤症状与追踪", "h2"),
            _table(section, styles, [[r[i] for i in keep] for r in rows], headers=[section.headers[i] for i in keep],
                   wrap={4, 5, 7}, numeric=set())]


def _grids(pack: Pack, styles, build, key_text: str) -> list:
    out = []
    for part in pack.months:
        span = f"{date_cn(part.days[0])}—{date_cn(part.days[-1])}" if part.days else ""
        for klass in part.classes:
            if not klass.children:
                continue
            out += [styles.para(f"{klass.name}　{span}（开园{len(part.days)}天）", "h2"),
                    styles.para(key_text, "small"), *build(part, klass, styles)]
    return out or [styles.para("（本期没有开园日或在园幼儿）", "body")]


def write_inspection_pdf(pack: Pack, path: Path, today: date, notes: list[str] | None = None) -> Path:
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Spacer, Table

    styles = make_styles()
    SectionStart, Contents = _flowables()
    pages: dict[str, int] = {}
    title = f"{pack.centre} 检查备查资料（{pack.period}）"
    numbered = [(s, f"{NUMERALS[i]}、{s.title}") for i, s in enumerate(pack.sections)]
    contents = Contents([(s.key, heading, f"{len(s.rows)}条") for s, heading in numbered], styles, pages)

    story = [Spacer(1, 30 * mm), styles.para(pack.centre, "title"), Spacer(1, 6 * mm),
             styles.para("检查备查资料", "title"), Spacer(1, 4 * mm),
             styles.para(f"期间：{date_cn(pack.first)} 至 {date_cn(pack.last)}", "subtitle"),
             styles.para("内含：" + "、".join(s.title for s in pack.sections), "subtitle"), Spacer(1, 30 * mm)]
    sign = Table([[styles.para(t) for t in ("园长（签字）：", "日期：", "单位盖章：")]],
                 colWidths=[70 * mm] * 3, rowHeights=[22 * mm])
    sign.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), styles.fonts.regular)])
    story += [sign, PageBreak(), styles.para("目　录", "title"), Spacer(1, 6 * mm), contents]
    for section, heading in numbered:
        story += [PageBreak(), SectionStart(section.key, heading, pages), styles.para(heading, "title")]
        story.append(styles.para(f"{pack.period}　共{len(section.rows)}条记录" +
                                 (f"。{section.note}" if section.note else ""), "subtitle"))
        if section.key == "attendance":
            story += _grids(pack, styles, attendance_table, ATTENDANCE_KEY) + _follow_ups(section, styles)
        elif section.key == "checks":
            story += _grids(pack, styles, lambda part, klass, st: checks_tables(part, klass, st, "small"), CHECKS_KEY)
        elif section.key == "menus":
            story.append(_menus(section, styles))
        else:
            story.append(_table(section, styles))
    return build_pdf(path, story, styles, title, landscape_page=True, footer_left=f"打印日期：{date_cn(today)}",
                     notes=notes, finish_page=contents.finish)
