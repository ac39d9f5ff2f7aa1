"""The growth chart for the parents and the 体检统计 table (SPEC §9), read back as a person would."""
from datetime import date

from openpyxl import load_workbook
from sqlmodel import select

from tests.pdf import pdf_fonts, pdf_text
from tuoyu_desktop.exchange.checkup_export import write_checkup_xlsx
from tuoyu_desktop.reports.growth_pdf import write_checkup_pdf, write_growth_chart
from tuoyu_desktop.services.growth import checkup_stats, child_growth
from tuoyu_desktop.store.models import Child, Measurement

TODAY = date(2026, 11, 25)


def _text(pdf):
    return pdf_text(pdf).replace(" ", "")


def test_a_parent_gets_the_growth_chart_with_name_dates_curves_and_the_childs_points(demo, tmp_path):
    with demo.session() as s:
        child = s.exec(select(Child).join(Measurement, Measurement.child_id == Child.id)).first()
        growth = child_growth(s, demo.profiles, child.id, TODAY)
    pdf = write_growth_chart(tmp_path / "生长曲线.pdf", "天宁区小星星托育中心", growth, TODAY)
    fonts = pdf_fonts(pdf)
    assert fonts and all(f.embedded for f in fonts)
    text = _text(pdf)
    assert f"{growth.name}生长发育曲线" in text and "年龄别体重" in text and "年龄别身长/身高" in text
    assert "中位数" in text and "+2SD" in text and "本人测量值" in text
    assert "2026年11月25日" in text and f"{growth.birth_date.year}年" in text
    assert all(r.measured_on.isoformat() in text for r in growth.rows) and len(growth.rows) == 2


def test_the_class_checkup_table_has_counts_as_numbers_in_the_workbook_and_the_pdf(demo, tmp_path):
    with demo.session() as s:
        stats = checkup_stats(s, TODAY)
    xlsx = write_checkup_xlsx(tmp_path / "体检统计.xlsx", "天宁区小星星托育中心", TODAY, stats)
    ws = load_workbook(xlsx)["体检统计"]
    header = [c.value for c in ws[2]]
    assert header[:4] == ["班级", "在托人数", "半年内已体检", "体检覆盖率%"] and "贫血" in header
    total = [c.value for c in ws[ws.max_row]]
    assert total[0] == "合计" and all(isinstance(v, (int, float)) for v in total[1:])
    assert total[1] == sum(s.enrolled for s in stats[:-1])
    pdf = write_checkup_pdf(tmp_path / "体检统计.pdf", "天宁区小星星托育中心", TODAY, stats)
    text = _text(pdf)
    assert "天宁区小星星托育中心体检统计" in text and "托小一班" in text and "合计" in text
