"""今日: a class's attendance and 晨检 for one open day, marked by keyboard (SPEC §8).

Everyone is 出勤 by default. ↑/↓ move; 1 出勤, 2 病假 (asks its 症状), 3 事假, 4 其他; Enter types the
row's 体温 (Enter again: the next row), 5 晨检正常, 6 晨检异常, 0 no 晨检; F 病假追踪; Ctrl+S 保存.
Digits, not letters, so that a Chinese input method does not swallow the keys.
"""
from __future__ import annotations

import re
import tkinter as tk
from datetime import date
from pathlib import Path
from tkinter import ttk

from ...domain.choices import MARKS, PRESENT, SICK, SYMPTOMS
from ...domain.errors import InputError
from ...services import register
from ...services.records.register import CHILD_REF
from .. import dialogs, outputs
from .base import View
from .kind_dialog import KindDialog

KEYS_HELP = ("↑↓ 选择幼儿　1 出勤　2 病假　3 事假　4 其他　回车 录入体温（再按回车到下一名）　"
             "5 晨检正常　6 晨检异常　0 无晨检　F 病假追踪　Ctrl+S 保存")
#: the two modes the keys are read in, shown left of the 体温 entry
MARKS_MODE, TEMPERATURE_MODE = "marks", "temperature"
MODE_TEXT = {MARKS_MODE: ("按键：登记出勤", "Mode.TLabel"), TEMPERATURE_MODE: ("按键：录入体温", "ModeActive.TLabel")}
COLUMNS = (("name", "姓名", 110), ("mark", "出勤", 70), ("symptom", "症状", 70), ("temp", "体温", 70),
           ("result", "晨检", 70), ("follow", "病假追踪", 170), ("note", "提示", 200))


def parse_temperature(text: str) -> float | None:
    """36.5, or 365 typed without the point; None for an empty entry; ValueError otherwise."""
    text = text.strip().replace("。", ".").replace("℃", "")
    if not text:
        return None
    if re.fullmatch(r"\d{3}", text):
        text = f"{text[:2]}.{text[2]}"
    if not re.fullmatch(r"\d{2}(\.\d)?", text):
        raise ValueError("体温应为如 36.5 的数（也可以输入 365）")
    return float(text)


