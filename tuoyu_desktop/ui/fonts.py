"""One Chinese font for the whole program, set once; row heights follow from it."""
from __future__ import annotations

import sys
import tkinter as tk
from tkinter import font as tkfont
from tkinter import ttk

#: the Chinese families in the order they are wanted; a Chinese Windows lists some by their Chinese
#: names (微软雅黑, 宋体), so each comes under both (a fallback picked instead drew digits as boxes)
CANDIDATES = (
    "Microsoft YaHei UI", "微软雅黑 UI", "Microsoft YaHei", "微软雅黑", "WenQuanYi Micro Hei", "文泉驿微米黑",
    "WenQuanYi Zen Hei", "文泉驿正黑", "Noto Sans CJK SC", "Source Han Sans SC", "思源黑体", "Noto Sans SC",
    "Droid Sans Fallback", "DengXian", "等线", "SimHei", "黑体", "SimSun", "宋体", "NSimSun", "新宋体",
)
NAMED = ("TkDefaultFont", "TkTextFont", "TkMenuFont", "TkHeadingFont", "TkCaptionFont",
         "TkSmallCaptionFont", "TkIconFont", "TkTooltipFont", "TkFixedFont")
BASE_SIZE = 10


def enable_dpi_awareness() -> None:
    """Sharp text on high-DPI Windows screens (before the first Tk window)."""
    if sys.platform == "win32":
        try:
            import ctypes

            ctypes.windll.shcore.SetProcessDpiAwareness(1)
        except (AttributeError, OSError):
            pass


def choose_family(root: tk.Misc) -> str | None:
    families = set(tkfont.families(root))
    return next((f for f in CANDIDATES if f in families), None)


def setup_fonts(root: tk.Misc) -> str | None:
    """Configure Tk's named fonts and the ttk styles that depend on them; return the family."""
    family = choose_family(root)
    for name in NAMED:
        f = tkfont.nametofont(name)
        if family and name != "TkFixedFont":
            f.configure(family=family)
        f.configure(size=BASE_SIZE)
    base = tkfont.nametofont("TkDefaultFont")
    # Tk deletes a named font when its Python object goes away: keep them on the root.
    root._tuoyu_fonts = [  # type: ignore[attr-defined]
        tkfont.Font(root, name="TuoyuTitle", family=base.cget("family"), size=BASE_SIZE + 5, weight="bold"),
        tkfont.Font(root, name="TuoyuBold", family=base.cget("family"), size=BASE_SIZE, weight="bold"),
        tkfont.Font(root, name="TuoyuBig", family=base.cget("family"), size=BASE_SIZE + 12, weight="bold"),
    ]
    style = ttk.Style(root)
    if sys.platform == "win32" and "vista" in style.theme_names():
        style.theme_use("vista")
    elif "clam" in style.theme_names():
        style.theme_use("clam")
    linespace = base.metrics("linespace")
    style.configure("Treeview", rowheight=linespace + 8)
    style.configure("Treeview.Heading", font="TuoyuBold")
    style.configure("Nav.TButton", anchor="w", padding=(14, 5))  # sixteen pages fit a 1280×720 screen
    style.configure("NavSelected.TButton", anchor="w", padding=(14, 5), font="TuoyuBold")
    style.map("NavSelected.TButton", background=[("!disabled", "#d6e4f5")])
    style.configure("Title.TLabel", font="TuoyuTitle")
    style.configure("Big.TLabel", font="TuoyuBig", foreground="#1f4e8c")
    style.configure("Error.TLabel", foreground="#c0392b")
    style.configure("Required.TLabel", foreground="#c0392b")
    style.configure("Hint.TLabel", foreground="#666666")
    style.configure("Status.TLabel", padding=(8, 3))
    style.configure("Card.TFrame", relief="groove", borderwidth=1)
    style.configure("Done.TLabel", foreground="#2d7a48")
    style.configure("Mode.TLabel", background="#e8e8e8", padding=(6, 2))   # 今日: the keys' mode, at rest
    style.configure("ModeActive.TLabel", background="#fbe7a1", foreground="#7a4b00", padding=(6, 2), font="TuoyuBold")
    style.configure("Banner.TFrame", background="#e3f4e1")
    style.configure("Banner.TLabel", background="#e3f4e1", foreground="#1e6b2f")
    return family
