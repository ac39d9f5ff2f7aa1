"""收费 (SPEC §11): the fee schedule page; what a child is charged in force on a day."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..domain.fees import Fee
from ..domain.formatting import fen_to_yuan
from ..store.plain import Db, as_db

IN_FORCE, NOT_YET, ENDED = "执行中", "未生效", "已停用"


@dataclass(frozen=True)
class FeeRow:
    id: int
    fee: Fee
    state: str  # 执行中 / 未生效 / 已停用 / 已调价 (a later row of the same item took over)

    @property
    def price_yuan(self) -> Decimal:
        return fen_to_yuan(self.fee.price_fen)


def schedule(db: Db) -> list[tuple[int, Fee]]:
    """Every row of the schedule, by 类别, 名称, 托育形式 and 生效日期."""
    rows = as_db(db).rows("fee_items", order="category, name, care_type, applies_to, starts_on")
    return [(r.id, Fee(r.category, r.name, r.care_type, r.applies_to, r.basis, r.price_fen, r.starts_on, r.ends_on))
            for r in rows]


def fee_page(db: Db, today: date) -> list[FeeRow]:
    """The 收费 page's schedule, each row with whether it is charged today."""
    rows = schedule(db)
    out = []
    for row_id, fee in rows:
        if fee.starts_on > today:
            state = NOT_YET
        elif fee.ends_on is not None and fee.ends_on < today:
            state = ENDED
        elif any(other.starts_on > fee.starts_on and other.starts_on <= today
                 and (other.category, other.name, other.care_type, other.applies_to)
                 == (fee.category, fee.name, fee.care_type, fee.applies_to) for _, other in rows):
            state = "已调价"
        else:
            state = IN_FORCE
        out.append(FeeRow(row_id, fee, state))
    return out
