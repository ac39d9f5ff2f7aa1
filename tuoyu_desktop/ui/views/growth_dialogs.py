"""生长发育 (SPEC §9): a child's measurements with their z-scores, the measurement form, the
per-class entry grid of a measuring day, the growth chart PDF and the 体检统计."""
from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import ttk

from ...domain.errors import InputError
from ...domain.measurement_rules import StandingHeightUnderTwo
from ...domain.parsing import parse_date
from ...services import growth as svc
from ...services.centre import centre_name
from ...services.forms import check_record, delete_record, record_values, save_record
from .. import dialogs, outputs
from ..widgets.form import Form, fields_for
from ..widgets.form_dialog import FormDialog
from ..widgets.table import Table, TableColumn

KIND = "measurements"
PDF = [("PDF 文件", "*.pdf")]
XLSX = [("Excel 工作簿", "*.xlsx")]


def _z(value) -> str:
    return "" if value is None else f"{value:+.2f}"


def _num(value) -> str:
    return "" if value is None else f"{value:g}"


class MeasurementDialog(FormDialog):
    """新增 / 编辑 one measurement. A standing height under 24 months is offered to be stored as a
    length (是/否) before the form refuses it."""

    def __init__(self, owner, child_id: int, name: str, measurement_id: int | None = None):
        self.owner, self.app, self.child_id, self.measurement_id = owner, owner.app, child_id, measurement_id
        values = (self.app.read(record_values, KIND, measurement_id)
                  if measurement_id else {"测量日期": self.app.today().isoformat()})
        super().__init__(owner, f"{'编辑' if measurement_id else '新增'}测量 — {name}", fields_for(KIND),
                         validate=self._validate, save=self._store, values=values,
                         intro="不满24个月测卧位身长，24个月起测立位身高；测量方式不填按月龄。血红蛋白和听力筛查每年至少一次。")
        self.form.save = self._save_asking  # the 保存 button, Enter and the tests all come through here
        self.form.save_button.configure(command=self.form.save)

    def _full(self, values: dict) -> dict:
        return {**values, svc.CHILD_REF: self.child_id}  # the form names its child by id

    def _validate(self, values):
        self.owner.dry_run(check_record, KIND, self._full(values), self.measurement_id)

    def _standing_height(self) -> StandingHeightUnderTwo | None:
        try:
            self._validate(self.form.values())
        except InputError as exc:
            return next((p for p in exc.problems if isinstance(p, StandingHeightUnderTwo)), None)
        return None

    def _save_asking(self) -> bool:
        problem = self._standing_height()
        if problem is not None and dialogs.ask_yes_no(
                self, "按身长保存？", f"{problem.message}。\n\n是否按WHO折算为卧位身长 {problem.as_length_cm} cm 保存？\n"
                                     f"（选“否”返回修改：若实为卧位测量，请把测量方式改为“身长”。）"):
            self.form.set_value("测量方式", "身长")
            self.form.set_value("身长身高", str(problem.as_length_cm))
        values = self.form.values()
        try:
            self._validate(values)
        except InputError:
            return Form.save(self.form)  # the form shows what is wrong under its fields
        warnings = self.app.look(svc.measurement_warnings, self.child_id, values, self.measurement_id)
        if warnings and not dialogs.ask_yes_no(
                self, "请核对测量值", "和上次相比变化很大，可能输错了数或填错了栏：\n\n"
                + "\n".join(f"· {p.field}：{p.message}" for p in warnings) + "\n\n确认无误并保存吗？（选“否”返回修改）"):
            return False
        return Form.save(self.form)

    def _store(self, values):
        self.app.change(save_record, KIND, self._full(values), self.measurement_id)
        self.owner.refresh()


