"""The centre's password: it encrypts the data (SPEC §10, see ``store.cipher`` for the design).

Older versions had only a start-up password guarding the window (a scrypt digest in the settings,
the file itself plain). Such a database still opens with that password, and the window offers to
encrypt it with the same password; ``encrypt`` removes the old digest.
"""
from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .. import paths
from ..domain.errors import Collector
from ..domain.passwords import password_problem
from ..store import cipher
from ..store.cipher import DataKey, WrongPassword
from .changes import Changes
from .settings import ENCRYPTION_OFFERED, PASSWORD_DIGEST, get_setting, set_setting

if TYPE_CHECKING:  # pragma: no cover
    from sqlmodel import Session

    from ..store.plain import Db

KEY = PASSWORD_DIGEST.key  # the old start-up password's digest (plain databases only)
OFFERED = ENCRYPTION_OFFERED.key  # the first start's offer was answered
TRIES, WAIT_SECONDS = 5, 30


# the old start-up password ------------------------------------------------------------------
def _hash(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=cipher.SCRYPT_MAXMEM, dklen=32)


def has_password(db: Db) -> bool:
    """Whether the (plain) data has the old start-up password."""
    return bool(get_setting(db, KEY))


def check_password(db: Db, password: str) -> bool:
    return _digest_matches(get_setting(db, KEY), password)


def legacy_password_matches(db_path: Path, password: str) -> bool:
    """For plain data only read from the file: no old start-up password, or ``password`` is it."""
    from ..store.peek import read_setting

    return _digest_matches(read_setting(db_path, KEY), password)


def legacy_password_set(db_path: Path) -> bool:
    from ..store.peek import read_setting

    return bool(read_setting(db_path, KEY))


def _digest_matches(stored: str, password: str) -> bool:
    if not stored:
        return True
    try:
        _, n, r, p, salt, digest = stored.split("$")
        expected = bytes.fromhex(digest)
        cost = (int(n), int(r), int(p))
        if cost not in cipher.ALLOWED_KDF:  # a crafted cost (p=40000 runs for an hour) is never run
            return False
        actual = _hash(password, bytes.fromhex(salt), *cost)
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


# the state of the data -----------------------------------------------------------------------
def is_encrypted(db_path: Path) -> bool:
    cipher.finish_interrupted(db_path)
    return cipher.file_kind(db_path) == cipher.ENCRYPTED


def require_key_file(db_path: Path) -> None:
    """The window asks for the password only when the key file is beside the data."""
    if cipher.read_key_file(db_path) is None:
        from ..store.errors import DatabaseFileError

        raise DatabaseFileError(
            f"文件 {db_path} 不是数据库文件（可能已损坏或选错了文件），或是缺了密钥文件 {cipher.key_file(db_path).name} "
            "的加密数据。\n如果是加密的数据，请把密钥文件放回它旁边；"
            "或在命令行用恢复密钥设置新密码（TUOYU_PASSWORD=恢复密钥，运行 rekey）。文件未被改动")


def open_key(db_path: Path, secret: str) -> DataKey:
    """The data key of the encrypted database ``db_path`` from its password or recovery key.
    WrongPassword / RecoveryKeyTypo / DatabaseFileError otherwise. A key file sealed at the older,
    cheaper scrypt cost is written again at today's (same password, same data key)."""
    envelope = cipher.read_key_file(db_path)
    key = cipher.unlock(envelope, secret)
    if envelope is not None and key.envelope is not envelope and key.envelope is not None:
        cipher.write_key_file(db_path, key)
    return key


def validate_new_password(new: str, repeat: str, errors: Collector | None = None) -> Collector:
    errors = Collector() if errors is None else errors
    if not new:
        errors.add("新密码", "请输入新密码")
    elif problem := password_problem(new):
        errors.add("新密码", problem)
    elif cipher.looks_like_recovery(new):
        errors.add("新密码", "密码不能写成恢复密钥的样子（6组、每组5个字符）")
    if new != repeat:
        errors.add("再次输入", "两次输入的新密码不一样")
    return errors


#: what SQLite (or a cut-off copy) leaves beside a database: it holds plain pages of it
LEFTOVER_ENDS = ("-journal", "-wal", "-shm", ".part")


def _plain_in(folder: Path) -> list[Path]:
    out = []
    for p in folder.iterdir():
        try:
            if not p.is_file() or p.is_symlink():
                continue
            if p.name.endswith(LEFTOVER_ENDS) and p.name.startswith(("tuoyu_", ".tuoyu_")):
                out.append(p)  # a journal beside a backup holds names and phones too
            elif p.suffix == ".sqlite3" and cipher.file_kind(p) == cipher.PLAIN:
                out.append(p)
        except (OSError, cipher.DatabaseFileError):
            continue
    return sorted(out)


