"""The plain-SQL twin of ``domain.periods``: the same spans as conditions for ``store.plain.Db``.

    db.rows("staff", employed_on(day), order="name")
"""
from __future__ import annotations

from datetime import date

from ..domain.periods import (
    AGREEMENT,
    CERTIFICATE,
    CLASS_OPEN,
    EMPLOYMENT,
    ENROLMENT,
    PLACEMENT,
    Span,
)
from .plain import Where


def holds_on(span: Span, day: date, prefix: str = "") -> Where:
    """Rows for which ``span`` holds on ``day`` (``Span.holds_on``); ``prefix`` names the table in a join."""
    start, end = prefix + span.start, prefix + span.end
    op = ">=" if span.end_inclusive else ">"
    return (f"({start} IS NULL OR {start} <= ?) AND ({end} IS NULL OR {end} {op} ?)", day, day)


def touches(span: Span, first: date, last: date, prefix: str = "") -> Where:
    """Rows held on some day of [first, last] or ended inside it (``Span.touches``)."""
    start, end = prefix + span.start, prefix + span.end
    return (f"({start} IS NULL OR {start} <= ?) AND ({end} IS NULL OR {end} >= ?)", last, first)


def enrolled_on(day: date) -> Where:
    return holds_on(ENROLMENT, day)


def employed_on(day: date) -> Where:
    return holds_on(EMPLOYMENT, day)


def class_open_on(day: date) -> Where:
    return holds_on(CLASS_OPEN, day)


def placed_on(day: date) -> Where:
    return holds_on(PLACEMENT, day)


def cert_valid_on(day: date) -> Where:
    return holds_on(CERTIFICATE, day)


def agreement_valid_on(day: date) -> Where:
    return holds_on(AGREEMENT, day)
