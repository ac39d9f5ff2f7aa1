"""Open a database file safely: recognise it, back it up, bring its schema up to date.

Every schema change is an Alembic revision in ``migrations/versions``. Before an existing
database is upgraded a copy is taken with the backup API; if the upgrade fails the copy is
put back, so the user's file is never left half-migrated.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .. import paths
from . import cipher
from .backup import (
    BackupError,
    backup_to_folder,
    copy_database,
    read_only_uri,
    verified_copy,
)
from .cipher import DataKey
from .errors import DatabaseFileError, db_errors
from .schema import SCHEMA_APP_ID
from .schema_check import READ_BOUND_S, Bound, foreign_objects

if TYPE_CHECKING:  # pragma: no cover
    from .peek import CentreName, FileFacts


@dataclass(frozen=True)
class FileState:
    exists: bool
    revision: str | None  # Alembic revision stored in the file
    has_tables: bool


def alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(paths.migrations_dir()))
    return cfg


_REVISION = re.compile(r"^(revision|down_revision)\s*=\s*(None|['\"]([^'\"]+)['\"])", re.MULTILINE)


def _revision_graph() -> dict[str, str | None]:
    """revision → down_revision, read from the revision files' text (Alembic is imported only to upgrade)."""
    graph = {}
    for path in (paths.migrations_dir() / "versions").glob("*.py"):
        found = {m.group(1): m.group(3) for m in _REVISION.finditer(path.read_text(encoding="utf-8"))}
        if "revision" in found:
            graph[found["revision"]] = found.get("down_revision")
    return graph


def head_revision() -> str:
    graph = _revision_graph()
    heads = set(graph) - {down for down in graph.values() if down}
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revision_graph())


def inspect_file(path: Path, key: DataKey | None = None, shown_as: Path | None = None) -> FileState:
    """What is in ``path`` (encrypted with ``key``, or plain when None), read without changing it;
    raises DatabaseFileError if unusable or if ``key`` does not fit the file. Messages name
    ``shown_as`` when ``path`` is a temporary copy of the file the user chose."""
    named = shown_as or path
    kind = cipher.file_kind(path)
    if kind == cipher.MISSING:
        return FileState(exists=path.exists(), revision=None, has_tables=False)
    if kind == cipher.BACKUP:
        raise DatabaseFileError(f"文件 {named} 是加密的备份文件，不能直接作为数据文件打开；请用“恢复”（restore）"
                                "把它恢复出来。文件未被改动")
    if kind == cipher.PLAIN and key is not None:
        raise DatabaseFileError(f"数据文件 {named} 没有加密，不需要密码（密码不会被使用）。要加密这份数据请用“加密”"
                                "（encrypt）。文件未被改动")
    if kind == cipher.ENCRYPTED and key is None:
        raise cipher.NeedsPassword(
            f"数据文件 {named} 已加密（或不是数据库文件）：需要密码才能打开。文件未被改动")
    foreign: list[str] = []
    bound = None
    try:
        con = cipher.connect(read_only_uri(path), key, uri=True)
        try:
            bound = Bound(con, READ_BOUND_S)
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            objects = con.execute("SELECT type, name FROM sqlite_master").fetchall()
            tables = {name for kind, name in objects if kind == "table"}
            revision = None
            if "alembic_version" in tables and ("view", "alembic_version") not in objects:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            if objects and app_id == SCHEMA_APP_ID and (revision is None or revision in known_revisions()):
                # before any of its data is read by the program: nothing in it may act (issue 27)
                foreign = foreign_objects(con, revision)
        finally:
            con.close()
    except db_errors() as exc:
        if bound is not None and bound.hit:
            raise DatabaseFileError(f"读取文件 {named} 超过{READ_BOUND_S:.0f}秒仍未完成，文件可能是伪造的，已停止读取；"
                                    "文件未被改动") from None
        raise DatabaseFileError(_unreadable(path, key, exc, named)) from exc
    user_tables = {t for t in tables if not t.startswith("sqlite_")}
    if user_tables and app_id != SCHEMA_APP_ID:
        raise DatabaseFileError(f"文件 {named} 是其他程序的数据库，不是托育机构办公系统的数据，文件未被改动")
    if revision is not None and revision not in known_revisions():
        raise DatabaseFileError(
            f"数据库 {named} 由更新版本的托育机构办公系统创建（结构版本 {revision}），"
            "请升级本程序后再打开；文件未被改动"
        )
    if foreign:
        shown = "、".join(foreign[:4]) + ("等" if len(foreign) > 4 else "")
        raise DatabaseFileError(
            f"文件 {named} 含有本程序不会建立的内容（{shown}），可能被改动过或是伪造的。"
            "这些内容可能在写入数据时删除或复制数据，为安全起见不能使用这个文件；文件未被改动")
    return FileState(exists=True, revision=revision, has_tables=bool(user_tables))


