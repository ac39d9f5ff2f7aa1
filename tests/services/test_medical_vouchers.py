"""医育结合 and 体验券 told as the manager's stories."""
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from tests.exchange.conftest import make_id
from tests.pdf import pdf_text
from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.services import medical, vouchers
from tuoyu_desktop.services.alerts import collect_alerts
from tuoyu_desktop.services.centre import CentreForm, update_centre
from tuoyu_desktop.services.forms import record_values, save_record
from tuoyu_desktop.store.models import Agreement, VoucherRedemption

TODAY = date(2026, 11, 25)
KID = make_id(date(2025, 1, 5), 5)


@pytest.fixture
def tianning(workspace):
    with workspace.session() as s:
        update_centre(s, CentreForm(机构名称="阳光托育园", 统一社会信用代码="91350100M000100Y43", 政策方案="天宁区"),
                      workspace.profiles)
    return workspace


def agreement(workspace, **kw):
    values = {"医疗机构名称": "茶山社区卫生服务中心", "协议编号": "YY-1", "签订日期": "2026-01-05", "生效日期": "2026-01-10",
              "到期日期": "2027-01-09", "健康指导员": "周海燕", "联系电话": "0519-88102345"}
    values.update(kw)
    with workspace.session() as s:
        return save_record(s, "agreements", values, workspace.profiles, TODAY)


def lines(workspace, day=TODAY):
    with workspace.session() as s:
        return [a.line() for a in collect_alerts(s, workspace.profiles, day) if a.group == "医育结合"]


def test_a_renewal_that_starts_before_the_old_agreement_ends_is_accepted_and_silences_the_expiry_alert(workspace):
    agreement(workspace)
    assert any("协议将于2027-01-09到期" in line for line in lines(workspace))
    agreement(workspace, 协议编号="YY-2", 生效日期="2026-12-01", 到期日期="2027-11-30", 签订日期="2026-11-20")
    with workspace.session() as s:
        assert [r.number for r in medical.agreement_rows(s, TODAY)] == ["YY-2", "YY-1"]
    assert not any("到期" in line for line in lines(workspace))


def test_editing_an_agreement_is_not_an_overlap_with_itself(workspace):
    agreement(workspace)
    with workspace.session() as s:
        row = medical.agreement_rows(s, TODAY)[0]
        save_record(s, "agreements", {**record_values(s, "agreements", row.id, workspace.profiles, TODAY),
                                   "健康指导员": "王医生"}, workspace.profiles, TODAY, row.id)
    with workspace.session() as s:
        rows = medical.agreement_rows(s, TODAY)
        assert len(rows) == 1 and s.get(Agreement, rows[0].id).health_guide == "王医生"


def test_agreement_alerts_no_agreement_expiring_and_no_recent_visit(workspace):
    assert "【医育结合】2026-11-25没有有效的医育结合服务协议（应与辖区医疗卫生机构签订，各地方案要求托育机构全部签约）" in lines(workspace)
    agreement(workspace)
    assert any("协议将于2027-01-09到期（还有45天）" in l for l in lines(workspace))
    assert any("近3个月没有医疗机构到园指导（还没有指导记录）" in l for l in lines(workspace))
    with workspace.session() as s:
        save_record(s, "visits", {"日期": "2026-10-20", "内容": "晨检指导", "指导人员": "周海燕"}, workspace.profiles, TODAY)
    assert not any("到园指导" in l for l in lines(workspace))
    assert any("近3个月没有医疗机构到园指导（最近一次是2026-10-20）" in l for l in lines(workspace, date(2027, 1, 25)))


def redeem(workspace, serial, day="2026-10-12", **kw):
    values = {"券号": serial, "幼儿姓名": "小明", "身份证号": KID, "监护人": "李建华", "联系电话": "13812345678",
              "兑换日期": day, "天数": "1"}
    values.update(kw)
    with workspace.session() as s:
        return save_record(s, "vouchers", values, workspace.profiles, TODAY)


def test_redeeming_up_to_the_cap_and_the_sixth_is_refused_saying_how_many_were_used(tianning):
    for i in range(5):
        redeem(tianning, f"TN00{i}", f"2026-10-1{i}")
    with pytest.raises(InputError) as err:
        redeem(tianning, "TN009", "2026-10-20")
    assert err.value.for_field("身份证号") == ["小明累计已使用5次，再兑换1次将超过每名幼儿最多5次（天宁区政策方案）"]