class SymptomPopup(tk.Toplevel):
    """病假's 症状 for one named child: a digit, or ↑↓ and Enter; 取消 (Esc) leaves the row as it was."""

    def __init__(self, page: TodayView, name: str, on_pick):
        super().__init__(page.app.root)
        self.title(f"病假症状 — {name}")
        self.transient(page.app.root)
        self.on_pick = on_pick
        ttk.Label(self, text=f"{name} 病假：请选择症状（按数字或↑↓回车）", padding=(10, 8, 10, 2)).pack(anchor="w")
        self.list = tk.Listbox(self, height=len(SYMPTOMS), exportselection=False, activestyle="dotbox")
        for i, s in enumerate(SYMPTOMS, start=1):
            self.list.insert("end", f"{i}  {s}")
        self.list.pack(fill="both", expand=True, padx=10)
        self.list.selection_set(0)
        self.list.activate(0)
        self.list.bind("<Double-1>", lambda _e: self.ok())
        buttons = ttk.Frame(self, padding=(10, 8, 10, 10))
        buttons.pack(fill="x")
        ttk.Button(buttons, text="取消", command=self.cancel).pack(side="right")
        ttk.Button(buttons, text="确定", command=self.ok).pack(side="right", padx=(0, 6))
        for i in range(len(SYMPTOMS)):
            self.bind(str(i + 1), lambda _e, i=i: self.pick(i))
            self.bind(f"<KP_{i + 1}>", lambda _e, i=i: self.pick(i))
        self.bind("<Return>", lambda _e: self.ok())
        self.bind("<Escape>", lambda _e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self.list.focus_set()

    def ok(self) -> str:
        chosen = self.list.curselection()
        return self.pick(chosen[0] if chosen else 0)

    def pick(self, index: int) -> str:
        self.on_pick(SYMPTOMS[index])
        self.destroy()
        return "break"

    def cancel(self) -> str:
        self.on_pick(None)
        self.destroy()
        return "break"


class FollowUpDialog(tk.Toplevel):
    """病假追踪: 追踪日期, 追踪结果 and 诊断 of one row (stored with the day)."""

    def __init__(self, page: TodayView, row: register.SheetRow):
        super().__init__(page.app.root)
        self.title(f"病假追踪 — {row.name}")
        self.transient(page.app.root)
        self.page, self.row = page, row
        frame = ttk.Frame(self, padding=12)
        frame.pack(fill="both", expand=True)
        self.entries = {}
        values = {"追踪日期": (row.followed_up_on or page.app.today()).isoformat(), "追踪结果": row.follow_up,
                  "诊断": row.diagnosis}
        ttk.Label(frame, text=f"{row.name}　{page.sheet.day.isoformat()} 病假（{row.symptom}）",
                  font="TuoyuBold").grid(row=0, column=0, columnspan=2, sticky="w", pady=(0, 6))
        for r, (label, value) in enumerate(values.items(), start=1):
            ttk.Label(frame, text=label).grid(row=r, column=0, sticky="w", pady=3)
            e = ttk.Entry(frame, width=36)
            e.insert(0, value)
            e.grid(row=r, column=1, sticky="w", pady=3)
            self.entries[label] = e
        self.error = ttk.Label(frame, text="", style="Error.TLabel")
        self.error.grid(row=4, column=0, columnspan=2, sticky="w")
        buttons = ttk.Frame(frame)
        buttons.grid(row=5, column=0, columnspan=2, sticky="e", pady=(6, 0))
        ttk.Button(buttons, text="确定", command=self.ok).pack(side="left", padx=(0, 6))
        ttk.Button(buttons, text="取消", command=self.cancel).pack(side="left")
        self.bind("<Return>", lambda _e: self.ok())
        self.bind("<Escape>", lambda _e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self.entries["追踪结果"].focus_set()

    def cancel(self) -> None:
        self.destroy()
        self.page.tree.focus_set()

    def ok(self):
        from ...domain.parsing import parse_date

        try:
            day = parse_date(self.entries["追踪日期"].get())
        except ValueError as exc:
            self.error.configure(text=f"追踪日期：{exc}")
            return
        if day is not None and day < self.page.sheet.day:
            self.error.configure(text="追踪日期：早于病假日期")
            return
        self.row.followed_up_on = day
        self.row.follow_up = self.entries["追踪结果"].get().strip()
        self.row.diagnosis = self.entries["诊断"].get().strip()
        self.page.set_dirty()
        self.page.show_row(self.row)
        self.destroy()
        self.page.tree.focus_set()


class TodayView(View):
    key = "today"
    title = "今日"

    def __init__(self, master, app):
        super().__init__(master, app)
        self.sheet: register.DaySheet | None = None
        self.last_written: Path | None = None  # the month print last written (print_month)
        self.dirty = False
        self.popup = None
        bar = ttk.Frame(self)
        bar.pack(fill="x")
        ttk.Label(bar, text="日期").pack(side="left")
        self.day_entry = ttk.Entry(bar, width=12)
        self.day_entry.pack(side="left", padx=(4, 2))
        self.day_entry.bind("<Return>", lambda _e: self.go_to_entered_day())
        ttk.Button(bar, text="转到", command=self.go_to_entered_day).pack(side="left", padx=(0, 12))
        ttk.Label(bar, text="班级").pack(side="left")
        self.class_box = ttk.Combobox(bar, state="readonly", width=14)
        self.class_box.pack(side="left", padx=(4, 12))
        self.class_box.bind("<<ComboboxSelected>>", lambda _e: self.change_class())
        self.buttons: dict[str, ttk.Button] = {}
        for key, text, command in (("save", "保存", self.save), ("opendays", "开园日设置…", self.edit_open_day),
                                   ("disease", "传染病登记…", self.edit_disease), ("injury", "伤害登记…", self.new_injury),
                                   ("leave", "员工请假…", self.new_leave)):
            self.buttons[key] = ttk.Button(bar, text=text, command=command)
            self.buttons[key].pack(side="left", padx=(0, 6))
        prints = ttk.Frame(self)
        prints.pack(fill="x", pady=(6, 0))
        for key, text, command in (("attendance_pdf", "幼儿出勤登记表（本月，全部班级PDF）",
                                    lambda: self.print_month("attendance")),
                                   ("checks_pdf", "晨午检记录表（本月，全部班级PDF）", lambda: self.print_month("checks")),
                                   ("excel", "导出本月Excel", lambda: self.print_month("excel"))):
            self.buttons[key] = ttk.Button(prints, text=text, command=command)
            self.buttons[key].pack(side="left", padx=(0, 6))
        # the day's menu (膳食 → 带量食谱), on the row of the prints: it takes no height of the table's
        self.menu_line = ttk.Label(prints, text="", style="Hint.TLabel", anchor="e")
        self.menu_line.pack(side="right", padx=(6, 0))
        self.note = ttk.Label(self, text="", style="Error.TLabel", wraplength=1000, justify="left")
        self.note.pack(anchor="w", pady=(6, 0))
        # the row the keys are read in: always above the table, so that it never falls off a small screen
        temp = ttk.Frame(self)
        temp.pack(fill="x", pady=(4, 0))
        self.mode_label = ttk.Label(temp, text="", width=14, anchor="center")
        self.mode_label.pack(side="left", padx=(0, 8))
        self.temp_label = ttk.Label(temp, text="体温 ℃")
        self.temp_label.pack(side="left")
        self.temp_entry = ttk.Entry(temp, width=8)
        self.temp_entry.pack(side="left", padx=(4, 8))
        self.temp_entry.bind("<Return>", lambda _e: self.enter_temperature())
        self.temp_entry.bind("<KP_Enter>", lambda _e: self.enter_temperature())
        self.temp_entry.bind("<Escape>", lambda _e: self.end_temperature())
        self.temp_entry.bind("<Up>", lambda _e: self.temperature_of_row(-1))
        self.temp_entry.bind("<Down>", lambda _e: self.temperature_of_row(1))
        self.temp_entry.bind("<Button-1>", lambda _e: self.start_temperature() and None)
        self.error = ttk.Label(temp, text="", style="Error.TLabel", wraplength=700, justify="left")
        self.error.pack(side="left")
        ttk.Label(self, text=KEYS_HELP, style="Hint.TLabel", wraplength=1000).pack(anchor="w", pady=(2, 4))
        box = ttk.Frame(self)
        box.pack(fill="both", expand=True)
        from .checklist import ChecklistPanel

        # 今日待办 beside the register: every class's 出勤 and 晨检, 留样, 消毒, 巡查 and the doses due today
        self.checklist = ChecklistPanel(box, app, self, height=6, width=330)
        self.checklist.pack(side="right", fill="y", padx=(10, 0))
        self.tree = ttk.Treeview(box, columns=[c[0] for c in COLUMNS], show="headings", selectmode="browse", height=6)
        for key, text, width in COLUMNS:
            self.tree.heading(key, text=text)
            self.tree.column(key, width=width, stretch=key in ("follow", "note"),
                             anchor="w" if key in ("name", "follow", "note") else "center")
        self.tree.tag_configure("absent", foreground="#B03A2E")
        scroll = ttk.Scrollbar(box, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=scroll.set)
        self.tree.pack(side="left", fill="both", expand=True)
        scroll.pack(side="left", fill="y")
        self.tree.bind("<Button-1>", lambda _e: self.set_mode(MARKS_MODE), add=True)
        self.mode = MARKS_MODE
        self._bind_keys()
        self.rows: dict[str, register.SheetRow] = {}
        self.load_note = ""
        day, note = self.app.look(register.register_day)
        self.load(None, day, note)

    # keys ------------------------------------------------------------------------------------
    def _bind_keys(self) -> None:
        t = self.tree
        for i, mark in enumerate(MARKS, start=1):
            for key in (str(i), f"<KP_{i}>"):
                t.bind(key, lambda e, m=mark: self.mark_key(e, lambda: self.set_mark(m)))
        for digit, result in (("5", "正常"), ("6", "异常"), ("0", "")):
            for key in (digit, f"<KP_{digit}>"):
                t.bind(key, lambda e, r=result: self.mark_key(e, lambda: self.set_result(r)))
        for digit in "789":  # no mark: in the temperature mode they are part of the reading
            for key in (digit, f"<KP_{digit}>"):
                t.bind(key, lambda e: self.mark_key(e, lambda: "break"))
        for key in ("<period>", "<KP_Decimal>", "<BackSpace>"):
            t.bind(key, lambda e: self.mark_key(e, lambda: "break"))
        t.bind("<Up>", lambda _e: self.move(-1))
        t.bind("<Down>", lambda _e: self.move(1))
        t.bind("<Return>", lambda _e: self.start_temperature())
        t.bind("<KP_Enter>", lambda _e: self.start_temperature())
        for key in ("f", "F"):
            t.bind(key, lambda _e: self.follow_up())
        for widget in (self.tree, self.temp_entry):
            for key in ("<Control-s>", "<Control-S>"):  # Caps Lock on too
                widget.bind(key, lambda _e: self.save() or "break")

    def current(self) -> register.SheetRow | None:
        iid = self.tree.focus() or (self.tree.selection() or ("",))[0]
        return self.rows.get(iid)

    def move(self, step: int) -> str:
        items = self.tree.get_children()
        if not items:
            return "break"
        iid = self.tree.focus()
        index = items.index(iid) + step if iid in items else 0
        self.select(items[max(0, min(len(items) - 1, index))])
        return "break"

    def select(self, iid: str) -> None:
        self.tree.selection_set(iid)
        self.tree.focus(iid)
        self.tree.see(iid)

    # the keys' mode ------------------------------------------------------------------------------
    def set_mode(self, mode: str) -> None:
        """Marks (digits change the selected row's marks) or temperature (digits go to the 体温 entry);
        shown beside the entry, and the entry names the child whose reading it takes."""
        self.mode = mode
        text, style = MODE_TEXT[mode]
        self.mode_label.configure(text=text, style=style)
        row = self.current() if mode == TEMPERATURE_MODE else None
        self.temp_label.configure(text=f"{row.name} 体温 ℃" if row else "体温 ℃（回车开始录入）")

    def mark_key(self, event, act) -> str:
        """A digit pressed while the table has the focus. In the temperature mode it belongs to the
        reading, never to a mark: it goes into the entry (which takes the focus back)."""
        if self.mode == TEMPERATURE_MODE:
            entry = self.temp_entry
            entry.focus_set()
            if event.keysym == "BackSpace":
                entry.delete(max(len(entry.get()) - 1, 0), "end")
            elif event.char and (event.char.isdigit() or event.char == "."):
                if entry.selection_present():
                    entry.delete("sel.first", "sel.last")
                entry.insert("insert", event.char)
            return "break"
        return act()

    def editable(self) -> bool:
        """A closed day (or no class) has nothing to mark: say so instead of changing a row."""
        sheet = self.sheet
        if sheet is None or sheet.class_id is None:
            return False
        if not sheet.is_open:
            self.app.set_status(f"{sheet.day.isoformat()}不开园（{sheet.closed_reason}），不能登记")
            return False
        return True

    def set_mark(self, mark: str) -> str:
        row = self.current()
        if row is None or not self.editable():
            return "break"
        if mark != SICK:
            row.mark, row.symptom = mark, ""
            self.changed_row(row)
            self.move(1)
            return "break"

        def picked(symptom):
            self.popup = None
            if symptom:
                row.mark, row.symptom = SICK, symptom
                self.changed_row(row)
                self.move(1)
            self.tree.focus_set()
        self.popup = SymptomPopup(self, row.name, picked)
        return "break"

    def set_result(self, result: str) -> str:
        row = self.current()
        if row is not None and self.editable():
            row.result = result
            if not result:
                row.temperature = None
            self.changed_row(row)
        return "break"

    def start_temperature(self) -> str:
        row = self.current()
        if row is None or not self.editable():
            return "break"
        self.set_mode(TEMPERATURE_MODE)
        self.temp_entry.delete(0, "end")
        if row.temperature is not None:  # shown selected: what is typed replaces it
            self.temp_entry.insert(0, f"{row.temperature:.1f}")
            self.temp_entry.selection_range(0, "end")
        self.temp_entry.icursor("end")
        self.temp_entry.focus_set()
        return "break"

    def end_temperature(self) -> str:
        """Esc: back to the marks; what was typed and not confirmed with Enter is dropped."""
        self.temp_entry.delete(0, "end")
        self.error.configure(text="")
        self.set_mode(MARKS_MODE)
        self.tree.focus_set()
        return "break"

    def temperature_of_row(self, step: int) -> str:
        """↑/↓ in the entry: another child's reading (what was typed is dropped, as with Esc)."""
        self.move(step)
        return self.start_temperature()

    def enter_temperature(self) -> str:
        row = self.current()
        if row is None or not self.editable():
            return "break"
        try:
            celsius = parse_temperature(self.temp_entry.get())
        except ValueError as exc:
            self.error.configure(text=f"{row.name}：{exc}")
            self.temp_entry.selection_range(0, "end")
            return "break"
        # 异常 that only came from a fever reading goes with the reading when it is corrected
        fever_only = row.result == "异常" and row.temperature is not None and row.temperature >= self.sheet.fever
        row.temperature = celsius
        if celsius is None:
            row.result = ""
        elif celsius >= self.sheet.fever:  # shown at once; the save applies the centre's threshold too
            row.result = "异常"
        else:
            row.result = "正常" if fever_only or not row.result else row.result
        self.temp_entry.delete(0, "end")
        self.error.configure(text="")
        self.changed_row(row)
        items = self.tree.get_children()
        here = items.index(self.tree.focus())
        if here + 1 < len(items):
            self.select(items[here + 1])
            return self.start_temperature()
        return self.end_temperature()

    def follow_up(self) -> str:
        row = self.current()
        if row is None or not self.editable():
            return "break"
        if row.mark == SICK:
            FollowUpDialog(self, row)
        else:
            self.app.set_status("只有病假需要追踪：请先选中一名病假的幼儿")
        return "break"

    # rows ------------------------------------------------------------------------------------
    def values(self, row: register.SheetRow) -> tuple:
        follow = ""
        if row.mark == SICK:
            follow = (f"{row.followed_up_on.isoformat()} {row.follow_up}" if row.followed_up_on else "未追踪（按F）")
        note = f"{row.open_case}未复课：须先登记复课日期和复课证明" if row.open_case else ""
        temp = f"{row.temperature:.1f}" if row.temperature is not None else ""
        return (row.name, row.mark, row.symptom, temp, row.result, follow, note)

    def show_row(self, row: register.SheetRow) -> None:
        iid = str(row.child_id)
        self.tree.item(iid, values=self.values(row), tags=("absent",) if row.mark != PRESENT else ())

    def changed_row(self, row: register.SheetRow) -> None:
        self.show_row(row)
        self.set_dirty()
        self.show_summary()

    def show_summary(self) -> None:
        """The line over the table: the day, the class, how many are marked 出勤 now (before saving too)."""
        sheet = self.sheet
        day = sheet.day.isoformat()
        name = dict(sheet.classes).get(sheet.class_id, "")
        present = sum(1 for r in self.rows.values() if r.mark == PRESENT)
        if self.dirty:
            state = "有未保存的更改（Ctrl+S 保存）"
        else:
            state = "已保存" if sheet.saved else "未登记（默认全部出勤，核对后保存）"
        lines = [self.load_note] if self.load_note else []
        if not sheet.is_open:
            lines.append(f"{day}不开园（{sheet.closed_reason}），不能登记")
        lines.append(f"{day} {name}：{len(self.rows)}人，出勤{present}人　{state}")
        self.note.configure(text="\n".join(lines),
                            style="Error.TLabel" if not sheet.is_open or self.load_note else "Hint.TLabel")

    def set_dirty(self, dirty: bool = True) -> None:
        self.dirty = dirty
        self.buttons["save"].configure(text="保存*" if dirty else "保存")
        if self.sheet is not None:
            self.show_summary()

    # loading and saving ----------------------------------------------------------------------
    def load(self, class_id: int | None, day: date, note: str = "") -> None:
        self.sheet = sheet = self.app.look(register.day_sheet, class_id, day)
        from ...services.kitchen import menu_line

        self.menu_line.configure(text=self.app.look(menu_line, day))
        self.day_entry.delete(0, "end")
        self.day_entry.insert(0, day.isoformat())
        self.class_box.configure(values=[name for _, name in sheet.classes])
        name = dict(sheet.classes).get(sheet.class_id, "")
        self.class_box.set(name)
        self.tree.delete(*self.tree.get_children())
        self.rows = {str(r.child_id): r for r in sheet.rows}
        for r in sheet.rows:
            self.tree.insert("", "end", iid=str(r.child_id), values=self.values(r),
                             tags=("absent",) if r.mark != PRESENT else ())
        self.load_note = note
        self.error.configure(text="")
        self.temp_entry.delete(0, "end")
        self.set_dirty(False)
        self.set_mode(MARKS_MODE)
        closed = not sheet.is_open or sheet.class_id is None
        self.temp_entry.configure(state="disabled" if closed else "normal")
        self.buttons["save"].configure(state="disabled" if closed else "normal")
        items = self.tree.get_children()
        if items:
            self.select(items[0])
        self.checklist.refresh()
        self.tree.focus_set()

    def open_class(self, class_id: int | None, day: date) -> None:
        """The register of a class on a day (from a task of 今日待办), asking first when a change is unsaved."""
        if self.sheet is not None and (self.sheet.class_id, self.sheet.day) == (class_id, day):
            self.tree.focus_set()
            return
        if self.discard_ok():
            self.load(class_id, day)

    def discard_ok(self) -> bool:
        return not self.dirty or bool(dialogs.ask_yes_no(self.app.root, "未保存", "本班今天的登记还没有保存，放弃这些更改吗？"))

    def change_class(self) -> None:
        if self.sheet is None:
            return
        ids = {name: cid for cid, name in self.sheet.classes}
        if not self.discard_ok():
            self.class_box.set(dict(self.sheet.classes).get(self.sheet.class_id, ""))
            return
        self.load(ids.get(self.class_box.get()), self.sheet.day)

    def go_to_entered_day(self) -> None:
        from ...domain.parsing import parse_date

        try:
            day = parse_date(self.day_entry.get())
        except ValueError as exc:
            self.error.configure(text=f"日期：{exc}")
            return
        if day is None or day > self.app.today():
            self.error.configure(text="日期：请填写今天或以前的日期（更正以前的登记）")
            return
        if self.discard_ok():
            self.load(self.sheet.class_id if self.sheet else None, day)

    def refresh(self) -> None:
        if self.sheet is not None and not self.dirty:
            self.load(self.sheet.class_id, self.sheet.day)
        elif self.sheet is not None:  # the register kept as typed; the checklist follows what is stored
            self.checklist.refresh()

    def save(self) -> bool:
        sheet = self.sheet
        if sheet is None or sheet.class_id is None:
            return False
        if self.temp_entry.get().strip():  # a temperature typed but not yet confirmed with Enter
            self.enter_temperature()
            if self.error.cget("text"):
                return False
        try:
            self.app.change(register.save_day, sheet.class_id, sheet.day, list(self.rows.values()))
        except InputError as exc:
            self.error.configure(text="没有保存：" + "；".join(str(p) for p in exc.problems[:6]))
            return False
        self.set_dirty(False)
        self.load(sheet.class_id, sheet.day)
        return True

    # other records -----------------------------------------------------------------------------
    def edit_open_day(self):
        day = self.sheet.day if self.sheet else self.app.today()
        return KindDialog(self, "opendays", "开园日设置（暑假、停托、周六托管等）",
                          values={"日期": day.isoformat(), "开园": "否" if self.sheet and self.sheet.is_open else "是"})

    def edit_disease(self):
        row = self.current()
        if row is None:
            return KindDialog(self, "diseases", "传染病登记")
        case_id = self.app.look(register.latest_case_id, row.child_id) if row.open_case else None
        if case_id:
            return KindDialog(self, "diseases", f"传染病登记 — {row.name}（填写复课日期和复课证明）", record_id=case_id,
                              hidden={CHILD_REF: str(row.child_id)})
        number = self.app.look(register.child_id_number, row.child_id)
        return KindDialog(self, "diseases", f"传染病登记 — {row.name}",
                          values={"身份证号": number or "（尚未落户）", "发病日期": self.sheet.day.isoformat()},
                          hidden={CHILD_REF: str(row.child_id)})

    def new_injury(self):
        """伤害登记 of the selected child on the sheet's day (no child selected: picked by name)."""
        from .safety import injury_dialog

        row = self.current()
        if row is None:
            return injury_dialog(self, day=self.sheet.day if self.sheet else None)
        return injury_dialog(self, child_id=row.child_id, child=row.name, day=self.sheet.day)

    def new_leave(self):
        return KindDialog(self, "leave", "员工请假", values={"开始日期": self.app.today().isoformat(),
                                                              "结束日期": self.app.today().isoformat()})

    # printouts -----------------------------------------------------------------------------------
    def out_dir(self) -> Path:
        return outputs.print_folder(self.app, "register")

    def print_month(self, what: str):
        """The month's 出勤登记表, 晨午检记录表 (PDF, every class a page) or workbook, written off the Tk
        thread (returns the task; ``last_written`` is the file once it is done)."""
        from ...exchange.register_export import write_register_xlsx
        from ...reports.register_pdf import write_attendance_pdf, write_checks_pdf
        from ...services.register_sheets import month_sheets
        from ..open_file import open_with_system

        if self.sheet is None:
            return None
        month = f"{self.sheet.day:%Y-%m}"
        # every class in one file (a page each): a second class's print never replaces the first's
        data = self.app.look(month_sheets, month, None)
        folder = self.out_dir()
        folder.mkdir(parents=True, exist_ok=True)
        notes: list[str] = []

        def write() -> Path:  # on the worker: only the file, no widget
            if what == "attendance":
                return write_attendance_pdf(data, folder / f"幼儿出勤登记表_{month}.pdf", notes=notes)
            if what == "checks":
                return write_checks_pdf(data, folder / f"晨午检记录表_{month}.pdf", notes=notes)
            return write_register_xlsx(data, folder / f"日常登记_{month}.xlsx")

        def written(path: Path) -> None:
            self.last_written = path
            classes = len(data.classes)
            self.app.tell(f"已生成 {path.name}（{month}，{classes}个班级{'，每班一页' if what != 'excel' else ''}）："
                          f"{path.parent}", path)
            self.tell_unprintable(notes)
            open_with_system(path)

        label = {"attendance": "幼儿出勤登记表", "checks": "晨午检记录表"}.get(what, "日常登记Excel")
        return outputs.write_in_background(self, label, write, written)
