"""The command line of SPEC §5. With no subcommand the window opens."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import APP_NAME, __version__, paths
from .domain.errors import InputError
from .services.operations import Operations

EXIT_OK, EXIT_ERROR, EXIT_BAD_INPUT = 0, 1, 2


#: argparse's own messages (Python 3.11) → Chinese; argparse builds them in English before error()
_ARGPARSE_ZH = [
    (r"argument (.+?): (.*)", lambda m: f"参数 {m[1]}：{_in_chinese(m[2])}"),
    (r"invalid choice: '(.*)' \(choose from (.*)\)",
     lambda m: f"无效的选择：“{m[1]}”（可选：{'、'.join(c.strip().strip(chr(39)) for c in m[2].split(','))}）"),
    (r"the following arguments are required: (.*)", lambda m: f"缺少必需的参数：{m[1].replace(', ', '、')}"),
    (r"unrecognized arguments: (.*)", lambda m: f"不认识的参数：{m[1]}"),
    (r"expected one argument", lambda m: "后面需要一个值"),
    (r"expected at most one argument", lambda m: "后面最多一个值"),
    (r"expected at least one argument", lambda m: "后面至少需要一个值"),
    (r"expected (\d+) arguments?", lambda m: f"后面需要{m[1]}个值"),
    (r"invalid \w+ value: '(.*)'", lambda m: f"“{m[1]}”不是有效的值"),
    (r"one of the arguments (.*) is required", lambda m: f"须提供其中一个参数：{m[1]}"),
    (r"ambiguous option: (.*?) could match (.*)", lambda m: f"选项 {m[1]} 不明确，可能是：{m[2]}"),
    (r"not allowed with argument (.*)", lambda m: f"不能与参数 {m[1]} 同时使用"),
    (r"ignored explicit argument '(.*)'", lambda m: f"多余的值：“{m[1]}”"),
]


def _in_chinese(message: str) -> str:
    """argparse's English error ``message`` in Chinese (unchanged if it is one argparse never writes)."""
    import re

    for pattern, say in _ARGPARSE_ZH:
        m = re.fullmatch(pattern, message, re.S)
        if m:
            return say(m)
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse speaking Chinese: 用法, 参数, 选项, and bad arguments reported in Chinese with exit code 2."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def error(self, message: str):  # pragma: no cover - argparse calls it
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"参数错误：{_in_chinese(message)}\n")


class _KindKeys:
    """The KIND names of the registry of record kinds, read only when a help text is shown (so that
    building the parser, which every start does, imports no database library)."""

    def __str__(self) -> str:
        from .services.records import KINDS

        return " ".join(KINDS)


