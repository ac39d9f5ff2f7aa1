"""Pure business rules: no database, no Tk, no file access."""