def _unreadable(path: Path, key: DataKey | None, exc: BaseException, named: Path) -> str:
    """Why the database ``path`` (shown to the user as ``named``) could not be read, in Chinese
    (never SQLite's English)."""
    from .errors import sqlite_error, sqlite_words

    error = sqlite_error(exc) or exc
    text = sqlite_words(error)
    if any(w in text for w in ("unable to open", "readonly", "read-only", "cantopen", "permission", "access")):
        return (f"无法打开数据文件 {named}：文件或它所在的文件夹只读、没有权限，或磁盘不可用（U盘已拔出？）。"
                "请把数据放在可以写入的文件夹（例如“文档”）里再打开；文件未被改动")
    if key is not None and key.envelope is not None and cipher.read_key_file(path) == key.envelope:
        return (f"数据文件 {named} 无法用旁边的密钥文件 {cipher.key_file(path).name} 解密：这个密钥文件可能属于另一份数据"
                "（另一个机构），也可能是数据文件已损坏。请放回这份数据自己的密钥文件，或用恢复密钥打开；文件未被改动")
    if key is not None:
        return f"加密的数据库文件 {named} 无法解密：文件已损坏或不完整，或恢复密钥不是这份数据的。文件未被改动"
    if any(w in text for w in ("malformed", "not a database", "corrupt", "encrypted")):
        return f"数据库文件 {named} 已损坏，无法打开；文件未被改动。请从备份恢复"
    code = getattr(error, "sqlite_errorname", "") or type(error).__name__
    return f"数据库文件 {named} 无法读取（{code}）；文件未被改动"


def upgrade(path: Path, key: DataKey | None = None) -> Path | None:
    """Bring ``path`` to the newest schema; return the pre-upgrade backup, if one was taken. With
    ``key`` the file is (or, when new, is created) encrypted."""
    cipher.finish_interrupted(path)
    state = inspect_file(path, key)
    head = head_revision()
    if state.revision == head:
        return None
    backup = None
    if state.has_tables:
        try:
            backup = backup_to_folder(path, paths.backups_dir_for(path), prefix=f"升级前_{state.revision}", key=key)
        except BackupError as exc:
            raise DatabaseFileError(f"升级数据库前无法备份，未做任何改动：{exc}") from exc
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseFileError(f"无法创建数据库所在的文件夹 {path.parent}：{exc.strerror or exc}") from exc
    # Foreign keys off while tables are rebuilt (a DROP would otherwise cascade); checked after.
    from alembic import command
    from sqlalchemy import text

    from .engine import make_engine

    engine = make_engine(path, foreign_keys=False, key=key)
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
            if broken:
                raise DatabaseFileError(f"升级后发现 {len(broken)} 处数据引用不一致，已撤销升级")
            conn.execute(text(f"PRAGMA application_id={SCHEMA_APP_ID}"))
    except Exception:
        engine.dispose()
        if backup is not None:
            put_back(backup, path, key)
        raise
    finally:
        engine.dispose()
    return backup


