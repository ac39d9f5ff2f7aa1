"""Rare characters (生僻字) the main PDF font lacks: which other font on the machine has them.

A name such as 王䶮 or 李𬌗 must print. The main font's cmap is already in memory (ReportLab
parsed it when it was registered); only when a text holds a character it lacks are the other
fonts looked at, and then only their character map is read (a few milliseconds), never the
whole font. The first font that has the character is registered with ReportLab as a fallback.
A character no font has is remembered, so the caller can say so instead of printing a blank.
"""
from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from .. import paths

#: fonts that cover the CJK extensions, tried first (Windows ships SimSun-ExtB for Ext B and later)
WINDOWS_NAMES = ("simsunb.ttf", "simsunextg.ttf", "mingliub.ttc", "simsun.ttc", "msyh.ttc", "msyh.ttf", "simhei.ttf",
                 "msjh.ttc", "simkai.ttf", "simfang.ttf")
UNIX_NAMES = ("wqy-zenhei.ttc", "wqy-microhei.ttc", "HanaMinA.ttf", "HanaMinB.ttf", "DroidSansFallbackFull.ttf",
              "DroidSansFallback.ttf")
FALLBACK_PREFIX = "TuoyuFallback"


def _font_files() -> list[Path]:
    """Every TrueType file worth a look: the user's assets/fonts, the known names, then the rest."""
    user = sorted(p for p in paths.fonts_dir().glob("*") if p.suffix.lower() in (".ttf", ".ttc"))
    if sys.platform == "win32":
        folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        local = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"
        known = [f / n for n in WINDOWS_NAMES for f in (folder, local)]
        return user + [p for p in known if p.is_file()]  # hundreds of Latin fonts there: only the known ones
    roots = ([Path("/System/Library/Fonts"), Path("/Library/Fonts"), Path.home() / "Library/Fonts"]
             if sys.platform == "darwin" else
             [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
              Path.home() / ".local/share/fonts"])
    found: list[Path] = []
    for root in roots:
        if root.is_dir():
            found += sorted(p for p in root.rglob("*") if p.suffix.lower() in (".ttf", ".ttc") and p.is_file())
    rank = {name: i for i, name in enumerate(UNIX_NAMES)}
    found.sort(key=lambda p: rank.get(p.name, len(rank)))  # stable: the rest keep their order
    return user + found


def read_cmap(path: Path) -> set[int] | None:
    """The code points the first face of a .ttf/.ttc maps to a real glyph; None if unreadable.

    Only TrueType outlines (a 'glyf' table) count: ReportLab cannot embed CFF fonts such as Noto CJK.
    """
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    try:
        base = struct.unpack_from(">I", data, 12)[0] if data[:4] == b"ttcf" else 0
        count = struct.unpack_from(">H", data, base + 4)[0]
        tables = {}
        for i in range(count):
            tag, _, offset, _ = struct.unpack_from(">4sIII", data, base + 12 + 16 * i)
            tables[tag] = offset
        if b"glyf" not in tables or b"cmap" not in tables:
            return None
        cmap = tables[b"cmap"]
        subtables = {}
        for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
            platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
            subtables[(platform, encoding)] = cmap + offset
        for key in ((3, 10), (0, 4), (0, 6), (3, 1), (0, 3), (0, 1), (0, 0)):
            if key in subtables:
                offset = subtables[key]
                form = struct.unpack_from(">H", data, offset)[0]
                if form == 12:
                    return _format12(data, offset)
                if form == 4:
                    return _format4(data, offset)
        return None
    except struct.error:
        return None


def _format12(data: bytes, offset: int) -> set[int]:
    codes: set[int] = set()
    groups = struct.unpack_from(">I", data, offset + 12)[0]
    for i in range(groups):
        start, end, glyph = struct.unpack_from(">III", data, offset + 16 + 12 * i)
        codes.update(range(start + (glyph == 0), end + 1))
    return codes