PASSWORD_ENV = "TUOYU_PASSWORD"
NEW_PASSWORD_ENV = "TUOYU_NEW_PASSWORD"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="main.py", description=f"{APP_NAME}：托育机构日常办公与月报。不带子命令时打开窗口。")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}", help="显示版本号并退出")
    parser.add_argument("--selftest", action="store_true", help="自检：不打开窗口，检查数据库、导入、月报等各部分能否正常工作")
    parser.add_argument("--db", metavar="PATH", help="数据库文件（默认：环境变量 TUOYU_DB，或程序旁的 db/tuoyu.sqlite3）")
    sub = parser.add_subparsers(dest="command", metavar="子命令", parser_class=_Parser)
    sub.add_parser("init", help="创建数据库，或把旧版本数据库升级到当前结构")
    demo = sub.add_parser("demo", help="在空数据库中填入演示机构的数据（用于试用）")
    demo.add_argument("--date", metavar="YYYY-MM-DD", help="演示数据以哪一天为“今天”（默认：今天）")
    alerts = sub.add_parser("alerts", help="列出某一天的全部提醒（证书到期、未持证、培训未达标、师幼比等）")
    alerts.add_argument("--date", metavar="YYYY-MM-DD", help="哪一天（默认：今天）")
    checklist = sub.add_parser("checklist", help="今日待办：出勤、晨检、留样、消毒、巡查、喂药，每项 ✓ 或 ✗")
    checklist.add_argument("--date", metavar="YYYY-MM-DD", help="哪一天（默认：今天）")
    inspection = sub.add_parser("inspection", help="检查备查：一段时间的出勤、晨午检、传染病、食谱、留样、消毒、伤害、喂药、消防台账")
    inspection.add_argument("--from", dest="first", required=True, metavar="DATE", help="开始日期 YYYY-MM-DD")
    inspection.add_argument("--to", dest="last", required=True, metavar="DATE", help="结束日期 YYYY-MM-DD（含）")
    inspection.add_argument("--pdf", metavar="FILE", help="PDF：封面、目录，每种台账从新的一页开始")
    inspection.add_argument("--xlsx", metavar="FILE", help="Excel：每种台账一个工作表，每条记录一行")
    report = sub.add_parser("report", help="月报：生成 PDF 和 Excel、锁定（已报送）、解锁")
    report_sub = report.add_subparsers(dest="report_kind", metavar="monthly|unlock", parser_class=_Parser, required=True)
    monthly = report_sub.add_parser("monthly", help="生成某月的月报")
    monthly.add_argument("--month", required=True, metavar="YYYY-MM")
    monthly.add_argument("--pdf", metavar="FILE", help="PDF 文件（盖章用）")
    monthly.add_argument("--xlsx", metavar="FILE", help="Excel 工作簿（U盘报送用）")
    monthly.add_argument("--lock", action="store_true", help="生成后锁定该月（已报送）")
    monthly.add_argument("--full", action="store_true", help="身份证号和电话不打码")
    unlock = report_sub.add_parser("unlock", help="解锁已报送的月份（须写原因）")
    unlock.add_argument("--month", required=True, metavar="YYYY-MM")
    unlock.add_argument("--reason", required=True, help="解锁原因")
    district = sub.add_parser("district", help="区县汇总：汇总一个文件夹里各机构的月报工作簿")
    district.add_argument("--month", required=True, metavar="YYYY-MM")
    district.add_argument("--in", dest="folder", required=True, metavar="DIR",
                          help="放月报工作簿的文件夹（含子文件夹），或一个月报工作簿 .xlsx")
    district.add_argument("--profile", default="通用", metavar="NAME", help="对照哪个政策方案的目标（默认：通用）")
    district.add_argument("--pdf", metavar="FILE")
    district.add_argument("--xlsx", metavar="FILE")
    bills = sub.add_parser("bills", help="收费单：某月的收费单（未出账时为草稿），出账，导出 Excel 和 PDF")
    bills.add_argument("--month", required=True, metavar="YYYY-MM")
    bills.add_argument("--confirm", action="store_true", help="出账：给该月的草稿编号并固定下来（按月份顺序）")
    bills.add_argument("--on", metavar="DATE", help="出账日期（默认：今天；只和 --confirm 一起用）")
    bills.add_argument("--xlsx", metavar="FILE", help="Excel：工作表“收费单”每行一项，“合计”每人一行")
    bills.add_argument("--pdf", metavar="DIR", help="把收费单 PDF 写到这个文件夹（每个班一个文件，每人一页）")
    bills.add_argument("--full", action="store_true", help="Excel 里的身份证号不打码")
    fee_report = sub.add_parser("fee-report", help="收费月报：应收、退费、减免、实收、欠费（PDF 和 Excel）")
    fee_report.add_argument("--month", required=True, metavar="YYYY-MM")
    fee_report.add_argument("--pdf", metavar="FILE")
    fee_report.add_argument("--xlsx", metavar="FILE")
    template = sub.add_parser("template", help="生成空白的Excel导入模板")
    template.add_argument("kind", metavar="KIND", help="数据种类：%(kinds)s").kinds = _KindKeys()
    template.add_argument("file", metavar="FILE.xlsx")
    imp = sub.add_parser("import", help="导入填好的Excel（先检查全部行，任何一行有问题则一行也不导入）")
    imp.add_argument("kind", metavar="KIND", help="数据种类：%(kinds)s").kinds = _KindKeys()
    imp.add_argument("file", metavar="FILE.xlsx")
    imp.add_argument("--problems", metavar="OUT.xlsx", help="有问题时把问题清单（问题单元格标红）存为此文件")
    backup = sub.add_parser("backup", help="把数据库备份到文件夹（程序开着时也可以）")
    backup.add_argument("dir", metavar="DIR", help="备份到的文件夹")
    restore = sub.add_parser("restore", help="用备份文件替换当前数据（当前数据先自动备份）")
    restore.add_argument("file", metavar="FILE", help="备份文件")
    restore.add_argument("--force", action="store_true", help="备份属于另一个机构时仍然恢复（替换当前机构的全部数据）")
    encrypt = sub.add_parser("encrypt", help=f"用密码加密数据（密码取自环境变量 {PASSWORD_ENV}，或在终端输入）")
    plain = encrypt.add_mutually_exclusive_group()
    plain.add_argument("--delete-plain-backups", action="store_true",
                       help="加密后覆盖并删除 backups 文件夹里未加密的备份")
    plain.add_argument("--keep-plain-backups", action="store_true", help="保留未加密的备份（它们仍可被任何人读取）")
    rekey = sub.add_parser("rekey", help=f"修改密码（新密码取自环境变量 {NEW_PASSWORD_ENV}，或在终端输入；恢复密钥不变）")
    rekey.add_argument("--new-data-key", action="store_true",
                       help="密码可能已泄露：同时换新的数据密钥和恢复密钥，旧密码、旧恢复密钥和以前的备份都打不开现在的数据")
    log = sub.add_parser("log", help="列出最近的操作（名称、时间、行数），最新的在前")
    log.add_argument("--last", type=int, default=20, metavar="N", help="列出几条（默认20）")
    sub.add_parser("undo", help="撤销最近的一次操作（之后又有改动、锁定月报等不能撤销时说明原因，退出码 2）")
    sheet = sub.add_parser("recovery-sheet", help="生成恢复密钥单 PDF（打印后放在保险柜里）")
    sheet.add_argument("file", metavar="FILE.pdf")
    return parser


