"""Growth and health checks as the centre uses them (SPEC §9): a child's list, a class's measuring
day, the 体检 alerts, the 体检统计 and G01–G07 from stored data."""
from datetime import date

import pytest
from sqlmodel import select

from tests.exchange.conftest import CLASSES, TODAY, child_row, make_id
from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.domain.who2006 import LENGTH_FOR_AGE, WEIGHT_FOR_AGE, value_at
from tuoyu_desktop.services import growth as svc
from tuoyu_desktop.services.alerts import collect_alerts
from tuoyu_desktop.store.models import Child, Measurement, SchoolClass

BOY, GIRL = date(2025, 6, 10), date(2024, 3, 5)


@pytest.fixture
def centre(importer):
    importer("classes", CLASSES)
    importer("children", [child_row(入托体检日期="2026-08-20"),
                          child_row("李欣怡", GIRL, 2, "托大一班", 入托体检日期="2026-05-25", 入托日期="2026-06-01"),
                          child_row("张新来", date(2025, 5, 1), 3, "托小一班")])


def measure(importer, birth, seq, on, length, weight, **kw):
    row = {"身份证号": make_id(birth, seq), "测量日期": on.isoformat(), "身长身高": length, "体重": weight, **kw}
    importer("measurements", [row])


def at_z(indicator, sex, birth, on, z, places):
    return round(value_at(indicator, sex, (on - birth).days, z), places)


def ids(workspace):
    with workspace.session() as s:
        return {c.name: c.id for c in s.exec(select(Child))}


def test_a_thin_boy_shows_as_underweight_in_his_list(centre, importer, workspace):
    on = date(2026, 11, 20)
    weight = at_z(WEIGHT_FOR_AGE, "男", BOY, on, -2.6, 2)
    length = at_z(LENGTH_FOR_AGE, "男", BOY, on, 0, 1)
    measure(importer, BOY, 1, on, length, weight, 血红蛋白=105)
    with workspace.session() as s:
        g = svc.child_growth(s, workspace.profiles, ids(workspace)["王子涵"], TODAY)
    (row,) = g.rows
    assert g.class_name == "托小一班" and row.age_months == 17
    assert -2.7 < row.waz < -2.5 and abs(row.laz) < 0.1 and row.wlz < -2
    assert row.classes == ("低体重", "消瘦", "贫血")


def test_a_measuring_day_is_saved_for_the_whole_class_or_not_at_all(centre, workspace):
    with workspace.session() as s:
        klass = s.exec(select(SchoolClass).where(SchoolClass.name == "托小一班")).one()
        sheet = svc.measuring_sheet(s, klass.id, date(2026, 11, 20))
    assert [r.name for r in sheet.rows] == ["王子涵", "张新来"]  # 拼音 order: wang before zhang
    by_name = {r.name: r.child_id for r in sheet.rows}
    bad = {by_name["王子涵"]: {"身长身高": "81.5", "体重": "1.2"}, by_name["张新来"]: {"身长身高": "82", "体重": "11"}}
    with workspace.session() as s, pytest.raises(InputError) as err:
        svc.save_measuring_day(s, workspace.profiles, TODAY, klass.id, date(2026, 11, 20), bad)
    assert [str(p) for p in err.value.problems] == ["王子涵 体重: 1.2 kg不在2.0–30.0 kg之间（3岁以下幼儿体重的合理范围，请核对是否输错）"]
    with workspace.session() as s:
        assert s.exec(select(Measurement)).all() == []
    good = {by_name["王子涵"]: {"身长身高": "81.5", "体重": "10.2", "血红蛋白": "121", "听力筛查": "通过"},
            by_name["张新来"]: {"身长身高": "", "体重": ""}}  # absent that day
    with workspace.session() as s:
        changes = svc.save_measuring_day(s, workspace.profiles, TODAY, klass.id, date(2026, 11, 20), good,
                                         "茶山社区卫生服务中心")
    assert "1人" in changes.message and changes.touches("measurements")
    with workspace.session() as s:
        (m,) = s.exec(select(Measurement)).all()
        assert (m.length_cm, m.position, m.hb_g_l, m.institution) == (81.5, "身长", 121, "茶山社区卫生服务中心")
        again = svc.measuring_sheet(s, klass.id, date(2026, 11, 20))
    assert {r.name: r.values["体重"] for r in again.rows} == {"张新来": "", "王子涵": "10.2"}


