"""The search box's one rule: every word typed appears in the row's text.

Both sides are folded the same way (NFKC, case-folded), so full-width letters and digits match
their ASCII twins; any character — a rare one (生僻字) such as 䶮 or 𬌗 included — matches itself.
"""
from __future__ import annotations

import unicodedata


def search_key(*parts: object) -> str:
    """The text a row is found by, folded for comparison."""
    text = " ".join(str(p) for p in parts if p not in (None, ""))
    return unicodedata.normalize("NFKC", text).casefold()


def matches(key: str, query: str) -> bool:
    """Whether a row whose ``search_key`` is ``key`` matches what was typed (empty matches all)."""
    return all(word in key for word in search_key(query).split())
