"""The class 体检统计 (SPEC §9) as a workbook: counts as number cells, one row per class and 合计."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from ..services.growth import STATS_NOTE, ClassStats, stats_table
from .list_export import write_list


def write_checkup_xlsx(path: Path, centre_name: str, day: date, stats: list[ClassStats]) -> Path:
    header, rows = stats_table(stats)
    return write_list(Path(path), "体检统计", header, rows, f"{centre_name} 体检统计，截至{day.isoformat()}。{STATS_NOTE}")
