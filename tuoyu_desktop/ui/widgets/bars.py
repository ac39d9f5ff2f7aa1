"""Progress drawn as coloured bars in a small image (for a table's picture column): the part done in
green, the part still short in red, a bar that is met all green."""
from __future__ import annotations

import tkinter as tk

DONE, SHORT, MET_EDGE = "#3a9d5d", "#e8a49a", "#2d7a48"


def share(done, target) -> float:
    return 1.0 if not target else max(0.0, min(float(done) / float(target), 1.0))


def progress_image(master, shares: list[float], width: int = 150, height: int = 20) -> tk.PhotoImage:
    """One bar per share, stacked, each ``done`` part green and the ``short`` part red."""
    image = tk.PhotoImage(master=master, width=width, height=height)
    gap = 3
    bar_height = max((height - gap * (len(shares) + 1)) // max(len(shares), 1), 2)
    for index, value in enumerate(shares):
        top = gap + index * (bar_height + gap)
        done = round(value * (width - 2))
        if done > 0:
            image.put(DONE, to=(1, top, 1 + done, top + bar_height))
        if done < width - 2:
            image.put(SHORT, to=(1 + done, top, width - 1, top + bar_height))
    return image
