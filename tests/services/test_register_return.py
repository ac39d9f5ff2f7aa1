"""The return's daily-register rows (SPEC §8): 格式版本 2 with A01–A12; locked version-1 months stay
as they were; the district sums A counts of version-2 files only and recomputes the A rates."""
import json
from datetime import date
from decimal import Decimal

from tuoyu_desktop.domain.indicators import CODES, CODES_V2, checksum
from tuoyu_desktop.exchange.district_inbox import summarise
from tuoyu_desktop.exchange.return_reader import read_return
from tuoyu_desktop.exchange.return_workbook import write_return_xlsx
from tuoyu_desktop.services import returns
from tuoyu_desktop.services.district import Centre, add_up

TODAY = date(2026, 11, 25)


def test_the_return_carries_a01_to_a12_and_reads_back_with_its_checksum(demo, tmp_path):
    with demo.session() as s:
        snap = returns.get_return(s, demo.profiles, "2026-10", today=TODAY)
    assert snap["format_version"] == 2 and snap["figures"]["A01"] == 18  # October 2026: 国庆 7 days off, 10月10日 调休 worked
    back = read_return(write_return_xlsx(snap, tmp_path / "r.xlsx"))
    assert back.format_version == "2" and back.checksum_ok and [r[0] for r in back.rows] == list(CODES_V2)
    # growth rows (SPEC §9): the demo measures every enrolled child twice in the half year
    assert back.figures["G02"] == snap["figures"]["G02"] == snap["figures"]["E01"] and back.figures["G03"] == 100
    assert [back.figures[g] for g in ("G04", "G05", "G06", "G07")] == [snap["figures"][g] for g in
                                                                         ("G04", "G05", "G06", "G07")]


def test_a_month_locked_as_version_1_keeps_its_rows_and_checksum(demo, tmp_path):
    with demo.session() as s:
        snap = returns.build_snapshot(s, demo.profiles, "2026-10")
    old = {**snap, "format_version": 1, "figures": {k: v for k, v in snap["figures"].items() if k in CODES}}
    old["checksum"] = checksum(returns.indicator_rows(old["figures"]))
    back = read_return(write_return_xlsx(json.loads(json.dumps(old)), tmp_path / "old.xlsx"))
    assert back.format_version == "1" and back.checksum_ok and [r[0] for r in back.rows] == list(CODES)


def test_a_locked_month_keeps_its_a_figures_after_a_correction(demo):
    with demo.session() as s:
        snap = returns.get_return(s, demo.profiles, "2026-10", today=TODAY)
        returns.lock(s, snap, today=TODAY)
    with demo.session() as s:
        from sqlmodel import delete

        from tuoyu_desktop.store.models import AttendanceMark
        s.exec(delete(AttendanceMark))
    with demo.session() as s:
        again = returns.get_return(s, demo.profiles, "2026-10", today=TODAY)
        fresh = returns.build_snapshot(s, demo.profiles, "2026-10")
    assert snap["figures"]["A03"] > 0 and again["figures"]["A03"] == snap["figures"]["A03"]
    assert again["checksum"] == snap["checksum"]
    assert fresh["figures"]["A03"] == 0


def _centre(version, **a):
    figures = {code: None for code in CODES_V2}
    figures.update(a)
    return Centre("f.xlsx", "x", "u", "t", False, figures, version)


def test_the_district_recomputes_a_rates_from_version_2_sums_and_counts_version_1_centres():
    totals = add_up([_centre(2, A02=100, A03=90, A05=5, A07=90), _centre(2, A02=50, A03=30, A05=10, A07=15),
                     _centre(1)])
    assert totals["A02"] == 150 and totals["A03"] == 120
    assert totals["A04"] == Decimal("80.0") and totals["A06"] == Decimal("10.0") and totals["A08"] == Decimal("87.5")
    assert add_up([_centre(1)])["A04"] is None


def test_the_district_recomputes_g03_from_the_version_2_centres_own_enrolment():
    # 40 of 50 and 30 of 30 measured: 70 of 80 = 87.5 %; the version-1 centre's 100 children are not in it
    totals = add_up([_centre(2, E01=50, G02=40, G04=2), _centre(2, E01=30, G02=30, G04=1), _centre(1, E01=100)])
    assert (totals["G02"], totals["G03"], totals["G04"]) == (70, Decimal("87.5"), 3)
    assert totals["E01"] == 180


def test_the_district_accepts_version_1_and_2_and_says_how_many_sent_version_1(demo, tmp_path):
    with demo.session() as s:
        snap = returns.build_snapshot(s, demo.profiles, "2026-10")
    write_return_xlsx(snap, tmp_path / "new.xlsx")
    old = {**snap, "format_version": 1, "figures": {k: v for k, v in snap["figures"].items() if k in CODES}}
    old["cover"] = {**snap["cover"], "统一社会信用代码": "91320402MA1XK2P3XB"}
    old["checksum"] = checksum(returns.indicator_rows(old["figures"]))
    write_return_xlsx(old, tmp_path / "old.xlsx")
    summary = summarise(tmp_path, "2026-10", demo.profiles["通用"])
    assert len(summary.centres) == 2, summary.problems
    assert summary.version_1 == 1 and "1家机构报送的是格式版本1" in summary.version_note
    assert summary.totals["A03"] == snap["figures"]["A03"]
