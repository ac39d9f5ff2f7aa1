"""收费单 (SPEC §11): a month's bills to review (per class, per child, what each line comes from),
出账, 作废 and the bill made again, 收款 with its receipt, a child's account, and the month's prints."""
from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import ttk

from ...domain.errors import InputError
from ...domain.formatting import date_iso, fen_to_yuan, number_cn
from ...domain.month import Month
from ...services import bills as svc
from ...services import fee_report
from ...services.records.payments import void_payment
from ...services.records.register import CHILD_REF
from .. import dialogs, outputs
from ..widgets.form import FieldSpec
from ..widgets.form_dialog import FormDialog
from ..widgets.table import Table, TableColumn
from .kind_dialog import KindDialog
from .list_page import ListPage

ALL_CLASSES = "全部班级"


def yuan(fen: int) -> str:
    return number_cn(fen_to_yuan(fen), 2)


class ConfirmDialog(FormDialog):
    """出账: the month's drafts get their numbers and never change again."""

    def __init__(self, page):
        self.page, self.app, self.month = page, page.app, page.month
        drafts = len(page.shown.drafts) if page.shown else 0
        super().__init__(page.app.root, f"出账 — {self.month.title}", [
            FieldSpec("出账日期", required=True, width=14, hint="如 2026-12-01；欠费从这一天算起")],
            validate=self._validate, save=self._store, values={"出账日期": self.app.today().isoformat()},
            intro=f"{self.month.title}有{drafts}张收费单未出账。出账后每张收费单得到编号（{self.month.year}"
                  f"{self.month.number:02d}-001 起），以后改动出勤、收费项目都不会再改变它；要改只能作废后重新出账，"
                  "或在下个月的收费单上记调整。")

    def _on(self, values):
        from ...domain.errors import Problem
        from ...domain.parsing import parse_date

        try:
            day = parse_date(values["出账日期"])
        except ValueError:
            day = None
        if day is None:
            raise InputError([Problem("出账日期", f"“{values['出账日期']}”不是有效的日期（如 2026-12-01）")])
        return day

    def _validate(self, values):
        self.page.dry_run(svc.confirm_month, self.month, self._on(values))

    def _store(self, values):
        self.app.change(svc.confirm_month, self.month, self._on(values))


class VoidDialog(FormDialog):
    def __init__(self, page, bill: svc.BillView):
        self.page, self.app, self.bill = page, page.app, bill
        super().__init__(page.app.root, f"作废收费单 — {bill.number} {bill.name}", [
            FieldSpec("作废原因", required=True, width=40, hint="印在作废的收费单上，如 保育费单价录错"),
            FieldSpec("重新出账", kind="check", hint="按现在的记录给这名幼儿重新出这个月的收费单（新的编号）")],
            validate=self._validate, save=self._store, values={"重新出账": True},
            intro="作废的收费单保留在记录中（标为已作废），不再计入应收和欠费。")

    def _validate(self, values):
        self.page.dry_run(svc.void_bill, self.bill.bill_id, values["作废原因"], bool(values["重新出账"]))

    def _store(self, values):
        self.app.change(svc.void_bill, self.bill.bill_id, values["作废原因"], bool(values["重新出账"]))


class VoidReceiptDialog(FormDialog):
    def __init__(self, page, payment: svc.PaymentView):
        self.page, self.app, self.payment = page, page.app, payment
        super().__init__(page.app.root, f"作废收据 — {payment.receipt_no}", [
            FieldSpec("作废原因", required=True, width=40, hint="如 金额录错，已重新开具")],
            validate=self._validate, save=self._store,
            intro="作废的收据保留编号（收据号不留空号），标为作废，不再计入实收。")

    def _validate(self, values):
        self.page.dry_run(void_payment, self.payment.id, values["作废原因"])

    def _store(self, values):
        self.app.change(void_payment, self.payment.id, values["作废原因"])


class PaymentDialog(KindDialog):
    """收款 for one child (the receipt number comes by itself); afterwards the receipt can be printed."""

    def __init__(self, page, child_id: int, name: str, balance_fen: int):
        self.child_id = child_id
        values = {"收款日期": page.app.today().isoformat(), "金额": f"{fen_to_yuan(max(balance_fen, 0))}", "方式": "微信"}
        super().__init__(page, "payments", f"收款 — {name}", values=values, hidden={CHILD_REF: str(child_id)})

    def _store(self, values):
        super()._store(values)
        latest = self.app.look(svc.account, self.child_id).payments
        receipt = max(latest, key=lambda p: p.id) if latest else None
        if receipt and dialogs.ask_yes_no(self.app.root, "打印收据", f"已收款，收据号{receipt.receipt_no}。现在打印收据吗？"):
            print_receipt(self.page, receipt)


