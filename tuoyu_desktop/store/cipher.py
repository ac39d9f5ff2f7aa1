"""Encryption at rest (SPEC §10; 个人信息保护法 第28、51条): SQLCipher files, their keys, the recovery key.

Design
------
* **One random data key per database.** A *recovery key* ``R`` of 24 random base-32 symbols (120
  bits) is drawn when a database is encrypted; the SQLCipher key is ``K = HMAC-SHA256(R)`` and is
  given to SQLCipher as a raw key (``PRAGMA key = "x'…'"``). A raw key skips SQLCipher's own
  256 000-round PBKDF2 on every new connection (the pool opens several); ``R`` is random and long,
  so it needs no slow KDF.
* **The password wraps R.** ``scrypt(password, salt)`` (n=2¹⁷, r=8, p=1: OWASP's floor, 128 MiB and
  ~0.55 s on a 2020 office core, so a guess costs an attacker as much; memory-hard) gives
  a wrapping key and a MAC key; the *envelope* holds salt, parameters, ``R`` xor a keystream, a MAC
  (a wrong password is told apart from a damaged file, and nothing is touched) and a check value of
  ``K`` (a recovery key that is well formed but not this database's is refused before opening).
  The envelope of the live database is the small side file ``tuoyu.sqlite3.key`` beside it.
  Changing the password (``rekey``) rewrites only the envelope; the data key stays, so the recovery
  sheet stays valid — unless the user says the password leaked: then the data gets a new data key
  and a new recovery key (``new_data_key``), and old backups no longer open today's data.
* **Only the parameters the program writes are accepted** (``ALLOWED_KDF``): a key file or backup
  header asking for other costs (p=40000 would take an hour; n=3 is refused by scrypt) is reported
  damaged before any work is done. Key files of the older, cheaper cost are rewritten at the next
  unlock with the current one.
* **The recovery key opens the data alone**: ``K`` follows from ``R``; no file is needed. Typed in
  6 groups of 5 symbols: 4 random symbols and a check symbol (odd weights mod 32, plus the group's
  number), so one wrong (or swapped-group) symbol is reported with the group it is in.
* **A backup is one file** (it travels alone on a USB stick): a 4 KiB header (``BACKUP_MAGIC``,
  the envelope at the time of the backup as JSON, zero padding) followed by the SQLCipher database.
  It opens with the password that was in force when it was made, or with the recovery key.
* Plain databases keep using the standard ``sqlite3`` module; ``sqlcipher3`` is imported only when
  an encrypted file is opened (it costs nothing at start-up for plain data).

Limits: overwriting a file before deleting it cannot reach blocks kept by an SSD's wear levelling or
a copy-on-write file system; for those, a disk encryption (BitLocker) is the answer.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from .errors import DatabaseFileError

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUP_MAGIC = b"TUOYU-ENCRYPTED-BACKUP/1\n"
BACKUP_HEADER_SIZE = 4096
KEY_SUFFIX = ".key"
N, R, P = 2 ** 17, 8, 1
#: the scrypt costs the program has written: the current one, and the one before (upgraded on unlock)
ALLOWED_KDF = frozenset({(2 ** 17, 8, 1), (2 ** 14, 8, 1)})
SCRYPT_MAXMEM = 256 * 1024 * 1024  # 128·r·n = 128 MiB for the current cost, with room
KEY_FILE_MAX = 64 * 1024  # a key file or backup header is a few hundred bytes
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U
GROUPS, GROUP_DATA = 6, 4


class WrongPassword(DatabaseFileError):
    """The password (or recovery key) does not open this file; nothing was changed."""

    def __init__(self, what: str = ""):
        super().__init__(f"密码不正确{('：' + what) if what else ''}。数据未做任何改动。")


class NeedsPassword(DatabaseFileError):
    """An encrypted file was opened without a password."""


class RecoveryKeyTypo(DatabaseFileError):
    """A recovery key with a wrong symbol (its group's check symbol does not match)."""


# the recovery key --------------------------------------------------------------------------
def _check_symbol(values: list[int], group: int) -> int:
    return (sum((2 * i + 1) * v for i, v in enumerate(values)) + 7 * (group + 1)) % 32


def new_recovery() -> bytes:
    """24 random symbols (0–31), 120 bits."""
    return bytes(secrets.randbelow(32) for _ in range(GROUPS * GROUP_DATA))


def format_recovery(recovery: bytes) -> str:
    groups = []
    for g in range(GROUPS):
        values = list(recovery[g * GROUP_DATA:(g + 1) * GROUP_DATA])
        groups.append("".join(ALPHABET[v] for v in values) + ALPHABET[_check_symbol(values, g)])
    return "-".join(groups)


def _normalise(text: str) -> str:
    text = text.strip().upper().translate(str.maketrans({"O": "0", "I": "1", "L": "1", " ": None, "-": None,
                                                         "－": None, "—": None}))
    return text


def looks_like_recovery(text: str) -> bool:
    """Whether ``text`` is typed as a recovery key (6 groups of 5), right or wrong."""
    plain = _normalise(text)
    return len(plain) == GROUPS * (GROUP_DATA + 1) and all(c in ALPHABET for c in plain)


def parse_recovery(text: str) -> bytes:
    """The recovery key typed as ``text``; RecoveryKeyTypo names the group with a wrong symbol."""
    plain = _normalise(text)
    if not looks_like_recovery(text):
        raise RecoveryKeyTypo(f"恢复密钥应为{GROUPS}组、每组{GROUP_DATA + 1}个字符（字母和数字），请对照恢复密钥单重新输入")
    values = []
    size = GROUP_DATA + 1
    for g in range(GROUPS):
        chunk = [ALPHABET.index(c) for c in plain[g * size:(g + 1) * size]]
        if _check_symbol(chunk[:GROUP_DATA], g) != chunk[GROUP_DATA]:
            raise RecoveryKeyTypo(f"恢复密钥第{g + 1}组（{plain[g * size:(g + 1) * size]}）有字符输错了，"
                                  "请对照恢复密钥单逐个核对这一组。数据未做任何改动。")
        values += chunk[:GROUP_DATA]
    return bytes(values)


# keys and envelopes ------------------------------------------------------------------------
def data_key_of(recovery: bytes) -> bytes:
    return hmac.new(b"tuoyu data key v1", recovery, hashlib.sha256).digest()


def _check_value(key: bytes) -> str:
    return hmac.new(key, b"tuoyu key check v1", hashlib.sha256).hexdigest()[:16]


def _kek(password: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    out = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=SCRYPT_MAXMEM, dklen=64)
    return out[:32], out[32:]


def _xor(data: bytes, key: bytes) -> bytes:
    stream = hashlib.sha256(key + b"wrap").digest()
    return bytes(a ^ b for a, b in zip(data, stream))


@dataclass(frozen=True)
class DataKey:
    """What opens an encrypted database: the recovery key and the password's envelope of it."""

    recovery: bytes
    envelope: dict | None  # None when opened with the recovery key and no envelope was found

    @property
    def raw(self) -> bytes:
        return data_key_of(self.recovery)

    @property
    def pragma(self) -> str:
        return f"PRAGMA key = \"x'{self.raw.hex()}'\""

    def with_password(self, password: str) -> DataKey:
        return seal(self.recovery, password)


def seal(recovery: bytes, password: str) -> DataKey:
    salt = os.urandom(16)
    wrap, mac_key = _kek(password, salt, N, R, P)
    wrapped = _xor(recovery, wrap)
    envelope = {"format": "tuoyu-key", "version": 1, "kdf": "scrypt", "n": N, "r": R, "p": P, "salt": salt.hex(),
                "wrapped": wrapped.hex(), "mac": hmac.new(mac_key, wrapped, hashlib.sha256).hexdigest(),
                "check": _check_value(data_key_of(recovery))}
    return DataKey(recovery, envelope)


def _envelope_fields(envelope: dict, what: str = ""):
    """The envelope's parts, each checked to be what the program writes; DatabaseFileError else
    (before any key derivation: a crafted cost never runs)."""
    where = f"{what}的密钥信息" if what else "密钥文件"

    def damaged(reason: str) -> DatabaseFileError:
        return DatabaseFileError(f"{where}已损坏（{reason}），无法用密码打开；请用恢复密钥打开。数据未做任何改动。")

    if not isinstance(envelope, dict):
        raise damaged("不是密钥信息")
    try:
        n, r, p = envelope["n"], envelope["r"], envelope["p"]
        salt, wrapped, mac = (bytes.fromhex(envelope[k]) for k in ("salt", "wrapped", "mac"))
        check = envelope["check"]
    except (KeyError, TypeError, ValueError):
        raise damaged("缺少内容或内容不可读") from None
    if envelope.get("kdf", "scrypt") != "scrypt" or not all(type(v) is int for v in (n, r, p)) \
            or (n, r, p) not in ALLOWED_KDF:
        raise damaged("参数不是本程序写入的")
    if len(salt) != 16 or len(wrapped) != GROUPS * GROUP_DATA or len(mac) != 32 \
            or not isinstance(check, str) or len(check) != 16:
        raise damaged("长度不对")
    return salt, n, r, p, wrapped, mac, check


def unlock(envelope: dict | None, secret: str, what: str = "") -> DataKey:
    """The data key from a password (through ``envelope``) or a recovery key (typed as one).

    WrongPassword if it is not this file's password or recovery key; RecoveryKeyTypo for a
    recovery key with a wrong symbol; nothing is read or written but ``envelope``."""
    if looks_like_recovery(secret) or (secret.count("-") >= GROUPS - 1 and len(_normalise(secret)) >= 20):
        recovery = parse_recovery(secret)
        try:
            check = _envelope_fields(envelope, what)[6] if envelope is not None else None
        except DatabaseFileError:  # a damaged key file: the recovery key opens the data alone
            return DataKey(recovery, None)
        if check is not None and _check_value(data_key_of(recovery)) != check:
            raise DatabaseFileError(f"这个恢复密钥不是{what or '这份数据'}的恢复密钥（各组校验都对，但打不开这份数据）。"
                                    "数据未做任何改动。")
        return DataKey(recovery, envelope)
    if envelope is None:
        raise DatabaseFileError(f"{what or '这份数据'}旁边没有密钥文件（{KEY_SUFFIX}），只能用恢复密钥打开。数据未做任何改动。")
    salt, n, r, p, wrapped, mac, _check = _envelope_fields(envelope, what)
    wrap, mac_key = _kek(secret, salt, n, r, p)
    if not hmac.compare_digest(hmac.new(mac_key, wrapped, hashlib.sha256).hexdigest(), mac.hex()):
        raise WrongPassword(what)
    recovery = _xor(wrapped, wrap)
    if (n, r, p) != (N, R, P):  # sealed at the older, cheaper cost: sealed again at today's
        return seal(recovery, secret)
    return DataKey(recovery, envelope)


# files ---------------------------------------------------------------------------------------
def key_file(db_path: Path) -> Path:
    return Path(str(db_path) + KEY_SUFFIX)


def read_key_file(db_path: Path) -> dict | None:
    path = key_file(db_path)
    if not path.exists():
        return None
    try:
        if not path.is_file() or path.stat().st_size > KEY_FILE_MAX:
            raise ValueError("not a key file")
        with path.open("rb") as fh:
            envelope = json.loads(fh.read(KEY_FILE_MAX).decode("utf-8"))
        if not isinstance(envelope, dict):
            raise ValueError("not an envelope")
        return envelope
    except (OSError, ValueError) as exc:
        raise DatabaseFileError(f"密钥文件 {path} 已损坏，无法用密码打开；请用恢复密钥打开。数据未做任何改动。") from exc


def write_key_file(db_path: Path, key: DataKey) -> Path:
    path = key_file(db_path)
    tmp = path.with_name(path.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(key.envelope, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DatabaseFileError(f"无法写入密钥文件 {path}：{exc.strerror or exc}") from exc
    return path


MISSING, PLAIN, ENCRYPTED, BACKUP = "missing", "plain", "encrypted", "backup"


def file_kind(path: Path) -> str:
    """missing (or empty), plain (an SQLite file), backup (an encrypted backup) or encrypted (anything
    else: an SQLCipher file, or a file that is no database at all, which only a key can tell)."""
    path = Path(path)
    from ..files import is_regular

    try:
        if path.exists() and not path.is_dir() and not is_regular(path):
            raise DatabaseFileError(f"{path} 不是普通文件（是设备、管道，或指向它们的快捷方式），不能作为数据库或备份使用；"
                                    "文件未被改动")
        if not path.exists() or path.stat().st_size == 0:
            return MISSING
        if path.is_dir():
            raise DatabaseFileError(f"{path} 是文件夹，不是数据库文件")
        with path.open("rb") as fh:
            head = fh.read(len(BACKUP_MAGIC))
    except OSError as exc:
        raise DatabaseFileError(f"无法读取数据库文件 {path}：{exc.strerror or exc}") from exc
    if head.startswith(SQLITE_HEADER):
        return PLAIN
    if head == BACKUP_MAGIC:
        return BACKUP
    return ENCRYPTED


def looks_like_text(path: Path) -> bool:
    """Whether the file starts as text (UTF-8 or GBK, no NUL): an encrypted database starts with
    random bytes, which never read as text for long."""
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    if not head or b"\x00" in head:
        return False
    for encoding in ("utf-8", "gbk"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if encoding == "utf-8" and exc.start >= len(head) - 3:  # cut inside the last character
                return True
    return False


def read_backup_envelope(path: Path) -> dict | None:
    try:
        with Path(path).open("rb") as fh:
            header = fh.read(BACKUP_HEADER_SIZE)
        envelope = json.loads(header[len(BACKUP_MAGIC):].rstrip(b"\x00").decode("utf-8")) or None
        if envelope is not None and not isinstance(envelope, dict):
            raise ValueError("not an envelope")
        return envelope
    except (OSError, ValueError) as exc:
        raise DatabaseFileError(f"备份文件 {path} 已损坏（文件头无法读取），未做任何改动") from exc


def pack_backup(database: Path, target: Path, key: DataKey) -> None:
    """``target`` = the header with the envelope, then the encrypted database ``database``."""
    head = BACKUP_MAGIC + json.dumps(key.envelope or {}).encode("utf-8")
    with Path(target).open("wb") as out, Path(database).open("rb") as src:
        out.write(head + b"\x00" * (BACKUP_HEADER_SIZE - len(head)))
        while chunk := src.read(1 << 20):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())


def unpack_backup(backup: Path, target: Path) -> Path:
    try:
        with Path(backup).open("rb") as src, Path(target).open("wb") as out:
            src.seek(BACKUP_HEADER_SIZE)
            while chunk := src.read(1 << 20):
                out.write(chunk)
    except OSError as exc:
        raise DatabaseFileError(f"无法读取备份文件 {backup}：{exc.strerror or exc}") from exc
    return target


def connect(target, key: DataKey | None, **kwargs):
    """A DB-API connection: sqlite3 for plain data, sqlcipher3 (keyed first) for encrypted data."""
    if key is None:
        import sqlite3

        return sqlite3.connect(target, **kwargs)
    from sqlcipher3 import dbapi2

    con = dbapi2.connect(target, **kwargs)
    try:
        con.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher would otherwise print to stderr
        con.execute(key.pragma)
    except BaseException:
        con.close()
        raise
    return con


def dbapi_module(key: DataKey | None):
    if key is None:
        import sqlite3

        return sqlite3
    from sqlcipher3 import dbapi2

    return dbapi2


def export(source: Path, source_key: DataKey | None, target: Path, target_key: DataKey | None) -> None:
    """Copy the database ``source`` into the new file ``target`` under another key (or none) with
    SQLCipher's ``sqlcipher_export``; the header values the program relies on are copied too."""
    from sqlcipher3 import dbapi2

    Path(target).unlink(missing_ok=True)
    con = dbapi2.connect(str(source))
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        if source_key is not None:
            con.execute(source_key.pragma)
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        new_key = f"x'{target_key.raw.hex()}'" if target_key is not None else ""
        con.execute(f"ATTACH DATABASE ? AS export KEY \"{new_key}\"", (str(target),))
        con.execute("SELECT sqlcipher_export('export')")
        con.execute(f"PRAGMA export.application_id = {int(app_id)}")
        con.execute(f"PRAGMA export.user_version = {int(version)}")
        con.execute("DETACH DATABASE export")
    finally:
        con.close()


def shred(path: Path) -> None:
    """Overwrite ``path`` with zeros, then delete it (see the module's note on its limits)."""
    path = Path(path)
    if not path.exists():
        return
    size = path.stat().st_size
    with path.open("r+b") as fh:
        block = b"\x00" * (1 << 20)
        left = size
        while left > 0:
            fh.write(block[:min(left, len(block))])
            left -= min(left, len(block))
        fh.flush()
        os.fsync(fh.fileno())
    path.unlink()


def overwrite_with(path: Path, source: Path) -> None:
    """Write the bytes of ``source`` over ``path`` in place (the old bytes are overwritten, not only
    unlinked), then remove ``source``. If this is cut off, ``source`` is still whole:
    ``finish_interrupted`` completes it on the next start."""
    data = Path(source).read_bytes()
    with Path(path).open("r+b" if Path(path).exists() else "wb") as fh:
        old = fh.seek(0, os.SEEK_END)
        fh.seek(0)
        fh.write(data)
        if old > len(data):
            fh.write(b"\x00" * (old - len(data)))
            fh.flush()
            fh.truncate(len(data))
        fh.flush()
        os.fsync(fh.fileno())
    Path(source).unlink()


def pending_file(db_path: Path) -> Path:
    return Path(str(db_path) + ".encrypting")


def finish_interrupted(db_path: Path) -> None:
    """A conversion cut off while the encrypted copy was being written over the file: finish it."""
    pending = pending_file(db_path)
    if pending.exists() and pending.stat().st_size > 0 and key_file(db_path).exists():
        overwrite_with(db_path, pending)
