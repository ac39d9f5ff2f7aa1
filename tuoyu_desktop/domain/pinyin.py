"""拼音 for sorting and finding names the Chinese way (王 before 张, ``zzy`` finds 张子怡).

The readings come from ``pypinyin``'s dictionary of single characters (``pinyin_dict.json``, 41,923
characters with their readings, kept by the pypinyin project). Only that data file is read, not the
package: importing ``pypinyin`` loads its phrase dictionary as well (≈0.35 s, and ≈90 µs a name),
which a roster of 5,000 children cannot wait for; a name is read character by character with the
first (most common) reading. A character the dictionary does not know (some 生僻字) sorts after the
syllables and is found by itself, as before.
"""
from __future__ import annotations

import json
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

_TABLE: dict[int, str] | None = None
_LOCK = threading.Lock()


def _dictionary_path() -> Path | None:
    """pypinyin's pinyin_dict.json: beside its package, found without importing it; in the packaged
    program, where the build put it (build/tuoyu.spec)."""
    import importlib.util

    from .. import paths

    bundled = paths.resource_dir() / "pypinyin" / "pinyin_dict.json"
    if bundled.exists():
        return bundled
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "pinyin_dict.json"


def _table() -> dict[int, str]:
    global _TABLE
    if _TABLE is None:
        with _LOCK:
            if _TABLE is None:
                path = _dictionary_path()
                raw = json.loads(path.read_text(encoding="utf-8")) if path and path.exists() else {}
                _TABLE = {int(code): readings for code, readings in raw.items()}
    return _TABLE


@lru_cache(maxsize=65536)
def syllable(ch: str) -> str:
    """The first reading of one character without its tone (``zhang``; ü as ``v``), or "" when the
    dictionary does not know it (not Chinese, or a 生僻字 beyond it)."""
    readings = _table().get(ord(ch))
    if not readings:
        return ""
    first = readings.split(",")[0].replace("ü", "v")
    return "".join(c for c in unicodedata.normalize("NFD", first) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple:
    """Sort text by 拼音, then by the characters themselves (so that equal syllables keep a fixed
    order): Latin letters and digits as themselves, a character without a reading after them."""
    text = unicodedata.normalize("NFKC", str(text or "")).casefold()
    return tuple((syllable(ch) or ("\uffff" + ch if ord(ch) > 0x2E7F else ch), ch) for ch in text)


def spellings(text: str) -> str:
    """What 拼音 typed into a search box may match: the initials (``zzy``) and the full syllables run
    together (``zhangziyi``) of each run of Chinese characters in ``text``; "" when it has none."""
    initials, full = [], []
    for word in str(text or "").split():
        sounds = [syllable(ch) for ch in word]
        if any(sounds):
            initials.append("".join(s[:1] for s in sounds if s))
            full.append("".join(sounds))
    return " ".join(initials + full)


#: the SQLite collation every connection of the program has (store.plain.configure):
#: ``ORDER BY name COLLATE pinyin`` lists names the way ``sort_key`` sorts them
COLLATION = "pinyin"


def compare(a: str, b: str) -> int:
    """The collation's comparison: −1, 0 or 1 by ``sort_key``."""
    ka, kb = sort_key(a), sort_key(b)
    return (ka > kb) - (ka < kb)
