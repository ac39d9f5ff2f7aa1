"""培训: the year view (hours against 64 + 32 课时, prorated for mid-year hires) and the records."""
from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import ttk

from ...domain.formatting import date_iso
from ...domain.staffing import hours_text
from ...services import training as svc
from ...services.alerts import TRAINING_NOTE
from ...services.centre import centre_name
from ...services.forms import check_record, delete_record, record_values, save_record
from ...services.staff import employed_staff
from .. import dialogs, outputs
from ..screen import hold_size
from ..widgets.bars import progress_image, share
from ..widgets.form import Form, fields_for
from ..widgets.form_dialog import FormDialog
from ..widgets.table import Table, TableColumn
from .list_page import ListPage

XLSX = [("Excel 工作簿", "*.xlsx")]
PDF = [("PDF 文件", "*.pdf")]


#: what the bars in the year table mean
BAR_LEGEND = "进度条：上为专业、下为职业道德；绿色为已完成，红色为尚差。"


def done_of(done, target) -> str:
    return f"{hours_text(done)}/{hours_text(target)}"


class CourseDialog(tk.Toplevel):
    """One course for many staff at once: the course on the left, who attended on the right."""

    def __init__(self, page):
        super().__init__(page.app.root)
        self.page, self.app = page, page.app
        self.title("登记培训（可多人）")
        self.transient(page.app.root)
        body = ttk.Frame(self, padding=12)
        body.pack(fill="both", expand=True)
        left = ttk.Frame(body)
        left.pack(side="left", fill="both", expand=True)
        right = ttk.Frame(body, padding=(12, 0, 0, 0))
        right.pack(side="left", fill="y")
        ttk.Label(right, text="参加人员（可多选，Ctrl/Shift 点选）").pack(anchor="w")
        self.staff = [(st.id, f"{st.name}（{st.role}）") for st in self.app.look(employed_staff)]
        self.people = tk.Listbox(right, selectmode="extended", height=14, exportselection=False)
        for _, label in self.staff:
            self.people.insert("end", label)
        self.people.pack(fill="y", expand=True, pady=(4, 4))
        ttk.Button(right, text="全选", command=lambda: self.people.select_set(0, "end")).pack(anchor="w")
        self.people_error = ttk.Label(right, text="", style="Error.TLabel")
        self.people_error.pack(anchor="w")
        self.form = Form(left, fields_for("training"), validate=self._validate, save=self._store, cancel=self.destroy)
        self.form.pack(fill="both", expand=True)
        self.form.set_values({"培训日期": self.app.today().isoformat(), "类别": "专业"})
        self.bind("<Escape>", lambda _e: self.form.discard_ok() and self.destroy())
        self.protocol("WM_DELETE_WINDOW", lambda: self.form.discard_ok() and self.destroy())
        hold_size(self)

    def chosen(self) -> list[int]:
        return [self.staff[i][0] for i in self.people.curselection()]

    def _validate(self, values):
        ids = self.chosen() or [self.staff[0][0]] if self.staff else []
        self.page.dry_run(svc.add_course_for_many, ids, values)

    def _store(self, values):
        from ...domain.errors import InputError

        ids = self.chosen()
        try:
            self.app.change(svc.add_course_for_many, ids, values)
        except InputError as exc:
            self.people_error.configure(text="；".join(exc.for_field("参加人员")))
            raise
        self.destroy()


class RecordDialog(FormDialog):
    """编辑 one training record of one person (the person stays; a wrong person: delete and register anew)."""

    def __init__(self, page, record_id: int):
        self.page, self.app, self.record_id = page, page.app, record_id
        values = self.app.read(record_values, "training", record_id)
        self.person = {k: values.pop(k) for k in ("身份证号", "姓名")}
        super().__init__(page.app.root, f"编辑培训记录 — {self.person['姓名']}", fields_for("training"),
                         validate=self._validate, save=self._store, values=values)

    def _validate(self, values):
        self.page.dry_run(check_record, "training", {**values, **self.person}, self.record_id)

    def _store(self, values):
        self.app.change(save_record, "training", {**values, **self.person}, self.record_id)


