"""`--selftest`: exercise every lazily imported path without a display (the packaged build's smoke test).

Temporary database → migrations → demo data → a filled template imported → the monthly return
as PDF and xlsx, read back and checked → the month's bills and a receipt (its 大写 by cn2an) as PDFs.
Exit 0 only if every step worked.
"""
from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path


def run() -> int:
    steps: list[tuple[str, bool, str]] = []

    def step(name, fn):
        try:
            detail = fn() or ""
            steps.append((name, True, str(detail)))
            return True
        except Exception as exc:  # report every failing step, then fail as a whole
            from .errors import USER_ERRORS, safe_traceback

            # the self-test's own checks and user errors say what failed; any other text may hold values
            said = f": {exc}" if isinstance(exc, (AssertionError, *USER_ERRORS)) else ""
            steps.append((name, False, f"{type(exc).__name__}{said}\n{safe_traceback(exc)}"))
            return False

    with tempfile.TemporaryDirectory(prefix="tuoyu-selftest-") as tmp:
        tmp = Path(tmp)
        db = tmp / "自检 数据" / "tuoyu.sqlite3"
        state: dict = {}

        def migrate():
            from .store.migrate import head_revision, inspect_file, upgrade

            upgrade(db)
            assert inspect_file(db).revision == head_revision()
            return f"结构版本 {head_revision()}"

        def demo():
            from .services.demo import fill_demo
            from .services.workspace import open_workspace

            ws = open_workspace(db)
            state["ws"] = ws
            with ws.session() as s:
                return fill_demo(s, ws.profiles, date.today()).message

        def template_and_import():
            from openpyxl import load_workbook

            from .exchange.importer import import_file
            from .exchange.templates import write_template

            path = write_template("classes", tmp / "班级模板.xlsx")
            wb = load_workbook(path)
            ws = wb.worksheets[0]
            headers = [c.value for c in ws[1]]
            for header, value in (("班级名称", "自检新班"), ("班型", "托大班"), ("核定人数", 12), ("是否普惠", "否")):
                ws.cell(2, headers.index(header) + 1, value)
            wb.save(path)
            workspace = state["ws"]
            with workspace.session() as s:
                result = import_file(s, "classes", path, workspace.profiles, date.today())
            assert result.added == 1, result.summary
            return result.summary

        def monthly_return():
            from .exchange.return_reader import read_return
            from .exchange.return_workbook import write_return_xlsx
            from .reports.fonts import chinese_fonts
            from .reports.monthly_pdf import write_return_pdf
            from .services.returns import get_return

            workspace = state["ws"]
            month = f"{date.today():%Y-%m}"  # the running month: a 预览
            with workspace.session() as s:
                snapshot = get_return(s, workspace.profiles, month, today=date.today())
            xlsx = write_return_xlsx(snapshot, tmp / "月报.xlsx")
            pdf = write_return_pdf(snapshot, tmp / "月报.pdf")
            assert read_return(xlsx).checksum_ok, "数据校验码不符"
            data = pdf.read_bytes()
            assert data.startswith(b"%PDF") and len(data) > 10_000, "PDF 不完整"
            fonts = chinese_fonts()
            return f"{month}：在托{snapshot['figures']['E01']}人；PDF字体 {fonts.source}" + (
                f"（{fonts.warning}）" if fonts.warning else "")

        def alerts():
            from .services.alerts import collect_alerts

            workspace = state["ws"]
            with workspace.session() as s:
                return f"{len(collect_alerts(s, workspace.profiles, date.today()))} 条提醒"

        def bills_and_receipt():
            from .domain.formatting import amount_in_capitals
            from .domain.month import Month
            from .reports.bills_pdf import write_bills_pdf, write_receipt_pdf
            from .services import bills

            workspace = state["ws"]
            month = Month.of(date.today())
            with workspace.session() as s:
                shown = bills.month_bills(s, workspace.profiles, month)
                paid = next(p for b in shown.confirmed if b.child_id
                            for p in bills.account(s, b.child_id).payments)
            assert shown.confirmed, "演示数据没有已出账的收费单"
            assert amount_in_capitals(123450) == "壹仟贰佰叁拾肆元伍角整", "金额大写不对"
            for path in (write_bills_pdf(tmp / "收费单.pdf", "自检", month, shown.confirmed[:3], date.today()),
                         write_receipt_pdf(tmp / "收据.pdf", "自检", "", paid, "", date.today())):
                assert path.read_bytes().startswith(b"%PDF"), f"{path.name} 不完整"
            return f"{month.title}收费单{len(shown.confirmed)}张；收据{paid.receipt_no}（{amount_in_capitals(paid.amount_fen)}）"

        def encryption():
            from .services.security import encrypt_file, open_key
            from .services.workspace import open_workspace
            from .store.cipher import WrongPassword
            from .store.migrate import upgrade

            enc = tmp / "加密" / "tuoyu.sqlite3"
            upgrade(enc)
            key, _ = encrypt_file(enc, "自检密码123", delete_plain_backups=False)  # create + write
            ws = open_workspace(enc, key=key)
            with ws.session() as s:
                from .services.settings import SELFTEST, set_setting

                set_setting(s, SELFTEST.key, "自检")
            ws.close()
            assert b"\xe8\x87\xaa\xe6\xa3\x80" not in enc.read_bytes(), "加密文件中有明文"
            ws = open_workspace(enc, key=open_key(enc, "自检密码123"))  # reopen
            with ws.session() as s:
                from .services.settings import SELFTEST, get_setting

                assert get_setting(s, SELFTEST.key) == "自检", "重新打开后读不到数据"
            ws.close()
            try:
                open_key(enc, "错误的密码")
            except WrongPassword:
                return "SQLCipher：创建、写入、重新打开、拒绝错误密码"
            raise AssertionError("错误的密码没有被拒绝")

        for name, fn in (("数据库与迁移", migrate), ("数据加密", encryption), ("演示数据", demo), ("模板与导入", template_and_import),
                         ("月报 PDF 和 Excel", monthly_return), ("收费单与收据", bills_and_receipt), ("提醒", alerts)):
            if not step(name, fn):
                break
        if "ws" in state:
            state["ws"].close()
    for name, ok, detail in steps:
        print(f"{'通过' if ok else '失败'}：{name}  {detail}")
    ok = len(steps) == 7 and all(ok for _, ok, _ in steps)
    print("自检通过" if ok else "自检失败", file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1