def test_checks_due_within_30_days_or_overdue_are_alerts_under_体检(centre, importer, workspace):
    measure(importer, GIRL, 2, date(2026, 6, 10), 88, 12.5, 血红蛋白=120, 听力筛查="通过")
    with workspace.session() as s:
        lines = [a.line() for a in collect_alerts(s, workspace.profiles, TODAY)]
    girl = [line for line in lines if "李欣怡" in line]
    assert any("定期体检将于2026-12-10到期" in line for line in girl)
    assert "【体检】李欣怡 定期体检将于2026-12-10到期（还有15天，上次2026-06-10）" in girl
    # the boy's admission check (2026-08-20) makes his next check due in February: not yet an alert
    assert not any("王子涵" in line and "定期体检" in line for line in lines)
    # the child without any check is told once, as 缺入托体检, not again as a missing 体检
    newcomer = [line for line in lines if "张新来" in line]
    assert any("缺入托体检" in line for line in newcomer)
    assert not any("体检将于" in line or "已逾期" in line or "血红蛋白" in line for line in newcomer)
    with workspace.session() as s:
        later = [a.line() for a in collect_alerts(s, workspace.profiles, date(2027, 1, 5))]
    assert any("李欣怡 定期体检已逾期26天" in line for line in later)


def test_growth_figures_for_the_return_come_from_the_stored_measurements(centre, importer, workspace):
    on = date(2026, 11, 10)
    measure(importer, BOY, 1, on, at_z(LENGTH_FOR_AGE, "男", BOY, on, -2.5, 1),
            at_z(WEIGHT_FOR_AGE, "男", BOY, on, -2.5, 2), 血红蛋白=100)
    measure(importer, GIRL, 2, date(2026, 6, 10), 88, 12.5)  # 5 months before the month's end: counts
    with workspace.session() as s:
        figures = svc.growth_month_figures(s, workspace.profiles, "2026-11")
        stats = svc.checkup_stats(s, date(2026, 11, 30))
    assert figures["G01"] == 1 and figures["G02"] == 2 and str(figures["G03"]) == "66.7"
    assert (figures["G04"], figures["G05"], figures["G07"]) == (1, 1, 1)
    total = stats[-1]
    assert (total.class_name, total.enrolled, total.measured) == ("合计", 3, 2)
    assert total.counts["低体重"] == 1 and total.counts["生长迟缓"] == 1 and total.counts["贫血"] == 1
    small = next(s for s in stats if s.class_name == "托小一班")
    assert (small.enrolled, small.measured, str(small.coverage)) == (2, 1, "50.0")


def _attended(importer, birth, seq, *days):
    importer("attendance", [{"身份证号": make_id(birth, seq), "日期": d, "出勤": "是"} for d in days])


def test_a_child_back_after_more_than_three_months_away_needs_a_return_check(centre, importer, workspace):
    """SPEC §2/§9: absence of 3 months or more requires a new check before returning. The absence is
    read from the daily register: no 出勤 from 6月2日 to 10月12日 while the register was kept."""
    _attended(importer, GIRL, 2, "2026-06-02", "2026-10-12")
    _attended(importer, BOY, 1, "2026-09-01", "2026-09-15", "2026-10-09")  # the register was in use meanwhile
    lines = [a.text for a in _alerts(workspace) if a.group == "体检"]
    assert any(t.startswith("李欣怡 返托体检已逾期") and "返回日2026-10-12" in t for t in lines), lines
    measure(importer, GIRL, 2, date(2026, 10, 13), 92.0, 13.2)  # the check is done: the alert goes
    assert not any("返托体检" in a.text for a in _alerts(workspace))


def test_a_gap_in_the_register_itself_is_no_absence(centre, importer, workspace):
    """A centre that did not keep the register for a while: nobody was 'away' in that time."""
    _attended(importer, GIRL, 2, "2026-06-02", "2026-10-12")
    assert not any("返托体检" in a.text for a in _alerts(workspace))


def _alerts(workspace):
    with workspace.session() as s:
        return collect_alerts(s, workspace.profiles, TODAY)
