"""The training year view printed: every employed staff member's hours against the targets."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from ..domain.formatting import date_cn
from ..domain.staffing import hours_text
from ..services.training import YearRow
from .document import build_pdf, grid, make_styles


def write_training_pdf(path: Path, centre_name: str, year: int, as_of: date, rows: list[YearRow], note: str,
                       notes: list[str] | None = None) -> Path:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    styles = make_styles()
    title = f"{centre_name} {year}年从业人员培训达标情况"
    story = [styles.para(title, "title"),
             styles.para(f"统计截至{date_cn(as_of)}　在职{len(rows)}人　达标{sum(r.progress.met for r in rows)}人", "subtitle"),
             styles.para(note, "small"), Spacer(1, 4 * mm)]
    table = [["姓名", "岗位", "入职日期", "专业课时（已完成/目标）", "专业", "职业道德课时（已完成/目标）", "职业道德", "岗前培训"]]
    warn = []
    for i, r in enumerate(rows, start=1):
        p = r.progress
        table.append([r.name, r.role, r.hired_on.isoformat(),
                      f"{hours_text(p.professional)} / {hours_text(p.professional_target)}",
                      "达标" if p.professional_met else "未达标",
                      f"{hours_text(p.ethics)} / {hours_text(p.ethics_target)}",
                      "达标" if p.ethics_met else "未达标", "有" if r.preservice else "无"])
        if not p.met:
            from reportlab.lib import colors

            warn.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#FDECEA")))
    widths = [w * mm for w in (24, 22, 24, 34, 16, 38, 18, 16)]
    story.append(grid(table, styles, widths, numeric={3, 5}))
    if styles.fonts.warning:
        story += [Spacer(1, 4 * mm), styles.para(styles.fonts.warning, "small")]
    return build_pdf(path, story, styles, title, notes=notes)
