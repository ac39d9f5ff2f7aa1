"""恢复密钥单: the key is what a person types back one day; it must print whole, never broken."""
from datetime import datetime

from tests.pdf import pdf_text
from tuoyu_desktop.reports.recovery_sheet import write_recovery_sheet
from tuoyu_desktop.store.cipher import DataKey, format_recovery, new_recovery
from tuoyu_desktop.store.peek import CentreName


def test_the_recovery_key_prints_on_one_line_with_every_group_whole(tmp_path):
    key = DataKey(recovery=new_recovery(), envelope=None)
    text = format_recovery(key.recovery)
    pdf = write_recovery_sheet(tmp_path / "恢复密钥单.pdf", key, CentreName("阳光托育园", "91320402MA1XK2P3TD"),
                               tmp_path / "tuoyu.sqlite3", now=datetime(2026, 12, 3, 9, 0))
    lines = pdf_text(pdf, layout=True).splitlines()
    assert any(line.strip() == text for line in lines), [line for line in lines if "-" in line]