def put_back(backup: Path, live: Path, key: DataKey | None) -> None:
    """Write the backup file ``backup`` (encrypted with ``key``, as ``live`` is) into ``live``
    through the backup API."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        source = backup
        if cipher.file_kind(backup) == cipher.BACKUP:
            source = cipher.unpack_backup(backup, Path(tmp) / "backup.sqlite3")
        _backup_api(source, live, key)


def _backup_api(source: Path, live: Path, key: DataKey | None) -> None:
    ok = verified_copy(str(source), str(live), key, timeout=5)
    if ok != "ok":
        raise DatabaseFileError(f"恢复后的数据库完整性检查未通过：{ok}")


def _backup_kind(candidate: Path) -> str:
    """``cipher.file_kind`` of a file offered as a backup; a text file is told as one (it would
    otherwise look encrypted and be asked a password for)."""
    kind = cipher.file_kind(candidate)
    if kind == cipher.ENCRYPTED and cipher.looks_like_text(candidate):
        raise DatabaseFileError(f"文件 {candidate} 不是本程序的备份（是一个文本文件），未做任何改动")
    return kind


def backup_needs_key(candidate: Path) -> bool:
    """Whether the backup file ``candidate`` is encrypted (its password or recovery key is needed)."""
    if not candidate.exists():
        raise DatabaseFileError(f"找不到备份文件 {candidate}")
    kind = _backup_kind(candidate)
    return kind in (cipher.BACKUP, cipher.ENCRYPTED)


def backup_key(candidate: Path, secret: str) -> DataKey:
    """The key of the encrypted backup ``candidate`` from its password or recovery key."""
    envelope = (cipher.read_backup_envelope(candidate) if cipher.file_kind(candidate) == cipher.BACKUP
                else cipher.read_key_file(candidate))
    return cipher.unlock(envelope, secret, f"备份文件 {candidate.name}")


def backup_opens_with(candidate: Path, key: DataKey | None) -> bool:
    """Whether ``key`` (the live data's) is also the key of the encrypted backup ``candidate``
    (a backup made before the password was changed: the data key stays the same)."""
    if key is None or key.envelope is None or cipher.file_kind(candidate) != cipher.BACKUP:
        return False
    envelope = cipher.read_backup_envelope(candidate) or {}
    return envelope.get("check") == key.envelope.get("check")


def _stage(candidate: Path, key: DataKey | None, folder: Path) -> Path:
    """A checked copy of the backup ``candidate`` in ``folder``, still under its own key."""
    if not candidate.exists():
        raise DatabaseFileError(f"找不到备份文件 {candidate}")
    kind = _backup_kind(candidate)
    if kind in (cipher.BACKUP, cipher.ENCRYPTED) and key is None:
        raise cipher.NeedsPassword(f"备份文件 {candidate} 已加密：需要这份备份的密码或恢复密钥。未做任何改动")
    source = candidate
    if kind == cipher.BACKUP:
        source = cipher.unpack_backup(candidate, folder / "unpacked.sqlite3")
    # the unpacked copy is a temporary file: the user is told of the backup they chose
    state = inspect_file(source, key if kind != cipher.PLAIN else None, shown_as=candidate)
    if not state.has_tables or state.revision is None:
        raise DatabaseFileError(f"文件 {candidate} 不是托育机构办公系统的备份，未做任何改动")
    try:
        return copy_database(source, folder / "restore.sqlite3", key if kind != cipher.PLAIN else None, pack=False)
    except BackupError as exc:
        raise DatabaseFileError(f"备份文件 {candidate} 已损坏或不完整，未做任何改动") from exc


@dataclass(frozen=True)
class BackupLook:
    """A backup as the restore confirmation shows it, beside the data it would replace."""

    backup: "CentreName"
    facts: "FileFacts"
    current: "CentreName | None" = None  # None: the live file holds no centre yet

    @property
    def other_centre(self) -> bool:
        return self.current is not None and not self.current.empty and not self.backup.same_as(self.current)

    def about(self, candidate: Path) -> list[str]:
        """What the confirmation (window) and the result (command line) say of the backup."""
        return [f"备份文件：{candidate}", f"机构：{self.backup.label()}", *self.facts.lines()]

    def other_centre_lines(self) -> list[str]:
        """The two centres side by side, when the backup is another centre's."""
        return [f"当前数据：{self.current.label() if self.current else ''}", f"备份文件：{self.backup.label()}"]


#: the folder a restore stages its copy in, beside the data (not the system's temp folder, where a
#: plain copy would outlive a killed program unseen); stale ones go when the data next opens
STAGING_PREFIX = ".tuoyu-恢复中-"


@contextmanager
def staging(candidate: Path, candidate_key: DataKey | None = None, beside: Path | None = None) -> Iterator[Path]:
    """A checked copy of the backup ``candidate`` (its schema, its key) in a temporary folder beside
    the data ``beside``, for as long as the block runs: the confirmation looks at it and the restore
    puts it in, so the backup is read and checked once."""
    import tempfile

    folder = Path(beside).parent if beside is not None else None
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=STAGING_PREFIX, ignore_cleanup_errors=True) as tmp:
        yield _stage(candidate, candidate_key, Path(tmp))


