"""收费 prints (SPEC §11): 收费单 (one page per child; a class in one file), 收据 (A4, 存根 and 交家长),
收费月报 and the 伙食费收支 statement for 公示. No ID number on any of them."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from ..domain.formatting import amount_in_capitals, date_cn, fen_to_yuan, money_cn
from ..domain.month import Month
from ..services.bills import BillView, PaymentView
from ..services.fee_report import FOOD_SOURCE, FeeReport, FoodAccount
from .document import build_pdf, fit_widths, grid, make_styles, signature_block


def yuan(fen: int) -> str:
    """¥1,234.50 (Babel, zh_CN)."""
    return money_cn(fen_to_yuan(fen))


def _form_style(font: str):
    """A form of label–value pairs: grid lines, the label columns (0 and 2) shaded."""
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    return TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                       ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#DDEBF7")),
                       ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#DDEBF7")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])


def _bill_story(bill: BillView, centre: str, month: Month, styles) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table

    state = bill.state if bill.confirmed else "草稿（未出账，数字还会变化）"
    story = [styles.para(f"{centre} {month.title}收费单", "title"),
             styles.para(f"收费单号：{bill.number or '（未出账）'}　　状态：{state}", "subtitle")]
    info = [["幼儿", bill.name, "班级", bill.class_name or "—"],
            ["出账日期", date_cn(bill.confirmed_on) if bill.confirmed_on else "—", "月份", month.title]]
    table = Table([[styles.para(v, "cell_head" if i % 2 == 0 else "cell") for i, v in enumerate(row)] for row in info],
                  colWidths=[22 * mm, 68 * mm, 22 * mm, 68 * mm])
    table.setStyle(_form_style(styles.fonts.regular))
    story += [table, Spacer(1, 4 * mm)]
    rows = [["类别", "名称", "说明", "数量", "单价（元）", "金额（元）"]]
    for line in bill.lines:
        rows.append([line.category, line.name, line.note, str(line.quantity), f"{fen_to_yuan(line.unit_fen)}",
                     f"{fen_to_yuan(line.amount_fen)}"])
    if len(rows) == 1:
        rows.append(["", "（本月没有收费项目）", "", "", "", ""])
    rows.append(["本月合计", "", "", "", "", f"{fen_to_yuan(bill.total_fen)}"])
    rows.append(["上期结余", "", "正数为上期未缴，负数为上期多缴", "", "", f"{fen_to_yuan(bill.previous_fen)}"])
    due = bill.due_fen
    rows.append(["应退" if due < 0 else "应缴", "", "本月合计 + 上期结余", "", "", f"{fen_to_yuan(due)}"])
    n = len(rows)
    story.append(grid(rows, styles, fit_widths(rows, styles, 180 * mm, {1, 2}), numeric={3, 4, 5},
                      extra=[("SPAN", (0, n - 3), (1, n - 3)), ("SPAN", (0, n - 2), (1, n - 2)),
                             ("SPAN", (0, n - 1), (1, n - 1))]))
    story += [Spacer(1, 4 * mm),
              styles.para(f"应缴金额：{yuan(max(due, 0))}（{amount_in_capitals(max(due, 0))}）" if due >= 0 else
                          f"应退金额：{yuan(-due)}（{amount_in_capitals(-due)}）"),
              Spacer(1, 3 * mm),
              styles.para("伙食费按开园日预收，缺勤的伙食费在下月收费单上按天退还；保育费按当月开园日折算。", "small")]
    if bill.voided_on:
        story.insert(2, styles.para(f"已作废（{bill.voided_on.isoformat()}，原因：{bill.void_reason}）", "warning"))
    return story


def write_bills_pdf(path: Path, centre: str, month: Month, bills: list[BillView], today: date,
                    notes: list[str] | None = None) -> Path:
    """收费单, one page per child, for the parents (a whole class in one file)."""
    from reportlab.platypus import PageBreak

    styles = make_styles()
    story: list = []
    for i, bill in enumerate(bills):
        if i:
            story.append(PageBreak())
        story += _bill_story(bill, centre, month, styles)
    if not bills:
        story.append(styles.para(f"{month.title}没有收费单", "title"))
    drafts_only = bool(bills) and not any(b.confirmed for b in bills)
    return build_pdf(path, story, styles, f"{centre} {month.title}收费单", footer_left=f"打印日期：{date_cn(today)}",
                     notes=notes, watermark="草稿" if drafts_only else "")


def _receipt_copy(payment: PaymentView, centre: str, uscc: str, class_name: str, copy: str, styles):
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table

    what = "退款" if payment.amount_fen < 0 else "收款"
    title = styles.para(f"{centre}　收　据（{copy}）", "h2")
    cells = [
        ["收据号", payment.receipt_no, "日期", date_cn(payment.paid_on)],
        ["幼儿", payment.child_name, "班级", class_name or "—"],
        ["缴费项目", "、".join(payment.settles) and f"收费单 {'、'.join(payment.settles)}" or payment.bill_number
         or "托育费用", "方式", payment.method],
        [f"{what}金额", yuan(abs(payment.amount_fen)), "大写", amount_in_capitals(abs(payment.amount_fen))],
        ["付款人", payment.payer or "—", "收款人", payment.received_by or "—"],
        ["备注", payment.notes or "—", "统一社会信用代码", uscc or "—"],
    ]
    table = Table([[styles.para(v, "cell_head" if i % 2 == 0 else "cell") for i, v in enumerate(row)] for row in cells],
                  colWidths=[24 * mm, 66 * mm, 30 * mm, 60 * mm], rowHeights=[10 * mm] * len(cells))
    table.setStyle(_form_style(styles.fonts.regular))
    sign = styles.para("收款单位（盖章）：　　　　　　　　　　收款人签字：", "body")
    return [title, table, Spacer(1, 5 * mm), sign]


def write_receipt_pdf(path: Path, centre: str, uscc: str, payment: PaymentView, class_name: str, today: date,
                      notes: list[str] | None = None) -> Path:
    """One A4 sheet: the 存根 above, the 交家长 copy below, a cut line between."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import HRFlowable, Spacer

    styles = make_styles()
    story = _receipt_copy(payment, centre, uscc, class_name, "存根", styles)
    story += [Spacer(1, 14 * mm), styles.para("－－－－ 沿此线剪开 －－－－", "subtitle"),
              HRFlowable(width="100%", dash=(3, 3), color=colors.grey), Spacer(1, 12 * mm)]
    story += _receipt_copy(payment, centre, uscc, class_name, "交家长", styles)
    void = f"作废：{payment.void_reason}" if payment.voided_on else ""
    return build_pdf(path, story, styles, f"收据 {payment.receipt_no}", footer_left=f"打印日期：{date_cn(today)}",
                     notes=notes, watermark="作废" if void else "")


