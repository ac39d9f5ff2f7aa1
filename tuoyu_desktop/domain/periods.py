"""“On day D” (SPEC §3), in one place.

Every kind of record that holds for a while says so with a start and an end date. Two rules:

- *Enrolled*, *employed*, *class open*, *in a class* (a placement): start ≤ D and no end, or an
  end after D. The end date (离托, 离职, 停班, 转出) is the first day the record no longer holds.
- *Valid* (a certificate, an agreement): start (issue / 生效) empty or ≤ D, and end (expiry / 到期)
  empty or ≥ D. The end date is the last day it still holds.

The functions here decide it for a record in memory; ``store.spans`` is their SQL twin, built
from the same ``Span`` so that a figure counted in Python and one counted in SQL cannot differ.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Span:
    """Which two fields of a record bound it, and whether its last field's day still counts."""

    start: str
    end: str
    end_inclusive: bool  # True: valid through the end date; False: the end date is the first day off

    def holds_on(self, record, day: date) -> bool:
        start, end = getattr(record, self.start), getattr(record, self.end)
        if start is not None and start > day:
            return False
        if end is None:
            return True
        return end >= day if self.end_inclusive else end > day

    def touches(self, record, first: date, last: date) -> bool:
        """Held on some day of [first, last], or ended inside it (a leaver of the month)."""
        start, end = getattr(record, self.start), getattr(record, self.end)
        return (start is None or start <= last) and (end is None or end >= first)


ENROLMENT = Span("enrolled_on", "left_on", end_inclusive=False)
EMPLOYMENT = Span("hired_on", "left_on", end_inclusive=False)
CLASS_OPEN = Span("opened_on", "closed_on", end_inclusive=False)
PLACEMENT = Span("start_on", "end_on", end_inclusive=False)
CERTIFICATE = Span("issued_on", "expires_on", end_inclusive=True)
AGREEMENT = Span("valid_from", "valid_to", end_inclusive=True)


def enrolled_on(child, day: date) -> bool:
    return ENROLMENT.holds_on(child, day)


def employed_on(staff, day: date) -> bool:
    return EMPLOYMENT.holds_on(staff, day)


def class_open_on(klass, day: date) -> bool:
    return CLASS_OPEN.holds_on(klass, day)


def cert_valid_on(cert, day: date) -> bool:
    return CERTIFICATE.holds_on(cert, day)


def agreement_valid_on(agreement, day: date) -> bool:
    return AGREEMENT.holds_on(agreement, day)