class GrowthWindow(tk.Toplevel):
    """One child's measurements: WAZ / LAZ / WLZ and classes, 新增 / 编辑 / 删除, the growth chart PDF."""

    COLUMNS = [TableColumn("date", "测量日期", 96), TableColumn("months", "月龄", 48, "e"),
               TableColumn("length", "身长/身高", 96, "e"), TableColumn("weight", "体重kg", 64, "e"),
               TableColumn("head", "头围", 54, "e"), TableColumn("hb", "血红蛋白", 70, "e"),
               TableColumn("hearing", "听力", 60), TableColumn("waz", "WAZ", 58, "e"), TableColumn("laz", "LAZ", 58, "e"),
               TableColumn("wlz", "WLZ", 58, "e"), TableColumn("classes", "评价", 130)]

    def __init__(self, page, child_id: int):
        super().__init__(page.app.root)
        self.page, self.app, self.child_id = page, page.app, child_id
        self.transient(page.app.root)
        self.geometry("980x440")
        frame = ttk.Frame(self, padding=12)
        frame.pack(fill="both", expand=True)
        bar = ttk.Frame(frame)
        bar.pack(fill="x", pady=(0, 6))
        self.buttons = {}
        for key, text, command in (("new", "新增测量", self.new), ("edit", "编辑", lambda: self._selected(self.edit)),
                                   ("delete", "删除", lambda: self._selected(self.delete)),
                                   ("chart", "生长曲线PDF", self.chart)):
            self.buttons[key] = ttk.Button(bar, text=text, command=command, width=len(text) * 2 + 2)
            self.buttons[key].pack(side="left", padx=(0, 6))
        self.info = ttk.Label(bar, text="", style="Hint.TLabel")
        self.info.pack(side="left", padx=8)
        self.table = Table(frame, self.COLUMNS, on_open=self.edit, menu=[("编辑", self.edit), ("删除", self.delete)],
                           height=9)
        self.table.pack(fill="both", expand=True)
        self.alerts = ttk.Label(frame, text="", style="Error.TLabel", wraplength=940, justify="left")
        self.alerts.pack(fill="x", pady=(6, 0))
        ttk.Label(frame, text="Z评分按WHO 2006儿童生长标准：WAZ < −2 低体重，LAZ < −2 生长迟缓，WLZ < −2 消瘦，"
                              "+2 < WLZ ≤ +3 超重，WLZ > +3 肥胖；血红蛋白 < 110 g/L 贫血。",
                  style="Hint.TLabel", wraplength=940, justify="left").pack(anchor="w")
        self.table.tree.bind("<Delete>", lambda _e: self._selected(self.delete))
        self.bind("<Escape>", lambda _e: self.destroy())
        self.refresh()

    def dry_run(self, use_case, *args) -> None:
        self.page.dry_run(use_case, *args)

    def refresh(self) -> None:
        self.growth = g = self.app.look(svc.child_growth, self.child_id)
        self.title(f"生长发育 — {g.name}")
        self.info.configure(text=f"{g.name}　{g.sex}　出生{g.birth_date.isoformat()}　{g.class_name}")
        self.table.set_rows([(str(r.id), (r.measured_on.isoformat(), r.age_months,
                                          f"{_num(r.length_cm)}（{r.position}）", _num(r.weight_kg), _num(r.head_cm),
                                          _num(r.hb_g_l), r.hearing, _z(r.waz), _z(r.laz), _z(r.wlz),
                                          "、".join(r.classes) or "正常"),
                              r.measured_on.isoformat(), ("warn",) if r.classes else ())
                             for r in reversed(g.rows)])
        self.alerts.configure(text="；".join(a.text.removeprefix(g.name).strip() for a in g.alerts))

    def _selected(self, action):
        iid = self.table.selected()
        if iid:
            action(iid)

    def new(self):
        return MeasurementDialog(self, self.child_id, self.growth.name)

    def edit(self, iid: str):
        return MeasurementDialog(self, self.child_id, self.growth.name, int(iid))

    def delete(self, iid: str) -> None:
        if not dialogs.ask_yes_no(self, "删除测量记录", "确定删除这次测量的记录吗？"):
            return
        self.app.change(delete_record, KIND, int(iid))
        self.refresh()

    def chart(self) -> Path | None:
        from ...reports.growth_pdf import write_growth_chart
        from ..open_file import open_with_system

        growth = self.growth  # name and birth date: two children of one name never share a file
        path = outputs.print_folder(self.app, "growth") / (
            f"{growth.name}_{growth.birth_date:%Y%m%d}生_生长曲线_{self.app.today():%Y-%m-%d}.pdf")
        notes: list[str] = []
        write_growth_chart(path, self.app.look(centre_name), growth, self.app.today(), notes=notes)
        self.app.tell(f"已生成 {path.name}：{path.parent}", path)
        self.page.tell_unprintable(notes)
        open_with_system(Path(path))
        return Path(path)


