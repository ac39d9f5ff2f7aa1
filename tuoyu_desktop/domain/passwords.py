"""What makes a password too easy to guess (issue 27).

The key file beside the data holds the password's scrypt envelope; whoever copies it can try
passwords offline at the cost of one scrypt each (0.55 s a core). Every 6-digit number is then
tried in a week of one PC, and the few thousand passwords everyone uses in a minute. So a new
password may not be: shorter than 6 characters; only digits and shorter than 8 (10⁸ numbers take
years); one character repeated, or a run along the keyboard or the alphabet (123456…, abcdef…,
qwerty…); or one of the passwords most used in China and the world (``COMMON``), also with the
centre's usual additions (a year, 123, 888 …) stripped off the end.
"""
from __future__ import annotations

import re

MIN_LENGTH = 6
MIN_DIGITS_ONLY = 8

#: the most used passwords (Chinese leaks: CSDN, 天涯, 12306; world lists), lower case
COMMON = frozenset("""
123456 1234567 12345678 123456789 1234567890 0123456789 111111 1111111 11111111 000000 00000000
112233 121212 123123 123321 654321 666666 888888 88888888 520520 5201314 1314520 131313 147258
147258369 159357 159753 123654 123789 456789 987654 987654321 789456 741852963 201314 246810
password password1 password123 passw0rd p@ssw0rd admin admin123 administrator root root123
qwerty qwerty123 qwertyuiop qweasd qweasdzxc asdfgh asdfghjkl zxcvbn zxcvbnm 1qaz2wsx 1q2w3e4r
1q2w3e4r5t qazwsx qazwsxedc abc123 abc123456 a123456 a12345678 aa123456 aa112233 123456a
123456aa 123456abc abcdef abcdefg abcd1234 iloveyou woaini woaini1314 woaini520 wodemima
mima mima123 mima123456 tuoyu tuoyu123 tuoyu2026 baobao baobei baobei123 xiaoming zhangwei
wangwei liwei letmein welcome monkey dragon sunshine princess football baseball master
superman batman trustno1 changeme default guest test test123 user user123 secret
""".split())

_SUFFIXES = re.compile(r"(19\d\d|20\d\d|\d{1,4}|[!@#.*_\-]+)$")
_RUNS = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm")


def _is_run(text: str) -> bool:
    if len(set(text)) == 1:
        return True
    for run in _RUNS:
        for line in (run, run[::-1]):
            if text in line or text in line * 2:
                return True
    return False


def password_problem(password: str) -> str | None:
    """Why ``password`` is too easy to guess (a Chinese sentence for the form), or None."""
    if len(password) < MIN_LENGTH:
        return f"至少{MIN_LENGTH}位"
    lowered = password.lower()
    if lowered.isdigit() and len(password) < MIN_DIGITS_ONLY:
        return (f"只有数字的密码至少要{MIN_DIGITS_ONLY}位：拿到密钥文件的人几天内就能试遍所有{len(password)}位数字。"
                "请加上字母或汉字，或用更长的数字")
    if _is_run(lowered):
        return "密码不能是同一个字符重复或键盘、字母表上连着的一串（如 123456、abcdef、qwerty），这是最先被试的"
    stem = _SUFFIXES.sub("", lowered)
    if lowered in COMMON or (len(stem) >= 4 and stem in COMMON) or (stem and _is_run(stem) and len(stem) >= 4
                                                                       and len(lowered) - len(stem) <= 4):
        return "这是最常用的密码之一，很容易被猜中。请换一个别人想不到的（例如一句话的拼音首字母加数字）"
    return None
