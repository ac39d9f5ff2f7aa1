"""文件 → 导入…: choose the kind and the file, see what would change (or every problem), then import."""
from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import ttk
from typing import TYPE_CHECKING

from ..errors import USER_ERRORS
from ..exchange.importer import (
    READING,
    SAVING,
    ImportFailed,
    ImportResult,
    import_file,
    import_name,
)
from ..services.changes import Changes
from ..services.records import KINDS
from . import dialogs, outputs
from .tasks import BackgroundTask, Cancelled

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

XLSX = [("Excel 工作簿", "*.xlsx"), ("所有文件", "*.*")]
HINT = "选择数据种类和文件（可以粘贴文件路径）后，程序先检查全部行，再由您确认导入。"
READY = "已选择{kind}和文件，点“检查”（或在文件框按回车）检查全部行。"


class ImportDialog(tk.Toplevel):
    def __init__(self, app: "MainWindow", kind: str | None = None):
        super().__init__(app.root)
        self.app = app
        self.title("导入Excel")
        self.transient(app.root)
        self.geometry("900x560")
        self.minsize(760, 420)
        self.task: BackgroundTask | None = None
        self.failed: ImportFailed | None = None
        self.preview: ImportResult | None = None
        self.state = "idle"  # idle → checking → checked | failed → importing → imported

        top = ttk.Frame(self, padding=(12, 10))
        top.pack(fill="x")
        ttk.Label(top, text="数据种类").grid(row=0, column=0, sticky="w")
        self.kind_titles = {k.title: k.key for k in KINDS.values()}
        self.kind_var = tk.StringVar(self)
        self.kind_box = ttk.Combobox(top, textvariable=self.kind_var, values=list(self.kind_titles), state="readonly",
                                     width=22)
        self.kind_box.grid(row=0, column=1, sticky="w", padx=(6, 12))
        self.kind_box.bind("<<ComboboxSelected>>", lambda _e: self._reset(tell=True))
        self.template_button = ttk.Button(top, text="生成空白模板…", command=self.save_template)
        self.template_button.grid(row=0, column=2, sticky="w")
        ttk.Label(top, text="文件").grid(row=1, column=0, sticky="w", pady=(8, 0))
        self.file_var = tk.StringVar(self)
        self.file_entry = ttk.Entry(top, textvariable=self.file_var, width=70)  # typed or pasted, too
        self.file_entry.grid(row=1, column=1, columnspan=2, sticky="we", padx=(6, 6), pady=(8, 0))
        self.file_entry.bind("<Return>", lambda _e: self.run_check())
        self.file_var.trace_add("write", lambda *_: self._path_edited())
        self.choose_button = ttk.Button(top, text="选择文件…", command=self.choose_file)
        self.choose_button.grid(row=1, column=3, sticky="w", pady=(8, 0))
        top.columnconfigure(2, weight=1)

        bar = ttk.Frame(self, padding=(12, 0))
        bar.pack(fill="x")
        self.progress = ttk.Progressbar(bar, mode="determinate", maximum=100)
        self.progress.pack(side="left", fill="x", expand=True)
        self.cancel_button = ttk.Button(bar, text="取消", command=self.cancel_task, state="disabled")
        self.cancel_button.pack(side="left", padx=(8, 0))
        self.message = ttk.Label(self, text=HINT, padding=(12, 6), wraplength=860)
        self.message.pack(fill="x")

        table = ttk.Frame(self, padding=(12, 0))
        table.pack(fill="both", expand=True)
        self.tree = ttk.Treeview(table, columns=("row", "who", "what", "detail"), show="headings", height=12)
        for column, text, width in (("row", "行号", 60), ("who", "姓名/名称", 110), ("what", "操作/列名", 110),
                                    ("detail", "内容/原因", 540)):
            self.tree.heading(column, text=text)
            self.tree.column(column, width=width, stretch=column == "detail", anchor="w")
        scroll = ttk.Scrollbar(table, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=scroll.set)
        self.tree.pack(side="left", fill="both", expand=True)
        scroll.pack(side="left", fill="y")
        self.tree.tag_configure("problem", foreground="#c0392b")

        buttons = ttk.Frame(self, padding=(12, 10))
        buttons.pack(fill="x")
        self.close_button = ttk.Button(buttons, text="关闭", command=self.close)
        self.close_button.pack(side="right")
        self.import_button = ttk.Button(buttons, text="导入", command=self.run_import, state="disabled")
        self.import_button.pack(side="right", padx=(0, 8))
        self.check_button = ttk.Button(buttons, text="检查", command=self.run_check)
        self.check_button.pack(side="right", padx=(0, 8))
        self.report_button = ttk.Button(buttons, text="保存问题清单…", command=self.save_problems, state="disabled")
        self.report_button.pack(side="left")
        self.bind("<Escape>", lambda _e: self.close())
        self.protocol("WM_DELETE_WINDOW", self.close)
        if kind:
            self.set_kind(kind)

    # choices ------------------------------------------------------------------------------
    def set_kind(self, key: str) -> None:
        title = next(t for t, k in self.kind_titles.items() if k == key)
        self.kind_var.set(title)
        self._reset(tell=True)

    def kind(self) -> str | None:
        return self.kind_titles.get(self.kind_var.get())

    def set_file(self, path: str) -> None:
        self.file_var.set(path)

    def path(self) -> str:
        """The file as typed or pasted: Explorer's 复制文件地址 puts it in quotes."""
        return self.file_var.get().strip().strip('"').strip("'").strip()

    def _path_edited(self) -> None:
        if self.state not in ("checking", "importing"):
            self._reset(tell=True)

    def choose_file(self) -> None:
        path = dialogs.ask_open_file(self, "选择要导入的Excel文件", XLSX, outputs.picker_start(self.app, "import"))
        if path:
            outputs.remember_choice(self.app, "import", path)
            self.set_file(path)

    def save_template(self) -> None:
        from ..exchange.templates import write_template

        key = self.kind()
        if not key:
            self._say("请先选择数据种类。")
            return
        path = dialogs.ask_save_file(self, "保存空白模板", XLSX, f"{KINDS[key].title}导入模板.xlsx",
                                     outputs.picker_start(self.app, "import"))
        if path:
            write_template(key, Path(path))
            outputs.remember_choice(self.app, "import", path)
            self._say(f"已生成模板：{path}")
            self.app.tell(f"已生成{KINDS[key].title}导入模板 {path}", Path(path))

    # checking and importing ---------------------------------------------------------------
    def _reset(self, tell: bool = False) -> None:
        """Forget what was checked; with ``tell``, the message says what is still to choose."""
        if tell:
            key = self.kind()
            self._say(READY.format(kind=KINDS[key].title) if key and self.path() else HINT)
        self.failed = self.preview = None
        self.state = "idle"
        self.tree.delete(*self.tree.get_children())
        self.import_button.configure(state="disabled")
        self.report_button.configure(state="disabled")
        self.progress.configure(value=0)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.configure(text=text, foreground="#c0392b" if error else "")

    def run_check(self) -> None:
        self._start(commit=False)

    def run_import(self) -> None:
        if self.state == "checked":
            self._start(commit=True)

    def _start(self, commit: bool) -> None:
        key, path = self.kind(), self.path()
        if not key or not path:
            missing = "、".join(w for w, v in (("数据种类", key), ("要导入的文件", path)) if not v)
            self._say(f"请先选择{missing}。", error=True)
            return
        if not Path(path).is_file():
            self._say(f"找不到文件：{path}（请检查路径，或点“选择文件…”）", error=True)
            return
        ops = self.app.ops

        def work(progress):  # on the worker thread: its own transaction, kept only when importing
            if commit:  # one named operation: 编辑 → 撤销 takes the whole import back
                return ops.change(import_file, key, Path(path), progress=progress, op_name=import_name(path))
            return ops.check(import_file, key, Path(path), progress=progress)

        self._reset()
        self.state = "importing" if commit else "checking"
        self._say("正在导入…" if commit else "正在检查每一行…")
        for b in (self.check_button, self.choose_button, self.kind_box, self.file_entry):
            b.configure(state="disabled")
        self.cancel_button.configure(state="normal")
        self.task = BackgroundTask(self, work, on_done=lambda r: self._finished(r, commit),
                                   on_error=self._failed, on_progress=self._progress)

    def cancel_task(self) -> None:
        if self.task and not self.task.finished:
            self.task.cancel()

    def _progress(self, done: int, total: int, stage: str) -> None:
        self.progress.configure(value=100 * done / max(total, 1))
        if stage == READING:
            self._say(f"正在读取文件…（{100 * done // max(total, 1)}%）")
        else:
            self._say(f"正在{'保存' if stage == SAVING else '检查'}第 {done} / {total} 行…")

    def _idle_buttons(self) -> None:
        self.check_button.configure(state="normal")
        self.choose_button.configure(state="normal")
        self.kind_box.configure(state="readonly")
        self.file_entry.configure(state="normal")
        self.cancel_button.configure(state="disabled")

    def _finished(self, result: ImportResult, committed: bool) -> None:
        self._idle_buttons()
        self.progress.configure(value=100)
        for row in result.rows:
            self.tree.insert("", "end", values=(row.row, row.who, row.action, row.summary))
        notes = ("；" + "；".join(result.notes)) if result.notes else ""
        if committed:
            self.state = "imported"
            self._say(f"导入完成。{result.summary}{notes}")
            self.app.apply(Changes.of(f"已导入 {result.summary}", *KINDS[result.kind].touches))
            self.app.tell(f"已导入 {result.summary}")
        else:
            self.state, self.preview = "checked", result
            self._say(f"检查通过，可以导入：将新增 {result.added}，更新 {result.updated}，未变 {result.unchanged}{notes}。"
                      "请核对下表后点“导入”。")
            self.import_button.configure(state="normal")

    def _failed(self, exc: BaseException) -> None:
        self._idle_buttons()
        self.progress.configure(value=0)
        self.state = "failed"
        if isinstance(exc, Cancelled):
            self._say("已取消，没有导入任何数据。")
        elif isinstance(exc, ImportFailed):
            self.failed = exc
            for p in exc.problems:
                self.tree.insert("", "end", values=(p.row or "", exc.who(p), p.field, p.message), tags=("problem",))
            self._say(f"发现 {len(exc.problems)} 个问题，没有导入任何数据。请修改文件后重新检查；"
                      "可“保存问题清单”得到问题单元格标红的表格。", error=True)
            self.report_button.configure(state="normal")
        elif isinstance(exc, USER_ERRORS):
            self._say(str(exc), error=True)
        else:
            self.app.report_exception(exc)

    def save_problems(self) -> None:
        from ..exchange.problem_report import write_problem_report

        if not self.failed:
            return
        stem = Path(self.path()).stem
        path = dialogs.ask_save_file(self, "保存问题清单", XLSX, f"{stem}_问题清单.xlsx", str(Path(self.path()).parent))
        if path:
            write_problem_report(self.failed, Path(path))
            self._say(f"问题清单已保存：{path}", error=True)

    def close(self) -> None:
        if self.task and not self.task.finished:
            self.task.cancel()
        self.destroy()