def print_receipt(page, payment: svc.PaymentView):
    from ...reports.bills_pdf import write_receipt_pdf
    from ...services.centre import get_centre
    from ..open_file import open_with_system

    centre = page.app.look(get_centre)
    class_name = page.app.look(svc.class_of_child, payment.child_id) if payment.child_id else ""
    folder, today, notes = outputs.print_folder(page.app, "bills"), page.app.today(), []
    target = Path(folder) / f"收据{payment.receipt_no}.pdf"

    def written(path):
        page.app.tell(f"已生成收据{payment.receipt_no}（{folder}）", path)
        page.tell_unprintable(notes)
        open_with_system(path)

    return outputs.write_in_background(page, f"收据{payment.receipt_no}", lambda: write_receipt_pdf(
        target, centre.name, centre.uscc, payment, class_name, today, notes=notes), written)


class AccountDialog(tk.Toplevel):
    """A child's account: every confirmed bill (voided ones marked), every receipt, the balance."""

    def __init__(self, page, child_id: int):
        super().__init__(page.app.root)
        self.page, self.app, self.child_id = page, page.app, child_id
        self.transient(page.app.root)
        frame = ttk.Frame(self, padding=(14, 12))
        frame.pack(fill="both", expand=True)
        self.heading = ttk.Label(frame, text="", style="Title.TLabel")
        self.heading.pack(anchor="w")
        bar = ttk.Frame(frame)
        bar.pack(fill="x", pady=(6, 6))
        self.buttons = {key: ttk.Button(bar, text=text, command=command) for key, text, command in (
            ("pay", "收款…", self.pay), ("receipt", "打印收据", self.print_selected), ("void", "作废收据…", self.void))}
        for button in self.buttons.values():
            button.pack(side="left", padx=(0, 6))
        ttk.Button(bar, text="关闭", command=self.destroy).pack(side="right")
        ttk.Label(frame, text="收费单（收款先冲最早的收费单）").pack(anchor="w")
        self.bills = Table(frame, [TableColumn("number", "收费单号", 110), TableColumn("month", "月份", 80),
                                   TableColumn("on", "出账日期", 100), TableColumn("total", "合计（元）", 100, "e", True),
                                   TableColumn("state", "状态", 200)], height=6)
        self.bills.pack(fill="both", expand=True, pady=(2, 8))
        ttk.Label(frame, text="收款").pack(anchor="w")
        self.payments = Table(frame, [TableColumn("receipt", "收据号", 110), TableColumn("on", "收款日期", 100),
                                      TableColumn("amount", "金额（元）", 100, "e", True), TableColumn("method", "方式", 80),
                                      TableColumn("settles", "冲抵收费单", 200), TableColumn("state", "状态", 160)],
                              height=6, on_open=lambda _i: self.print_selected())
        self.payments.pack(fill="both", expand=True, pady=(2, 0))
        self.bind("<Escape>", lambda _e: self.destroy())
        self.refresh()

    def refresh(self) -> None:
        self.account = self.app.look(svc.account, self.child_id)
        a = self.account
        owed = a.balance_fen
        state = f"欠费 {yuan(owed)} 元" if owed > 0 else f"预交 {yuan(-owed)} 元" if owed < 0 else "已结清"
        self.heading.configure(text=f"{a.name} 的收费账户：{state}")
        self.title(f"收费账户 — {a.name}")
        self.bills.set_rows([(str(b.bill_id), (b.number, b.number[:4] + "-" + b.number[4:6], date_iso(b.confirmed_on),
                                               yuan(b.total_fen),
                                               f"已作废：{b.void_reason}" if b.voided_on else b.state),
                              b.number, ("muted",) if b.voided_on else ()) for b in a.bills])
        self.by_id = {str(p.id): p for p in a.payments}
        self.payments.set_rows([(str(p.id), (p.receipt_no, date_iso(p.paid_on), yuan(p.amount_fen), p.method,
                                             "、".join(p.settles), f"作废：{p.void_reason}" if p.voided_on else
                                             "退款" if p.amount_fen < 0 else "有效"),
                                 p.receipt_no, ("muted",) if p.voided_on else ()) for p in a.payments])

    def _selected_payment(self):
        iid = self.payments.selected()
        if iid is None:
            self.app.set_status("请先在“收款”中选中一张收据")
            return None
        return self.by_id[iid]

    def pay(self):
        dialog = PaymentDialog(self.page, self.child_id, self.account.name, self.account.balance_fen)
        dialog.bind("<Destroy>", lambda e: self.refresh() if e.widget is dialog and self.winfo_exists() else None,
                    add="+")
        return dialog

    def print_selected(self):
        payment = self._selected_payment()
        return print_receipt(self.page, payment) if payment else None

    def void(self):
        payment = self._selected_payment()
        if payment is None:
            return None
        dialog = VoidReceiptDialog(self.page, payment)
        dialog.bind("<Destroy>", lambda e: self.refresh() if e.widget is dialog and self.winfo_exists() else None,
                    add="+")
        return dialog