def plain_backups(db_path: Path) -> list[Path]:
    """The unencrypted copies of the data in its backups folder, with what SQLite left beside them
    (a -journal holds plain pages): they stay readable after encrypting."""
    folder = paths.backups_dir_for(db_path)
    if not folder.is_dir():
        return []
    return _plain_in(folder)


@dataclass(frozen=True)
class PlainElsewhere:
    """Plain copies in the other folders backups were written to (a USB stick …), and the folders
    that cannot be looked into now (the stick is not plugged in)."""

    copies: list[Path]
    unreachable: list[Path]


def plain_backups_elsewhere(db_path: Path) -> PlainElsewhere:
    """What encrypting leaves plain outside the backups folder: read from the data's list of backup
    folders (services.settings.BACKUP_FOLDERS), before the data is encrypted."""
    from ..store.peek import read_setting
    from .settings import BACKUP_FOLDERS

    own = paths.backups_dir_for(db_path).resolve()
    copies, unreachable = [], []
    for line in (read_setting(db_path, BACKUP_FOLDERS.key) or "").splitlines():
        folder = Path(line)
        if not line or folder.resolve() == own:
            continue
        if not folder.is_dir():
            unreachable.append(folder)
            continue
        copies += _plain_in(folder)
    return PlainElsewhere(copies, unreachable)


def elsewhere_lines(found: PlainElsewhere) -> list[str]:
    """What the user is told of them (the window and ``encrypt`` say the same)."""
    lines = [f"仍未加密的备份（在别的文件夹，加密后它们仍可被任何人读取，请删除或销毁）：{p}" for p in found.copies]
    lines += [f"无法检查的备份文件夹（U盘未插入？）：{f}——那里做过的备份如果是加密前做的，仍未加密" for f in found.unreachable]
    return lines


def encrypt_file(db_path: Path, password: str, *, delete_plain_backups: bool) -> tuple[DataKey, list[Path]]:
    """Encrypt the plain database ``db_path`` in place with a new data key sealed by ``password``.

    The caller holds the database's lock and has no connection open. The encrypted copy is made
    beside the file, the key file written, then the copy is written over the plain file (its bytes
    overwritten) and its -wal removed. With ``delete_plain_backups`` the plain backups are
    overwritten and deleted; they are returned."""
    import sqlite3

    validate_new_password(password, password).raise_if_any()
    if cipher.file_kind(db_path) != cipher.PLAIN:
        from ..store.errors import DatabaseFileError

        raise DatabaseFileError(f"数据文件 {db_path} 已经加密（或不是数据库文件），未做任何改动")
    backups = plain_backups(db_path)
    con = sqlite3.connect(db_path)
    try:  # everything from the -wal into the file; the -wal emptied
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if _has_settings(con):  # the old start-up password's digest is replaced by the encryption
            con.execute("DELETE FROM settings WHERE key = ?", (KEY,))
        con.commit()
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    key = cipher.seal(cipher.new_recovery(), password)
    _write_under_key(db_path, None, key)
    removed = []
    if delete_plain_backups:
        for path in backups:
            cipher.shred(path)
            removed.append(path)
    return key, removed


def _has_settings(con) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='settings'").fetchone() is not None


def encrypt_workspace(workspace, password: str, repeat: str, *, delete_plain_backups: bool) -> Changes:
    """设置 → 安全 → 加密 (and the first start's offer): the open data encrypted in place."""
    validate_new_password(password, repeat).raise_if_any()
    workspace.release()
    try:
        key, removed = encrypt_file(workspace.db_path, password, delete_plain_backups=delete_plain_backups)
        workspace.key = key
    finally:
        workspace.reopen()
    note = f"；已覆盖并删除{len(removed)}份未加密的备份" if removed else ""
    return Changes.of(f"数据已加密{note}。请打印恢复密钥单并妥善保管。", "settings")


def change_password(db_path: Path, key: DataKey, current: str | None, new: str, repeat: str,
                    *, new_data_key: bool = False) -> tuple[DataKey, Changes]:
    """rekey: a new password for the same data key (the recovery key stays valid). Earlier backups
    still open with the password they were made under, or the recovery key — and an old backup's
    password still unwraps the same data key. With ``new_data_key`` (the password leaked) the data
    is encrypted again under a new data key with a new recovery key: neither the old password, nor
    the old recovery key, nor any old backup's envelope opens today's data. ``current`` (the
    password or the recovery key) is checked unless None (already checked by the caller); with
    ``new_data_key`` the caller holds the lock and has no connection open."""
    errors = Collector()
    if current is not None:
        _check_current(key, current, errors)
    validate_new_password(new, repeat, errors).raise_if_any()
    if new_data_key:
        new_key = rekey_file(db_path, key, new)
        return new_key, Changes.of("密码已修改，数据也换了新的数据密钥和恢复密钥：旧密码、旧恢复密钥和以前的备份都打不开现在的数据了。"
                                   "请打印新的恢复密钥单，销毁旧的", "settings")
    new_key = key.with_password(new)
    cipher.write_key_file(db_path, new_key)
    return new_key, Changes.of("密码已修改（恢复密钥不变；以前的备份仍用当时的密码或恢复密钥打开）", "settings")


