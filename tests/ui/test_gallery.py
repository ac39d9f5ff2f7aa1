"""Issue 20 item 7: every page and every dialog fits a 1366×768 or 1280×720 screen (above its taskbar)."""
import importlib.util

import pytest

from tests.conftest import ROOT
from tuoyu_desktop.ui.screen import FRAME_HEIGHT, FRAME_WIDTH

pytestmark = pytest.mark.gui
#: work areas: 1366×768 and 1280×720 screens less a 40-pixel Windows taskbar
SCREENS = [(1366, 768 - 40), (1280, 720 - 40)]


def _gallery():
    spec = importlib.util.spec_from_file_location("gallery", ROOT / "scripts" / "gallery.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("area", SCREENS, ids=["1366x768", "1280x720"])
def test_every_page_and_dialog_fits_a_laptop_screen(demo_window, monkeypatch, area):
    from tuoyu_desktop.ui import screen

    monkeypatch.setattr(screen, "work_area", lambda _root: screen.Area(0, 0, *area))
    root = demo_window.root
    demo_window._apply_geometry("")  # as the window opens on the laptop
    root.update()
    seen = []
    for name, _caption, shown in _gallery().open_each(demo_window):
        window = shown if shown is not None else root
        window.update_idletasks()
        sizes = [(window.winfo_width(), window.winfo_height())]
        if shown is not None:  # a dialog's own wish, not only what it was given
            sizes.append((window.winfo_reqwidth(), window.winfo_reqheight()))
        for width, height in sizes:
            assert width + FRAME_WIDTH <= area[0] and height + FRAME_HEIGHT <= area[1], (name, width, height)
        seen.append(name)
    assert len([n for n in seen if n.startswith("page_")]) == len(demo_window.nav_buttons)
    assert len([n for n in seen if n.startswith("dialog_")]) >= 20