def test_a_used_serial_is_refused_saying_when_and_for_whom(tianning):
    redeem(tianning, "TN001")
    with pytest.raises(InputError) as err:
        redeem(tianning, "TN001", 幼儿姓名="小红", 身份证号=make_id(date(2025, 2, 5), 7))
    assert err.value.for_field("券号") == [f"券号TN001已于2026-10-12为小明（320402********{KID[-4:]}）使用过，每张券只能用一次"]


def test_a_date_outside_the_profile_validity_and_an_ineligible_age_are_refused(tianning, monkeypatch):
    profile = tianning.profiles["天宁区"]
    limited = replace(profile, voucher=replace(profile.voucher, valid_to=date(2026, 6, 30)))
    monkeypatch.setitem(tianning.profiles, "天宁区", limited)
    with pytest.raises(InputError) as err:
        redeem(tianning, "TN100", "2026-10-12")
    assert err.value.for_field("兑换日期") == ["体验券已于2026-06-30到期（天宁区政策方案）"]
    with pytest.raises(InputError) as err:
        redeem(tianning, "TN101", "2026-06-01", 身份证号=make_id(date(2023, 1, 1), 3))
    assert "不在体验券适用月龄（0–36个月）内" in err.value.for_field("身份证号")[0]


def test_deleting_a_redemption_needs_a_reason_and_keeps_the_serial_used(tianning):
    redeem(tianning, "TN001")
    with tianning.session() as s:
        rid = s.exec(select(VoucherRedemption)).one().id
    with pytest.raises(InputError):
        with tianning.session() as s:
            vouchers.delete_redemption(s, rid, "  ")
    with tianning.session() as s:
        vouchers.delete_redemption(s, rid, "录入错误")
    with tianning.session() as s:
        r = s.get(VoucherRedemption, rid)
        assert r.deleted_at is not None and r.delete_reason == "录入错误"
        assert vouchers.redemption_rows(s, tianning.profiles["天宁区"]) == []
    with pytest.raises(InputError):
        redeem(tianning, "TN001")
    for i in range(5):  # the deleted one no longer counts against the cap
        redeem(tianning, f"TN10{i}", f"2026-10-1{i}")


def test_the_monthly_claim_lists_every_redemption_and_adds_up(tianning, tmp_path):
    from tuoyu_desktop.reports.voucher_claim import write_claim_pdf, write_claim_xlsx

    redeem(tianning, "TN001", "2026-10-12")
    redeem(tianning, "TN002", "2026-10-13", 天数="2")
    redeem(tianning, "TN003", "2026-11-02")
    with tianning.session() as s:
        claim = vouchers.monthly_claim(s, tianning.profiles["天宁区"], "2026-10")
    assert (claim.days, claim.children, claim.amount) == (3, 1, 300)
    xlsx = write_claim_xlsx(tmp_path / "申领.xlsx", "阳光托育园", claim)
    ws = load_workbook(xlsx).active
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert values[-1][-2:] == [3, 300] and values[0][3] == f"320402********{KID[-4:]}"
    pdf = write_claim_pdf(tmp_path / "申领.pdf", "阳光托育园", claim, TODAY)
    text = pdf_text(pdf).replace(" ", "")
    assert "阳光托育园2026年10月托育服务体验券申领表" in text and "¥300.00" in text and "负责人签字" in text


def test_the_claim_pdf_never_breaks_a_number_a_phone_or_a_heading_across_lines(tianning):
    """序号 and 天数 printed as 序/号 and 天/数, and phones split across two lines."""
    from tuoyu_desktop.reports.document import make_styles
    from tuoyu_desktop.reports.voucher_claim import NAMES, claim_table

    redeem(tianning, "TN001", "2026-10-12")
    redeem(tianning, "TN002", "2026-10-13", 天数="2")
    with tianning.session() as s:
        claim = vouchers.monthly_claim(s, tianning.profiles["天宁区"], "2026-10")
    styles = make_styles()
    for full in (False, True):
        table = claim_table(claim, styles, full)
        assert sum(table._colWidths) <= 180 * 72 / 25.4 + 0.5
        for r, row in enumerate(table._cellvalues):
            for c, para in enumerate(row):
                if c in NAMES:
                    continue
                para.wrap(table._colWidths[c] - 12, 1000)
                assert len(para.blPara.lines) <= 1, (r, c, para.text)
