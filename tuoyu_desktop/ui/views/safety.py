"""安全台账 (SPEC §12): 消毒记录 (one click for "same as last time"), 伤害登记, 消防 (巡查, 检查, 演练) and
隐患 — each a list with its form (the record kind's), import and template."""
from __future__ import annotations

import tkinter as tk
from datetime import date
from tkinter import ttk

from ...domain.formatting import date_iso
from ...services import safety as svc
from ...services.forms import delete_record
from ...services.medication import medication_page
from ...services.records.register import CHILD_REF
from ...services.vouchers import enrolled_choices
from .. import dialogs
from ..screen import hold_size
from ..widgets.form import FieldSpec, fields_for
from ..widgets.form_dialog import FormDialog
from ..widgets.table import Table, TableColumn
from .kind_dialog import KindDialog
from .list_page import ListPage


def _t(value) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


class ChildRecordDialog(FormDialog):
    """A record of one child (伤害登记, 带药委托, 喂药) with the child picked from the roster by name or
    拼音 — or the child already known (editing, or opened from the child's line)."""

    def __init__(self, page, kind: str, title: str, record_id: int | None = None, values: dict | None = None,
                 child_id: int | None = None):
        from ...services.forms import check_record, record_values, save_record

        self.page, self.app, self.kind, self.record_id = page, page.app, kind, record_id
        self._check, self._save_record = check_record, save_record
        self.enrolled = self.app.look(enrolled_choices)
        fields = fields_for(kind)
        values = dict(values or {})
        self.hidden = {CHILD_REF: str(child_id)} if child_id else {}
        if record_id:
            values = self.app.read(record_values, kind, record_id)
            self.hidden = {CHILD_REF: values.pop(CHILD_REF)}
        elif not child_id:
            fields.insert(0, FieldSpec("幼儿", kind="picker", required=True, choices=("",) + tuple(self.enrolled),
                                       hint="输入姓名或拼音首字母"))
        super().__init__(page.app.root, title, fields, validate=self._validate, save=self._store, values=values,
                         columns=2)

    def _values(self, values):
        out = {k: v for k, v in values.items() if k != "幼儿"}
        if "幼儿" in self.form.widgets:
            child = self.enrolled.get(self.form.picked("幼儿"))
            out[CHILD_REF] = str(child) if child else ""
            if not child:
                from ...domain.errors import InputError, Problem

                raise InputError([Problem("幼儿", "请选一名在托幼儿")])
        return {**out, **self.hidden}

    def _validate(self, values):
        self.app.ops.check(self._check, self.kind, self._values(values), self.record_id)

    def _store(self, values):
        self.app.change(self._save_record, self.kind, self._values(values), self.record_id)


def injury_dialog(page, record_id: int | None = None, child_id: int | None = None, child: str = "",
                  day: date | None = None):
    """A new injury (of the child already known when opened from 今日 or the roster), or an edit."""
    values = {"发生时间": f"{day or page.app.today():%Y-%m-%d} ", "程度": "轻", "处理": "园内处理"}
    title = "编辑伤害登记" if record_id is not None else f"伤害登记 — {child}" if child else "伤害登记"
    return ChildRecordDialog(page, "injuries", title, record_id, values, child_id=child_id)


def medication_dialog(page, record_id: int | None = None):
    today = page.app.today().isoformat()
    values = {"开始日期": today, "结束日期": today, "家长已签字": "否"}
    return ChildRecordDialog(page, "medication", "带药委托" if record_id is None else "编辑带药委托", record_id, values)


def dose_dialog(page, record_id: int | None = None, due=None):
    """喂药: from a due dose (its child, drug and dose filled in, the time now), or picked afresh."""
    from datetime import datetime

    if due is not None:
        now = datetime.now()
        at = now if now.date() == due.day else datetime.combine(due.day, due.at)
        values = {"药名": due.drug, "时间": f"{at:%Y-%m-%d %H:%M}", "剂量": due.dose, "结果": "已服"}
        return ChildRecordDialog(page, "doses", f"喂药 — {due.child} {due.drug}（{due.at:%H:%M}）", values=values,
                                 child_id=due.child_id)
    values = {"时间": f"{page.app.today():%Y-%m-%d} ", "结果": "已服"}
    return ChildRecordDialog(page, "doses", "喂药" if record_id is None else "编辑喂药记录", record_id, values)


