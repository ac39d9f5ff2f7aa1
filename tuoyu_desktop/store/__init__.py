"""Storage: SQLModel tables, the SQLite engine, migrations and backups."""
