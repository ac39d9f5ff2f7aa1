"""The SQL twin of ``domain.periods``: the same spans as WHERE clauses on the table models."""
from __future__ import annotations

from datetime import date

from sqlalchemy import and_, or_

from ..domain.periods import (
    AGREEMENT,
    CERTIFICATE,
    CLASS_OPEN,
    EMPLOYMENT,
    ENROLMENT,
    PLACEMENT,
    Span,
)
from .models import Agreement, Certificate, Child, Placement, SchoolClass, Staff


def holds_on(span: Span, model, day: date):
    """WHERE clause: rows of ``model`` for which ``span`` holds on ``day`` (``Span.holds_on``)."""
    start, end = getattr(model, span.start), getattr(model, span.end)
    return and_(or_(start.is_(None), start <= day), or_(end.is_(None), end >= day if span.end_inclusive else end > day))


def touches(span: Span, model, first: date, last: date):
    """WHERE clause: rows held on some day of [first, last] or ended inside it (``Span.touches``)."""
    start, end = getattr(model, span.start), getattr(model, span.end)
    return and_(or_(start.is_(None), start <= last), or_(end.is_(None), end >= first))


def enrolled_on(day: date):
    return holds_on(ENROLMENT, Child, day)


def employed_on(day: date):
    return holds_on(EMPLOYMENT, Staff, day)


def class_open_on(day: date):
    return holds_on(CLASS_OPEN, SchoolClass, day)


def placed_on(day: date):
    return holds_on(PLACEMENT, Placement, day)


def cert_valid_on(day: date):
    return holds_on(CERTIFICATE, Certificate, day)


def agreement_valid_on(day: date):
    return holds_on(AGREEMENT, Agreement, day)
