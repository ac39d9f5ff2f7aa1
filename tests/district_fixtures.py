"""Fixtures of the district summary's tests (a folder of returns as a clerk receives it), shared by
the service tests and the 区县汇总 page's tests (registered in tests/conftest.py)."""
import shutil
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from tuoyu_desktop.exchange.return_workbook import write_return_xlsx
from tuoyu_desktop.services import returns
from tuoyu_desktop.services.centre import centre_form, get_centre, update_centre
from tuoyu_desktop.services.demo import fill_demo, make_uscc

CENTRES = [("甲托育园", "91320402MA1XK2P3A", "茶山街道"), ("乙托育园", "91320402MA1XK2P3B", "茶山街道"),
           ("丙托育园", "91320402MA1XK2P3C", "红梅街道")]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    from tuoyu_desktop.services.workspace import open_workspace

    root = tmp_path_factory.mktemp("district")
    inbox = root / "U盘"
    (inbox / "第二批").mkdir(parents=True)
    snapshots = []
    for i, (name, body, town) in enumerate(CENTRES):
        ws = open_workspace(root / f"c{i}.sqlite3")
        with ws.session() as s:
            fill_demo(s, ws.profiles, date(2026, 11, 25))
            form = centre_form(get_centre(s))
            form.机构名称, form.统一社会信用代码, form.所属镇街 = name, make_uscc(body), town
            form.是否普惠机构 = i != 2
            update_centre(s, form, ws.profiles)
        with ws.session() as s:
            snap = returns.build_snapshot(s, ws.profiles, "2026-10")
            other_month = returns.build_snapshot(s, ws.profiles, "2026-09")
        ws.close()
        snapshots.append(snap)
        write_return_xlsx(snap, (inbox if i < 2 else inbox / "第二批") / f"{name}.xlsx")
    write_return_xlsx(other_month, inbox / "丙托育园_九月.xlsx")  # wrong month
    tampered = inbox / "被改过.xlsx"
    shutil.copy(inbox / "甲托育园.xlsx", tampered)
    wb = load_workbook(tampered)
    wb["封面"]["B3"] = make_uscc("91320402MA1XK2P3E")
    wb["指标"]["C8"] = wb["指标"]["C8"].value + 5
    wb.save(tampered)
    shutil.copy(inbox / "乙托育园.xlsx", inbox / "第二批" / "乙托育园(1).xlsx")  # the same file twice: counted once
    again = load_workbook(inbox / "乙托育园.xlsx")  # 乙 sent a second, different workbook: neither is counted
    again.save(inbox / "乙托育园_重报.xlsx")
    (inbox / "说明.xlsx").write_bytes(b"not really a workbook")
    roster = Workbook()
    roster.active.append(["统一社会信用代码", "机构名称", "所属镇街"])
    for name, body, town in CENTRES + [("丁托育园", "91320402MA1XK2P3D", "红梅街道")]:
        roster.active.append([make_uscc(body), name, town])
    roster.save(inbox / "机构名单.xlsx")
    return inbox, snapshots


@pytest.fixture(scope="module")
def workspace_profiles():
    from tuoyu_desktop import paths
    from tuoyu_desktop.domain.policy import load_profiles

    return load_profiles(paths.policies_dir())
