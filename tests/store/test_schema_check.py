"""Issue 27 items 1–2: a backup or data file may carry nothing that acts. A trigger, a view standing
in for a table, a cascading foreign key or an extra table is refused before the file is used, with
a Chinese message naming it; the data in use stays row for row as it was; no read hangs."""
import shutil
import sqlite3
import time

import pytest

from scripts.schema_fingerprints import fingerprints, text_of
from tests.conftest import run_cli
from tests.exchange.helpers import dump
from tuoyu_desktop import paths


def test_the_shipped_schemas_are_what_the_migrations_make():
    shipped = (paths.migrations_dir() / "schema.json").read_text(encoding="utf-8")
    assert shipped == text_of(fingerprints()), "run scripts/schema_fingerprints.py after adding a migration"


@pytest.fixture(scope="module")
def centre(tmp_path_factory):
    """A demo centre and a plain backup of it (made by the program)."""
    folder = tmp_path_factory.mktemp("centre")
    live = folder / "live.sqlite3"
    assert run_cli("--db", str(live), "demo", "--date", "2026-11-25").returncode == 0
    (folder / "备份").mkdir()
    assert run_cli("--db", str(live), "backup", str(folder / "备份")).returncode == 0
    return live, next((folder / "备份").glob("*.sqlite3"))


def _crafted(backup, tmp_path, *statements):
    bad = tmp_path / "备份_改过.sqlite3"
    shutil.copyfile(backup, bad)
    con = sqlite3.connect(bad)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()
    return bad


def _restore_is_refused(centre, tmp_path, bad, *words):
    live_src, _ = centre
    live = tmp_path / "live.sqlite3"
    shutil.copyfile(live_src, live)
    before = dump(live)
    t = time.monotonic()
    result = run_cli("--db", str(live), "restore", "--force", str(bad))
    assert time.monotonic() - t < 10, "restore must not hang on a crafted file"
    assert result.returncode == 2, result.stdout + result.stderr
    assert "本程序不会建立的内容" in result.stderr and bad.name in result.stderr and "未被改动" in result.stderr
    for word in words:
        assert word in result.stderr
    assert dump(live) == before  # row for row as it was
    return live


def test_a_backup_with_a_trigger_that_deletes_children_is_not_restored(centre, tmp_path):
    _, backup = centre
    bad = _crafted(backup, tmp_path, "CREATE TRIGGER wipe AFTER INSERT ON audit_log BEGIN DELETE FROM children; END")
    live = _restore_is_refused(centre, tmp_path, bad, "触发器 wipe")
    assert run_cli("--db", str(live), "alerts", "--date", "2026-11-25").returncode == 0  # the data still opens


def test_a_backup_whose_centre_is_a_recursive_view_neither_hangs_nor_is_restored(centre, tmp_path):
    _, backup = centre
    bad = _crafted(backup, tmp_path, "ALTER TABLE centre RENAME TO centre_old",
                   "CREATE VIEW centre AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
                   "SELECT n AS id, '' AS name FROM r")
    _restore_is_refused(centre, tmp_path, bad, "视图 centre")


def test_a_backup_with_a_cascading_foreign_key_or_an_extra_table_is_not_restored(centre, tmp_path):
    _, backup = centre
    bad = _crafted(backup, tmp_path, "CREATE TABLE copied (number TEXT)")
    _restore_is_refused(centre, tmp_path, bad, "多出的表 copied")
    bad = _crafted(backup, tmp_path, "PRAGMA writable_schema=ON",
                   "UPDATE sqlite_master SET sql = replace(sql, 'REFERENCES classes (id) ON DELETE RESTRICT', "
                   "'REFERENCES classes (id) ON DELETE CASCADE') WHERE name = 'placements'")
    con = sqlite3.connect(bad)
    keys = {(r[2], r[6]) for r in con.execute("PRAGMA foreign_key_list(placements)")}
    con.close()
    assert ("classes", "CASCADE") in keys  # deleting a class would now delete its children's placements
    _restore_is_refused(centre, tmp_path, bad, "placements")


def test_a_data_file_with_a_trigger_is_not_opened(centre, tmp_path):
    live_src, _ = centre
    live = _crafted(live_src, tmp_path, "CREATE TRIGGER leak AFTER INSERT ON audit_log "
                    "BEGIN UPDATE settings SET value = (SELECT group_concat(id_number) FROM staff); END")
    before = dump(live)
    result = run_cli("--db", str(live), "alerts", "--date", "2026-11-25")
    assert result.returncode == 2 and "触发器 leak" in result.stderr and "不能使用这个文件" in result.stderr
    assert dump(live) == before


def test_the_programs_own_backup_still_restores(centre, tmp_path):
    live_src, backup = centre
    live = tmp_path / "live.sqlite3"
    shutil.copyfile(live_src, live)
    result = run_cli("--db", str(live), "restore", "--force", str(backup))
    assert result.returncode == 0, result.stderr


def test_a_restore_stages_beside_the_data_and_a_killed_ones_copy_goes_at_the_next_open(centre, tmp_path):
    """Issue 27 item 6: no plain copy of a backup is left in the system's temp folder after a kill."""
    from tuoyu_desktop.services.workspace import open_workspace
    from tuoyu_desktop.store.migrate import STAGING_PREFIX, staging

    live_src, backup = centre
    live = tmp_path / "data" / "live.sqlite3"
    live.parent.mkdir()
    shutil.copyfile(live_src, live)
    with staging(backup, None, live) as staged:
        assert staged.parent.parent == live.parent and staged.parent.name.startswith(STAGING_PREFIX)
    assert not list(live.parent.glob(STAGING_PREFIX + "*"))
    killed = live.parent / (STAGING_PREFIX + "abc")
    killed.mkdir()
    shutil.copyfile(backup, killed / "restore.sqlite3")  # what kill -9 during a restore leaves
    open_workspace(live).close()
    assert not killed.exists()
