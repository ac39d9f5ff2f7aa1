"""A Chinese TrueType font to embed, found once: the user's assets/fonts, then the system's.

Windows: 微软雅黑 (msyh/msyhbd), 黑体, 宋体. Linux: WenQuanYi Micro Hei, with Zen Hei as the heavier
face for headings. Only if none is found the built-in CID font STSong-Light is used (not
embedded), and a warning says so.
"""
from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from .. import paths

REGULAR, BOLD = "TuoyuSans", "TuoyuSans-Bold"


@dataclass(frozen=True)
class FontChoice:
    regular: str
    bold: str
    embedded: bool
    warning: str = ""
    source: str = ""


def _system_dirs() -> list[Path]:
    if sys.platform == "win32":
        return [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts")]
    return [Path("/usr/share/fonts/truetype/wqy"), Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts"),
            Path.home() / ".fonts", Path.home() / ".local/share/fonts"]


REGULAR_NAMES = ("msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc", "wqy-microhei.ttc", "wqy-zenhei.ttc",
                 "DroidSansFallbackFull.ttf")
BOLD_NAMES = ("msyhbd.ttc", "msyhbd.ttf", "simhei.ttf", "wqy-zenhei.ttc")

_choice: FontChoice | None = None
_fallbacks = None
_lock = threading.RLock()


def _find(names: tuple[str, ...], folders: list[Path]) -> Path | None:
    for name in names:
        for folder in folders:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    for folder in folders:  # one level down (Debian keeps fonts in sub-folders)
        if folder.is_dir():
            for name in names:
                for candidate in folder.glob(f"*/{name}"):
                    return candidate
    return None


def _register(name: str, path: Path) -> bool:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from .fontcache import to_unicode_beyond_the_basic_plane, ttfont

    to_unicode_beyond_the_basic_plane()

    try:
        pdfmetrics.registerFont(ttfont(name, path))
        return True
    except (TTFError, OSError, ValueError, KeyError):
        return False


def _make_default(name: str) -> None:
    """Charts start every drawing in the default font: make it ours, so no unembedded font is left."""
    from reportlab import rl_config
    from reportlab.graphics import shapes

    rl_config.canvas_basefontname = name
    shapes.STATE_DEFAULTS["fontName"] = name


def chinese_fonts() -> FontChoice:
    """Register the fonts with ReportLab (once, whichever thread asks first) and say which were used."""
    if _choice is not None:
        return _choice
    with _lock:  # the window may load them in the background while a PDF is being written
        return _choose()


def _choose() -> FontChoice:
    global _choice
    if _choice is not None:
        return _choice
    from reportlab.lib.fonts import addMapping

    user = sorted(p for p in paths.fonts_dir().glob("*") if p.suffix.lower() in (".ttf", ".ttc"))
    user_bold = [p for p in user if any(w in p.stem.lower() for w in ("bd", "bold", "hei"))]
    regular = next((p for p in user if p not in user_bold and _register(REGULAR, p)), None)
    if regular is None:
        found = _find(REGULAR_NAMES, _system_dirs())
        regular = found if found and _register(REGULAR, found) else None
    if regular is None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        _choice = FontChoice("STSong-Light", "STSong-Light", False,
                             "没有找到可嵌入的中文字体，PDF使用了阅读软件自带的宋体（未嵌入）；"
                             "请把 .ttf/.ttc 中文字体放到 assets/fonts 文件夹", "STSong-Light")
        return _choice
    bold = next((p for p in user_bold if _register(BOLD, p)), None)
    if bold is None:
        found = _find(BOLD_NAMES, _system_dirs())
        bold = found if found and found != regular and _register(BOLD, found) else None
    bold_name = BOLD if bold else REGULAR
    _make_default(REGULAR)
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, bold_name)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, bold_name)
    _choice = FontChoice(REGULAR, bold_name, True, "", f"{regular.name}" + (f" / {bold.name}" if bold else ""))
    return _choice


def fallbacks():
    """The process's fallback fonts for rare characters (reports.glyphs), tried after the main faces."""
    global _fallbacks
    if _fallbacks is not None:
        return _fallbacks
    with _lock:
        if _fallbacks is not None:
            return _fallbacks
        from .glyphs import Fallbacks

        choice = chinese_fonts()
        _fallbacks = Fallbacks([n for n in dict.fromkeys((choice.regular, choice.bold))] if choice.embedded else [])
    return _fallbacks