class BillsView(ListPage):
    key = "bills"
    title = "收费单"
    select_hint = "请先选中一张收费单"
    pdf_button = "print"

    def __init__(self, master, app):
        super().__init__(master, app, "收费单")
        self.month = Month.of(self.app.today())
        self.shown: svc.MonthBills | None = None
        self.add_button("confirm", "出账…", self.confirm)
        self.add_button("void", "作废…", self.void_selected)
        self.add_button("pay", "收款…", self.pay_selected)
        self.add_button("adjust", "调整…", self.adjust_selected)
        self.add_button("account", "收费账户", self.account_selected)
        self.add_button("print", "打印收费单", self.print_bills)
        options = ttk.Frame(self)
        options.pack(fill="x", pady=(0, 6))
        ttk.Label(options, text="月份").pack(side="left")
        self.month_box = ttk.Combobox(options, width=9)
        self.month_box.pack(side="left", padx=(4, 12))
        self.month_box.bind("<<ComboboxSelected>>", lambda _e: self.go_to_month())
        self.month_box.bind("<Return>", lambda _e: self.go_to_month())
        ttk.Label(options, text="班级").pack(side="left")
        self.class_box = ttk.Combobox(options, state="readonly", width=14)
        self.class_box.pack(side="left", padx=(4, 12))
        self.class_box.bind("<<ComboboxSelected>>", lambda _e: self.show_rows())
        self.more: dict[str, ttk.Button] = {}
        for key, text, command in (("purchase", "登记食品采购…", self.new_purchase),
                                   ("food", "伙食费收支", self.print_food_account),
                                   ("report", "收费月报", self.print_report), ("xlsx", "导出Excel…", self.export)):
            self.more[key] = ttk.Button(options, text=text, command=command)
            self.more[key].pack(side="right", padx=(6, 0))
        self.summary = ttk.Label(self, text="", style="Hint.TLabel")
        self.summary.pack(anchor="w", pady=(0, 6))
        panes = ttk.PanedWindow(self, orient="vertical")
        panes.pack(fill="both", expand=True)
        self.table = Table(panes, [
            TableColumn("number", "收费单号", 110), TableColumn("name", "姓名", 90), TableColumn("class", "班级", 110),
            TableColumn("total", "本月合计（元）", 110, "e", True), TableColumn("previous", "上期结余（元）", 110, "e", True),
            TableColumn("due", "应缴（元）", 100, "e", True), TableColumn("state", "状态", 120)],
            on_open=lambda i: self.account(i), height=10,
            menu=[("收费账户", self.account), ("收款…", self.pay), ("打印这张收费单", self.print_one), ("作废…", self.void),
                  ("调整…", self.adjust)])
        self.lines = Table(panes, [
            TableColumn("category", "类别", 80), TableColumn("name", "名称", 110), TableColumn("note", "说明（从哪里来）", 300),
            TableColumn("quantity", "数量", 60, "e", True), TableColumn("unit", "单价（元）", 90, "e", True),
            TableColumn("amount", "金额（元）", 100, "e", True)], height=6)
        panes.add(self.table, weight=3)
        panes.add(self.lines, weight=2)
        self.table.tree.bind("<<TreeviewSelect>>", lambda _e: self.show_lines(), add="+")
        self.refresh()

    def main_table(self):
        return self.table

    # what is shown ---------------------------------------------------------------------------------
    def go_to_month(self) -> None:
        try:
            self.month = Month.parse(self.month_box.get())
        except InputError as exc:
            self.app.set_status(str(exc).lstrip(": "))
            self.month_box.set(str(self.month))
            return
        self.refresh()

    def refresh(self) -> None:
        self.shown = self.app.look(svc.month_bills, self.month)
        around = [self.month.shift(i) for i in range(-12, 3)]
        self.month_box.configure(values=[str(m) for m in reversed(around)])
        self.month_box.set(str(self.month))
        classes = sorted({b.class_name or "未分班" for b in self.shown.bills + self.shown.voided})
        self.class_box.configure(values=[ALL_CLASSES, *classes])
        if self.class_box.get() not in (ALL_CLASSES, *classes):
            self.class_box.set(ALL_CLASSES)
        self.show_rows()

    def _in_class(self, bill: svc.BillView) -> bool:
        chosen = self.class_box.get()
        return chosen in ("", ALL_CLASSES) or (bill.class_name or "未分班") == chosen

    def show_rows(self) -> None:
        shown = self.shown
        bills = [b for b in shown.bills if self._in_class(b)]
        voided = [b for b in shown.voided if self._in_class(b)]
        self.by_iid = {}
        rows = []
        for b in bills + voided:
            iid = f"b{b.bill_id}" if b.bill_id else f"c{b.child_id}"
            self.by_iid[iid] = b
            rows.append((iid, (b.number or "（未出账）", b.name, b.class_name or "未分班", yuan(b.total_fen),
                               yuan(b.previous_fen), yuan(b.due_fen), b.state),
                         f"{b.number} {b.name} {b.class_name} {b.state}",
                         ("muted",) if b.voided_on else ()))
        kept = self.table.selected()
        self.table.set_rows(rows)
        if rows:  # what each line comes from is shown for a bill at once
            self.table.select(kept if kept in self.by_iid and kept in self.table.visible_ids() else rows[0][0])
        confirmed = [b for b in bills if b.confirmed]
        owed = sum(1 for b in confirmed if b.state in (svc.UNPAID, svc.PART_PAID))
        self.summary.configure(text=(
            f"{self.month.title}：已出账{len(confirmed)}张，未出账{len(bills) - len(confirmed)}张"
            + (f"，作废{len(voided)}张" if voided else "") + f"；本月合计{yuan(sum(b.total_fen for b in bills))}元；"
            f"未结清{owed}张。未出账的收费单随出勤和收费项目变化，出账后固定不变。双击一行看幼儿的收费账户。"))
        self.buttons["confirm"].state(["!disabled"] if shown.drafts else ["disabled"])
        self.apply_filter()
        self.show_lines()

    def show_lines(self) -> None:
        bill = self.selected_bill(quiet=True)
        self.lines.set_rows([] if bill is None else [
            (str(i), (line.category, line.name, line.note, line.quantity, yuan(line.unit_fen), yuan(line.amount_fen)),
             line.name, ()) for i, line in enumerate(bill.lines)])

    def selected_bill(self, iid: str | None = None, quiet: bool = False) -> svc.BillView | None:
        iid = iid or self.table.selected()
        if iid is None or iid not in self.by_iid:
            if not quiet:
                self.app.set_status(self.select_hint)
            return None
        return self.by_iid[iid]

    # actions ---------------------------------------------------------------------------------------
    def confirm(self):
        return ConfirmDialog(self)

    def void(self, iid: str):
        bill = self.selected_bill(iid)
        if bill is None:
            return None
        if not bill.confirmed or bill.voided_on:
            self.app.set_status("只有已出账（未作废）的收费单可以作废；未出账的收费单随记录变化，不用作废")
            return None
        return VoidDialog(self, bill)

    def void_selected(self):
        return self._with_selected(self.void)

    def pay(self, iid: str):
        bill = self.selected_bill(iid)
        if bill is None or bill.child_id is None:
            return None
        balance = self.app.look(svc.account, bill.child_id).balance_fen
        return PaymentDialog(self, bill.child_id, bill.name, balance)

    def pay_selected(self):
        return self._with_selected(self.pay)

    def adjust(self, iid: str):
        bill = self.selected_bill(iid)
        if bill is None or bill.child_id is None:
            return None
        month = self.month if not bill.confirmed else self.month.next
        return KindDialog(self, "adjustments", f"收费调整 — {bill.name}", values={"月份": str(month)},
                          hidden={CHILD_REF: str(bill.child_id)})

    def adjust_selected(self):
        return self._with_selected(self.adjust)

    def account(self, iid: str):
        bill = self.selected_bill(iid)
        if bill is None or bill.child_id is None:
            return None
        return AccountDialog(self, bill.child_id)

    def account_selected(self):
        return self._with_selected(self.account)

    def new_purchase(self):
        return KindDialog(self, "purchases", "登记食品采购", values={"采购日期": self.app.today().isoformat()})

    # prints ----------------------------------------------------------------------------------------
    def print_bills(self):
        """The class shown (all bills when 全部班级) in one file, a page per child."""
        chosen = self.class_box.get()
        name = chosen if chosen not in ("", ALL_CLASSES) else "全部班级"
        return self._print([b for b in self.shown.bills if self._in_class(b)], name)

    def print_one(self, iid: str):
        """One child's bill, for the parents."""
        bill = self.selected_bill(iid)
        return None if bill is None else self._print([bill], f"{bill.name}-{bill.number or '草稿'}")

    def _print(self, bills: list, name: str):
        from ...reports.bills_pdf import write_bills_pdf
        from ...services.centre import get_centre
        from ..open_file import open_with_system

        centre, month, today, notes = self.app.look(get_centre).name, self.month, self.app.today(), []
        target = outputs.print_folder(self.app, "bills") / f"{month}收费单-{name}.pdf"

        def written(path):
            self.app.tell(f"已生成{month.title}收费单（{name}，{len(bills)}张）", path)
            self.tell_unprintable(notes)
            open_with_system(path)

        return outputs.write_in_background(self, f"{month.title}收费单", lambda: write_bills_pdf(
            target, centre, month, bills, today, notes=notes), written)

    def print_report(self):
        from ...exchange.bills_workbook import write_fee_report_xlsx
        from ...reports.bills_pdf import write_fee_report_pdf
        from ..open_file import open_with_system

        report = self.app.look(fee_report.fee_report, self.month)
        folder, notes = outputs.print_folder(self.app, "bills"), []
        stem = f"{self.month}收费月报"

        def write():
            return [write_fee_report_pdf(folder / f"{stem}.pdf", report, notes=notes),
                    write_fee_report_xlsx(report, folder / f"{stem}.xlsx")]

        def written(paths):
            self.app.tell(f"已生成{self.month.title}收费月报（PDF 和 Excel，{folder}）", paths[0])
            self.tell_unprintable(notes)
            open_with_system(paths[0])

        return outputs.write_in_background(self, f"{self.month.title}收费月报", write, written)

    def print_food_account(self):
        from ...reports.bills_pdf import write_food_account_pdf
        from ..open_file import open_with_system

        term = self.month.term or fee_report.term_of(self.month.first)
        account = self.app.look(fee_report.food_account, term)
        folder, today, notes = outputs.print_folder(self.app, "bills"), self.app.today(), []
        target = folder / f"{term.title}伙食费收支.pdf"

        def written(path):
            self.app.tell(f"已生成{term.title}伙食费收支公示：结余率{account.rate_text}", path)
            self.tell_unprintable(notes)
            open_with_system(path)

        return outputs.write_in_background(self, f"{term.title}伙食费收支", lambda: write_food_account_pdf(
            target, account, today, notes=notes), written)

    def export(self):
        from ...exchange.bills_workbook import write_bills_xlsx

        start = outputs.picker_start(self.app, "bills")
        chosen = dialogs.ask_save_file(self.app.root, "导出收费单", [("Excel 工作簿", "*.xlsx")],
                                       f"{self.month}收费单.xlsx", start)
        if not chosen:
            return None
        outputs.remember_choice(self.app, "bills", chosen)
        shown = self.shown

        def written(path):
            self.app.tell(f"已导出{self.month.title}收费单（身份证号已打码）", path)

        return outputs.write_in_background(self, f"{self.month.title}收费单", lambda: write_bills_xlsx(
            shown, Path(chosen)), written)
