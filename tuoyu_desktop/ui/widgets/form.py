"""A form as every area uses it: labels left, required fields marked, the problem in red under
the field as soon as the field is left, 保存 and 取消 bottom right, Enter saves, Esc cancels."""
from __future__ import annotations

import tkinter as tk
from dataclasses import dataclass
from tkinter import ttk
from typing import Callable

from ...domain.errors import InputError
from ...domain.parsing import parse_yes_no
from ...domain.search import matches, search_key


@dataclass(frozen=True)
class FieldSpec:
    key: str  # the Chinese field name; also what InputError problems name
    kind: str = "text"  # text | password | choice (pick one) | combo (pick or type) | picker | check
    # picker: pick one of many (a child from the roster) by typing part of it or its 拼音 (zzy)
    required: bool = False
    choices: tuple[str, ...] = ()
    width: int = 30
    hint: str = ""
    label: str = ""  # shown text when it differs from key

    @property
    def text(self) -> str:
        return self.label or self.key


def fields_for(kind_key: str, choices: dict[str, tuple[str, ...]] | None = None) -> list[FieldSpec]:
    """A record kind's form, from its description in the registry (services.records): the same
    headers, required marks and choices as its template, with the form's hints and widgets.
    ``choices`` gives the fields whose choices come from the data (班级, 所在班级)."""
    from ...services.records import KINDS

    kind, choices = KINDS[kind_key], choices or {}
    out = []
    for header in kind.form_fields:
        c = kind.column(header)
        options: tuple[str, ...] = ()
        if header in choices:
            widget, options = "choice", choices[header]
        elif c.widget:
            widget = c.widget
        elif c.kind in ("choice", "combo", "yesno"):
            widget, options = ("combo" if c.kind == "combo" else "choice"), c.choices
            options = options if c.required else ("", *options)
        else:
            widget = "text"
        out.append(FieldSpec(header, widget, c.required, options, c.field_width or kind.form_width, c.hint))
    return out


