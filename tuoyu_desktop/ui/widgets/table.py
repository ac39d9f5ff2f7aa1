"""A sortable table with search-as-you-type, as every list page uses it.

Rows are kept in memory with a prepared search text; filtering detaches and re-attaches the
Treeview items instead of rebuilding them, so typing stays fast with thousands of rows.
"""
from __future__ import annotations

import tkinter as tk
from dataclasses import dataclass
from tkinter import ttk
from typing import Callable

from ...domain.pinyin import sort_key as pinyin_sort_key
from ...domain.search import matches, search_key
from .tooltip import TreeTooltip


@dataclass(frozen=True)
class TableColumn:
    key: str
    title: str
    width: int = 100
    anchor: str = "w"
    numeric: bool = False


def _heading_font(widget):
    """The font the column headings are drawn in (the theme's, or Tk's default heading font)."""
    from tkinter import font as tkfont

    name = ttk.Style(widget).lookup("Treeview.Heading", "font") or "TkHeadingFont"
    try:
        return tkfont.nametofont(name, root=widget)
    except (tk.TclError, TypeError):
        try:
            return tkfont.Font(root=widget, font=name)
        except tk.TclError:
            return None


class Table(ttk.Frame):
    def __init__(self, master, columns: list[TableColumn], *, on_open: Callable[[str], None] | None = None,
                 menu: list[tuple[str, Callable[[str], None]]] | None = None, height: int = 18,
                 image_column: TableColumn | None = None):
        """``image_column``: a first column that shows a picture per row (a progress bar, say); the
        rows then give their image as a fifth element."""
        super().__init__(master)
        self.columns = columns
        self.on_open = on_open
        self.tree = ttk.Treeview(self, columns=[c.key for c in columns], height=height, selectmode="browse",
                                 show="tree headings" if image_column else "headings")
        heading = _heading_font(self.tree)
        self._images: dict[str, tk.PhotoImage] = {}  # Tk forgets an image whose Python object is gone
        if image_column:
            self.tree.heading("#0", text=image_column.title)
            width = max(image_column.width, heading.measure(image_column.title) + 14) if heading else image_column.width
            self.tree.column("#0", width=width, stretch=False, anchor="w")
        for c in columns:
            self.tree.heading(c.key, text=c.title, command=lambda k=c.key: self.sort_by(k))
            width = max(c.width, heading.measure(c.title) + 14) if heading else c.width  # a heading is never cut
            self.tree.column(c.key, width=width, anchor=c.anchor, stretch=False)
        if columns:
            self.tree.column(columns[-1].key, stretch=True)
        yscroll = ttk.Scrollbar(self, orient="vertical", command=self.tree.yview)
        xscroll = ttk.Scrollbar(self, orient="horizontal", command=self.tree.xview)
        self.tree.configure(yscrollcommand=yscroll.set, xscrollcommand=xscroll.set)
        self.tree.grid(row=0, column=0, sticky="nsew")
        yscroll.grid(row=0, column=1, sticky="ns")
        xscroll.grid(row=1, column=0, sticky="ew")
        self.rowconfigure(0, weight=1)
        self.columnconfigure(0, weight=1)
        # the last column holds the long texts (a reason, an alert): cut off, it shows in full on hover
        self.tooltip = TreeTooltip(self.tree, columns[-1].key) if columns else None
        self.tree.tag_configure("warn", foreground="#c0392b")
        self.tree.tag_configure("muted", foreground="#888888")
        self._rows: dict[str, tuple] = {}
        self._search: dict[str, str] = {}
        self._order: list[str] = []
        self._visible: list[str] = []
        self._sort: tuple[str, bool] | None = None
        self.tree.bind("<Double-1>", self._double_click)
        self.tree.bind("<Return>", lambda _e: self._open_selected())
        self.menu = None
        if menu:
            self.menu = tk.Menu(self, tearoff=False)
            for label, action in menu:
                self.menu.add_command(label=label, command=lambda a=action: self._run_on_selected(a))
            self.tree.bind("<Button-3>", self._popup)
            self.tree.bind("<Button-2>", self._popup)

    # data ---------------------------------------------------------------------------------
    def set_rows(self, rows: list[tuple]) -> None:
        """rows: (iid, values, search text, tags[, image]). The current filter and sort are kept."""
        selected = self.selected()
        self.tree.delete(*self.tree.get_children())
        self._rows, self._search, self._order, self._images = {}, {}, [], {}
        for iid, values, search, tags, *image in rows:
            self._rows[iid] = values
            self._search[iid] = search_key(search)
            self._order.append(iid)
            if image and image[0] is not None:
                self._images[iid] = image[0]
                self.tree.insert("", "end", iid=iid, values=values, tags=tags, image=image[0])
            else:
                self.tree.insert("", "end", iid=iid, values=values, tags=tags)
        self._visible = list(self._order)
        if self._sort:
            key, reverse = self._sort
            self._sort = None
            self.sort_by(key, reverse)
        if selected in self._rows:
            self.tree.selection_set(selected)

    def filter(self, text: str) -> int:
        """Show only rows whose search text contains every word of ``text``; return how many."""
        wanted = [iid for iid in self._order if matches(self._search[iid], text)]
        wanted_set = set(wanted)
        hidden = [iid for iid in self._visible if iid not in wanted_set]
        if hidden:
            self.tree.detach(*hidden)
        for index, iid in enumerate(wanted):
            self.tree.move(iid, "", index)
        self._visible = list(wanted)
        return len(wanted)

    def sort_by(self, key: str, reverse: bool | None = None) -> None:
        index = [c.key for c in self.columns].index(key)
        numeric = self.columns[index].numeric
        if reverse is None:
            reverse = bool(self._sort and self._sort[0] == key and not self._sort[1])

        def sort_key(iid):
            value = self._rows[iid][index]
            if numeric:
                try:
                    return (0, float(str(value).replace(",", "")))
                except ValueError:
                    return (1, 0.0)
            return (0, pinyin_sort_key(str(value)))  # names the Chinese way: 王 before 张

        self._order.sort(key=sort_key, reverse=reverse)
        self._sort = (key, reverse)
        visible = set(self._visible)
        self._visible = [iid for iid in self._order if iid in visible]
        for i, iid in enumerate(self._visible):
            self.tree.move(iid, "", i)
        for c in self.columns:
            arrow = (" ▼" if reverse else " ▲") if c.key == key else ""
            self.tree.heading(c.key, text=c.title + arrow)

    # selection and actions ----------------------------------------------------------------
    def selected(self) -> str | None:
        sel = self.tree.selection()
        return sel[0] if sel else None

    def select(self, iid: str) -> None:
        self.tree.selection_set(iid)
        self.tree.focus(iid)
        self.tree.see(iid)

    def visible_ids(self) -> list[str]:
        return list(self._visible)

    def values(self, iid: str) -> tuple:
        return self._rows[iid]

    def _double_click(self, event) -> None:
        iid = self.tree.identify_row(event.y)
        if iid:
            self.select(iid)
            self._open_selected()

    def _open_selected(self) -> None:
        iid = self.selected()
        if iid and self.on_open:
            self.on_open(iid)

    def _run_on_selected(self, action) -> None:
        iid = self.selected()
        if iid:
            action(iid)

    def _popup(self, event) -> None:
        iid = self.tree.identify_row(event.y)
        if iid and self.menu:
            self.select(iid)
            self.menu.tk_popup(event.x_root, event.y_root)
