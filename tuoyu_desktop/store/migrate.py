"""Open a database file safely: recognise it, back it up, bring its schema up to date.

Every schema change is an Alembic revision in ``migrations/versions``. Before an existing
database is upgraded a copy is taken with the backup API; if the upgrade fails the copy is
put back, so the user's file is never left half-migrated.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import re

from sqlalchemy import Engine, text

from .. import paths
from .backup import BackupError, backup_to_folder, copy_database, read_only_uri
from .engine import make_engine
from .errors import DatabaseFileError
from .models import SCHEMA_APP_ID

SQLITE_HEADER = b"SQLite format 3\x00"


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


def inspect_file(path: Path) -> FileState:
    """What is in ``path``, read without changing it; raises DatabaseFileError if unusable."""
    if not path.exists() or path.stat().st_size == 0:
        return FileState(exists=path.exists(), revision=None, has_tables=False)
    if path.is_dir():
        raise DatabaseFileError(f"{path} 是文件夹，不是数据库文件")
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseFileError(f"无法读取数据库文件 {path}：{exc.strerror or exc}") from exc
    if header != SQLITE_HEADER:
        raise DatabaseFileError(f"文件 {path} 不是数据库文件（可能已损坏或选错了文件），文件未被改动")
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise DatabaseFileError(f"数据库文件 {path} 已损坏，无法打开：{exc}") from exc
    user_tables = {t for t in tables if not t.startswith("sqlite_")}
    if user_tables and app_id != SCHEMA_APP_ID:
        raise DatabaseFileError(f"文件 {path} 是其他程序的数据库，不是托育机构办公系统的数据，文件未被改动")
    if revision is not None and revision not in known_revisions():
        raise DatabaseFileError(
            f"数据库 {path} 由更新版本的托育机构办公系统创建（结构版本 {revision}），"
            "请升级本程序后再打开；文件未被改动"
        )
    return FileState(exists=True, revision=revision, has_tables=bool(user_tables))


def upgrade(path: Path) -> Path | None:
    """Bring ``path`` to the newest schema; return the pre-upgrade backup, if one was taken."""
    state = inspect_file(path)
    head = head_revision()
    if state.revision == head:
        return None
    backup = None
    if state.has_tables:
        try:
            backup = backup_to_folder(path, paths.backups_dir_for(path), prefix=f"升级前_{state.revision}")
        except BackupError as exc:
            raise DatabaseFileError(f"升级数据库前无法备份，未做任何改动：{exc}") from exc
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseFileError(f"无法创建数据库所在的文件夹 {path.parent}：{exc.strerror or exc}") from exc
    # Foreign keys off while tables are rebuilt (a DROP would otherwise cascade); checked after.
    from alembic import command

    engine = make_engine(path, foreign_keys=False)
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
            copy_database(backup, path)
        raise
    finally:
        engine.dispose()
    return backup


def open_database(path: Path) -> Engine:
    """Recognise, upgrade if needed, and return an engine on the database file ``path``."""
    upgrade(path)
    return make_engine(path)


def other_centre(candidate: Path, live: Path):
    """(current, backup) centre names when the backup ``candidate`` belongs to another centre than
    the data in ``live``; None when it is the same centre or ``live`` holds no centre yet. Both files
    are only read. Raises DatabaseFileError if ``candidate`` is not a backup of this program."""
    from .peek import read_centre

    if not candidate.exists():
        raise DatabaseFileError(f"找不到备份文件 {candidate}")
    state = inspect_file(candidate)
    if not state.has_tables or state.revision is None:
        raise DatabaseFileError(f"文件 {candidate} 不是托育机构办公系统的备份，未做任何改动")
    current = read_centre(live) if live.exists() else None
    if current is None or current.empty:
        return None
    backup = read_centre(candidate)
    return None if backup.same_as(current) else (current, backup)


def restore_database(candidate: Path, live: Path) -> Path:
    """Replace the data in ``live`` with the backup ``candidate``; return the safety copy.

    The candidate is checked (a database of this program) and migrated in a temporary copy
    before anything is replaced; the current data is backed up first; the copy goes in
    through the backup API so that an open WAL database is replaced consistently.
    """
    import tempfile

    if not candidate.exists():
        raise DatabaseFileError(f"找不到备份文件 {candidate}")
    state = inspect_file(candidate)
    if not state.has_tables or state.revision is None:
        raise DatabaseFileError(f"文件 {candidate} 不是托育机构办公系统的备份，未做任何改动")
    with tempfile.TemporaryDirectory() as tmp:
        staged = copy_database(candidate, Path(tmp) / "restore.sqlite3")
        upgrade(staged)
        safety = None
        if live.exists() and inspect_file(live).has_tables:
            safety = backup_to_folder(live, paths.backups_dir_for(live), prefix="恢复前")
        live.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(staged)
        try:
            dst = sqlite3.connect(live, timeout=5)
            try:
                src.backup(dst)
                ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
        if ok != "ok":
            raise DatabaseFileError(f"恢复后的数据库完整性检查未通过：{ok}")
    return safety
