"""Every kind of record the program keeps, by the KIND name of the command line."""
from __future__ import annotations

from ..areas import AREAS as _AREAS
from .adjustments import AdjustmentKind
from .base import (
    ADDED,
    UNCHANGED,
    UPDATED,
    Checked,
    Column,
    Context,
    RecordKind,
    form_values,
)
from .cases import DiseaseKind, LeaveKind
from .centre import CentreKind
from .children import ChildKind
from .classes import ClassKind
from .fees import FeeKind
from .measurements import MeasurementKind
from .medical import AgreementKind, VisitKind
from .medication import DoseKind, MedicationKind
from .menus import MenuKind
from .payments import PaymentKind
from .purchases import PurchaseKind
from .register import AttendanceKind, HealthCheckKind, OpenDayKind
from .safety import DisinfectionKind, FireCheckKind, HazardKind, InjuryKind
from .samples import SampleKind
from .staff import BlacklistKind, CertificateKind, StaffKind
from .training import TrainingKind
from .vouchers import VoucherKind

KINDS: dict[str, RecordKind] = {k.key: k for k in (
    CentreKind(), ClassKind(), ChildKind(), StaffKind(), CertificateKind(), TrainingKind(),
    AgreementKind(), VisitKind(), VoucherKind(), BlacklistKind(),
    OpenDayKind(), AttendanceKind(), HealthCheckKind(), DiseaseKind(), LeaveKind(), MeasurementKind(),
    FeeKind(), AdjustmentKind(), PaymentKind(), PurchaseKind(), MenuKind(), SampleKind(),
    DisinfectionKind(), InjuryKind(), MedicationKind(), DoseKind(), FireCheckKind(), HazardKind(),
)}

#: every area a change can touch (services.areas: what each feeds); each kind belongs to one
AREAS = _AREAS
assert {a for k in KINDS.values() for a in k.touches} <= AREAS, "a record kind's area is missing in services/areas.py"


def kind_for_table(table: str) -> RecordKind | None:
    return next((k for k in KINDS.values() if k.model.__tablename__ == table), None)


__all__ = ["AREAS", "kind_for_table", "ADDED", "UPDATED", "UNCHANGED", "Checked", "Column", "Context", "RecordKind", "KINDS", "form_values"]
