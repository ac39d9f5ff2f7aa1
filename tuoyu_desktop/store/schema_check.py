"""A database file carries nothing that acts (issue 27): its schema is exactly what the program's
migrations make for its revision.

SQLite keeps code in the file itself — a trigger runs on the program's own INSERT, a view can stand
where a table should be, a foreign key with ON DELETE CASCADE deletes rows elsewhere — so a crafted
backup or data file could delete or copy data the moment the program writes. Before any data of a
file is read, its ``sqlite_master`` is compared with the schema the migrations produce for the
revision it claims (``migrations/schema.json``, made by ``scripts/schema_fingerprints.py`` and
checked against the migrations by a test): every table with its columns and foreign keys, every
index; no trigger and no view at all. Anything else is refused before the file is used.

The comparison is of structure, not of SQL text (a CHECK or a DEFAULT cannot act), so a file made
by an older build of the same revision is never refused for a difference of spelling.
"""
from __future__ import annotations

import json
from functools import lru_cache

from .. import paths

#: tables SQLite makes by itself (AUTOINCREMENT, ANALYZE); their rows are data, not code
SQLITE_OWN = ("sqlite_sequence", "sqlite_stat1", "sqlite_stat4")


def fingerprint(con) -> dict:
    """The schema of the open DB-API connection ``con``: tables (columns, foreign keys), indexes,
    triggers, views — read from ``sqlite_master`` and the table PRAGMAs, nothing of the data."""
    objects = con.execute("SELECT type, name, tbl_name FROM sqlite_master ORDER BY type, name").fetchall()
    out: dict = {"tables": {}, "indexes": {}, "triggers": sorted(n for t, n, _ in objects if t == "trigger"),
                 "views": sorted(n for t, n, _ in objects if t == "view")}
    if out["triggers"] or out["views"]:
        return out  # refused anyway; a view is never compiled here
    for kind, name, table in objects:
        if kind == "table" and name not in SQLITE_OWN:
            quoted = '"' + name.replace('"', '""') + '"'
            columns = [[r[1], (r[2] or "").upper(), int(r[3]), int(r[5])]
                       for r in con.execute(f"PRAGMA table_info({quoted})")]
            keys = sorted([r[2], r[3], r[4] or "", r[5], r[6]]
                          for r in con.execute(f"PRAGMA foreign_key_list({quoted})"))
            out["tables"][name] = {"columns": columns, "foreign_keys": keys}
        elif kind == "index":
            quoted = '"' + name.replace('"', '""') + '"'
            out["indexes"][name] = [table, [r[2] for r in con.execute(f"PRAGMA index_info({quoted})")]]
    return out


@lru_cache(maxsize=1)
def expected_schemas() -> dict[str, dict]:
    """revision → the schema the migrations make for it (shipped beside the migrations)."""
    return json.loads((paths.migrations_dir() / "schema.json").read_text(encoding="utf-8"))


def differences(found: dict, expected: dict) -> list[str]:
    """What in ``found`` is not the program's (Chinese, for the message), empty when it is exact."""
    out = []
    for name in found["triggers"]:
        out.append(f"触发器 {name}")
    for name in found["views"]:
        out.append(f"视图 {name}")
    if out:
        return out
    for name in sorted(set(found["tables"]) - set(expected["tables"])):
        out.append(f"多出的表 {name}")
    for name in sorted(set(expected["tables"]) - set(found["tables"])):
        out.append(f"缺少表 {name}")
    for name in sorted(set(found["tables"]) & set(expected["tables"])):
        have, want = found["tables"][name], expected["tables"][name]
        if have["columns"] != want["columns"]:
            out.append(f"表 {name} 的列与本程序的不同")
        if have["foreign_keys"] != want["foreign_keys"]:
            out.append(f"表 {name} 的外键（关联删除）与本程序的不同")
    for name in sorted(set(found["indexes"]) ^ set(expected["indexes"])):
        out.append(f"{'多出' if name in found['indexes'] else '缺少'}的索引 {name}")
    for name in sorted(set(found["indexes"]) & set(expected["indexes"])):
        if found["indexes"][name] != expected["indexes"][name]:
            out.append(f"索引 {name} 与本程序的不同")
    return out


def foreign_objects(con, revision: str | None) -> list[str]:
    """What the file open on ``con`` holds beyond the schema of ``revision`` (empty: nothing)."""
    found = fingerprint(con)
    if revision is None:  # no revision yet: only an empty file (or an empty alembic_version) is accepted
        extra = ([f"表 {n}" for n in found["tables"] if n != "alembic_version"]
                 + [f"索引 {n}" for n in found["indexes"] if n != "sqlite_autoindex_alembic_version_1"])
        return [f"触发器 {n}" for n in found["triggers"]] + [f"视图 {n}" for n in found["views"]] + extra
    expected = expected_schemas().get(revision)
    if expected is None:
        return [f"未知的结构版本 {revision}"]
    return differences(found, expected)


class Bound:
    """A time bound on the SQL run on a connection to a file the user chose (SQLite's progress
    handler): past ``seconds`` every statement is interrupted and ``hit`` says why."""

    def __init__(self, con, seconds: float):
        import time

        self._clock = time.monotonic
        self.deadline = self._clock() + seconds
        self.seconds = seconds
        self.hit = False
        con.set_progress_handler(self._tick, 20_000)

    def _tick(self) -> int:
        if self._clock() > self.deadline:
            self.hit = True
            return 1  # SQLite stops the statement ("interrupted")
        return 0


#: how long reading a foreign file's schema and first facts may take before it is given up
READ_BOUND_S = 10.0
