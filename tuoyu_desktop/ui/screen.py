"""The screen the window opens on: its work area (the screen less the taskbar) and a size that fits it.

The window is never made larger than the work area: a 1366×768 laptop keeps the status bar and the
dialogs' buttons on the screen, and a size saved on a bigger monitor is shrunk when it no longer fits.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass

#: the window's size when nothing was saved (scaled with the screen's DPI, then fitted)
DEFAULT_SIZE = (1180, 760)
#: what the window manager adds around the size Tk sets: the border and the title bar
FRAME_WIDTH, FRAME_HEIGHT = 16, 40
#: when the work area is unknown (not Windows): room kept for a taskbar or panel
TASKBAR_MARGIN = 48
#: the smallest window the pages are laid out for, unless the screen is smaller still
MIN_SIZE = (960, 600)

_GEOMETRY = re.compile(r"^(\d+)x(\d+)(?:([+-]-?\d+)([+-]-?\d+))?$")


@dataclass(frozen=True)
class Area:
    x: int
    y: int
    width: int
    height: int


def work_area(root) -> Area:
    """The part of the screen windows may use: on Windows the system's work area (SPI_GETWORKAREA),
    elsewhere the screen less a taskbar's margin."""
    if sys.platform == "win32":
        area = _windows_work_area()
        if area is not None:
            return area
    return Area(0, 0, root.winfo_screenwidth(), max(root.winfo_screenheight() - TASKBAR_MARGIN, 200))


def _windows_work_area() -> Area | None:
    try:
        import ctypes
        from ctypes import wintypes

        rect = wintypes.RECT()
        if not ctypes.windll.user32.SystemParametersInfoW(0x0030, 0, ctypes.byref(rect), 0):  # SPI_GETWORKAREA
            return None
        return Area(rect.left, rect.top, rect.right - rect.left, rect.bottom - rect.top)
    except (AttributeError, OSError, ValueError):
        return None


def dpi_factor(root) -> float:
    """1.0 at 96 DPI (100 %), 1.25 at 125 %, …; never below 1."""
    import tkinter as tk

    try:
        return max(1.0, float(root.winfo_fpixels("1i")) / 96.0)
    except (tk.TclError, ValueError):  # a screen that cannot say: take 100 %
        return 1.0


def fit_geometry(geometry: str, area: Area, default: tuple[int, int] = DEFAULT_SIZE) -> str:
    """A Tk geometry ``WxH+X+Y`` that fits inside ``area`` with the window's frame: the saved
    ``geometry`` shrunk and moved onto the area when needed, or ``default`` centred in it."""
    match = _GEOMETRY.match(geometry.strip()) if geometry else None
    width, height = (int(match.group(1)), int(match.group(2))) if match else default
    width = max(min(width, area.width - FRAME_WIDTH), 200)
    height = max(min(height, area.height - FRAME_HEIGHT), 200)
    if match and match.group(3) is not None and not match.group(3).startswith("-") \
            and not match.group(4).startswith("-"):  # "-N" counts from the right or bottom edge: centre instead
        x, y = int(match.group(3)[1:]), int(match.group(4)[1:])
    else:
        x = area.x + (area.width - width - FRAME_WIDTH) // 2
        y = area.y + (area.height - height - FRAME_HEIGHT) // 2
    x = max(area.x, min(x, area.x + area.width - width - FRAME_WIDTH))
    y = max(area.y, min(y, area.y + area.height - height - FRAME_HEIGHT))
    return f"{width}x{height}+{x}+{y}"


def min_size(area: Area) -> tuple[int, int]:
    return (min(MIN_SIZE[0], area.width - FRAME_WIDTH), min(MIN_SIZE[1], area.height - FRAME_HEIGHT))


#: room kept in a dialog for messages that wrap onto a second line while the user types
MESSAGE_ROOM = 48


def hold_size(window, area: Area | None = None) -> None:
    """Fix a dialog's size once it is built (with some room for wrapped messages), inside the work
    area: typing never makes it grow or moves its buttons, and it never runs off a small screen."""
    window.update_idletasks()
    area = area or work_area(window)
    width = min(window.winfo_reqwidth(), area.width - FRAME_WIDTH)
    height = min(window.winfo_reqheight() + MESSAGE_ROOM, area.height - FRAME_HEIGHT)
    window.minsize(min(width, 480), min(height, 320))
    window.geometry(f"{width}x{height}")
