"""检查备查 from the 安全 page (SPEC §12): pick a month or a date range, and the PDF (cover, contents, a
section per register) and the workbook (a sheet per register) are written off the Tk thread into
``检查备查/`` beside the database, with the task bar's 取消."""
from __future__ import annotations

import tkinter as tk
from datetime import date
from pathlib import Path
from tkinter import ttk

from ...domain.errors import InputError
from ...domain.month import Month
from ...domain.parsing import parse_date
from ...services.inspection import check_range, inspection_pack
from .. import outputs
from ..screen import hold_size


def _day(text: str, field: str) -> date:
    try:
        day = parse_date(text)
    except ValueError as exc:
        raise InputError(f"{field}：{exc}") from None
    if day is None:
        raise InputError(f"{field}：请填写日期，如 2026-11-01")
    return day


class InspectionDialog(tk.Toplevel):
    """开始日期 and 结束日期 (this month so far by default; 本月 and 上月 fill them in), 生成 (Enter)."""

    def __init__(self, page):
        super().__init__(page.app.root)
        self.page, self.app = page, page.app
        self.title("检查备查")
        self.transient(page.app.root)
        frame = ttk.Frame(self, padding=(14, 12))
        frame.pack(fill="both", expand=True)
        ttk.Label(frame, text="一个PDF（封面、目录，出勤、晨午检、传染病、食谱、留样、消毒、伤害、喂药、消防各从新的一页开始）"
                              "和一个Excel（每种台账一个工作表，每条记录一行），检查时一次打印。", style="Hint.TLabel",
                  wraplength=520, justify="left").pack(anchor="w", pady=(0, 8))
        grid = ttk.Frame(frame)
        grid.pack(anchor="w")
        self.first, self.last = ttk.Entry(grid, width=14), ttk.Entry(grid, width=14)
        for r, (text, entry) in enumerate((("开始日期", self.first), ("结束日期", self.last))):
            ttk.Label(grid, text=text).grid(row=r, column=0, sticky="w", padx=(0, 6), pady=3)
            entry.grid(row=r, column=1, sticky="w", pady=3)
            entry.bind("<Return>", lambda _e: self.generate())
        quick = ttk.Frame(grid)
        quick.grid(row=0, column=2, rowspan=2, padx=(12, 0))
        today = self.app.today()
        self.this_month = ttk.Button(quick, text="本月", command=lambda: self.fill(Month.of(today).first, today))
        self.this_month.pack(fill="x")
        self.last_month = ttk.Button(quick, text="上月", command=lambda: self.fill(*Month.of(today).previous.bounds))
        self.last_month.pack(fill="x", pady=(4, 0))
        self.error = ttk.Label(frame, text="", foreground="#C00000", wraplength=520, justify="left")
        self.error.pack(anchor="w", pady=(6, 0))
        bar = ttk.Frame(frame)
        bar.pack(fill="x", pady=(8, 0))
        self.generate_button = ttk.Button(bar, text="生成（Enter）", command=self.generate, default="active")
        self.generate_button.pack(side="right")
        ttk.Button(bar, text="取消", command=self.destroy).pack(side="right", padx=(0, 6))
        self.bind("<Escape>", lambda _e: self.destroy())
        self.fill(Month.of(today).first, today)
        hold_size(self)
        self.first.focus_set()

    def fill(self, first: date, last: date) -> None:
        for entry, day in ((self.first, first), (self.last, last)):
            entry.delete(0, "end")
            entry.insert(0, day.isoformat())

    def generate(self):
        try:
            first, last = _day(self.first.get(), "开始日期"), _day(self.last.get(), "结束日期")
            check_range(first, last)
        except InputError as exc:
            self.error.configure(text=str(exc).lstrip(": "))
            return None
        self.destroy()
        return write_pack(self.page, first, last)


def write_pack(page, first: date, last: date):
    """Gather and write both files on a worker (the reads included: a month of a big centre is tens of
    thousands of records); 取消 stops it at the next register, row or page and leaves no file."""
    from ...exchange.inspection_workbook import write_inspection_xlsx
    from ...reports.inspection_pdf import write_inspection_pdf
    from ..open_file import open_with_system

    app = page.app
    folder = outputs.print_folder(app, "inspection")
    stem = f"检查备查_{first.isoformat()}_{last.isoformat()}"
    today, notes = app.today(), []
    counts: dict[str, int] = {}

    def work() -> Path:  # on the worker: reads and files, no widget
        pack = app.ops.look(inspection_pack, first, last)
        counts.update(records=pack.records, sections=len(pack.sections))
        write_inspection_xlsx(pack, folder / f"{stem}.xlsx")
        return write_inspection_pdf(pack, folder / f"{stem}.pdf", today, notes=notes)

    def written(path: Path) -> None:
        page.last_written = path
        app.tell(f"已生成检查备查 {path.name} 和 {path.stem}.xlsx（{first.isoformat()}至{last.isoformat()}，"
                 f"{counts['sections']}种台账共{counts['records']}条记录）", path)
        page.tell_unprintable(notes)
        open_with_system(path)

    return outputs.write_in_background(page, "检查备查", work, written)