def main(argv: list[str] | None = None) -> int:
    from .console import utf8_when_redirected

    utf8_when_redirected()  # before the first line is written (Windows' ANSI code page, issue 31)
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.selftest:
        from .selftest import run

        return run()
    db_path = paths.resolve_db_path(args.db)
    if args.command is None:
        from .ui.app import run_gui

        return run_gui(db_path)
    from .errors import USER_ERRORS, explain, write_crash_log

    try:
        return _COMMANDS[args.command](args, db_path)
    except USER_ERRORS as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("已取消", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # the reader of the output went away (… | head): nothing left to say
        sys.stdout = None
        return EXIT_OK
    except Exception as exc:  # a sentence for the user (never the exception's text: it may hold SQL and
        # a row's values); the log gets the types and the places, nothing personal
        log = write_crash_log(paths.log_path_for(db_path), exc)
        _title, message, code = explain(exc, db_path)
        print(f"{message}\n详细信息已写入日志文件：{log}", file=sys.stderr)
        return code


def _parse_cli_date(text: str | None, option: str) -> date:
    from .domain.parsing import parse_date

    if not text:
        return date.today()
    try:
        value = parse_date(text)
    except ValueError as exc:
        raise InputError(f"{option}: {exc}") from None
    return value


def _cmd_init(args, db_path: Path) -> int:
    from .store.lock import DatabaseLock
    from .store.migrate import head_revision, inspect_file, upgrade

    key = _data_key(db_path)
    before = inspect_file(db_path, key)
    lock = DatabaseLock(db_path)
    lock.acquire()
    try:
        backup = upgrade(db_path, key)
        if key is not None and not before.exists:
            from .store.cipher import write_key_file

            write_key_file(db_path, key)
    finally:
        lock.release()
    if not before.exists or not before.has_tables:
        print(f"已创建{'加密的' if key is not None else ''}数据库：{db_path}")
        if key is not None:
            _print_recovery(key)
    elif backup is not None:
        print(f"已升级数据库：{db_path}（结构版本 {before.revision} → {head_revision()}，升级前备份：{backup}）")
    else:
        print(f"数据库已是最新结构：{db_path}")
    return EXIT_OK


def _secret(env: str, prompt: str) -> str | None:
    """A password from the environment variable ``env``, else asked on the terminal (not echoed)."""
    import getpass
    import os

    if env in os.environ:
        return os.environ[env]
    if _interactive():
        return getpass.getpass(prompt)
    return None


def _interactive() -> bool:
    """Whether a person can answer on the terminal (not NUL, which Windows' isatty() takes for one)."""
    from .console import is_console

    return is_console(sys.stdin)


def _data_key(db_path: Path):
    """The data key of an encrypted database (password or recovery key from TUOYU_PASSWORD or the
    terminal); None for plain data. No data yet and a password given: the new data is encrypted."""
    import os

    from .services.security import is_encrypted, open_key
    from .store import cipher

    if not is_encrypted(db_path):
        if cipher.file_kind(db_path) == cipher.MISSING and os.environ.get(PASSWORD_ENV):
            from .services.security import validate_new_password

            validate_new_password(os.environ[PASSWORD_ENV], os.environ[PASSWORD_ENV]).raise_if_any()
            return cipher.seal(cipher.new_recovery(), os.environ[PASSWORD_ENV])
        return None
    if cipher.read_key_file(db_path) is None and PASSWORD_ENV not in os.environ:
        from .services.security import require_key_file

        require_key_file(db_path)
    secret = _secret(PASSWORD_ENV, "数据已加密，请输入密码（或恢复密钥）：")
    if secret is None:
        raise InputError(f"数据文件 {db_path} 已加密：请把密码（或恢复密钥）放在环境变量 {PASSWORD_ENV} 中再运行命令")
    return open_key(db_path, secret)


def _print_recovery(key) -> None:
    from .services.security import recovery_text

    print(f"恢复密钥（忘记密码时用它打开数据；请运行 recovery-sheet 打印恢复密钥单，放在保险柜里）：{recovery_text(key)}")


def _open(db_path: Path):
    """Open the database with its password (encrypted data), or check the old start-up password
    (plain data that has one); a password given for plain data is refused."""

    from .services.security import check_password, has_password
    from .services.workspace import open_workspace
    from .store import cipher

    created = cipher.file_kind(db_path) == cipher.MISSING
    key = _data_key(db_path)
    ws = open_workspace(db_path, key=key)
    try:
        if key is not None and created:
            cipher.write_key_file(db_path, key)
            _print_recovery(key)
        if key is None:
            ops = Operations(ws)
            legacy = ops.look(has_password)
            _refuse_wrong_password(db_path, legacy, lambda given: ops.look(check_password, given))
            if legacy:
                print("提示：这份数据只有启动密码，文件本身没有加密；运行 encrypt 可用同一密码加密。", file=sys.stderr)
    except BaseException:
        ws.close()
        raise
    return ws


def _in_workspace(db_path: Path, use_case, today: date, *args):
    """Open the database, run ``use_case`` in one transaction through the same runner as the
    window's (bound to ``today``), close it again."""
    ws = _open(db_path)
    try:
        return Operations(ws, today=lambda: today).change(use_case, *args)
    finally:
        ws.close()


def _cmd_demo(args, db_path: Path) -> int:
    from .services.demo import fill_demo

    today = _parse_cli_date(args.date, "--date")
    changes = _in_workspace(db_path, fill_demo, today)
    print(f"{changes.message}（{db_path}）")
    return EXIT_OK


def _cmd_backup(args, db_path: Path) -> int:
    from .store.backup import backup_to_folder
    from .store.migrate import DatabaseFileError, head_revision, inspect_file

    if not db_path.exists():
        raise DatabaseFileError(f"数据库文件不存在：{db_path}")
    key = _data_key(db_path)
    state = inspect_file(db_path, key)
    _check_legacy(db_path, key)
    folder = Path(args.dir).expanduser()
    _existing_folder(folder)  # a USB stick that is not plugged in must not become a local folder
    target = backup_to_folder(db_path, folder, key=key)
    print(f"已{'加密' if key is not None else ''}备份到：{target}")
    if state.revision == head_revision():  # the data's structure is current: remembering changes nothing else
        _remember_backup_folder(db_path, key, folder)
    return EXIT_OK


def _remember_backup_folder(db_path: Path, key, folder: Path) -> None:
    """The folder goes into the data's list of backup folders (encrypt lists the plain copies left
    in them) — unless a window has the data open: one writer at a time, the backup stands anyway.
    Only for data at the current structure: ``backup`` never upgrades the data it copies."""
    from .services.datafile import remember_backup_folder
    from .services.workspace import open_workspace
    from .store.errors import DatabaseFileError

    try:
        ws = open_workspace(db_path, key=key)
    except DatabaseFileError:
        return
    try:
        Operations(ws).change(remember_backup_folder, folder)
    finally:
        ws.close()


def _check_legacy(db_path: Path, key) -> None:
    """Plain data, only read (a window may have it open): the old start-up password if it has one;
    a password given for data that has none is refused."""
    from .services.security import legacy_password_matches, legacy_password_set

    if key is None:
        _refuse_wrong_password(db_path, legacy_password_set(db_path),
                               lambda given: legacy_password_matches(db_path, given))


def _refuse_wrong_password(db_path: Path, legacy: bool, matches) -> None:
    """Plain data: with the old start-up password (``legacy``) TUOYU_PASSWORD must hold it
    (``matches``); without one, a password given is refused (the data is not encrypted)."""
    import os

    from .store.cipher import WrongPassword

    given = os.environ.get(PASSWORD_ENV)
    if legacy:
        if given is None:
            raise InputError(f"这份数据设置了启动密码：请把密码放在环境变量 {PASSWORD_ENV} 中再运行命令")
        if not matches(given):
            raise WrongPassword()
    elif given:
        raise InputError(f"数据文件 {db_path} 没有加密，不需要密码，未做任何改动。要加密这份数据请运行 encrypt；"
                         f"否则请清空环境变量 {PASSWORD_ENV}。")


BACKUP_PASSWORD_ENV = "TUOYU_BACKUP_PASSWORD"


def _backup_key(candidate: Path, live_key):
    """The key of an encrypted backup: the live data's when it is the same data key, else the
    backup's password or recovery key (TUOYU_BACKUP_PASSWORD, else TUOYU_PASSWORD, else asked)."""
    import os

    from .store.cipher import WrongPassword
    from .store.migrate import backup_key, backup_needs_key, backup_opens_with

    if not backup_needs_key(candidate):
        return None
    if backup_opens_with(candidate, live_key):
        return live_key
    env = BACKUP_PASSWORD_ENV if BACKUP_PASSWORD_ENV in os.environ else PASSWORD_ENV
    secret = os.environ.get(env)
    if secret is not None:
        try:
            return backup_key(candidate, secret)
        except WrongPassword:
            if env == BACKUP_PASSWORD_ENV or not _interactive():
                raise WrongPassword(f"备份文件 {candidate.name} 的密码（备份的密码或恢复密钥可放在环境变量 "
                                    f"{BACKUP_PASSWORD_ENV} 中）") from None
    secret = _secret("", f"备份文件 {candidate.name} 已加密，请输入这份备份的密码（或恢复密钥）：")
    if secret is None:
        raise InputError(f"备份文件 {candidate} 已加密：请把这份备份的密码（或恢复密钥）放在环境变量 "
                         f"{BACKUP_PASSWORD_ENV} 中再运行命令。未做任何改动")
    return backup_key(candidate, secret)


def _cmd_restore(args, db_path: Path) -> int:
    from .store.cipher import MISSING, file_kind
    from .store.lock import DatabaseLock
    from .store.migrate import look_at_backup, restore_database, staging

    candidate = Path(args.file).expanduser()
    live_key = _data_key(db_path) if file_kind(db_path) != MISSING else None
    if file_kind(db_path) != MISSING:
        _check_legacy(db_path, live_key)
    lock = DatabaseLock(db_path)
    lock.acquire()  # never under a window that has the data open
    try:
        if not candidate.exists():
            raise InputError(f"找不到备份文件 {candidate}")
        candidate_key = _backup_key(candidate, live_key)
        with staging(candidate, candidate_key, db_path) as staged:  # read and checked once, for both steps
            look = look_at_backup(candidate, db_path, candidate_key, live_key, staged=staged)
            if look.other_centre and not args.force:
                raise InputError("备份文件属于另一个机构，未做任何改动：\n" + "\n".join(f"  {line}" for line in look.other_centre_lines())
                                 + "\n确实要用它替换当前机构的全部数据，请加上 --force 再运行。")
            safety, _key = restore_database(candidate, db_path, candidate_key, live_key, staged=staged)
    finally:
        lock.release()
    print(f"已从 {args.file} 恢复数据到 {db_path}")
    print("  " + "；".join(look.about(candidate)[1:]))
    if safety:
        print(f"恢复前的数据已备份到：{safety}")
    return EXIT_OK


def _cmd_template(args, db_path: Path) -> int:
    from .exchange.importer import kind_named
    from .exchange.templates import write_template

    kind = kind_named(args.kind)
    path = Path(args.file).expanduser()
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"模板文件名应以 .xlsx 结尾：{path.name}")
    _existing_folder(path.parent)
    try:
        write_template(kind, path)
    except OSError as exc:
        raise InputError(f"无法写入 {path}：{exc.strerror or exc}") from None
    print(f"已生成{kind.title}导入模板：{path}")
    return EXIT_OK


