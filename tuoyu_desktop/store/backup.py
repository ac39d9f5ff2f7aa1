"""Consistent copies of the database with SQLite's online backup API (never a file copy).

A backup of an encrypted database is encrypted with the same data key and carries the password's
envelope in its header, so that it opens alone (see ``cipher``)."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from .cipher import DataKey, connect, pack_backup
from .errors import BackupError, db_errors


def read_only_uri(path: Path) -> str:
    """A read-only SQLite URI for ``path``, percent-encoded so that Chinese letters, spaces, ``#``
    or ``?`` in a Windows folder name cannot be misread."""
    return Path(path).resolve().as_uri() + "?mode=ro"


def verified_copy(source, target, key: DataKey | None, *, read_only_source: bool = False,
                  timeout: float | None = None, rollback_journal: bool = False) -> str:
    """Copy the database ``source`` into ``target`` with SQLite's online backup API (consistent even
    while another connection writes) and return the copy's ``integrity_check`` result ("ok" when
    sound). The one copy that backups, migrations and restores all use."""
    src = connect(source, key, uri=read_only_source)
    try:
        dst = connect(target, key, **({} if timeout is None else {"timeout": timeout}))
        try:
            src.backup(dst)
            if rollback_journal:  # a file that stands alone: no -wal beside it
                dst.execute("PRAGMA journal_mode=DELETE")
            return dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()


def copy_database(source: Path, target: Path, key: DataKey | None = None, *, pack: bool = True) -> Path:
    """Copy ``source`` to ``target`` through the backup API and check the copy's integrity. With
    ``key`` the copy is encrypted and (unless ``pack`` is False) made a one-file encrypted backup."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    raw = target.with_name(target.name + ".db.part") if key is not None and pack else tmp
    raw.unlink(missing_ok=True)
    try:
        ok = verified_copy(read_only_uri(source), raw, key, read_only_source=True, rollback_journal=True)
        if ok != "ok":
            raise BackupError(f"备份副本完整性检查未通过：{ok}")
        if raw != tmp:
            pack_backup(raw, tmp, key)
            raw.unlink()
        tmp.replace(target)
    except db_errors() as exc:
        _remove_parts(tmp, raw)
        raise BackupError(_backup_failed(target, exc)) from exc
    except OSError as exc:
        _remove_parts(tmp, raw)
        from ..files import write_problem

        raise BackupError(write_problem(target, exc).replace("未能写入", "未能写入备份文件", 1)) from exc
    except BaseException:
        _remove_parts(tmp, raw)
        raise
    return target


def _remove_parts(*parts: Path) -> None:
    """The part files of a backup that did not finish, and SQLite's journals beside them."""
    from ..files import remove_part

    for part in parts:
        remove_part(part)


def _backup_failed(target: Path, exc: BaseException) -> str:
    """Why a backup could not be written, in Chinese, naming the backup file (SQLite's error code
    only, never its English text)."""
    from .errors import sqlite_words

    text = sqlite_words(exc)
    if "full" in text:
        return f"磁盘已满，未能写入备份文件 {target}（没有留下写了一半的文件）。请腾出空间或换一个位置后重试。"
    if "readonly" in text or "read-only" in text or "unable to open" in text or "cantopen" in text:
        return f"未能写入备份文件 {target}：文件夹只读或没有写入权限。请换一个可以写入的文件夹。"
    if "disk i/o" in text or "ioerr" in text:
        return f"未能写入备份文件 {target}：磁盘读写出错（U盘是否已拔出？）。请检查磁盘后重试。"
    return f"未能写入备份文件 {target}：数据库复制没有完成，原数据没有改动。请重试或换一个位置。"


def backup_name(prefix: str = "备份", now: datetime | None = None) -> str:
    now = now or datetime.now()
    return f"tuoyu_{prefix}_{now:%Y%m%d_%H%M%S}.sqlite3"


def backup_to_folder(source: Path, folder: Path, prefix: str = "备份", key: DataKey | None = None) -> Path:
    """A copy named with date and time in ``folder``; never overwrites an earlier one."""
    target = folder / backup_name(prefix)
    n = 1
    while target.exists():
        n += 1
        target = folder / backup_name(f"{prefix}{n}")
    return copy_database(source, target, key)


AUTO_PREFIX = "每日"
KEEP_DAILY, KEEP_WEEKLY = 7, 4


def auto_backup(db_path: Path, folder: Path, today: date | None = None, key: DataKey | None = None) -> Path | None:
    """One automatic copy a day (the first start of the day); keep 7 daily and 4 weekly copies."""
    today = today or date.today()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = f"tuoyu_{AUTO_PREFIX}_{today:%Y%m%d}"
    made = None
    if not any(folder.glob(f"{stamp}*.sqlite3")):
        made = copy_database(db_path, folder / f"{stamp}.sqlite3", key)
    prune_auto_backups(folder, today)
    return made


def prune_auto_backups(folder: Path, today: date) -> list[Path]:
    dated = []
    for path in folder.glob(f"tuoyu_{AUTO_PREFIX}_*.sqlite3"):
        try:
            day = datetime.strptime(path.stem.split("_")[2], "%Y%m%d").date()
        except (IndexError, ValueError):
            continue
        dated.append((day, path))
    dated.sort(reverse=True)
    keep = {p for _, p in dated[:KEEP_DAILY]}
    weeks_seen: list[tuple[int, int]] = []
    for day, path in dated:
        week = day.isocalendar()[:2]
        if week not in weeks_seen:
            weeks_seen.append(week)
            if len(weeks_seen) <= KEEP_WEEKLY:
                keep.add(path)
    removed = []
    for _, path in dated:
        if path not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
