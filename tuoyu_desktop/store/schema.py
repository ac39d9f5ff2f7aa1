"""What marks a database file as this program's (read before anything else is imported)."""

SCHEMA_APP_ID = 0x54594453  # "TYDS": PRAGMA application_id marks a database of this program
