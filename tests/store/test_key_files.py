"""Issue 27 items 3–4: a key file or backup header is trusted only with the parameters the program
writes; the password's scrypt cost is OWASP's floor, and key files of the old cost are upgraded at
the next unlock."""
import json
import time

import pytest

from tests.conftest import run_cli
from tuoyu_desktop.store import cipher
from tuoyu_desktop.store.errors import DatabaseFileError

PASSWORD = "托育2026ab"


def test_the_password_costs_an_attacker_owasps_floor():
    key = cipher.seal(cipher.new_recovery(), PASSWORD)
    assert (key.envelope["n"], key.envelope["r"], key.envelope["p"]) == (2 ** 17, 8, 1)
    assert cipher.unlock(key.envelope, PASSWORD).raw == key.raw


@pytest.mark.parametrize("change", [{"p": 40000}, {"n": 3}, {"n": 2 ** 20}, {"n": "131072"}, {"r": 1},
                                    {"n": True}, {"salt": "00"}, {"kdf": "pbkdf2"}, {"wrapped": "zz"}])
def test_a_key_file_with_parameters_the_program_never_writes_is_damaged_at_once(change):
    envelope = {**cipher.seal(cipher.new_recovery(), PASSWORD).envelope, **change}
    t = time.monotonic()
    with pytest.raises(DatabaseFileError, match="已损坏") as caught:
        cipher.unlock(envelope, PASSWORD, "备份文件 x.sqlite3")
    assert time.monotonic() - t < 2 and "请用恢复密钥打开" in str(caught.value)
    assert "Error" not in str(caught.value)


def test_the_recovery_key_still_opens_data_whose_key_file_is_damaged():
    key = cipher.seal(cipher.new_recovery(), PASSWORD)
    broken = {**key.envelope, "p": 40000}
    assert cipher.unlock(broken, cipher.format_recovery(key.recovery)).raw == key.raw


def test_a_key_file_of_the_older_cost_is_sealed_again_at_todays_on_unlock(tmp_path, monkeypatch):
    from tuoyu_desktop.services.security import open_key

    db = tmp_path / "tuoyu.sqlite3"
    monkeypatch.setattr(cipher, "N", 2 ** 14)
    old = cipher.seal(cipher.new_recovery(), PASSWORD)
    monkeypatch.undo()
    cipher.write_key_file(db, old)
    key = open_key(db, PASSWORD)
    stored = json.loads(cipher.key_file(db).read_text(encoding="utf-8"))
    assert stored["n"] == 2 ** 17 and stored["salt"] != old.envelope["salt"]
    assert key.raw == old.raw and open_key(db, PASSWORD).raw == old.raw  # same data key, same password


def test_a_crafted_key_file_beside_the_data_is_exit_2_not_an_hour(tmp_path):
    db = tmp_path / "tuoyu.sqlite3"
    env = {"TUOYU_PASSWORD": PASSWORD}
    assert run_cli("--db", str(db), "init", env=env).returncode == 0
    stored = json.loads(cipher.key_file(db).read_text(encoding="utf-8"))
    cipher.key_file(db).write_text(json.dumps({**stored, "p": 40000}), encoding="utf-8")
    t = time.monotonic()
    result = run_cli("--db", str(db), "alerts", "--date", "2026-11-25", env=env)
    assert time.monotonic() - t < 10
    assert result.returncode == 2 and "密钥文件已损坏" in result.stderr and "ValueError" not in result.stderr


def test_a_weak_password_is_refused_before_anything_is_encrypted(tmp_path):
    db = tmp_path / "tuoyu.sqlite3"
    result = run_cli("--db", str(db), "init", env={"TUOYU_PASSWORD": "111111"})
    assert result.returncode == 2 and "新密码" in result.stderr and "只有数字的密码至少要8位" in result.stderr
    assert not db.exists() and not cipher.key_file(db).exists()


def test_rekey_with_a_new_data_key_on_the_command_line_prints_the_new_recovery_key(tmp_path):
    db = tmp_path / "tuoyu.sqlite3"
    assert run_cli("--db", str(db), "demo", "--date", "2026-11-25", env={"TUOYU_PASSWORD": PASSWORD}).returncode == 0
    before = json.loads(cipher.key_file(db).read_text(encoding="utf-8"))["check"]
    result = run_cli("--db", str(db), "rekey", "--new-data-key",
                     env={"TUOYU_PASSWORD": PASSWORD, "TUOYU_NEW_PASSWORD": "新的密码2027"})
    assert result.returncode == 0, result.stderr
    assert "新的数据密钥" in result.stdout and "恢复密钥" in result.stdout
    assert json.loads(cipher.key_file(db).read_text(encoding="utf-8"))["check"] != before
    assert run_cli("--db", str(db), "alerts", "--date", "2026-11-25", env={"TUOYU_PASSWORD": PASSWORD}).returncode == 2
    ok = run_cli("--db", str(db), "alerts", "--date", "2026-11-25", env={"TUOYU_PASSWORD": "新的密码2027"})
    assert ok.returncode == 0, ok.stderr