TABS = (("disinfection", "消毒记录"), ("injuries", "伤害登记"), ("medication", "带药委托"), ("doses", "喂药记录"),
        ("firechecks", "消防"), ("hazards", "隐患"))
#: the tabs whose records are a child's: their form picks the child
CHILD_FORMS = {"injuries": injury_dialog, "medication": medication_dialog, "doses": dose_dialog}


class DisinfectionDayDialog(tk.Toplevel):
    """A day's 消毒 for every class by keyboard: each row shows the class's record, or its last one's
    items, method and people (remembered); Tab from field to field, Enter saves them all — so one
    key confirms "same as yesterday"."""

    FIELDS = (("surfaces", "消毒项目", 30), ("agent", "方法和浓度", 24), ("done_by", "执行人", 10), ("inspector", "检查人", 10))

    def __init__(self, page, day: date):
        super().__init__(page.app.root)
        self.page, self.app, self.day = page, page.app, day
        self.title(f"消毒登记 — {day.isoformat()}")
        self.transient(page.app.root)
        frame = ttk.Frame(self, padding=(14, 12))
        frame.pack(fill="both", expand=True)
        ttk.Label(frame, text="每个开班的班级一行；没有登记过的按这个班上一次的记录填好了，核对后按 Enter 保存（同上次就直接按 Enter）；"
                              "某个班这天没有消毒就清空它的一行。", style="Hint.TLabel", wraplength=760,
                  justify="left").pack(anchor="w", pady=(0, 6))
        grid = ttk.Frame(frame)
        grid.pack(fill="both", expand=True)
        for c, title in enumerate(["班级"] + [t for _, t, _ in self.FIELDS] + [""]):
            ttk.Label(grid, text=title).grid(row=0, column=c, sticky="w", padx=4)
        self.rows = self.app.look(svc.disinfection_day, day)
        self.entries: list[dict] = []
        for r, row in enumerate(self.rows, 1):
            ttk.Label(grid, text=row.class_name).grid(row=r, column=0, sticky="w", padx=4)
            entries = {}
            for c, (key, _title, width) in enumerate(self.FIELDS, 1):
                entry = ttk.Entry(grid, width=width)
                entry.insert(0, getattr(row, key))
                entry.grid(row=r, column=c, sticky="w", padx=4, pady=2)
                entry.bind("<Return>", lambda _e: self.save())
                entries[key] = entry
            ttk.Label(grid, text="已登记" if row.stored else "照上次" if row.surfaces else "",
                      style="Hint.TLabel").grid(row=r, column=len(self.FIELDS) + 1, sticky="w")
            self.entries.append(entries)
        if not self.rows:
            ttk.Label(grid, text="这一天没有开班的班级").grid(row=1, column=0, columnspan=4, sticky="w")
        self.error = ttk.Label(frame, text="", style="Error.TLabel", wraplength=760, justify="left")
        self.error.pack(anchor="w", pady=(6, 0))
        bar = ttk.Frame(frame)
        bar.pack(fill="x", pady=(8, 0))
        ttk.Button(bar, text="保存（Enter）", command=self.save).pack(side="right")
        ttk.Button(bar, text="取消", command=self.destroy).pack(side="right", padx=(0, 6))
        self.bind("<Escape>", lambda _e: self.destroy())
        hold_size(self)
        if self.entries:
            self.entries[0]["surfaces"].focus_set()

    def save(self) -> bool:
        from ...domain.errors import InputError

        for row, entries in zip(self.rows, self.entries):
            for key, _title, _width in self.FIELDS:
                setattr(row, key, entries[key].get())
        try:
            self.app.change(svc.save_disinfection_day, self.day, self.rows)
        except InputError as exc:
            self.error.configure(text="\n".join(f"{p.field}：{p.message}" if p.field else p.message
                                                 for p in exc.problems))
            return False
        self.destroy()
        return True


