"""The optional start-up password, kept only as a scrypt hash (never in clear)."""
from __future__ import annotations

import hashlib
import hmac
import os

from sqlmodel import Session

from ..domain.errors import Collector
from .changes import Changes
from .settings import get_setting, set_setting

KEY = "security.password"
N, R, P = 2 ** 14, 8, 1
MIN_LENGTH = 6


def _hash(password: str, salt: bytes, n: int = N, r: int = R, p: int = P) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


def has_password(session: Session) -> bool:
    return bool(get_setting(session, KEY))


def check_password(session: Session, password: str) -> bool:
    stored = get_setting(session, KEY)
    if not stored:
        return True
    try:
        _, n, r, p, salt, digest = stored.split("$")
        expected = bytes.fromhex(digest)
        actual = _hash(password, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def set_password(session: Session, current: str, new: str, repeat: str) -> Changes:
    """Set, change (the current one is asked) or remove (both new fields empty) the password."""
    errors = Collector()
    if has_password(session) and not check_password(session, current):
        errors.add("当前密码", "当前密码不对")
    if new != repeat:
        errors.add("再次输入", "两次输入的新密码不一样")
    if new and len(new) < MIN_LENGTH:
        errors.add("新密码", f"至少{MIN_LENGTH}位")
    errors.raise_if_any()
    if not new:
        set_setting(session, KEY, "")
        return Changes.of("已取消启动密码", "settings")
    salt = os.urandom(16)
    set_setting(session, KEY, f"scrypt${N}${R}${P}${salt.hex()}${_hash(new, salt).hex()}")
    return Changes.of("已设置启动密码（下次启动时需要输入）", "settings")
