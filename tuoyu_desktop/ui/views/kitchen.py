"""膳食 (SPEC §12): the week's 带量食谱 (open days × the 餐次 served; a dish typed once), and a day's
食品留样 typed by keyboard like 今日 (Tab from field to field, Enter saves)."""
from __future__ import annotations

import tkinter as tk
from datetime import date, timedelta
from tkinter import ttk

from ...domain.errors import InputError
from ...domain.kitchen import week_of
from ...services import kitchen as svc
from .. import outputs
from ..screen import hold_size
from .base import View

WEEKDAYS = "一二三四五六日"


def _d(day: date) -> str:
    return f"{day.month}月{day.day}日"


def _problems(exc: InputError) -> str:
    return "\n".join(f"{p.field}：{p.message}" if p.field else p.message for p in exc.problems)


class MealDialog(tk.Toplevel):
    """One 餐次 of one day: a dish per line, ``菜名：食材 克数、食材 克数``; a 菜名 alone is served as last time."""

    def __init__(self, page, day: date, meal: str):
        super().__init__(page.app.root)
        self.page, self.app, self.day, self.meal = page, page.app, day, meal
        self.title(f"{_d(day)}（周{WEEKDAYS[day.weekday()]}）{meal}")
        self.transient(page.app.root)
        frame = ttk.Frame(self, padding=(14, 12))
        frame.pack(fill="both", expand=True)
        ttk.Label(frame, text="每行一个菜：菜名：食材 克数、食材 克数（每人用量，克），如“番茄炒蛋：番茄 40、鸡蛋 30”。"
                              "以前排过的菜只写菜名，食材和用量照上次的。", style="Hint.TLabel", wraplength=520,
                  justify="left").pack(anchor="w", pady=(0, 6))
        self.text = tk.Text(frame, width=60, height=8, wrap="word", undo=True)
        self.text.pack(fill="both", expand=True)
        self.text.insert("1.0", self.app.look(svc.meal_text, day, meal))
        self.error = ttk.Label(frame, text="", style="Error.TLabel", wraplength=520, justify="left")
        self.error.pack(anchor="w", pady=(4, 0))
        known = sorted(self.app.look(svc.known_dishes))
        if known:
            ttk.Label(frame, text="排过的菜：" + "、".join(known[:40]) + ("…" if len(known) > 40 else ""),
                      style="Hint.TLabel", wraplength=520, justify="left").pack(anchor="w", pady=(4, 0))
        bar = ttk.Frame(frame)
        bar.pack(fill="x", pady=(8, 0))
        self.save_button = ttk.Button(bar, text="保存（Ctrl+Enter）", command=self.save)
        self.save_button.pack(side="right")
        ttk.Button(bar, text="取消", command=self.destroy).pack(side="right", padx=(0, 6))
        self.text.bind("<Control-Return>", lambda _e: (self.save(), "break")[1])
        self.bind("<Escape>", lambda _e: self.destroy())
        hold_size(self)
        self.text.focus_set()

    def save(self) -> bool:
        try:
            self.app.change(svc.save_meal, self.day, self.meal, self.text.get("1.0", "end"))
        except InputError as exc:
            self.error.configure(text=_problems(exc))
            return False
        self.destroy()
        return True


