import sqlite3

from tests.conftest import run_cli
from tuoyu_desktop import __version__


def test_version_and_help_answer_in_chinese():
    assert __version__ in run_cli("--version").stdout
    out = run_cli("--help").stdout
    assert "子命令" in out and "init" in out and "demo" in out


def test_help_usage_and_argument_errors_speak_chinese(capsys):
    """用法, 参数 and 选项 in the help; argparse's own English errors (invalid choice, required,
    unrecognized, expected one argument) told in Chinese, exit 2."""
    import pytest

    from tuoyu_desktop.cli import build_parser

    def run(*argv):
        with pytest.raises(SystemExit) as stop:
            build_parser().parse_args(list(argv))
        out = capsys.readouterr()
        return stop.value.code, out.out + out.err

    code, text = run("--help")
    assert code == 0 and text.startswith("用法：main.py") and "参数:" in text and "选项:" in text
    assert "显示本帮助并退出" in text and "usage" not in text and "show this help" not in text
    code, text = run("report", "monthly", "--help")
    assert code == 0 and "用法：main.py report monthly" in text
    for argv, said in ((["bogus"], "参数错误：参数 子命令：无效的选择：“bogus”（可选：init、demo、"),
                       (["report", "monthly"], "参数错误：缺少必需的参数：--month"),
                       (["import"], "参数错误：缺少必需的参数：KIND、FILE.xlsx"),
                       (["--db"], "参数错误：参数 --db：后面需要一个值"),
                       (["alerts", "--nope"], "参数错误：不认识的参数：--nope")):
        code, text = run(*argv)
        assert code == 2 and said in text and "用法：" in text, text
        assert not any(word in text for word in ("usage", "invalid choice", "required", "expected", "unrecognized"))


def test_init_creates_the_database_then_says_it_is_up_to_date(tmp_path):
    db = tmp_path / "我的 数据" / "t.sqlite3"
    first = run_cli("--db", str(db), "init")
    assert first.returncode == 0, first.stderr
    assert "已创建数据库" in first.stdout and db.exists()
    second = run_cli("--db", str(db), "init")
    assert second.returncode == 0 and "已是最新结构" in second.stdout


def test_tuoyu_db_environment_variable_chooses_the_database(tmp_path):
    db = tmp_path / "env.sqlite3"
    result = run_cli("init", env={"TUOYU_DB": str(db)})
    assert result.returncode == 0 and db.exists()


def test_demo_fills_a_new_database_and_refuses_a_second_time_with_exit_code_2(tmp_path):
    db = tmp_path / "demo.sqlite3"
    result = run_cli("--db", str(db), "demo", "--date", "2026-11-25")
    assert result.returncode == 0, result.stderr
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from children").fetchone()[0] > 40
    con.close()
    again = run_cli("--db", str(db), "demo")
    assert again.returncode == 2 and "已有" in again.stderr


def test_a_file_that_is_not_a_database_gives_exit_code_2_and_stays_untouched(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("这不是数据库", encoding="utf-8")
    result = run_cli("--db", str(bad), "init")
    assert result.returncode == 2 and "不是数据库文件" in result.stderr
    assert bad.read_text(encoding="utf-8") == "这不是数据库"


def test_bad_arguments_give_exit_code_2(tmp_path):
    result = run_cli("--db", str(tmp_path / "x.sqlite3"), "demo", "--date", "明天")
    assert result.returncode == 2 and "--date" in result.stderr
    assert run_cli("nonsense").returncode == 2


def test_backup_and_restore_round_trip(tmp_path):
    db = tmp_path / "live.sqlite3"
    run_cli("--db", str(db), "demo", "--date", "2026-11-25")
    (tmp_path / "备份").mkdir()
    backup = run_cli("--db", str(db), "backup", str(tmp_path / "备份"))
    assert backup.returncode == 0, backup.stderr
    copy = next((tmp_path / "备份").glob("*.sqlite3"))
    con = sqlite3.connect(db)
    con.execute("delete from visits")
    con.commit()
    con.close()
    restored = run_cli("--db", str(db), "restore", str(copy))
    assert restored.returncode == 0, restored.stderr
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from visits").fetchone()[0] > 0
    con.close()
    assert "恢复前的数据已备份到" in restored.stdout


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    db = tmp_path / "live.sqlite3"
    run_cli("--db", str(db), "init")
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("create table t(x)")
    con.commit()
    con.close()
    result = run_cli("--db", str(db), "restore", str(other))
    assert result.returncode == 2 and "其他程序" in result.stderr


def test_a_database_folder_that_cannot_be_created_is_a_clear_input_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli("--db", str(blocker / "x.sqlite3"), "init")
    assert result.returncode == 2 and "无法创建" in result.stderr


def test_unexpected_error_gives_exit_code_1_and_names_the_log_file_without_the_values_it_held(
        tmp_path, monkeypatch, capsys):
    from tuoyu_desktop import cli

    def boom(args, db_path):
        try:
            int("王芳 320402202601169616")
        except ValueError as exc:
            raise RuntimeError("联系电话 13812345678 无法处理") from exc

    monkeypatch.setitem(cli._COMMANDS, "init", boom)
    db = tmp_path / "x.sqlite3"
    assert cli.main(["--db", str(db), "init"]) == 1
    err = capsys.readouterr().err
    log = tmp_path / "logs" / "tuoyu.log"
    text = log.read_text(encoding="utf-8")
    assert str(log) in err and "程序出错" in err
    assert "RuntimeError" in text and "ValueError" in text and 'in boom' in text
    assert "Traceback" in text and "Traceback" not in err
    for written in (err, text):  # an exception's text may hold a row's values: it is never written
        assert "320402202601169616" not in written and "13812345678" not in written and "王芳" not in written


def test_alerts_command_prints_one_line_per_alert_in_chinese(tmp_path):
    db = tmp_path / "demo.sqlite3"
    run_cli("--db", str(db), "demo", "--date", "2026-11-25")
    result = run_cli("--db", str(db), "alerts", "--date", "2026-11-25")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("【证书】") and "健康证已于" in line for line in lines)
    assert any(line.startswith("【持证】") for line in lines)
    assert any(line.startswith("【培训】") for line in lines)
    assert lines[-1].startswith("2026-11-25 共")
    assert run_cli("--db", str(db), "alerts", "--date", "2026-13-01").returncode == 2