def _cmd_import(args, db_path: Path) -> int:
    from .exchange.importer import ImportFailed, import_file, import_name, kind_named
    kind_named(args.kind)
    source = Path(args.file).expanduser()
    problems = _output(args.problems, ".xlsx") if args.problems else None
    if problems is not None and _same_file(problems, source):
        raise InputError(f"--problems: 问题清单不能保存为正在导入的文件 {source.name}（会覆盖您的原文件），请换一个文件名")
    ws = _open(db_path)
    try:
        ops = Operations(ws)
        result = ops.change(import_file, args.kind, source, op_name=import_name(source))
    except ImportFailed as failed:
        print(f"导入失败，没有导入任何数据。共{len(failed.problems)}个问题：", file=sys.stderr)
        for line in failed.report_lines():
            print(line, file=sys.stderr)
        if problems is not None:
            from .exchange.problem_report import write_problem_report

            report = write_problem_report(failed, problems)
            print(f"问题清单已保存：{report}", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        ws.close()
    print(f"导入完成。{result.summary}")
    for note in result.notes:
        print(f"说明：{note}")
    return EXIT_OK


def _cmd_alerts(args, db_path: Path) -> int:
    from .services.alerts import collect_alerts

    day = _parse_cli_date(args.date, "--date")
    alerts = _in_workspace(db_path, collect_alerts, day)
    for alert in alerts:
        print(alert.line())
    print(f"{day.isoformat()} 共{len(alerts)}条提醒" if alerts else f"{day.isoformat()} 没有提醒")
    return EXIT_OK


def _cmd_checklist(args, db_path: Path) -> int:
    from .services.checklist import checklist

    day = _parse_cli_date(args.date, "--date")
    found = _in_workspace(db_path, checklist, day)
    for task in found.tasks:
        print(task.line)
    print(found.heading)
    return EXIT_OK


def _cmd_inspection(args, db_path: Path) -> int:
    from .services.inspection import check_range, inspection_pack

    first, last = _parse_cli_date(args.first, "--from"), _parse_cli_date(args.last, "--to")
    check_range(first, last)
    pdf = _output(args.pdf, ".pdf") if args.pdf else None
    xlsx = _output(args.xlsx, ".xlsx") if args.xlsx else None
    pack = _in_workspace_look(db_path, inspection_pack, date.today(), first, last)
    for section in pack.sections:
        print(f"{section.title}：{len(section.rows)}条")
    print(f"{pack.centre} 检查备查 {pack.period}：共{pack.records}条记录")
    if xlsx is not None:
        from .exchange.inspection_workbook import write_inspection_xlsx

        print(f"已生成：{write_inspection_xlsx(pack, xlsx)}")
    if pdf is not None:
        from .reports.inspection_pdf import write_inspection_pdf

        notes: list[str] = []
        print(f"已生成：{write_inspection_pdf(pack, pdf, date.today(), notes=notes)}")
        for note in notes:
            print(f"注意：{note}", file=sys.stderr)
    return EXIT_OK


def _cmd_report(args, db_path: Path) -> int:
    from .gcpause import paused

    # a short command that only builds objects (imports, the snapshot, the files): the cyclic
    # collector's full passes over them find nothing and cost a tenth of the run
    with paused():
        return _report(args, db_path)


def _report(args, db_path: Path) -> int:
    from .domain.month import Month
    from .services import returns

    month = str(Month.parse(args.month, "--month"))
    today = date.today()  # the computer's clock: only a month that has ended can be locked (SPEC §3)
    ws = _open(db_path)
    try:
        ops = Operations(ws, today=lambda: today)
        if args.report_kind == "unlock":
            print(ops.change(returns.unlock, month, args.reason).message)
            return EXIT_OK
        # only reads (plain SQL): the ORM is imported only if --lock writes the lock
        was_locked = ops.look(returns.locked, month) is not None
        snapshot = ops.look(returns.get_return, month)
        if args.lock and not was_locked and returns.month_state(month, today) != returns.ENDED:
            raise InputError(f"--lock: {month}还没有结束，不能锁定（报送）；月份结束后再生成并锁定。"
                             "不加 --lock 可以生成本月的预览。")
        written, notes = [], []
        if args.xlsx:
            from .exchange.return_workbook import write_return_xlsx

            written.append(write_return_xlsx(snapshot, _output(args.xlsx, ".xlsx"), full=args.full))
        if args.pdf:
            from .reports.monthly_pdf import write_return_pdf

            written.append(write_return_pdf(snapshot, _output(args.pdf, ".pdf"), full=args.full, notes=notes))
        if args.lock and not was_locked:  # only once the files exist
            ops.change(returns.lock, snapshot)
    finally:
        ws.close()
    state = ("已锁定（已报送）" if was_locked or args.lock else
             "预览：本月尚未结束，数字还会变化，不能报送" if snapshot.get("preview") else "未锁定")
    print(f"{month}月报（{state}）：在托{snapshot['figures']['E01']}人，核定托位{snapshot['figures']['T01']}个，"
          f"数据校验码 {snapshot['checksum']}")
    for path in written:
        print(f"已生成：{path}")
    for note in notes:
        print(f"注意：{note}", file=sys.stderr)
    return EXIT_OK


def _cmd_bills(args, db_path: Path) -> int:
    from .domain.month import Month
    from .services import bills

    month = Month.parse(args.month, "--month")
    if args.on and not args.confirm:
        raise InputError("--on 是出账日期，只和 --confirm 一起用")
    on = _parse_cli_date(args.on, "--on") if args.on else None
    xlsx = _output(args.xlsx, ".xlsx") if args.xlsx else None
    folder = Path(args.pdf).expanduser() if args.pdf else None
    if folder is not None:
        _existing_folder(folder)
    today = date.today()
    ws = _open(db_path)
    try:
        ops = Operations(ws, today=lambda: today)
        if args.confirm:
            print(ops.change(bills.confirm_month, month, on).message)
        shown = ops.look(bills.month_bills, month)
        centre = ops.look(_centre_name)
    finally:
        ws.close()
    for bill in shown.bills:
        print(f"{bill.number or '（未出账）':<12} {bill.name} {bill.class_name or '未分班'} 合计{bills.money(bill.total_fen)}元 "
              f"{bill.state}")
    for bill in shown.voided:
        print(f"{bill.number:<12} {bill.name} 已作废（{bill.void_reason}）")
    confirmed, drafts = shown.confirmed, shown.drafts
    total = sum(b.total_fen for b in shown.bills)
    print(f"{month.title}收费单：已出账{len(confirmed)}张，未出账{len(drafts)}张"
          f"{f'，作废{len(shown.voided)}张' if shown.voided else ''}，合计{bills.money(total)}元")
    if xlsx is not None:
        from .exchange.bills_workbook import write_bills_xlsx

        print(f"已生成：{write_bills_xlsx(shown, xlsx, full=args.full)}")
    if folder is not None:
        from .reports.bills_pdf import write_bills_pdf

        by_class: dict[str, list] = {}
        for bill in shown.bills:
            by_class.setdefault(bill.class_name or "未分班", []).append(bill)
        for class_name, members in by_class.items():
            print(f"已生成：{write_bills_pdf(folder / f'{month}收费单-{class_name}.pdf', centre, month, members, today)}")
    return EXIT_OK


def _centre_name(db) -> str:
    from .services.centre import get_centre

    return get_centre(db).name


def _cmd_fee_report(args, db_path: Path) -> int:
    from .domain.month import Month
    from .services.fee_report import fee_report

    month = Month.parse(args.month, "--month")
    pdf = _output(args.pdf, ".pdf") if args.pdf else None
    xlsx = _output(args.xlsx, ".xlsx") if args.xlsx else None
    today = date.today()
    report = _in_workspace_look(db_path, fee_report, today, month)
    print(f"{report.centre} {month.title}收费月报（欠费截至{today.isoformat()}）")
    for row in report.rows:
        print(f"{row.section} {row.label}：{row.shown}{'' if row.count else '元'}")
    for a in report.owing:
        print(f"欠费 {a.name}（{a.class_name or '未分班'}）{a.amount_fen / 100:.2f}元，自收费单{a.since}")
    if xlsx is not None:
        from .exchange.bills_workbook import write_fee_report_xlsx

        print(f"已生成：{write_fee_report_xlsx(report, xlsx)}")
    if pdf is not None:
        from .reports.bills_pdf import write_fee_report_pdf

        print(f"已生成：{write_fee_report_pdf(pdf, report)}")
    return EXIT_OK


def _in_workspace_look(db_path: Path, use_case, today: date, *args):
    ws = _open(db_path)
    try:
        return Operations(ws, today=lambda: today).look(use_case, *args)
    finally:
        ws.close()


def _output(text: str, suffix: str) -> Path:
    path = Path(text).expanduser()
    if path.suffix.lower() != suffix:
        raise InputError(f"输出文件应以 {suffix} 结尾：{path.name}")
    _existing_folder(path.parent)
    return path


def _existing_folder(folder: Path) -> None:
    """Output goes only into a folder that is there: a missing one is most often a USB stick that
    is not plugged in or a mistyped path, and a folder made up on the local disk would hide that."""
    folder = folder if str(folder) else Path(".")
    if folder.is_dir():
        return
    if folder.exists():
        raise InputError(f"{folder} 不是文件夹")
    raise InputError(f"文件夹不存在：{folder}\n请检查路径，或先插好U盘、新建这个文件夹后再运行；程序不会自动创建文件夹。")


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (after resolving; letter case ignored where Windows ignores it)."""
    import os

    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(str(a.resolve())) == os.path.normcase(str(b.resolve()))


def _cmd_district(args, db_path: Path) -> int:
    from .domain.month import Month
    from .domain.policy import load_profiles
    from .exchange.district_inbox import summarise

    month = str(Month.parse(args.month, "--month"))
    profiles = load_profiles(paths.policies_dir())
    if args.profile not in profiles:
        raise InputError(f"--profile: 没有名为“{args.profile}”的政策方案（可选：{'、'.join(profiles)}）")
    summary = summarise(Path(args.folder).expanduser(), month, profiles[args.profile])
    if args.xlsx:
        from .exchange.district_workbook import write_district_xlsx

        print(f"已生成：{write_district_xlsx(summary, _output(args.xlsx, '.xlsx'))}")
    if args.pdf:
        from .reports.district_pdf import write_district_pdf

        notes: list[str] = []
        print(f"已生成：{write_district_pdf(summary, _output(args.pdf, '.pdf'), notes=notes)}")
        for note in notes:
            print(f"注意：{note}", file=sys.stderr)
    t = summary.totals
    if not summary.centres:
        print(f"{month} 没有一份月报通过检查，未汇总任何机构（问题文件 {len(summary.problems)} 个，原因见下）")
    else:
        print(f"{month} 汇总机构 {len(summary.centres)} 家：在托 {t['E01']} 人，核定托位 {t['T01']} 个，"
              f"托位使用率 {t['R01'] if t['R01'] is not None else '—'}%")
    for name, value, target, met, gap in summary.targets if summary.centres else ():
        state = "无数据" if met is None else ("达标" if met else f"未达标（差 {gap} 个百分点）")
        print(f"  {name}：{value if value is not None else '—'}%，目标 {target:g}%，{state}")
    for bad in summary.problems:
        print(f"问题文件：{bad.file}：{bad.reason}")
    for code, name, town in summary.missing:
        print(f"未报送：{name}（{code}，{town}）")
    return EXIT_OK


def _cmd_encrypt(args, db_path: Path) -> int:
    from .services.security import (
        elsewhere_lines,
        encrypt_file,
        is_encrypted,
        legacy_password_matches,
        open_key,
        plain_backups,
        plain_backups_elsewhere,
    )
    from .store.lock import DatabaseLock
    from .store.migrate import DatabaseFileError, upgrade

    if not db_path.exists():
        raise DatabaseFileError(f"数据库文件不存在：{db_path}")
    if is_encrypted(db_path):
        open_key(db_path, _secret(PASSWORD_ENV, "请输入密码：") or "")
        print(f"数据已经加密，无需再加密：{db_path}")
        return EXIT_OK
    password = _new_password(PASSWORD_ENV, "请设置密码：")
    lock = DatabaseLock(db_path)
    lock.acquire()
    try:
        if not legacy_password_matches(db_path, password):  # read only: a wrong one leaves the file as it was
            from .store.cipher import WrongPassword

            raise WrongPassword("这份数据的启动密码与所给的密码不同；请用启动密码加密")
        upgrade(db_path)
        backups = plain_backups(db_path)
        elsewhere = plain_backups_elsewhere(db_path)
        delete = _confirm_plain_backups(backups, args)
        key, removed = encrypt_file(db_path, password, delete_plain_backups=delete)
    finally:
        lock.release()
    print(f"已加密：{db_path}（密钥文件：{db_path}.key，请与数据放在一起）")
    for path in removed:
        print(f"已覆盖并删除未加密的备份：{path}")
    if backups and not delete:
        print(f"注意：backups 文件夹里还有{len(backups)}份未加密的备份（按您的要求保留）", file=sys.stderr)
    for line in elsewhere_lines(elsewhere):
        print(f"注意：{line}", file=sys.stderr)
    _print_recovery(key)
    return EXIT_OK


def _new_password(env: str, prompt: str) -> str:
    """A new password: from ``env``, or typed twice on the terminal."""
    import os

    from .services.security import validate_new_password

    if env in os.environ:
        password = repeat = os.environ[env]
    else:
        password = _secret("", prompt)
        if password is None:
            raise InputError(f"请把密码放在环境变量 {env} 中再运行命令")
        repeat = _secret("", "请再输入一次：")
    validate_new_password(password, repeat).raise_if_any()
    return password


def _confirm_plain_backups(backups: list[Path], args) -> bool:
    """Whether the plain backups are to be overwritten and deleted: by a flag, or asked."""
    if not backups or args.keep_plain_backups:
        return False
    if args.delete_plain_backups:
        return True
    listing = "\n".join(f"  {p}" for p in backups)
    if _interactive():
        print(f"backups 文件夹里有{len(backups)}份未加密的备份（加密后它们仍可被任何人读取）：\n{listing}")
        return input("加密后覆盖并删除这些未加密的备份？[y/N] ").strip().lower() in ("y", "yes", "是")
    raise InputError(f"backups 文件夹里有{len(backups)}份未加密的备份，未做任何改动：\n{listing}\n"
                     "请加上 --delete-plain-backups（加密后覆盖并删除它们）或 --keep-plain-backups（保留）再运行。")


def _cmd_rekey(args, db_path: Path) -> int:
    from .services.security import change_password, is_encrypted
    from .store.lock import DatabaseLock
    from .store.migrate import DatabaseFileError

    if not is_encrypted(db_path):
        raise DatabaseFileError(f"数据文件 {db_path} 没有加密，无需修改密码；要加密请运行 encrypt")
    key = _data_key(db_path)  # the current password (or the recovery key), checked
    new = _new_password(NEW_PASSWORD_ENV, "请输入新密码：")
    lock = DatabaseLock(db_path)
    lock.acquire()
    try:
        new_key, changes = change_password(db_path, key, None, new, new, new_data_key=args.new_data_key)
    finally:
        lock.release()
    print(changes.message)
    if args.new_data_key:
        _print_recovery(new_key)
    return EXIT_OK


def _cmd_recovery_sheet(args, db_path: Path) -> int:
    from .reports.recovery_sheet import write_recovery_sheet
    from .services.security import is_encrypted
    from .store.migrate import DatabaseFileError
    from .store.peek import read_centre

    if not is_encrypted(db_path):
        raise DatabaseFileError(f"数据文件 {db_path} 没有加密，没有恢复密钥；请先运行 encrypt")
    key = _data_key(db_path)
    target = _output(args.file, ".pdf")
    write_recovery_sheet(target, key, read_centre(db_path, key), db_path)
    print(f"已生成恢复密钥单：{target}（打印后放在保险柜里；这个 PDF 文件本身也请妥善保管或删除）")
    return EXIT_OK


def _cmd_log(args, db_path: Path) -> int:
    from .services.history import operations_log

    if args.last < 1:
        raise InputError("--last: 应为正整数")
    ws = _open(db_path)
    try:
        rows = Operations(ws).look(operations_log, args.last)
    finally:
        ws.close()
    if not rows:
        print("还没有任何操作")
    for op in rows:
        print(f"{op.id:>5}  {op.at}  {op.user}  {op.name}  改动{op.rows}行" + ("  〔已撤销〕" if op.undone else ""))
    return EXIT_OK


def _cmd_undo(args, db_path: Path) -> int:
    from .services.history import undo_last

    ws = _open(db_path)
    try:
        print(Operations(ws).change(undo_last).message)
    finally:
        ws.close()
    return EXIT_OK


_COMMANDS = {"init": _cmd_init, "log": _cmd_log, "undo": _cmd_undo, "district": _cmd_district, "report": _cmd_report, "alerts": _cmd_alerts, "checklist": _cmd_checklist, "inspection": _cmd_inspection, "template": _cmd_template, "import": _cmd_import, "demo": _cmd_demo, "backup": _cmd_backup, "restore": _cmd_restore,
             "encrypt": _cmd_encrypt, "rekey": _cmd_rekey, "recovery-sheet": _cmd_recovery_sheet,
             "bills": _cmd_bills, "fee-report": _cmd_fee_report}