class TrainingView(ListPage):
    key = "training"
    title = "培训"
    pdf_button = "print"

    def __init__(self, master, app):
        super().__init__(master, app, "从业人员培训")
        self.add_button("new", "登记培训", lambda: CourseDialog(self))
        self.add_button("edit", "编辑记录", self.edit_selected)
        self.add_button("delete", "删除记录", self.delete_selected)
        self.add_button("import", "导入", lambda: self.app.open_import("training"))
        self.add_button("export", "导出年度表", self.export)
        self.add_button("print", "保存年度表PDF", self.print_pdf)
        ttk.Label(self.toolbar, text="年度").pack(side="left", padx=(12, 4))
        this_year = app.today().year
        self.year_var = tk.StringVar(self, value=str(this_year))
        self.year_box = ttk.Combobox(self.toolbar, textvariable=self.year_var, width=6, state="readonly",
                                     values=[str(y) for y in range(this_year, this_year - 6, -1)])
        self.year_box.pack(side="left")
        self.year_box.bind("<<ComboboxSelected>>", lambda _e: self.refresh())
        self.behind_only = tk.BooleanVar(self, value=False)
        self.behind_check = ttk.Checkbutton(self.toolbar, text="仅未达标", variable=self.behind_only,
                                            command=self.refresh)
        self.behind_check.pack(side="left", padx=(8, 0))
        self.note = ttk.Label(self, text=f"{TRAINING_NOTE}{BAR_LEGEND}", style="Hint.TLabel", wraplength=980, justify="left")
        self.note.pack(anchor="w", fill="x", pady=(0, 6))
        self.note.bind("<Configure>", lambda e: self.note.configure(wraplength=max(e.width - 4, 300)))
        self.tabs = ttk.Notebook(self)
        self.tabs.pack(fill="both", expand=True)
        self.table = Table(self.tabs, [
            TableColumn("name", "姓名", 90), TableColumn("role", "岗位", 80), TableColumn("hired", "入职日期", 100),
            TableColumn("pro", "专业（已完成/目标）", 150, "center"),
            TableColumn("eth", "职业道德（已完成/目标）", 170, "center"),
            TableColumn("pre", "岗前培训", 70, "center"), TableColumn("state", "状态", 120)],
            image_column=TableColumn("bars", "进度", 170))
        self.tabs.add(self.table, text="年度达标")
        self.records = Table(self.tabs, [
            TableColumn("date", "培训日期", 100), TableColumn("name", "姓名", 90), TableColumn("course", "课程名称", 220),
            TableColumn("category", "类别", 80), TableColumn("hours", "课时", 60, "e", True),
            TableColumn("pre", "岗前", 50, "center"), TableColumn("provider", "培训机构", 200)],
            menu=[("编辑", self.edit_record), ("删除", self.delete_record)], on_open=self.edit_record)
        self.tabs.add(self.records, text="培训记录")
        self.records.tree.bind("<Delete>", lambda _e: self.delete_selected())
        self.year_rows: list[svc.YearRow] = []
        self.refresh()

    def main_table(self):
        return self.table if self.tabs.index("current") == 0 else self.records

    def year(self) -> int:
        return int(self.year_var.get())

    def as_of(self):
        from datetime import date

        today = self.app.today()
        return today if self.year() == today.year else date(self.year(), 12, 31)

    def refresh(self) -> None:
        page = self.app.look(svc.training_page, self.year(), self.as_of())
        rows, records = page.year_rows, page.records
        self.year_rows = rows
        shown = [r for r in rows if not (self.behind_only.get() and r.progress.met)]
        self.table.set_rows([(str(r.staff_id), (r.name, r.role, date_iso(r.hired_on),
                                                done_of(r.progress.professional, r.progress.professional_target),
                                                done_of(r.progress.ethics, r.progress.ethics_target),
                                                "有" if r.preservice else "无", "达标" if r.progress.met else "未达标"),
                              f"{r.name} {r.role}", () if r.progress.met else ("warn",), self._bars(r.progress))
                             for r in shown])
        self.records.set_rows([(str(t.id), (date_iso(t.trained_on), t.staff_name, t.course, t.category,
                                            hours_text(t.hours), "是" if t.is_preservice else "", t.provider),
                                f"{t.staff_name} {t.course} {t.provider}", ()) for t in records])
        behind = sum(not r.progress.met for r in rows)
        self.tabs.tab(0, text=f"年度达标（未达标 {behind} 人）")
        self.tabs.tab(1, text=f"培训记录（{len(records)}）")
        self.apply_filter()

    def _bars(self, p):
        return progress_image(self, [share(p.professional, p.professional_target), share(p.ethics, p.ethics_target)])

    def delete_selected(self) -> None:
        iid = self.records.selected()
        if iid is None:
            self.app.set_status("请先在“培训记录”中选中一条")
            return
        self.delete_record(iid)

    def edit_selected(self):
        iid = self.records.selected()
        if iid is None:
            self.tabs.select(1)
            self.app.set_status("请先在“培训记录”中选中一条")
            return None
        return self.edit_record(iid)

    def edit_record(self, iid: str):
        return RecordDialog(self, int(iid))

    def delete_record(self, iid: str) -> None:
        values = self.records.values(iid)
        if not dialogs.ask_yes_no(self.app.root, "删除培训记录", f"确定删除 {values[1]} {values[0]} 的“{values[2]}”吗？"):
            return
        self.app.change(delete_record, "training", int(iid))

    def export(self) -> Path | None:
        from ...exchange.list_export import write_list

        path = dialogs.ask_save_file(self.app.root, "导出年度培训表", XLSX, f"{self.year()}年培训达标情况.xlsx",
                                     outputs.picker_start(self.app, "export"))
        if not path:
            return None
        outputs.remember_choice(self.app, "export", path)
        sheet = svc.year_sheet(list(self.year_rows), self.year(), self.as_of(), TRAINING_NOTE)
        write_list(Path(path), sheet.title, sheet.headers, sheet.rows, sheet.note)
        self.app.tell(f"已导出 {path}", Path(path))
        return Path(path)

    def print_pdf(self):
        """The year's table as a PDF in 培训/, written off the Tk thread (returns the task)."""
        from ...reports.training_year import write_training_pdf
        from ..open_file import open_with_system

        path = outputs.print_folder(self.app, "training") / f"{self.year()}年培训达标情况.pdf"
        name, year, as_of, rows = self.app.look(centre_name), self.year(), self.as_of(), list(self.year_rows)
        notes: list[str] = []

        def written(_result) -> None:
            self.app.tell(f"已保存 {path.name}（统计截至{as_of.isoformat()}）：{path.parent}", path)
            self.tell_unprintable(notes)
            open_with_system(path)

        return outputs.write_in_background(
            self, "年度培训表PDF", lambda: write_training_pdf(path, name, year, as_of, rows, TRAINING_NOTE, notes=notes),
            written)
