"""月报: the month's figures on screen with the alerts behind them, the two files, the USB copy, locking."""
from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import ttk

from ...domain.ages import add_months
from ...domain.indicators import COVERAGE_NOTE
from ...reports.monthly_pdf import display_value
from ...services import returns
from ...services.delivery import copy_verified, return_file_stem
from .. import dialogs, outputs
from ..tasks import BackgroundTask
from ..widgets.form import FieldSpec
from ..widgets.form_dialog import FormDialog
from ..widgets.table import Table, TableColumn
from .list_page import ListPage


class UnlockDialog(FormDialog):
    def __init__(self, page, month: str):
        self.page, self.app, self.month = page, page.app, month
        super().__init__(page.app.root, f"解锁 {month} 月报", [FieldSpec("解锁原因", required=True, width=44)],
                         validate=self._validate, save=self._store,
                         intro="已报送的月报解锁后会按现在的数据重新计算；解锁原因会记录在案。")

    def _validate(self, values):
        self.page.dry_run(returns.unlock, self.month, values["解锁原因"])

    def _store(self, values):
        self.app.change(returns.unlock, self.month, values["解锁原因"])


def _load_file_writers(_progress) -> None:
    """What writing the return's files needs (ReportLab, openpyxl, the fonts), loaded once."""
    import openpyxl  # noqa: F401
    import reportlab.platypus  # noqa: F401

    from ...reports.fonts import chinese_fonts

    chinese_fonts()


