"""A TrueType font for ReportLab, parsed once per machine rather than once per run.

ReportLab reads every glyph's position and width when a font is registered: for a CJK font (tens of
thousands of glyphs) that is a tenth to a third of a second, on every run of a command. The parsed
tables are kept in the user's cache folder (``paths.cache_dir``), keyed by the font file's path,
size and modification time and by the ReportLab and Python versions, and read back with
``marshal`` (plain data, no code run). A cache that is missing, stale, unreadable or unwritable is
simply not used: the font is parsed as before and the PDF is the same byte for byte.
"""
from __future__ import annotations

import glob
import hashlib
import marshal
import os
import sys
from contextlib import suppress
from pathlib import Path

from .. import paths
from ..gcpause import paused

FORMAT = 1
_SKIP_FACE = ("_ttf_data", "_pdfScale")  # the file's bytes (read again) and a lambda (rebuilt)
_SKIP_FONT = ("face", "state", "encoding")  # rebuilt as TTFont.__init__ builds them
_NAME = "TTFNameBytes"


def ttfont(name: str, path: Path, subfont: int = 0):
    """A ReportLab ``TTFont`` named ``name`` for ``path`` (its face number ``subfont`` in a .ttc)."""
    from reportlab.pdfbase.ttfonts import TTFont

    where = _entry(path, subfont)
    if where is not None:
        font = _read(name, path, where)
        if font is not None:
            return font
    with paused():  # tens of thousands of small objects, none of them garbage
        font = TTFont(name, str(path), subfontIndex=subfont)
    if where is not None:
        _write(font, where)
    return font


def _entry(path: Path, subfont: int) -> Path | None:
    try:
        real = Path(path).resolve()
        st = real.stat()
    except OSError:
        return None
    import reportlab

    key = "|".join(map(str, (FORMAT, real, st.st_size, st.st_mtime_ns, subfont, reportlab.Version,
                             sys.version_info[:3])))
    return paths.cache_dir() / "fonts" / f"{real.name}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}.rlfont"


def _plain(value):
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    return (_NAME, bytes(value), value.ustr) if isinstance(value, TTFNameBytes) else value


def _write(font, where: Path) -> None:
    face = {k: _plain(v) for k, v in font.face.__dict__.items() if k not in _SKIP_FACE}
    rest = {k: v for k, v in font.__dict__.items() if k not in _SKIP_FONT}
    try:
        data = marshal.dumps((FORMAT, face, rest))
    except ValueError:  # a ReportLab version with something marshal cannot keep: no cache
        return
    tmp = where.with_name(f"{where.name}.{os.getpid()}.tmp")
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, where)  # whole or not at all, even with two programs writing at once
        for old in where.parent.glob(f"{glob.escape(where.name.rsplit('-', 1)[0])}-*.rlfont"):
            if old != where:  # the same font as it was before an update, or from another folder
                old.unlink(missing_ok=True)
    except OSError:  # a read-only or full disk: the next run parses the font again
        with suppress(OSError):
            tmp.unlink(missing_ok=True)


def _read(name: str, path: Path, where: Path):
    try:
        with paused():
            fmt, face_state, rest = marshal.loads(where.read_bytes())
        if fmt != FORMAT:
            return None
        return _build(name, face_state, rest, Path(path).read_bytes())
    except (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError, ZeroDivisionError):
        return None  # damaged or from elsewhere: parse the font again


def _build(name: str, face_state: dict, rest: dict, data: bytes):
    from weakref import WeakKeyDictionary

    from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

    face = TTFontFace.__new__(TTFontFace)
    for key, value in face_state.items():
        if isinstance(value, tuple) and len(value) == 3 and value[0] == _NAME:
            value = TTFNameBytes(value[1])
            value.ustr = face_state[key][2]
        face.__dict__[key] = value
    face._ttf_data = data
    scale = 1000 / face.unitsPerEm
    face._pdfScale = (lambda x: x) if face.unitsPerEm == 1000 else (lambda x: x * scale)
    font = TTFont.__new__(TTFont)
    font.__dict__.update(rest)
    font.fontName, font.face, font.encoding, font.state = name, face, TTEncoding(), WeakKeyDictionary()
    return font


def to_unicode_beyond_the_basic_plane() -> None:
    """ReportLab writes a character's code in the PDF's ToUnicode map as ``%04X``, which for a
    character beyond U+FFFF (𬌗, 𠈌: CJK Ext B–G names) gives five hex digits that a reader cuts
    to four: the glyph is drawn, but the text copied or searched is wrong. The PDF standard wants
    UTF-16BE there, i.e. a surrogate pair; write that for those characters (once per process)."""
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "utf16_pairs", False):
        return

    def make(fontname, subset):
        cmap = original(fontname, subset)
        for i, code in enumerate(subset):
            if code > 0xFFFF:
                cmap = cmap.replace("<%02X> <%04X>" % (i, code),
                                    "<%02X> <%s>" % (i, chr(code).encode("utf-16-be").hex().upper()), 1)
        return cmap

    make.utf16_pairs = True
    ttfonts.makeToUnicodeCMap = make
