"""居民身份证号 (GB 11643-1999) and 统一社会信用代码 (GB 32100-2015) checks, and masking."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def normalize_code(text: str | None) -> str:
    """Full-width digits and letters to half-width, spaces removed, upper case."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"\s+", "", text).upper()


def id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


@dataclass(frozen=True)
class IdInfo:
    number: str
    birth_date: date
    sex: str  # 男 / 女


def parse_id_number(text: str | None) -> IdInfo:
    """Check an 18-digit 身份证号 and read its birth date and sex.

    Raises ValueError with a Chinese message saying what is wrong.
    """
    number = normalize_code(text)
    if not number:
        raise ValueError("身份证号为空")
    if len(number) != 18:
        raise ValueError(f"身份证号应为18位（当前{len(number)}位）")
    if not number[:17].isdigit():
        raise ValueError("身份证号前17位应全为数字")
    if not (number[17].isdigit() or number[17] == "X"):
        raise ValueError("身份证号最后一位应为数字或X")
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValueError(f"身份证号中的出生日期{number[6:14]}不是有效日期") from None
    expected = id_check_char(number[:17])
    if number[17] != expected:
        raise ValueError(f"校验位应为{expected}（当前为{number[17]}）")
    sex = "男" if int(number[16]) % 2 == 1 else "女"
    return IdInfo(number, birth, sex)


def check_id_against(info: IdInfo, birth_date: date | None, sex: str | None) -> list[tuple[str, str]]:
    """Mismatches between an ID number and the birth date / sex entered: (field, message)."""
    problems = []
    if birth_date is not None and birth_date != info.birth_date:
        problems.append(("出生日期", f"与身份证号不符（身份证号中为{info.birth_date.isoformat()}）"))
    if sex and sex != info.sex:
        problems.append(("性别", f"与身份证号不符（身份证号第17位表示{info.sex}）"))
    return problems


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
    return _USCC_CHARS[(31 - total % 31) % 31]


def validate_uscc(text: str | None) -> str:
    """Check a 统一社会信用代码; return it normalised or raise ValueError (Chinese)."""
    code = normalize_code(text)
    if not code:
        raise ValueError("统一社会信用代码为空")
    if len(code) != 18:
        raise ValueError(f"统一社会信用代码应为18位（当前{len(code)}位）")
    bad = sorted({c for c in code if c not in _USCC_CHARS})
    if bad:
        raise ValueError(f"统一社会信用代码含有不允许的字符：{'、'.join(bad)}（不使用I、O、Z、S、V）")
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise ValueError(f"校验位应为{expected}（当前为{code[17]}）")
    return code


def mask_id(number: str | None) -> str:
    """``320402********123X``: first 6 and last 4 characters kept."""
    if not number:
        return ""
    if len(number) <= 10:
        return number[:2] + "*" * max(len(number) - 4, 0) + number[-2:]
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str | None) -> str:
    """``138****5678`` for mobiles; for other numbers the middle digits are hidden."""
    if not phone:
        return ""
    digits = [i for i, c in enumerate(phone) if c.isdigit()]
    if len(digits) < 7:
        return phone
    hide = set(digits[3:-4])
    return "".join("*" if i in hide else c for i, c in enumerate(phone))


def mask_contact_phone(phone: str | None) -> str:
    """A phone number given as a contact of an office (the return's 联系电话, a clinic's 电话): a
    mobile is someone's own and is masked like ``mask_phone``; a landline or a service number is
    the office's and is shown as it is. One rule for the return's PDF and its workbook."""
    if not phone:
        return ""
    compact = _SEPARATORS.sub("", str(phone)).replace("-", "")
    return mask_phone(phone) if _MOBILE.match(compact) else phone


_MOBILE = re.compile(r"^(?:86)?(1[3-9]\d{9})$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_SEPARATORS = re.compile(r"[\s()+]")


def validate_phone(text: str | None) -> str:
    """A phone number as people write it: a mainland mobile (also +86 138 1234 5678, 138-1234-5678)
    is stored as its 11 digits, a landline with area code without spaces; anything else (a number
    without area code, 400/95xxx, a foreign number, two numbers, a note such as （父）) is kept as written.
    Only an all-digit mobile with a digit too many or too few is refused: no number is like that
    (mobile numbers have 11 digits, 电信网编号计划)."""
    written = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(text or ""))).strip()
    compact = _SEPARATORS.sub("", written.replace("（", "(").replace("）", ")"))
    mobile = _MOBILE.match(compact.replace("-", ""))
    if mobile:
        return mobile.group(1)
    if _LANDLINE.match(compact):
        return compact
    if compact.isdigit() and re.match(r"^1[3-9]", compact) and len(compact) in (10, 12):
        raise ValueError(f"像手机号但有{len(compact)}位，手机号应为11位（电信网编号计划），请核对")
    return written