def test_checklist_command_prints_todays_list_with_a_tick_or_a_cross_per_line(tmp_path):
    db = tmp_path / "demo.sqlite3"
    run_cli("--db", str(db), "demo", "--date", "2026-11-25")
    result = run_cli("--db", str(db), "checklist", "--date", "2026-11-25")
    assert result.returncode == 0, result.stderr
    *tasks, heading = result.stdout.splitlines()
    assert tasks and all(line[:2] in ("✓ ", "✗ ") for line in tasks)
    assert "✗ 巡查　防火巡查今天0次（每个开园日至少2次）" in tasks  # the demo's day is not yet done
    assert heading == f"2026-11-25 今日待办：{len(tasks)}项，还有{sum(t.startswith('✗') for t in tasks)}项未完成"
    yesterday = run_cli("--db", str(db), "checklist", "--date", "2026-11-24").stdout.splitlines()
    assert "✓ 巡查　防火巡查今天2次（每个开园日至少2次）" in yesterday
    assert run_cli("--db", str(db), "checklist", "--date", "2026-11-29").stdout.strip() == "2026-11-29不开园（周末），没有待办"
    assert run_cli("--db", str(db), "checklist", "--date", "11/29").returncode == 2


def test_inspection_command_writes_the_pack_and_counts_each_register(tmp_path):
    db = tmp_path / "demo.sqlite3"
    run_cli("--db", str(db), "demo", "--date", "2026-11-25")
    pdf, xlsx = tmp_path / "备查.pdf", tmp_path / "备查.xlsx"
    result = run_cli("--db", str(db), "inspection", "--from", "2026-11-01", "--to", "2026-11-30", "--pdf", str(pdf),
                     "--xlsx", str(xlsx))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("幼儿出勤：") and lines[8].startswith("消防安全：")
    total = sum(int(line.split("：")[1].rstrip("条")) for line in lines[:9])
    assert lines[9].endswith(f"检查备查 2026-11-01 至 2026-11-30：共{total}条记录")
    assert pdf.read_bytes()[:5] == b"%PDF-" and xlsx.stat().st_size > 0
    bad = run_cli("--db", str(db), "inspection", "--from", "2026-11-30", "--to", "2026-11-01")
    assert bad.returncode == 2 and "结束日期2026-11-01早于开始日期2026-11-30" in bad.stderr
    missing = run_cli("--db", str(db), "inspection", "--from", "2026-11-01", "--to", "2026-11-30",
                      "--pdf", str(tmp_path / "没有的文件夹" / "p.pdf"))
    assert missing.returncode == 2 and "文件夹不存在" in missing.stderr


def test_with_a_start_up_password_commands_need_it_in_the_environment(tmp_path):
    import hashlib

    from tuoyu_desktop.services.settings import set_setting
    from tuoyu_desktop.services.workspace import open_workspace

    db = tmp_path / "t.sqlite3"
    run_cli("--db", str(db), "demo", "--date", "2026-11-25")
    ws = open_workspace(db)
    salt = bytes(16)
    digest = hashlib.scrypt("托育2026".encode(), salt=salt, n=2 ** 14, r=8, p=1, maxmem=64 * 1024 * 1024, dklen=32)
    with ws.session() as s:  # the old start-up password (before encryption existed)
        set_setting(s, "security.password", f"scrypt${2 ** 14}$8$1${salt.hex()}${digest.hex()}")
    ws.close()
    refused = run_cli("--db", str(db), "alerts")
    assert refused.returncode == 2 and "TUOYU_PASSWORD" in refused.stderr
    wrong = run_cli("--db", str(db), "report", "monthly", "--month", "2026-10", env={"TUOYU_PASSWORD": "错"})
    assert wrong.returncode == 2 and "密码不正确" in wrong.stderr
    ok = run_cli("--db", str(db), "alerts", env={"TUOYU_PASSWORD": "托育2026"})
    assert ok.returncode == 0, ok.stderr
