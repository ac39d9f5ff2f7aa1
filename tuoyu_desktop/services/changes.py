"""What a change touched, so each view refreshes only what it shows (after Anki's OpChanges)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    message: str = ""
    centre: bool = False
    classes: bool = False
    children: bool = False
    staff: bool = False
    training: bool = False
    agreements: bool = False
    vouchers: bool = False
    settings: bool = False
    everything: bool = False  # a restore or a demo fill

    def touches(self, *areas: str) -> bool:
        return self.everything or any(getattr(self, a) for a in areas)
