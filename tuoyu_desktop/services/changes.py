"""What a change touched, so each view refreshes only what it shows (after Anki's OpChanges).

The areas are the record kinds' areas (``RecordKind.area``: centre, classes, children, staff,
training, agreements, vouchers …) plus ``settings`` (locks, passwords, the 操作日志);
``services.records.AREAS`` lists them, and a test checks that every change and every page names
only those.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    message: str = ""
    areas: frozenset[str] = frozenset()
    everything: bool = False  # a restore or a demo fill

    @classmethod
    def of(cls, message: str, *areas: str) -> "Changes":
        return cls(message=message, areas=frozenset(areas))

    def touches(self, *areas: str) -> bool:
        return self.everything or not self.areas.isdisjoint(areas)
