"""区县汇总: a folder of return workbooks (a USB stick) turned into the district's picture."""
from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import ttk

from ...domain.ages import add_months
from ...domain.errors import InputError
from ...domain.month import Month
from ...exchange.district_inbox import ROSTER_NAME, summarise
from ...reports.district_pdf import HEAD, KEY
from ...services.district import Summary
from .. import dialogs, outputs
from ..tasks import BackgroundTask
from ..widgets.table import Table, TableColumn
from .list_page import ListPage


class DistrictView(ListPage):
    key = "district"
    title = "区县汇总"
    pdf_button = "pdf"

    def __init__(self, master, app):
        super().__init__(master, app, "区县汇总（卫健部门用）")
        ttk.Label(self.toolbar, text="月份").pack(side="left", padx=(0, 4))
        self.month_var = tk.StringVar(self, value=f"{add_months(app.today().replace(day=1), -1):%Y-%m}")
        ttk.Entry(self.toolbar, textvariable=self.month_var, width=9).pack(side="left", padx=(0, 8))
        ttk.Label(self.toolbar, text="目标").pack(side="left", padx=(0, 4))
        self.profile_var = tk.StringVar(self, value=self._own_profile())  # the centre's own targets first
        ttk.Combobox(self.toolbar, textvariable=self.profile_var, values=list(app.workspace.profiles), width=9,
                     state="readonly").pack(side="left", padx=(0, 8))
        self.add_button("folder", "选择文件夹并汇总", self.choose_and_run)
        self.add_button("xlsx", "导出Excel", lambda: self.export("xlsx"))
        self.add_button("pdf", "导出PDF", lambda: self.export("pdf"))
        self.info = ttk.Label(self, text="选择放各机构月报工作簿的文件夹（例如U盘），程序逐个检查后汇总。", style="Hint.TLabel")
        self.info.pack(anchor="w", pady=(0, 4))
        self.progress = ttk.Progressbar(self, mode="determinate", maximum=100)
        self.progress.pack(fill="x", pady=(0, 4))
        self.tabs = ttk.Notebook(self)
        self.tabs.pack(fill="both", expand=True)
        self.files = Table(self.tabs, [TableColumn("file", "文件", 300), TableColumn("centre", "机构", 200),
                                       TableColumn("state", "状态", 80), TableColumn("reason", "原因", 400)])
        self.tabs.add(self.files, text="文件")
        cols = [TableColumn("name", "机构名称", 170), TableColumn("town", "镇街", 90)]
        cols += [TableColumn(k, h, 72, "e", True) for k, h in zip(KEY, HEAD)]
        self.table = Table(self.tabs, cols)
        self.tabs.add(self.table, text="汇总表")
        self.targets = Table(self.tabs, [TableColumn("name", "指标", 200), TableColumn("value", "区县值", 100, "e"),
                                         TableColumn("target", "目标", 100, "e"), TableColumn("met", "结论", 100),
                                         TableColumn("gap", "差距（百分点）", 120, "e")])
        self.tabs.add(self.targets, text="达标情况")
        self.missing = Table(self.tabs, [TableColumn("code", "统一社会信用代码", 200), TableColumn("name", "机构名称", 240),
                                         TableColumn("town", "所属镇街", 120)])
        self.tabs.add(self.missing, text="未报送机构")
        self.tabs.bind("<<NotebookTabChanged>>", lambda _e: self.apply_filter())
        self.summary: Summary | None = None
        self.folder: Path | None = None
        self.task: BackgroundTask | None = None

    def _own_profile(self) -> str:
        from ...services.centre import centre_profile

        return self.app.look(centre_profile).name

    def main_table(self):
        """The table of the tab on show: the search box and its `共 N 条` are about what is seen."""
        return (self.files, self.table, self.targets, self.missing)[self.tabs.index("current")]

    def choose_and_run(self) -> None:
        folder = dialogs.ask_directory(self.app.root, "选择放月报工作簿的文件夹", outputs.picker_start(self.app, "district"))
        if folder:
            outputs.remember_choice(self.app, "district", folder)
            self.run(Path(folder))

    def run(self, folder: Path) -> None:
        try:
            month = str(Month.parse(self.month_var.get()))
        except InputError as exc:
            self.info.configure(text=exc.problems[0].message, style="Error.TLabel")
            return
        profile = self.app.workspace.profiles[self.profile_var.get()]
        self.folder = folder
        self.info.configure(text=f"正在读取 {folder} …", style="Hint.TLabel")
        self.buttons["folder"].configure(state="disabled")
        self.task = BackgroundTask(self, lambda progress: summarise(folder, month, profile, progress),
                                   on_done=self.show, on_error=self._failed, on_progress=self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.progress.configure(value=100 * done / max(total, 1))
        self.info.configure(text=f"正在检查第 {done} / {total} 个文件…")

    def _failed(self, exc: BaseException) -> None:
        self.buttons["folder"].configure(state="normal")
        self.progress.configure(value=0)
        if hasattr(exc, "problems"):  # InputError: a folder that is not there, a bad 机构名单
            self.info.configure(text=str(exc).lstrip(": "), style="Error.TLabel")
        else:
            self.app.report_exception(exc)

    def show(self, summary: Summary) -> None:
        self.buttons["folder"].configure(state="normal")
        self.progress.configure(value=100)
        self.summary = summary
        files = [(c.file, (c.file, c.name, "已接收", ""), f"{c.file} {c.name}", ()) for c in summary.centres]
        files += [(p.file, (p.file, "", p.state, p.reason), f"{p.file} {p.reason}", () if p.copy_of else ("warn",))
                  for p in summary.problems]
        self.files.set_rows(sorted(files))
        value = lambda v: "—" if v is None else str(v)
        rows = [(c.uscc or c.file, (c.name, c.town, *[value(c.figures.get(k)) for k in KEY]), f"{c.name} {c.town}", ())
                for c in summary.centres]
        rows.append(("__total__", ("合计", "", *[value(summary.totals.get(k)) for k in KEY]), "合计", ("warn",)))
        self.table.set_rows(rows)
        self.targets.set_rows([(name, (name, "—" if v is None else f"{v}%", f"{t:g}%",
                                       "无数据" if m is None else ("达标" if m else "未达标"),
                                       "—" if g is None else f"{g:+}"), name, () if m else ("warn",))
                               for name, v, t, m, g in summary.targets])
        self.missing.set_rows([(code, (code, name, town), name, ("warn",)) for code, name, town in summary.missing])
        copies = f"，重复副本 {len(summary.copies)}" if summary.copies else ""
        self.tabs.tab(0, text=f"文件（已接收 {len(summary.centres)}，有问题 {len(summary.bad_files)}{copies}）")
        # without a 机构名单 nobody is known to be missing: no "(0)" that reads like "all reported"
        self.tabs.tab(3, text=f"未报送机构（{len(summary.missing)}）" if summary.roster else "未报送机构（未放机构名单）")
        t = summary.totals
        self.info.configure(text=f"{summary.month}：汇总 {len(summary.centres)} 家机构，在托 {t['E01']} 人，核定托位 {t['T01']} 个，"
                                 f"托位使用率 {value(t['R01'])}%；问题文件 {len(summary.bad_files)} 个{copies}"
                                 + ("" if summary.roster else f"\n要列出未报送的机构，把 {ROSTER_NAME}（统一社会信用代码、"
                                                              "机构名称、所属镇街）放进这个文件夹"),
                            style="Hint.TLabel", wraplength=max(self.tabs.winfo_width(), 400))  # never cut at the right
        self.apply_filter()

    def export(self, kind: str) -> Path | None:
        if self.summary is None:
            self.app.set_status("请先选择文件夹并汇总")
            return None
        suffix = ".xlsx" if kind == "xlsx" else ".pdf"
        types = [("Excel 工作簿", "*.xlsx")] if kind == "xlsx" else [("PDF 文件", "*.pdf")]
        path = dialogs.ask_save_file(self.app.root, "保存区县汇总", types, f"区县汇总_{self.summary.month}{suffix}",
                                     outputs.picker_start(self.app, "district_export"))
        if not path:
            return None
        outputs.remember_choice(self.app, "district_export", path)
        if kind == "xlsx":
            from ...exchange.district_workbook import write_district_xlsx

            write_district_xlsx(self.summary, Path(path))
        else:
            from ...reports.district_pdf import write_district_pdf
            from ..open_file import open_with_system

            notes: list[str] = []
            write_district_pdf(self.summary, Path(path), notes=notes)
            self.tell_unprintable(notes)
            open_with_system(Path(path))
        self.app.tell(f"已导出 {path}", Path(path))
        return Path(path)
