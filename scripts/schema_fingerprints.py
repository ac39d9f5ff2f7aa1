"""Write ``tuoyu_desktop/store/migrations/schema.json``: for every migration revision, the schema
(tables with columns and foreign keys, indexes; no triggers, no views) an empty database has once
migrated to it. store.schema_check compares every file the program opens with it; the test
tests/store/test_schema_check.py fails while this file is stale. Run after adding a migration:

    .venv/bin/python scripts/schema_fingerprints.py
"""
from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def revisions_in_order() -> list[str]:
    from tuoyu_desktop.store.migrate import _revision_graph

    graph = _revision_graph()
    order, down = [], None
    while True:
        nxt = [rev for rev, parent in graph.items() if parent == down]
        if not nxt:
            return order
        order.append(nxt[0])
        down = nxt[0]


def fingerprints() -> dict[str, dict]:
    from alembic import command

    from tuoyu_desktop.store.engine import make_engine
    from tuoyu_desktop.store.migrate import alembic_config
    from tuoyu_desktop.store.schema_check import fingerprint

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "schema.sqlite3"
        for revision in revisions_in_order():
            engine = make_engine(path, foreign_keys=False)
            with engine.begin() as conn:
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
            engine.dispose()
            con = sqlite3.connect(path)
            try:
                out[revision] = fingerprint(con)
            finally:
                con.close()
    return out


def text_of(schemas: dict) -> str:
    return json.dumps(schemas, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> int:
    from tuoyu_desktop import paths

    target = paths.migrations_dir() / "schema.json"
    target.write_text(text_of(fingerprints()), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
