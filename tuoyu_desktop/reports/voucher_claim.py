"""托育服务体验券申领表: PDF for signature and the same as a workbook."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from ..domain.formatting import date_cn, money_cn
from ..domain.idnumbers import mask_id, mask_phone
from ..domain.month import Month
from ..services.vouchers import Claim
from .document import build_pdf, fit_widths, grid, make_styles, signature_block

HEADERS = ["序号", "券号", "幼儿姓名", "身份证号", "监护人", "联系电话", "兑换日期", "天数", "金额（元）"]


def claim_rows(claim: Claim, full: bool = False) -> list[list]:
    return [[i, r.serial, r.child_name, r.child_id_number if full else mask_id(r.child_id_number), r.guardian,
             r.phone if full else mask_phone(r.phone), r.redeemed_on, r.days, r.days * claim.value_yuan]
            for i, r in enumerate(claim.rows, start=1)]


def title_of(centre_name: str, claim: Claim) -> str:
    return f"{centre_name} {Month.parse(claim.month).title}托育服务体验券申领表"


def write_claim_pdf(path: Path, centre_name: str, claim: Claim, today: date, full: bool = False,
                    notes: list[str] | None = None) -> Path:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    styles = make_styles()
    title = title_of(centre_name, claim)
    story = [styles.para(title, "title"),
             styles.para(f"兑换{claim.days}次（{claim.children}名幼儿），每次{claim.value_yuan}元，申领金额"
                       f"{money_cn(claim.amount)}", "subtitle"), Spacer(1, 3 * mm)]
    story.append(claim_table(claim, styles, full))
    story += [Spacer(1, 12 * mm), signature_block(styles)]
    if styles.fonts.warning:
        story += [Spacer(1, 4 * mm), styles.para(styles.fonts.warning, "small")]
    return build_pdf(path, story, styles, title, footer_left=f"打印日期：{date_cn(today)}", notes=notes)


NAMES = {2, 4}  # 幼儿姓名 and 监护人 may wrap; a number, a date or a phone never breaks inside


def claim_table(claim: Claim, styles, full: bool = False):
    from reportlab.lib.units import mm

    rows = [HEADERS] + [[str(c.isoformat() if hasattr(c, "isoformat") else c) for c in row]
                        for row in claim_rows(claim, full)]
    rows.append(["合计", "", "", "", "", "", "", str(claim.days), str(claim.amount)])
    return grid(rows, styles, fit_widths(rows, styles, 180 * mm, NAMES), numeric={0, 7, 8})


def write_claim_xlsx(path: Path, centre_name: str, claim: Claim, full: bool = False) -> Path:
    from ..exchange.list_export import write_list

    rows = claim_rows(claim, full)
    rows.append(["合计", "", "", "", "", "", "", claim.days, claim.amount])
    note = f"{title_of(centre_name, claim)}：兑换{claim.days}次，每次{claim.value_yuan}元，申领金额{claim.amount}元"
    return write_list(Path(path), "体验券申领", HEADERS, rows, note)