def remove_stale_staging(db_path: Path) -> None:
    """What a restore killed halfway left beside the data (the caller holds the data's lock)."""
    import shutil

    for leftover in Path(db_path).parent.glob(STAGING_PREFIX + "*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def look_at_backup(candidate: Path, live: Path, candidate_key: DataKey | None = None,
                   live_key: DataKey | None = None, *, staged: Path | None = None) -> BackupLook:
    """Whose the backup ``candidate`` is, when it was last changed, and whose the data in ``live`` is.
    Both files are only read (``staged``: the copy ``staging`` made). Raises DatabaseFileError if
    ``candidate`` is not a backup of this program."""
    from .peek import read_centre, read_facts

    if staged is None:
        with staging(candidate, candidate_key, live) as staged:
            return look_at_backup(candidate, live, candidate_key, live_key, staged=staged)
    key = None if cipher.file_kind(candidate) == cipher.PLAIN else candidate_key
    current = read_centre(live, live_key) if live.exists() else None
    return BackupLook(read_centre(staged, key), read_facts(staged, key), current)


def restore_database(candidate: Path, live: Path, candidate_key: DataKey | None = None,
                     live_key: DataKey | None = None, *, staged: Path | None = None) -> tuple[Path | None, DataKey | None]:
    """Replace the data in ``live`` with the backup ``candidate``; return the safety copy and the
    key the data now has.

    The candidate is checked (a database of this program, opened with its own key) and migrated in
    a temporary copy before anything is replaced; the current data is backed up first. Encrypted
    data stays encrypted under its own key (password and recovery key unchanged) whatever the
    backup's was; plain data restored from an encrypted backup becomes encrypted with the backup's key.
    The copy goes in through the backup API so that an open WAL database is replaced consistently.
    """
    import shutil

    if staged is None:
        with staging(candidate, candidate_key, live) as staged:
            return restore_database(candidate, live, candidate_key, live_key, staged=staged)
    tmp = staged.parent  # the staging folder, beside the data, holds every copy of the backup
    staged_key = None if cipher.file_kind(candidate) == cipher.PLAIN else candidate_key
    upgrade(staged, staged_key)
    live_kind = cipher.file_kind(live)
    final_key = live_key if live_kind == cipher.ENCRYPTED else staged_key
    if final_key is not None and final_key.envelope is None and live_kind != cipher.ENCRYPTED:
        # plain data becomes encrypted and needs a key file, made from the password's envelope;
        # encrypted data keeps its own key (and its key file, or the lack of one) as it is
        raise DatabaseFileError("用恢复密钥打开的备份要恢复到未加密的数据中：请改用这份备份的密码。未做任何改动")
    if (final_key.raw if final_key else None) != (staged_key.raw if staged_key else None):
        cipher.export(staged, staged_key, tmp / "rekeyed.sqlite3", final_key)
        staged = tmp / "rekeyed.sqlite3"
    safety = None
    if live_kind != cipher.MISSING and inspect_file(live, live_key).has_tables:
        safety = backup_to_folder(live, paths.backups_dir_for(live), prefix="恢复前", key=live_key)
    live.parent.mkdir(parents=True, exist_ok=True)
    if final_key is not None and live_kind != cipher.ENCRYPTED:
        # plain (or no) data becomes encrypted: key file first, then the file's bytes replaced
        cipher.write_key_file(live, final_key)
        pending = cipher.pending_file(live)
        part = pending.with_name(pending.name + ".part")
        shutil.copyfile(staged, part)
        part.replace(pending)
        cipher.overwrite_with(live, pending)
        for leftover in (Path(f"{live}-wal"), Path(f"{live}-shm")):
            cipher.shred(leftover)
    else:
        _backup_api(staged, live, final_key)
    return safety, final_key