class SafetyView(ListPage):
    key = "safety"
    title = "安全"
    select_hint = "请先选中一条记录"

    def __init__(self, master, app):
        super().__init__(master, app, "安全台账")
        self.add_button("new", "新增…", self.new_record)
        self.add_button("edit", "编辑…", self.edit_selected)
        self.add_button("delete", "删除", self.delete_selected)
        self.add_button("day", "按天登记消毒…", lambda: DisinfectionDayDialog(self, self.app.today()))
        self.add_button("same", "今天消毒同上次", self.same_as_last_time)
        self.add_button("import", "导入", lambda: self.app.open_import(self.current_kind()))
        self.add_button("inspection", "检查备查…", self.open_inspection)
        self.summary = ttk.Label(self, text="", style="Hint.TLabel")
        self.summary.pack(anchor="w", pady=(0, 6))
        self.tabs = ttk.Notebook(self)
        self.tabs.pack(fill="both", expand=True)
        columns = {
            "disinfection": [TableColumn("day", "日期", 100), TableColumn("class", "班级", 110),
                             TableColumn("items", "消毒项目", 260), TableColumn("agent", "方法和浓度", 200),
                             TableColumn("by", "执行人", 80), TableColumn("checker", "检查人", 80)],
            "injuries": [TableColumn("at", "发生时间", 140), TableColumn("child", "幼儿", 90),
                         TableColumn("type", "伤害类型", 90), TableColumn("part", "部位", 80),
                         TableColumn("severity", "程度", 50), TableColumn("treatment", "处理", 120),
                         TableColumn("told", "家长告知", 140)],
            "medication": [TableColumn("child", "幼儿", 90), TableColumn("drug", "药名", 140), TableColumn("dose", "剂量", 70),
                           TableColumn("times", "服药时间", 110), TableColumn("dates", "日期", 170),
                           TableColumn("by", "委托人", 70), TableColumn("signed", "家长签字", 70),
                           TableColumn("pack", "原包装/医嘱", 90)],
            "doses": [TableColumn("at", "喂药时间", 140), TableColumn("child", "幼儿", 90), TableColumn("drug", "药名", 140),
                      TableColumn("dose", "剂量", 70), TableColumn("result", "结果", 60), TableColumn("by", "喂药人", 80),
                      TableColumn("checker", "核对人", 80)],
            "firechecks": [TableColumn("type", "类型", 60), TableColumn("at", "时间", 140), TableColumn("by", "执行人", 80),
                           TableColumn("places", "部位", 200), TableColumn("findings", "发现问题", 220),
                           TableColumn("drill", "演练（人数/分钟）", 130)],
            "hazards": [TableColumn("found", "发现日期", 100), TableColumn("source", "发现于", 60),
                        TableColumn("what", "隐患", 300), TableColumn("due", "整改期限", 100),
                        TableColumn("state", "状态", 200)],
        }
        self.tables: dict[str, Table] = {}
        for kind, title in TABS:
            table = Table(self.tabs, columns[kind], on_open=lambda i, k=kind: self.edit(k, i),
                          menu=[("编辑…", lambda i, k=kind: self.edit(k, i)), ("删除", lambda i, k=kind: self.delete(k, i))])
            self.tabs.add(table, text=title)
            self.tables[kind] = table
        self.tabs.bind("<<NotebookTabChanged>>", lambda _e: self.apply_filter())
        self.refresh()

    def current_kind(self) -> str:
        return TABS[self.tabs.index(self.tabs.select())][0]

    def main_table(self):
        return self.tables[self.current_kind()]

    def refresh(self) -> None:
        page = self.app.look(svc.safety_page)
        meds = self.app.look(medication_page)
        today = self.app.today()
        self.tables["disinfection"].set_rows([(str(r.id), (date_iso(r.day), name, r.surfaces, r.agent, r.done_by, r.inspector),
                                               f"{name} {r.surfaces}", ()) for r, name in page.disinfections])
        self.tables["injuries"].set_rows([
            (str(r.id), (_t(r.happened_at), name, r.injury_type, r.body_part, r.severity,
                         r.treatment + (f"（{r.hospital}）" if r.hospital else ""), _t(r.parent_told_at) or "未告知"),
             f"{name} {r.injury_type} {r.place}", () if r.parent_told_at else ("warn",)) for r, name in page.injuries])
        self.tables["medication"].set_rows([
            (str(o.id), (name, o.drug, o.dose, o.dose_times, f"{date_iso(o.start_on)}至{date_iso(o.end_on)}", o.entrusted_by,
                         "已签字" if o.parent_signed else "未签字", "已查验" if o.pack_checked else "未查验"),
             f"{name} {o.drug}", () if o.parent_signed else ("warn",)) for o, name in meds.orders])
        self.tables["doses"].set_rows([
            (str(d.id), (_t(d.given_at), name, drug, d.dose_given, d.result, d.given_by, d.verified_by),
             f"{name} {drug} {d.given_by}", () if d.result == "已服" else ("warn",)) for d, name, drug in meds.doses])
        self.tables["firechecks"].set_rows([
            (str(r.id), (r.check_type, _t(r.done_at), r.done_by, r.places, r.findings,
                         f"{r.participants}人/{r.minutes or '—'}分钟" if r.check_type == "演练" else ""),
             f"{r.check_type} {r.done_by} {r.places} {r.findings}", ()) for r in page.fire])
        self.tables["hazards"].set_rows([
            (str(h.id), (date_iso(h.found_on), h.source, h.description, date_iso(h.due_on),
                         f"已整改（{date_iso(h.fixed_on)}，{h.fixed_by}）" if h.fixed_on else
                         f"未整改，已逾期{(today - h.due_on).days}天" if h.due_on < today else "未整改"),
             h.description, ("muted",) if h.fixed_on else ()) for h in page.hazards])
        open_hazards = sum(1 for h in page.hazards if not h.fixed_on)
        self.summary.configure(text=f"本月伤害{page.injuries_this_month}起；未整改隐患{open_hazards}项。消毒和消防记录显示近60天，"
                                    "伤害和隐患显示近一年（未整改的隐患都显示），带药显示近60天；"
                                    "缺的记录在首页提醒，今天要喂的药在“今日”。")
        self.apply_filter()

    # actions ---------------------------------------------------------------------------------------
    TITLES = dict(TABS)

    def new_record(self):
        kind = self.current_kind()
        if kind in CHILD_FORMS:
            return CHILD_FORMS[kind](self)
        today = self.app.today()
        values = {"disinfection": {"日期": today.isoformat()}, "firechecks": {"类型": "巡查", "时间": f"{today:%Y-%m-%d} "},
                  "hazards": {"发现日期": today.isoformat(), "发现于": "巡查"}}[kind]
        return KindDialog(self, kind, f"新增{self.TITLES[kind]}", values=values)

    def edit(self, kind: str, iid: str):
        if kind in CHILD_FORMS:
            return CHILD_FORMS[kind](self, int(iid))
        return KindDialog(self, kind, f"编辑{self.TITLES[kind]}", record_id=int(iid))

    def edit_selected(self):
        return self._with_selected(lambda iid: self.edit(self.current_kind(), iid))

    def delete(self, kind: str, iid: str) -> None:
        if dialogs.ask_yes_no(self.app.root, "删除记录", f"确定删除这条{self.TITLES[kind]}吗？（可以在“编辑”菜单撤销）"):
            self.app.change(delete_record, kind, int(iid))

    def delete_selected(self):
        return self._with_selected(lambda iid: self.delete(self.current_kind(), iid))

    def open_inspection(self):
        from .inspection import InspectionDialog

        return InspectionDialog(self)

    def same_as_last_time(self):
        from ...domain.errors import InputError

        try:
            self.app.change(svc.disinfect_as_last_time)
        except InputError as exc:
            self.app.set_status(str(exc).lstrip(": "))
