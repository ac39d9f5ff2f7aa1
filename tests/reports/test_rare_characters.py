"""Names with rare characters (生僻字) print in every PDF, or the caller is told which ones cannot."""
import os
from datetime import date

import pytest
from sqlmodel import select

from tests.pdf import pdf_text
from tuoyu_desktop.reports import fonts, glyphs
from tuoyu_desktop.reports.document import make_styles
from tuoyu_desktop.reports.monthly_pdf import write_return_pdf
from tuoyu_desktop.reports.training_year import write_training_pdf
from tuoyu_desktop.services import returns
from tuoyu_desktop.services.centre import centre_profile
from tuoyu_desktop.services.training import year_view
from tuoyu_desktop.store.models import Child, Staff

YAN = "䶮"  # CJK Ext A: not in WenQuanYi Micro Hei, in Zen Hei; SimSun / SimSun-ExtB on Windows
PUA = "\ue8f0"  # Private Use Area: no font of any machine means this as a name character


def _text(pdf) -> str:
    return pdf_text(pdf).replace(" ", "")


def _printable_here(ch: str) -> bool:
    """Whether the main fonts or any fallback font on this machine draws ``ch``."""
    styles = make_styles()
    missing: set[str] = set()
    glyphs.runs(ch, styles["body"].fontName, fonts.fallbacks(), missing)
    return not missing


def _rename(session, model, old: str, new: str) -> None:
    row = session.exec(select(model).where(model.name == old)).one()
    row.name = new
    session.add(row)


def test_child_named_wang_yan_prints_in_the_monthly_return_alerts(demo, tmp_path):
    with demo.session() as s:
        _rename(s, Child, "何泽宇", f"王{YAN}")  # both are in the 预警 table (缺入托体检)
        _rename(s, Child, "范浩宇", f"李{PUA}")
    with demo.session() as s:
        snapshot = returns.build_snapshot(s, demo.profiles, "2026-10")
    notes: list[str] = []
    pdf = write_return_pdf(snapshot, tmp_path / "月报.pdf", notes=notes)
    text = _text(pdf)
    if _printable_here(YAN):  # true wherever WenQuanYi Zen Hei (CI) or SimSun is installed
        assert f"王{YAN}（彩虹混龄班）缺入托体检" in text
        assert not any(YAN in n for n in notes)
    else:
        assert any(YAN in n for n in notes)
    assert len(notes) == 1 and "U+E8F0" in notes[0] and "本机没有能显示以下字符的字体" in notes[0]
    assert "U+E8F0" in text  # said in the PDF itself too, instead of a silent blank


def test_staff_named_with_rare_characters_print_in_the_training_year_pdf(demo, tmp_path):
    with demo.session() as s:
        _rename(s, Staff, "任雪梅", f"王{YAN}")
        _rename(s, Staff, "卢静怡", "张堃")
    with demo.session() as s:
        rows = year_view(s, centre_profile(s, demo.profiles), 2026, date(2026, 11, 25))
    notes: list[str] = []
    text = _text(write_training_pdf(tmp_path / "培训.pdf", "小星星", 2026, date(2026, 11, 25), rows, "说明", notes=notes))
    assert "张堃" in text
    assert (f"王{YAN}" in text and not notes) if _printable_here(YAN) else (YAN in notes[0])


def test_a_report_of_common_characters_reads_no_other_font(monkeypatch):
    styles = make_styles()
    looked = []
    monkeypatch.setattr(glyphs, "read_cmap", lambda path: looked.append(path))
    assert styles.markup("天宁区小星星托育中心 陆文静 2026年10月 <A&B>") == \
        "天宁区小星星托育中心 陆文静 2026年10月 &lt;A&amp;B&gt;"
    assert looked == [] and styles.missing == set()


def test_only_the_rare_characters_are_wrapped_in_another_font(monkeypatch):
    styles = make_styles()
    main = styles["body"].fontName

    class OneFallback(glyphs.Fallbacks):
        def font_for(self, code):
            return "Other" if chr(code) in (YAN, "𬌗") else None

    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(main).face
    monkeypatch.setattr(face, "charToGlyph", {k: v for k, v in face.charToGlyph.items() if k not in (ord(YAN), 0x2C317)})
    monkeypatch.setattr(fonts, "_fallbacks", OneFallback())
    assert styles.markup(f"王{YAN}与李𬌗&{PUA}") == (f'王<font name="Other">{YAN}</font>与李<font name="Other">𬌗</font>&amp;'
                                                   f"{PUA}")
    assert styles.missing == {PUA}