def write_fee_report_pdf(path: Path, report: FeeReport, notes: list[str] | None = None) -> Path:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    styles = make_styles()
    title = f"{report.centre} {report.month.title}收费月报"
    story = [styles.para(title, "title"), styles.para(f"欠费截至{date_cn(report.day)}", "subtitle")]
    rows = [["项目", "类别", "金额（元）/数量"]] + [[r.section, r.label, r.shown] for r in report.rows]
    story.append(grid(rows, styles, fit_widths(rows, styles, 120 * mm, {1}), numeric={2}))
    story += [Spacer(1, 6 * mm), styles.para("欠费名单", "h2")]
    owing = [["姓名", "班级", "欠费（元）", "自收费单", "出账日期"]]
    owing += [[a.name, a.class_name, f"{fen_to_yuan(a.amount_fen)}", a.since, a.since_on.isoformat()]
              for a in report.owing]
    if len(owing) == 1:
        owing.append(["（没有欠费）", "", "", "", ""])
    story.append(grid(owing, styles, fit_widths(owing, styles, 150 * mm, {0, 1}), numeric={2}))
    story += [Spacer(1, 12 * mm), signature_block(styles)]
    return build_pdf(path, story, styles, title, footer_left=f"打印日期：{date_cn(report.day)}", notes=notes)


def write_food_account_pdf(path: Path, account: FoodAccount, today: date, notes: list[str] | None = None) -> Path:
    """伙食费收支公示: each month's 收入, 支出, 结余 and the running 累计, the term's 结余率."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    styles = make_styles()
    title = f"{account.centre} {account.term.title}伙食费收支公示"
    story = [styles.para(title, "title"), styles.para("膳食费专款专用，账目每月公布", "subtitle")]
    rows = [["月份", "收入（元）", "支出（元）", "结余（元）", "累计结余（元）"]]
    for m in account.months:
        if m.month.first > today:
            continue
        rows.append([m.month.title, f"{fen_to_yuan(m.income_fen)}", f"{fen_to_yuan(m.spend_fen)}",
                     f"{fen_to_yuan(m.surplus_fen)}", f"{fen_to_yuan(m.balance_fen)}"])
    rows.append(["合计", f"{fen_to_yuan(account.income_fen)}", f"{fen_to_yuan(account.spend_fen)}",
                 f"{fen_to_yuan(account.income_fen - account.spend_fen)}", ""])
    story.append(grid(rows, styles, fit_widths(rows, styles, 170 * mm, {0}), numeric={1, 2, 3, 4}))
    verdict = "超过±2%，请调整膳食或收费" if account.off else "在±2%以内"
    story += [Spacer(1, 4 * mm), styles.para(f"本学期结余率：{account.rate_text}（{verdict}）"),
              styles.para(f"收入为已出账收费单的伙食费（扣除伙食费退费），支出为食品采购。{FOOD_SOURCE}。", "small"),
              Spacer(1, 12 * mm), signature_block(styles)]
    return build_pdf(path, story, styles, title, footer_left=f"公布日期：{date_cn(today)}", notes=notes)