class Form(ttk.Frame):
    def __init__(self, master, fields: list[FieldSpec], *, validate: Callable[[dict], None],
                 save: Callable[[dict], None], cancel: Callable[[], None], columns: int = 1,
                 on_leave: dict[str, Callable[["Form", str], None]] | None = None):
        super().__init__(master, padding=(4, 4))
        self.fields = {f.key: f for f in fields}
        self.on_leave = on_leave or {}
        self.hints: dict[str, str] = {}
        self._validate, self._save, self._cancel = validate, save, cancel
        self.vars: dict[str, tk.Variable] = {}
        self.widgets: dict[str, tk.Widget] = {}
        self.error_labels: dict[str, ttk.Label] = {}
        self.touched: set[str] = set()
        # the buttons are packed first, at the bottom: they stay where they are whatever the fields say
        buttons = ttk.Frame(self)
        buttons.pack(side="bottom", fill="x", pady=(8, 0))
        self.cancel_button = ttk.Button(buttons, text="取消", command=self.cancel)
        self.cancel_button.pack(side="right")
        self.save_button = ttk.Button(buttons, text="保存", command=self.save, default="active")
        self.save_button.pack(side="right", padx=(0, 8))
        self.general_error = ttk.Label(self, text="", style="Error.TLabel", wraplength=400, justify="left")
        self.general_error.pack(side="bottom", fill="x")
        self.general_error.bind("<Configure>", lambda e: self.general_error.configure(
            wraplength=max(e.width - 4, 200)))
        self.body = body = ttk.Frame(self)
        body.pack(side="top", fill="both", expand=True)
        per_column = -(-len(fields) // columns)
        for index, spec in enumerate(fields):
            col, row = divmod(index, per_column)
            self._add_field(body, spec, row * 2, col * 3)
        self.shown = self.values()  # what the form showed: a field the user changed is checked when left
        self._wrap_messages()

    def _add_field(self, body, spec: FieldSpec, row: int, col: int) -> None:
        label = ttk.Frame(body)
        label.grid(row=row, column=col, sticky="ne", padx=(12, 6), pady=(4, 0))
        if spec.required:
            ttk.Label(label, text="*", style="Required.TLabel").pack(side="left")
        ttk.Label(label, text=spec.text).pack(side="left")
        if spec.kind == "check":
            var: tk.Variable = tk.BooleanVar(self, value=False)
            widget = ttk.Checkbutton(body, variable=var, text=spec.hint)
        elif spec.kind in ("choice", "combo"):
            var = tk.StringVar(self)
            widget = ttk.Combobox(body, textvariable=var, values=spec.choices, width=spec.width - 2,
                                  state="readonly" if spec.kind == "choice" else "normal")
            widget.bind("<<ComboboxSelected>>", lambda _e, k=spec.key: self._left(k))
        elif spec.kind == "picker":
            var = tk.StringVar(self)
            widget = ttk.Combobox(body, textvariable=var, values=spec.choices, width=spec.width - 2)
            widget.bind("<<ComboboxSelected>>", lambda _e, k=spec.key: self._left(k))
            widget.bind("<KeyRelease>", lambda e, s=spec, w=widget: self._narrow(e, s, w), add=True)
        else:
            var = tk.StringVar(self)
            widget = ttk.Entry(body, textvariable=var, width=spec.width, show="●" if spec.kind == "password" else "")
        widget.grid(row=row, column=col + 1, sticky="w", pady=(4, 0))
        if spec.hint and spec.kind != "check":
            ttk.Label(body, text=spec.hint, style="Hint.TLabel").grid(row=row, column=col + 2, sticky="w",
                                                                       padx=(6, 0), pady=(4, 0))
        error = ttk.Label(body, text="", style="Error.TLabel", justify="left")
        error.grid(row=row + 1, column=col + 1, columnspan=2, sticky="w")
        widget.bind("<FocusOut>", lambda _e, k=spec.key: self._left(k))
        widget.bind("<Return>", lambda _e: self.save() or "break")
        widget.bind("<KP_Enter>", lambda _e: self.save() or "break")
        widget.bind("<Escape>", lambda _e: self.cancel() or "break")
        self.vars[spec.key], self.widgets[spec.key], self.error_labels[spec.key] = var, widget, error

    def _narrow(self, event, spec: FieldSpec, widget: ttk.Combobox) -> None:
        """A picker lists only the choices matching what is typed (their text or 拼音); ↓ opens them."""
        if event.keysym in ("Return", "KP_Enter", "Escape", "Tab", "Up", "Down"):
            return
        typed = widget.get()
        found = [c for c in spec.choices if c and matches(search_key(c), typed)] if typed.strip() else list(spec.choices)
        widget.configure(values=found)

    def picked(self, key: str) -> str:
        """The choice a picker holds: the one typed in full, or the only one matching what was typed
        (then written in full into the box); "" while nothing or several match."""
        spec, text = self.fields[key], self.vars[key].get().strip()
        if not text or text in spec.choices:
            return text
        found = [c for c in spec.choices if c and matches(search_key(c), text)]
        if len(found) == 1:
            self.vars[key].set(found[0])
            return found[0]
        return ""

    def _wrap_messages(self) -> None:
        """A message under a field wraps inside the field's own column (its entry and hint), so that
        a long message never widens the form or moves its buttons."""
        self.update_idletasks()
        for label in self.error_labels.values():
            info = label.grid_info()
            column = int(info["column"])
            _x, _y, width, _h = label.master.grid_bbox(column, 0, column + 1, int(info["row"]))
            label.configure(wraplength=max(width - 4, 180))

    # values -------------------------------------------------------------------------------
    def values(self) -> dict:
        out = {}
        for key, var in self.vars.items():
            out[key] = bool(var.get()) if self.fields[key].kind == "check" else str(var.get())
        return out

    def set_values(self, values: dict) -> None:
        for key, value in values.items():
            if key in self.vars:
                if self.fields[key].kind == "check":
                    self.vars[key].set(_ticked(value))
                else:
                    self.vars[key].set("" if value is None else str(value))
        self.touched.clear()
        self.shown = self.values()
        self.show_errors({})

    def set_choices(self, key: str, choices: tuple[str, ...]) -> None:
        self.widgets[key].configure(values=choices)

    def set_hint(self, key: str, text: str) -> None:
        """A note under the field in grey, shown while the field has no problem."""
        self.hints[key] = text
        if self.error_labels[key].cget("style") != "Error.TLabel" or not self.error_labels[key].cget("text"):
            self.error_labels[key].configure(text=text, style="Hint.TLabel")

    def set_value(self, key: str, value) -> None:
        self.vars[key].set(value)

    # checking -----------------------------------------------------------------------------
    def _left(self, key: str) -> None:
        """A field left: checked (its problem shown under it) once the user has changed it; a field
        only passed through keeps quiet until 保存 (no red 必填 before anything was typed)."""
        if self.values().get(key) != self.shown.get(key):
            self.touched.add(key)
        if key in self.on_leave:
            self.on_leave[key](self, key)
        self.check()

    def check(self) -> dict[str, list[str]]:
        """Run the validator; show the problems of the fields the user has left."""
        try:
            self._validate(self.values())
            errors: dict[str, list[str]] = {}
        except InputError as exc:
            errors = {}
            for p in exc.problems:
                errors.setdefault(p.field, []).append(p.message)
        self.show_errors({k: v for k, v in errors.items() if k in self.touched})
        return errors

    def show_errors(self, errors: dict[str, list[str]]) -> None:
        for key, label in self.error_labels.items():
            if errors.get(key):
                label.configure(text="；".join(errors[key]), style="Error.TLabel")
            else:
                label.configure(text=self.hints.get(key, ""), style="Hint.TLabel")
        other = [m for k, msgs in errors.items() if k not in self.error_labels for m in msgs]
        self.general_error.configure(text="；".join(other))

    def error_text(self, key: str) -> str:
        label = self.error_labels[key]
        return str(label.cget("text")) if str(label.cget("style")) == "Error.TLabel" else ""

    def save(self) -> bool:
        self.touched.update(self.fields)
        errors = self.check()
        if errors:
            first = next((k for k in self.fields if k in errors), None)
            if first:
                self.widgets[first].focus_set()
            return False
        try:
            self._save(self.values())
        except InputError as exc:
            errors = {}
            for p in exc.problems:
                errors.setdefault(p.field, []).append(p.message)
            self.show_errors(errors)
            return False
        return True

    def edited(self) -> bool:
        """Whether anything differs from what the form showed (typed, picked, ticked)."""
        return self.values() != self.shown

    def discard_ok(self) -> bool:
        """Leaving the form: at once if nothing was changed, else only when the user says so (an
        Esc pressed by habit must not throw away a form typed full)."""
        if not self.edited():
            return True
        from .. import dialogs

        return dialogs.ask_yes_no(self.winfo_toplevel(), "放弃未保存的内容",
                                  "这张表里有改动还没有保存，关闭后会丢失。\n\n确实不保存就关闭吗？")

    def cancel(self) -> None:
        if self.discard_ok():
            self._cancel()


def _ticked(value) -> bool:
    """A tick box's state from a stored or typed value: 是 ticks, 否 (or anything not 是) does not —
    never ``bool("否")``, which is true."""
    try:
        return bool(parse_yes_no(value))
    except ValueError:
        return False