class MeasuringDayWindow(tk.Toplevel):
    """A class's measuring day as a grid of entries, like a spreadsheet: type a number, Enter, Tab or
    → to the next cell (Enter at the end of a row: the first cell of the next child), ↓/↑ to the same
    column of the next/previous child; Ctrl+S (or 保存) stores the whole class in one go, or nothing
    if a value is wrong (the wrong cells turn red). A length or weight far from the child's previous
    measurement is asked about before saving; 关闭 with unsaved values asks before dropping them."""

    HEADERS = ("姓名", "性别", "月龄", *svc.GRID_FIELDS)
    UNITS = {"身长身高": "身长/身高 cm", "体重": "体重 kg", "头围": "头围 cm", "血红蛋白": "血红蛋白 g/L",
             "听力筛查": "听力筛查"}

    def __init__(self, page, class_id: int | None = None):
        super().__init__(page.app.root)
        self.page, self.app = page, page.app
        self.title("体检录入（按班级）")
        self.transient(page.app.root)
        self.geometry("900x620")
        self.classes = self.app.look(svc.class_choices)
        top = ttk.Frame(self, padding=(12, 10, 12, 4))
        top.pack(fill="x")
        ttk.Label(top, text="班级").pack(side="left")
        self.class_var = tk.StringVar(self)
        self.class_box = ttk.Combobox(top, textvariable=self.class_var, state="readonly", width=14,
                                      values=[name for _, name in self.classes])
        self.class_box.pack(side="left", padx=(4, 12))
        ttk.Label(top, text="测量日期").pack(side="left")
        self.day_var = tk.StringVar(self, value=self.app.today().isoformat())
        self.day_entry = ttk.Entry(top, textvariable=self.day_var, width=12)
        self.day_entry.pack(side="left", padx=(4, 12))
        ttk.Label(top, text="检查机构").pack(side="left")
        self.institution_var = tk.StringVar(self)
        ttk.Entry(top, textvariable=self.institution_var, width=26).pack(side="left", padx=(4, 0))
        self.class_box.bind("<<ComboboxSelected>>", lambda _e: self.load())
        self.day_entry.bind("<Return>", lambda _e: self.load())
        self.day_entry.bind("<FocusOut>", lambda _e: self.load(quiet=True))
        ttk.Label(self, text="输入数字后按回车、Tab 或 → 到下一格（一行的最后一格按回车到下一名幼儿的第一格），↓↑ 到下一名/上一名幼儿的同一格；"
                             "没来的幼儿整行留空；Ctrl+S 保存。\n"
                             "不满24个月按卧位身长、24个月起按立位身高记录。",
                  style="Hint.TLabel", padding=(12, 0), wraplength=860, justify="left").pack(anchor="w")
        self.body = self._scrolling(self)
        bottom = ttk.Frame(self, padding=(12, 6, 12, 10))
        bottom.pack(fill="x", side="bottom")
        self.problems = ttk.Label(bottom, text="", style="Error.TLabel", wraplength=620, justify="left")
        self.problems.pack(side="left", fill="x", expand=True)
        ttk.Button(bottom, text="关闭", command=self.close).pack(side="right")
        self.stats_button = ttk.Button(bottom, text="体检统计…", command=lambda: save_checkup_stats(self.page))
        self.stats_button.pack(side="right", padx=(0, 8))
        self.save_button = ttk.Button(bottom, text="保存", command=self.save, default="active")
        self.save_button.pack(side="right", padx=(0, 8))
        self.bind("<Control-s>", lambda _e: self.save() or "break")
        self.bind("<Escape>", lambda _e: self.close())
        self.protocol("WM_DELETE_WINDOW", self.close)
        style = ttk.Style(self)
        style.configure("Bad.TEntry", fieldbackground="#FADBD8", foreground="#C0392B")
        self.cells: dict[tuple[int, str], ttk.Entry] = {}
        self.sheet: svc.MeasuringSheet | None = None
        self.loaded: tuple | None = None
        if self.classes:
            chosen = next((name for cid, name in self.classes if cid == class_id), self.classes[0][1])
            self.class_var.set(chosen)
            self.load()
        else:
            self.problems.configure(text="这一天没有在托的班级。")

    def _scrolling(self, master) -> ttk.Frame:
        outer = ttk.Frame(master, padding=(12, 6))
        outer.pack(fill="both", expand=True)
        canvas = tk.Canvas(outer, highlightthickness=0)
        scroll = ttk.Scrollbar(outer, orient="vertical", command=canvas.yview)
        inner = ttk.Frame(canvas)
        inner.bind("<Configure>", lambda _e: canvas.configure(scrollregion=canvas.bbox("all")))
        canvas.create_window((0, 0), window=inner, anchor="nw")
        canvas.configure(yscrollcommand=scroll.set)
        canvas.pack(side="left", fill="both", expand=True)
        scroll.pack(side="right", fill="y")
        self.canvas = canvas
        return inner

    # the sheet -------------------------------------------------------------------------------
    def class_id(self) -> int | None:
        return next((cid for cid, name in self.classes if name == self.class_var.get()), None)

    def day(self):
        try:
            return parse_date(self.day_var.get())
        except ValueError:
            return None

    def load(self, quiet: bool = False) -> None:
        day, class_id = self.day(), self.class_id()
        if day is None or class_id is None:
            if not quiet:
                self.problems.configure(text="测量日期: 请写成 2026-11-20 这样的日期")
            return
        if self.loaded == (class_id, day):
            return
        self.sheet = self.app.look(svc.measuring_sheet, class_id, day)
        self.loaded = (class_id, day)
        for child in self.body.winfo_children():
            child.destroy()
        self.cells.clear()
        for col, header in enumerate(self.HEADERS):
            ttk.Label(self.body, text=self.UNITS.get(header, header), style="Hint.TLabel").grid(
                row=0, column=col, sticky="w", padx=4, pady=(0, 4))
        for r, row in enumerate(self.sheet.rows, start=1):
            ttk.Label(self.body, text=row.name, width=10).grid(row=r, column=0, sticky="w", padx=4)
            ttk.Label(self.body, text=row.sex).grid(row=r, column=1, padx=4)
            ttk.Label(self.body, text=f"{row.age_months}个月").grid(row=r, column=2, sticky="e", padx=4)
            for c, field in enumerate(svc.GRID_FIELDS):
                entry = ttk.Entry(self.body, width=12 if field != "听力筛查" else 9, justify="right")
                entry.insert(0, row.values.get(field, ""))
                entry.grid(row=r, column=3 + c, padx=2, pady=1)
                self._keys(entry, r - 1, c)
                self.cells[(row.child_id, field)] = entry
        self.problems.configure(text="" if self.sheet.rows else "这个班级这一天没有在托幼儿。")
        first = self.cell(0, 0)
        if first is not None:
            first.focus_set()

    def cell(self, r: int, c: int) -> ttk.Entry | None:
        if self.sheet is None or not 0 <= r < len(self.sheet.rows) or not 0 <= c < len(svc.GRID_FIELDS):
            return None
        return self.cells[(self.sheet.rows[r].child_id, svc.GRID_FIELDS[c])]

    def _keys(self, entry: ttk.Entry, r: int, c: int) -> None:
        def go(dr, dc):
            target = self.cell(r + dr, c + dc)
            if target is not None:
                target.focus_set()
                self._see(target)
            return "break"

        def next_cell(_e=None):  # along the row, then the first cell of the next child's row
            return go(0, 1) if c + 1 < len(svc.GRID_FIELDS) else go(1, -c)

        entry.bind("<FocusIn>", lambda _e: entry.select_range(0, "end"))
        entry.bind("<Return>", next_cell)
        entry.bind("<KP_Enter>", next_cell)
        entry.bind("<Down>", lambda _e: go(1, 0))
        entry.bind("<Up>", lambda _e: go(-1, 0))
        entry.bind("<Right>", lambda _e: go(0, 1) if entry.index("insert") >= len(entry.get()) else None)
        entry.bind("<Left>", lambda _e: go(0, -1) if entry.index("insert") == 0 else None)

    def _see(self, entry: ttk.Entry) -> None:
        """Scroll the grid so that the cell being typed in is on the screen."""
        self.update_idletasks()
        total = self.body.winfo_height()
        if total <= 0:
            return
        top, bottom = self.canvas.yview()
        y, h = entry.winfo_y(), entry.winfo_height()
        if y / total < top or (y + h) / total > bottom:
            self.canvas.yview_moveto(max(0.0, (y - 40) / total))

    def typed(self) -> bool:
        """Values typed and not saved (a cell that differs from what the sheet was loaded with)."""
        if self.sheet is None:
            return False
        return any(self.cells[(row.child_id, f)].get().strip() != (row.values.get(f) or "").strip()
                   for row in self.sheet.rows for f in svc.GRID_FIELDS)

    def close(self) -> None:
        if self.typed() and not dialogs.ask_yes_no(self, "未保存", "录入表里有还没有保存的测量值，关闭并放弃它们吗？"):
            return
        self.destroy()

    def values(self) -> dict[int, dict[str, str]]:
        if self.sheet is None:
            return {}
        return {row.child_id: {f: self.cells[(row.child_id, f)].get() for f in svc.GRID_FIELDS} for row in self.sheet.rows}

    # saving --------------------------------------------------------------------------------------
    def save(self) -> bool:
        day, class_id = self.day(), self.class_id()
        if self.sheet is None or day is None or (class_id, day) != self.loaded:
            self.load()
            return False
        for entry in self.cells.values():
            entry.configure(style="TEntry")
        try:  # the values' own checks first: a wrong value is refused before anything is asked
            self.app.ops.check(svc.save_measuring_day, class_id, day,
                               self.values(), self.institution_var.get())
        except InputError as exc:
            self._show(exc)
            return False
        warnings = svc.measuring_day_warnings(self.sheet, self.values())
        if warnings and not self._confirm(warnings):
            return False
        try:
            self.app.change(svc.save_measuring_day, class_id, day,
                            self.values(), self.institution_var.get())
        except InputError as exc:
            self._show(exc)
            return False
        self.problems.configure(text="")
        self.loaded = None
        self.load()
        return True

    def _confirm(self, warnings) -> bool:
        """Ask before saving values far from the previous measurement; 否 marks their cells to correct."""
        shown = "\n".join(f"· {p}" for p in warnings[:8]) + (f"\n……共{len(warnings)}处" if len(warnings) > 8 else "")
        if dialogs.ask_yes_no(self, "请核对测量值", f"下面的测量值和上次相比变化很大，可能输错了数或填错了列：\n\n{shown}\n\n"
                                                  "确认无误并保存吗？（选“否”返回修改）"):
            return True
        self._show(InputError(warnings), prefix="请核对（未保存）：")
        return False

    def _show(self, exc: InputError, prefix: str = "") -> None:
        ids = {row.name: row.child_id for row in self.sheet.rows} if self.sheet else {}
        first = None
        for p in exc.problems:
            name, _, field = p.field.partition(" ")
            entry = self.cells.get((ids.get(name), field))
            if entry is not None:
                entry.configure(style="Bad.TEntry")
                first = first or entry
        self.problems.configure(text=prefix + "\n".join(str(p) for p in exc.problems[:6])
                                + (f"\n……共{len(exc.problems)}处" if len(exc.problems) > 6 else ""))
        if first is not None:
            first.focus_set()


def save_checkup_stats(page) -> tuple[Path, Path] | None:
    """体检统计 of every class today: a PDF to print and the same table as a workbook beside it."""
    from ...exchange.checkup_export import write_checkup_xlsx
    from ...reports.growth_pdf import write_checkup_pdf
    from ..open_file import open_with_system

    app, today = page.app, page.app.today()
    pdf = outputs.print_folder(app, "growth") / f"体检统计_{today:%Y-%m-%d}.pdf"
    stats = app.look(svc.checkup_stats, today=today)
    name = app.look(centre_name)
    notes: list[str] = []
    write_checkup_pdf(pdf, name, today, stats, notes=notes)
    xlsx = write_checkup_xlsx(pdf.with_suffix(".xlsx"), name, today, stats)
    app.tell(f"已生成 {pdf.name} 和 {xlsx.name}：{pdf.parent}", pdf)
    page.tell_unprintable(notes)
    open_with_system(pdf)
    return pdf, xlsx
