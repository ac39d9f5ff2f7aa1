"""The search box's one rule: every word typed appears in the row's text, or in its 拼音.

Both sides are folded the same way (NFKC, case-folded), so full-width letters and digits match
their ASCII twins; any character — a rare one (生僻字) such as 䶮 or 𬌗 included — matches itself.
Chinese text also matches its 拼音 initials and full syllables (``zzy`` or ``zhangziyi`` finds
张子怡; domain.pinyin).
"""
from __future__ import annotations

import unicodedata

from .pinyin import spellings


def search_key(*parts: object) -> str:
    """The text a row is found by, folded for comparison, with the 拼音 of its Chinese words."""
    text = " ".join(str(p) for p in parts if p not in (None, ""))
    folded = unicodedata.normalize("NFKC", text).casefold()
    sounds = spellings(folded)
    return f"{folded}\n{sounds}" if sounds else folded


def matches(key: str, query: str) -> bool:
    """Whether a row whose ``search_key`` is ``key`` matches what was typed (empty matches all)."""
    return all(word in key for word in unicodedata.normalize("NFKC", query).casefold().split())