class KitchenView(View):
    key = "kitchen"
    title = "膳食"

    def __init__(self, master, app):
        super().__init__(master, app)
        self.monday = week_of(app.today())
        self.sample_day = app.today()
        self.tabs = ttk.Notebook(self)
        self.tabs.pack(fill="both", expand=True)
        self._build_menu_tab()
        self._build_samples_tab()
        self.refresh()

    # 带量食谱 -------------------------------------------------------------------------------------
    def _build_menu_tab(self) -> None:
        page = ttk.Frame(self.tabs, padding=(8, 8))
        self.tabs.add(page, text="带量食谱")
        bar = ttk.Frame(page)
        bar.pack(fill="x")
        self.week_label = ttk.Label(bar, text="", style="Title.TLabel")
        self.week_label.pack(side="left")
        for text, step in (("◀ 上周", -7), ("本周", 0), ("下周 ▶", 7)):
            ttk.Button(bar, text=text, command=lambda s=step: self.go_week(s)).pack(side="left", padx=(8 if step == -7 else 4, 0))
        self.menu_buttons = {}
        for key, text, command in (("print", "打印本周食谱", self.print_week), ("copy", "复制上周", self.copy_week),
                                   ("import", "导入", lambda: self.app.open_import("menus"))):
            self.menu_buttons[key] = ttk.Button(bar, text=text, command=command)
            self.menu_buttons[key].pack(side="right", padx=(6, 0))
        self.menu_note = ttk.Label(page, text="", style="Hint.TLabel", wraplength=980, justify="left")
        self.menu_note.pack(anchor="w", pady=(6, 6))
        self.grid_frame = ttk.Frame(page)
        self.grid_frame.pack(fill="both", expand=True)
        self.cells: dict[tuple[date, str], ttk.Button] = {}

    def go_week(self, step: int) -> None:
        self.monday = week_of(self.app.today()) if step == 0 else self.monday + timedelta(days=step)
        self.refresh_menu()

    def refresh_menu(self) -> None:
        week = self.week = self.app.look(svc.week_menu, self.monday)
        sunday = week.monday + timedelta(days=6)
        self.week_label.configure(text=f"带量食谱 {week.monday.year}年{_d(week.monday)}—{_d(sunday)}")
        note = "点一格（或用 Tab 移到它按空格）排这一餐的菜。"
        if week.unchanged:
            note = "本周的食谱与前两周完全相同：规范要求每1–2周更换一次。" + note
        self.menu_note.configure(text=note, style="Error.TLabel" if week.unchanged else "Hint.TLabel")
        for child in self.grid_frame.winfo_children():
            child.destroy()
        self.cells = {}
        ttk.Label(self.grid_frame, text="").grid(row=0, column=0)
        for c, day in enumerate(week.days, 1):
            ttk.Label(self.grid_frame, text=f"周{WEEKDAYS[day.weekday()]} {_d(day)}", anchor="center").grid(
                row=0, column=c, sticky="ew", padx=2)
            self.grid_frame.columnconfigure(c, weight=1, uniform="day")
        for r, meal in enumerate(week.meals, 1):
            ttk.Label(self.grid_frame, text=meal).grid(row=r, column=0, sticky="nw", padx=(0, 6), pady=4)
            self.grid_frame.rowconfigure(r, weight=1)
            for c, day in enumerate(week.days, 1):
                dishes = week.dishes(day, meal)
                text = "\n".join(d.name for d in dishes) if dishes else "（未排）"
                button = ttk.Button(self.grid_frame, text=text, command=lambda d=day, m=meal: MealDialog(self, d, m))
                button.grid(row=r, column=c, sticky="nsew", padx=2, pady=2)
                self.cells[(day, meal)] = button
        if not week.days:
            ttk.Label(self.grid_frame, text="这一周不开园").grid(row=1, column=1)

    def copy_week(self) -> None:
        try:
            self.app.change(svc.copy_last_week, self.monday)
        except InputError as exc:
            self.app.set_status(_problems(exc))

    def print_week(self):
        from ...reports.kitchen_pdf import write_week_pdf
        from ...services.centre import get_centre
        from ..open_file import open_with_system

        week, centre, notes = self.week, self.app.look(get_centre).name, []
        target = outputs.print_folder(self.app, "kitchen") / f"带量食谱{week.monday.isoformat()}.pdf"

        def written(path):
            self.app.tell(f"已生成本周带量食谱（{_d(week.monday)}起）", path)
            self.tell_unprintable(notes)
            open_with_system(path)

        return outputs.write_in_background(self, "带量食谱", lambda: write_week_pdf(
            target, centre, week, self.app.today(), notes=notes), written)

    # 食品留样 -------------------------------------------------------------------------------------
    def _build_samples_tab(self) -> None:
        page = ttk.Frame(self.tabs, padding=(8, 8))
        self.tabs.add(page, text="食品留样")
        bar = ttk.Frame(page)
        bar.pack(fill="x")
        ttk.Label(bar, text="日期").pack(side="left")
        self.day_entry = ttk.Entry(bar, width=12)
        self.day_entry.pack(side="left", padx=(4, 2))
        self.day_entry.bind("<Return>", lambda _e: self.go_to_day())
        ttk.Button(bar, text="转到", command=self.go_to_day).pack(side="left")
        ttk.Button(bar, text="◀", width=3, command=lambda: self.step_day(-1)).pack(side="left", padx=(8, 0))
        ttk.Button(bar, text="▶", width=3, command=lambda: self.step_day(1)).pack(side="left", padx=(2, 0))
        self.sample_buttons = {}
        for key, text, command in (("month", "打印本月留样记录", self.print_month), ("save", "保存（Enter）", self.save_samples)):
            self.sample_buttons[key] = ttk.Button(bar, text=text, command=command)
            self.sample_buttons[key].pack(side="right", padx=(6, 0))
        self.sample_note = ttk.Label(page, text="", style="Hint.TLabel", wraplength=980, justify="left")
        self.sample_note.pack(anchor="w", pady=(6, 6))
        self.sample_frame = ttk.Frame(page)
        self.sample_frame.pack(fill="both", expand=True, anchor="nw")
        self.sample_error = ttk.Label(page, text="", style="Error.TLabel", wraplength=980, justify="left")
        self.sample_error.pack(anchor="w", pady=(6, 0))
        self.sample_widgets: list[dict] = []

    FIELDS = (("grams", "留样量（克）", 9), ("sampled_at", "留样时间", 16), ("sampled_by", "留样人", 10),
              ("storage", "冷藏设备/温度", 14), ("destroyed_at", "销毁时间", 16))

    def go_to_day(self) -> None:
        from ...domain.parsing import parse_date

        try:
            day = parse_date(self.day_entry.get())
        except ValueError as exc:
            self.app.set_status(str(exc))
            return
        if day is not None:
            self.sample_day = day
            self.refresh_samples()

    def step_day(self, step: int) -> None:
        self.sample_day += timedelta(days=step)
        self.refresh_samples()

    def refresh_samples(self) -> None:
        sheet = self.sheet = self.app.look(svc.day_samples, self.sample_day)
        self.day_entry.delete(0, "end")
        self.day_entry.insert(0, sheet.day.isoformat())
        self.sample_note.configure(text=sheet.note or (
            f"{_d(sheet.day)}：每餐每个菜品留样不少于{sheet.minimum_g}克，冷藏保存{sheet.keep_hours}小时以上，销毁时间"
            f"不能早于留样后{sheet.keep_hours}小时。勾选已留样的菜（空格键），Tab 到下一格，Enter 保存；留样时间和留样人照上次的。"))
        self.sample_error.configure(text="")
        for child in self.sample_frame.winfo_children():
            child.destroy()
        self.sample_widgets = []
        if not sheet.rows:
            self.sample_buttons["save"].state(["disabled"])
            return
        self.sample_buttons["save"].state(["!disabled"])
        heads = ["餐次", "菜名", "已留样"] + [title for _, title, _ in self.FIELDS]
        for c, head in enumerate(heads):
            ttk.Label(self.sample_frame, text=head).grid(row=0, column=c, sticky="w", padx=4, pady=(0, 4))
        for r, row in enumerate(sheet.rows, 1):
            ttk.Label(self.sample_frame, text=row.meal).grid(row=r, column=0, sticky="w", padx=4)
            ttk.Label(self.sample_frame, text=row.dish).grid(row=r, column=1, sticky="w", padx=4)
            ticked = tk.BooleanVar(self.sample_frame, value=row.sampled)
            check = ttk.Checkbutton(self.sample_frame, variable=ticked)
            check.grid(row=r, column=2, padx=4)
            check.bind("<Return>", lambda _e: self.save_samples())
            widgets = {"row": row, "ticked": ticked, "check": check}
            for c, (key, _title, width) in enumerate(self.FIELDS, 3):
                text = tk.StringVar(self.sample_frame, value=getattr(row, key))
                entry = ttk.Entry(self.sample_frame, width=width, textvariable=text)
                widgets[f"{key}_var"] = text
                entry.grid(row=r, column=c, sticky="w", padx=4, pady=2)
                entry.bind("<Return>", lambda _e: self.save_samples())
                widgets[key] = entry
            # typing a weight is sampling it
            widgets["grams_var"].trace_add("write", lambda *_a, w=widgets: w["ticked"].set(True)
                                           if w["grams_var"].get().strip() else None)
            self.sample_widgets.append(widgets)
        self.sample_widgets[0]["check"].focus_set()

    def open_samples(self, day: date, meal: str | None = None) -> None:
        """The 食品留样 tab on ``day``, the first dish of ``meal`` focused (from a task of 今日待办)."""
        self.tabs.select(1)
        self.sample_day = day
        self.refresh_samples()
        for w in self.sample_widgets:
            if meal is None or w["row"].meal == meal:
                w["check"].focus_set()
                break

    def sample_rows(self) -> list:
        rows = []
        for w in self.sample_widgets:
            row = w["row"]
            row.sampled = w["ticked"].get()
            for key, _title, _width in self.FIELDS:
                setattr(row, key, w[key].get())
            rows.append(row)
        return rows

    def save_samples(self) -> bool:
        try:
            self.app.change(svc.save_samples, self.sample_day, self.sample_rows())
        except InputError as exc:
            self.sample_error.configure(text=_problems(exc))
            return False
        return True

    def print_month(self):
        from ...domain.month import Month
        from ...reports.kitchen_pdf import write_samples_pdf
        from ...services.centre import get_centre
        from ..open_file import open_with_system

        month = Month.of(self.sample_day)
        records = self.app.look(svc.month_samples, month)
        centre, notes = self.app.look(get_centre).name, []
        target = outputs.print_folder(self.app, "kitchen") / f"{month}留样记录.pdf"

        def written(path):
            self.app.tell(f"已生成{month.title}留样记录（{len(records.rows)}条）", path)
            self.tell_unprintable(notes)
            open_with_system(path)

        return outputs.write_in_background(self, f"{month.title}留样记录", lambda: write_samples_pdf(
            target, centre, records, self.app.today(), notes=notes), written)

    # ---------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.refresh_menu()
        self.refresh_samples()