#: the CJK font files the PDFs are drawn with here: 微软雅黑 on Windows, WenQuanYi on Linux
FONT_FILES = ([os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts", name) for name in ("msyh.ttc", "msyhbd.ttc")]
              if os.name == "nt" else ["/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                                       "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"])


@pytest.mark.parametrize("path", FONT_FILES)
def test_the_quick_character_map_agrees_with_reportlab(path):
    from pathlib import Path

    from reportlab.pdfbase.ttfonts import TTFontFile

    if not Path(path).is_file():
        pytest.skip(f"{path} is not here (.ci/run installs fonts-wqy on Linux)")
    quick = glyphs.read_cmap(Path(path))
    full = {code for code, glyph in TTFontFile(path, subfontIndex=0).charToGlyph.items() if glyph}
    assert quick and quick <= full and len(full - quick) <= 1  # Zen Hei maps U+FFFF, which no text holds


def test_rare_characters_print_in_the_voucher_claim_and_district_pdfs(demo, tmp_path):
    from tuoyu_desktop.exchange.district_inbox import summarise
    from tuoyu_desktop.exchange.return_workbook import write_return_xlsx
    from tuoyu_desktop.reports.district_pdf import write_district_pdf
    from tuoyu_desktop.reports.voucher_claim import write_claim_pdf
    from tuoyu_desktop.services.centre import centre_form, get_centre, update_centre
    from tuoyu_desktop.services.vouchers import monthly_claim

    with demo.session() as s:
        form = centre_form(get_centre(s))
        form.机构名称 = "堃宝托育中心"
        update_centre(s, form, demo.profiles)
    with demo.session() as s:
        profile = centre_profile(s, demo.profiles)
        claim = monthly_claim(s, profile, "2026-10")
        claim.rows[0] = claim.rows[0]._replace(child_name=f"王{YAN}")  # rows are plain (immutable) rows
        notes: list[str] = []
        claim_text = _text(write_claim_pdf(tmp_path / "申领.pdf", "堃宝托育中心", claim, date(2026, 11, 25), notes=notes))
        s.rollback()
        write_return_xlsx(returns.build_snapshot(s, demo.profiles, "2026-10"), tmp_path / "U盘" / "a.xlsx")
    district_text = _text(write_district_pdf(summarise(tmp_path / "U盘", "2026-10", profile), tmp_path / "区县.pdf",
                                             notes=notes))
    assert "堃宝托育中心" in claim_text and "堃宝托育中心" in district_text
    assert (f"王{YAN}" in claim_text and not notes) if _printable_here(YAN) else YAN in notes[0]


ASTRAL = ("李\U0002C317", "王\U0002020C")  # 𬌗 (Ext E), 𠈌 (Ext B): beyond the Basic Plane, as on 户口 pages


def test_names_beyond_the_basic_plane_print_from_a_font_that_has_them(demo, tmp_path):
    """Windows has SimSun-ExtB; the Linux test machines get HanaMinB (fonts-hanazono, see .ci/run)."""
    import os

    if not all(_printable_here(n[1]) for n in ASTRAL):
        if os.environ.get("CI"):
            pytest.fail("CI installs fonts-hanazono, whose HanaMinB has these characters")
        pytest.skip("no font with CJK Ext B/E here (apt-get install fonts-hanazono)")
    with demo.session() as s:
        _rename(s, Child, "何泽宇", ASTRAL[0])
        _rename(s, Child, "范浩宇", ASTRAL[1])
    with demo.session() as s:
        snapshot = returns.build_snapshot(s, demo.profiles, "2026-10")
    notes: list[str] = []
    text = _text(write_return_pdf(snapshot, tmp_path / "月报.pdf", notes=notes))
    assert notes == []
    for name in ASTRAL:
        assert f"{name}（彩虹混龄班）缺入托体检" in text