def _check_current(key: DataKey, current: str, errors: Collector) -> None:
    try:
        if cipher.unlock(key.envelope, current).raw != key.raw:
            errors.add("当前密码", "这不是这份数据的恢复密钥")
    except WrongPassword:
        errors.add("当前密码", "当前密码不正确")
    except cipher.DatabaseFileError as exc:  # a recovery key typed with a wrong symbol
        errors.add("当前密码", str(exc))


def rekey_file(db_path: Path, key: DataKey, password: str) -> DataKey:
    """The encrypted database ``db_path`` re-encrypted under a new data key (a new recovery key)
    sealed by ``password``, the same way encrypting writes it (``_write_under_key``)."""
    from sqlcipher3 import dbapi2

    con = dbapi2.connect(str(db_path))
    try:  # everything from the -wal into the file under the old key first
        con.execute("PRAGMA cipher_log_level = NONE")
        con.execute(key.pragma)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    new_key = cipher.seal(cipher.new_recovery(), password)
    _write_under_key(db_path, key, new_key)
    return new_key


def _write_under_key(db_path: Path, key: DataKey | None, new_key: DataKey) -> None:
    """The database ``db_path`` (under ``key``, or plain) written over with itself under ``new_key``:
    the copy is made beside it, the key file written, then the copy's bytes written over the file
    (``finish_interrupted`` completes a cut-off one) and the old -wal, -shm and -journal shredded.
    The caller has checkpointed the -wal into the file and holds the lock."""
    pending = cipher.pending_file(db_path)
    part = pending.with_name(pending.name + ".part")
    try:
        cipher.export(db_path, key, part, new_key)
        part.replace(pending)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    cipher.write_key_file(db_path, new_key)
    cipher.overwrite_with(db_path, pending)
    for leftover in (Path(f"{db_path}-wal"), Path(f"{db_path}-shm"), Path(f"{db_path}-journal")):
        cipher.shred(leftover)


def change_workspace_password(workspace, current: str, new: str, repeat: str, *, new_data_key: bool = False) -> Changes:
    """设置 → 安全 → 修改密码 on the open data (with ``new_data_key``: the password leaked)."""
    if not new_data_key:
        workspace.key, changes = change_password(workspace.db_path, workspace.key, current, new, repeat)
        return changes
    errors = Collector()
    _check_current(workspace.key, current, errors)
    validate_new_password(new, repeat, errors).raise_if_any()  # all checked before the file is let go
    workspace.release()
    try:
        workspace.key, changes = change_password(workspace.db_path, workspace.key, None, new, repeat,
                                                 new_data_key=True)
    finally:
        workspace.reopen()
    return changes


def recovery_text(key: DataKey, per_line: int = 0) -> str:
    """The recovery key as printed (XXXXX-XXXXX-…); with ``per_line``, that many groups a line, so a
    window that wraps long text never breaks inside a group (a group is checked as a whole)."""
    text = cipher.format_recovery(key.recovery)
    if not per_line:
        return text
    groups = text.split("-")
    return "\n".join("-".join(groups[i:i + per_line]) for i in range(0, len(groups), per_line))


def offer_needed(db: Db) -> bool:
    """The first start's offer to set a password: not yet answered (plain data only)."""
    return not get_setting(db, OFFERED)


def decline_offer(session: Session) -> None:
    set_setting(session, OFFERED, "declined")


# wrong tries in the window -------------------------------------------------------------------
@dataclass
class Attempts:
    """5 wrong tries bring a 30-second wait (SPEC §10); the clock is injectable for tests."""

    clock: Callable[[], float] = time.monotonic
    tries: int = 0
    until: float = field(default=0.0)

    def wait_left(self) -> float:
        return max(0.0, self.until - self.clock())

    def failed(self) -> float:
        """Count a wrong try; the seconds to wait now (0 when the user may try again at once)."""
        self.tries += 1
        if self.tries >= TRIES:
            self.tries = 0
            self.until = self.clock() + WAIT_SECONDS
        return self.wait_left()

    def left(self) -> int:
        return TRIES - self.tries