class ReportView(ListPage):
    key = "report"
    title = "月报"
    pdf_button = "open"

    def __init__(self, master, app):
        super().__init__(master, app, "月报（报区县卫健部门）")
        ttk.Label(self.toolbar, text="月份").pack(side="left", padx=(0, 4))
        first = app.today().replace(day=1)
        months = [f"{add_months(first, -i):%Y-%m}" for i in range(0, 25)]  # this month (a 预览) and 24 ended ones
        self.month_var = tk.StringVar(self, value=months[1])
        self.month_box = ttk.Combobox(self.toolbar, textvariable=self.month_var, values=months, width=9)
        self.month_box.pack(side="left", padx=(0, 10))
        self.month_box.bind("<<ComboboxSelected>>", lambda _e: self.refresh())
        self.month_box.bind("<Return>", lambda _e: self.refresh())
        self.add_button("generate", "生成PDF和Excel", self.generate)
        self.add_button("open", "打开PDF打印", self.open_pdf)
        self.add_button("copy", "复制到U盘", self.copy_to_usb)
        self.add_button("lock", "锁定(已报送)", self.lock)
        self.add_button("unlock", "解锁", lambda: UnlockDialog(self, self.month()))
        row = ttk.Frame(self)
        row.pack(fill="x", pady=(0, 4))
        self.full_numbers = tk.BooleanVar(self, value=False)
        ttk.Checkbutton(row, text="文件中显示完整身份证号和电话", variable=self.full_numbers).pack(side="right")
        self.state_label = ttk.Label(row, text="", style="Hint.TLabel")
        self.state_label.pack(side="left")
        self.progress = ttk.Progressbar(self, mode="indeterminate")
        panes = ttk.PanedWindow(self, orient="horizontal")
        panes.pack(fill="both", expand=True)
        self.table = Table(panes, [TableColumn("code", "代码", 60), TableColumn("name", "指标名称", 200),
                                   TableColumn("value", "数值", 110, "e"), TableColumn("unit", "单位", 60)])
        panes.add(self.table, weight=3)
        self.alerts = Table(panes, [TableColumn("group", "类别", 80), TableColumn("text", "影响指标的预警", 420)])
        panes.add(self.alerts, weight=4)
        ttk.Label(self, text=COVERAGE_NOTE, style="Hint.TLabel", wraplength=900, justify="left").pack(
            side="bottom", anchor="w", pady=(4, 0), before=panes)
        self.snapshot: dict | None = None
        self.files: list[Path] = []
        self.task: BackgroundTask | None = None
        self.refresh()
        # the window starts without ReportLab, openpyxl and the PDF fonts; load them now, in the
        # background while the figures are read, so that 生成PDF和Excel writes the files at once
        self.warm_up = BackgroundTask(self, _load_file_writers, on_done=lambda _r: None, on_error=lambda _e: None)
        self.bind("<Destroy>", lambda e: self.warm_up.end_with_widget() if e.widget is self else None, add="+")

    def main_table(self):
        return self.table

    def month(self) -> str:
        return self.month_var.get().strip()

    def out_dir(self) -> Path:
        return outputs.print_folder(self.app, "report")

    def refresh(self) -> None:
        month = self.month()
        try:
            snapshot = self.app.look(returns.get_return, month)
        except returns.InputError as exc:  # nothing shown may belong to another month
            self.snapshot, self.files = None, []
            self.table.set_rows([])
            self.alerts.set_rows([])
            for key in ("generate", "lock", "unlock"):
                self.buttons[key].configure(state="disabled")
            self.state_label.configure(text=str(exc).lstrip(": ").replace("月份: ", ""), style="Error.TLabel")
            return
        self.snapshot = snapshot
        self.files = []
        figures = snapshot["figures"]
        rows = returns.indicator_rows(figures)
        self.table.set_rows([(code, (code, name, display_value(code, value, unit), unit), f"{code} {name}", ())
                             for code, name, value, unit in rows])
        self.alerts.set_rows([(str(i), (g, t), t, ("warn",)) for i, (g, t) in enumerate(snapshot["alerts"])])
        locked, preview = snapshot.get("locked", False), snapshot.get("preview", False)
        state = ("已锁定（已报送），以下为报送时的数据" if locked else
                 "预览：本月尚未结束，数字还会变化，不能锁定（报送）" if preview else "未锁定，数据按当前记录计算")
        self.state_label.configure(
            text=(f"{month}：{state}"
                  f"　数据校验码 {snapshot['checksum'][:16]}…　在托{figures['E01']}人 / 核定托位{figures['T01']}个"),
            style="Error.TLabel" if preview else "Hint.TLabel")
        self.buttons["generate"].configure(state="normal" if self.task is None or self.task.finished else "disabled")
        self.buttons["lock"].configure(state="disabled" if locked or preview else "normal")
        self.buttons["unlock"].configure(state="normal" if locked else "disabled")
        self.apply_filter()

    # files --------------------------------------------------------------------------------
    def generate(self) -> None:
        from ...exchange.return_workbook import write_return_xlsx
        from ...reports.monthly_pdf import write_return_pdf

        if self.snapshot is None:
            return
        snapshot, full = self.snapshot, self.full_numbers.get()
        stem = return_file_stem(snapshot["cover"]["统一社会信用代码"], snapshot["cover"]["机构名称"], snapshot["month"])
        if snapshot.get("preview"):
            stem += "_预览"
        folder = self.out_dir()
        notes: list[str] = []  # filled by the worker, read once it is done

        def work(progress):
            folder.mkdir(parents=True, exist_ok=True)
            pdf = write_return_pdf(snapshot, folder / f"{stem}.pdf", full=full, notes=notes)
            progress(1, 2)
            xlsx = write_return_xlsx(snapshot, folder / f"{stem}.xlsx", full=full)
            return [pdf, xlsx]

        self.progress.pack(fill="x", pady=(0, 4), before=self.state_label.master)
        self.progress.start(12)
        self.buttons["generate"].configure(state="disabled")
        self.task = BackgroundTask(self, work, on_done=lambda files: self._generated(files, notes), on_error=self._failed)

    def _stop(self) -> None:
        self.progress.stop()
        self.progress.pack_forget()
        self.buttons["generate"].configure(state="normal")

    def _generated(self, files: list[Path], notes: list[str] = ()) -> None:
        self._stop()
        self.files = files
        self.app.tell(f"已生成 {files[0].name} 和 {files[1].name}（{files[0].parent}）", files[0])
        self.tell_unprintable(list(notes))

    def _failed(self, exc: BaseException) -> None:
        self._stop()
        self.app.report_exception(exc)

    def open_pdf(self) -> bool:
        from ..open_file import open_with_system

        if not self.files:
            self.app.set_status("请先点“生成PDF和Excel”")
            return False
        return open_with_system(self.files[0])

    def copy_to_usb(self) -> list[Path]:
        if not self.files:
            self.app.set_status("请先点“生成PDF和Excel”")
            return []
        folder = dialogs.ask_directory(self.app.root, "复制到哪里（选择U盘或文件夹）", outputs.picker_start(self.app, "usb"))
        if not folder:
            return []
        try:
            copied = copy_verified(self.files, Path(folder))
        except returns.InputError as exc:
            dialogs.show_error(self.app.root, "复制没有完成", str(exc).lstrip(": ").replace("目标文件夹: ", ""))
            return []
        outputs.remember_choice(self.app, "usb", folder)
        self.app.tell(f"已复制并核对：{', '.join(p.name for p in copied)} → {folder}", Path(folder))
        return copied

    def lock(self) -> None:
        if self.snapshot is None or self.snapshot.get("locked"):
            return
        if not dialogs.ask_yes_no(self.app.root, "锁定月报",
                                  f"锁定 {self.month()} 月报（已报送）？\n锁定后，以后对这个月的修改不会改变已报送的数字；"
                                  "需要时可以写明原因后解锁。"):
            return
        self.app.change(returns.lock, self.snapshot)