def _format4(data: bytes, offset: int) -> set[int]:
    codes: set[int] = set()
    segments = struct.unpack_from(">H", data, offset + 6)[0] // 2
    ends = offset + 14
    starts = ends + 2 * segments + 2
    deltas = starts + 2 * segments
    range_offsets = deltas + 2 * segments
    for i in range(segments):
        end = struct.unpack_from(">H", data, ends + 2 * i)[0]
        start = struct.unpack_from(">H", data, starts + 2 * i)[0]
        delta = struct.unpack_from(">h", data, deltas + 2 * i)[0]
        where = range_offsets + 2 * i
        range_offset = struct.unpack_from(">H", data, where)[0]
        for code in range(start, min(end, 0xFFFE) + 1):
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                glyph = struct.unpack_from(">H", data, where + range_offset + 2 * (code - start))[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                codes.add(code)
    return codes


class Fallbacks:
    """Fonts for characters the main fonts lack, found lazily and kept for the whole process."""

    def __init__(self, preferred: list[str] | None = None):
        self.preferred = preferred or []  # already registered fonts (the other main face) to try first
        self._files: list[Path] | None = None
        self._scanned = 0
        self._cmaps: list[tuple[Path, set[int]]] = []
        self._names: dict[Path, str] = {}
        self._by_char: dict[int, str | None] = {}

    def font_for(self, code: int) -> str | None:
        """The registered font name to draw ``code`` with, or None if no font on this machine has it."""
        if code in self._by_char:
            return self._by_char[code]
        name = next((n for n in self.preferred if code in _registered_cmap(n)), None)
        if name is None:
            path = next((p for p, cmap in self._cmaps if code in cmap), None) or self._scan_for(code)
            name = self._register(path) if path else None
        self._by_char[code] = name
        return name

    def _scan_for(self, code: int) -> Path | None:
        if self._files is None:
            self._files = _font_files()
        while self._scanned < len(self._files):
            path = self._files[self._scanned]
            self._scanned += 1
            cmap = read_cmap(path)
            if cmap:
                self._cmaps.append((path, cmap))
                if code in cmap:
                    return path
        return None

    def _register(self, path: Path) -> str | None:
        if path in self._names:
            return self._names[path]
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError

        from .fontcache import to_unicode_beyond_the_basic_plane, ttfont

        to_unicode_beyond_the_basic_plane()
        name = f"{FALLBACK_PREFIX}{len(self._names) + 1}"
        try:
            pdfmetrics.registerFont(ttfont(name, path))
        except (TTFError, OSError, ValueError, KeyError):
            self._cmaps = [(p, c) for p, c in self._cmaps if p != path]
            return None
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)
        self._names[path] = name
        return name


def _registered_cmap(name: str) -> dict | set:
    """The character map of a registered font (empty for a built-in CID font, which has none to read)."""
    from reportlab.pdfbase import pdfmetrics

    face = getattr(pdfmetrics.getFont(name), "face", None)
    return getattr(face, "charToGlyph", None) or set()


def runs(text: str, font: str, fallbacks: Fallbacks, missing: set[str]) -> list[tuple[str, str]]:
    """``text`` cut into (piece, font name) runs; characters no font has are added to ``missing``.

    A text the main font covers entirely (nearly all of them) is one run, found with one pass.
    """
    cmap = _registered_cmap(font)
    if not cmap or all(ord(ch) in cmap or ch < " " for ch in text):
        return [(text, font)] if text else []
    out: list[tuple[str, str]] = []
    for ch in text:
        code = ord(ch)
        use = font
        if code not in cmap and ch >= " ":
            use = fallbacks.font_for(code) or font
            if use == font:
                missing.add(ch)
        if out and out[-1][1] == use:
            out[-1] = (out[-1][0] + ch, use)
        else:
            out.append((ch, use))
    return out


def missing_message(missing: set[str]) -> str:
    """What the user is told when some characters could not be printed (Chinese)."""
    listed = "、".join(f"{ch}（U+{ord(ch):04X}）" for ch in sorted(missing))
    return (f"本机没有能显示以下字符的字体，PDF中这些字为空白或方框：{listed}。"
            "请把含这些字的字体（如 Windows 的 SimSun-ExtB、simsunb.ttf）放到 assets/fonts 文件夹后重新生成，"
            "或在打印件上手写补齐。")
