"""The storage errors whose message is for the user. Kept apart from the modules that raise them so
that the window can name them without importing the database libraries."""
from __future__ import annotations


class DatabaseFileError(Exception):
    """The file cannot be used as this program's database; it has been left untouched."""


class BackupError(Exception):
    """A backup or restore that could not be made; the message is for the user."""
