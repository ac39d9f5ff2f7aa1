"""A CJK font parsed on one run is read back on the next, and the PDF does not change because of it."""
import os
import shutil

import pytest

from tuoyu_desktop import paths
from tuoyu_desktop.reports import fontcache, fonts


@pytest.fixture
def font_file(tmp_path):
    found = fonts._find(fonts.REGULAR_NAMES, fonts._system_dirs())
    if found is None:
        pytest.skip("no CJK TrueType font on this machine")
    copy = tmp_path / "fonts" / found.name
    copy.parent.mkdir()
    shutil.copy(found, copy)
    return copy


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setattr(paths, "cache_dir", lambda: folder)
    return folder


def _pdf(font, path):
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(font)
    old, rl_config.invariant = rl_config.invariant, 1  # no time stamp or random id in the file
    try:
        c = Canvas(str(path))
        c.setFont(font.fontName, 12)
        c.drawString(72, 720, "托育机构月报 在托幼儿 彩虹混龄班 E01 123")
        c.save()
    finally:
        rl_config.invariant = old
    return path.read_bytes()


def test_second_return_reads_the_parsed_font_and_prints_the_same_pdf(font_file, cache, tmp_path):
    first = fontcache.ttfont("CacheTestA", font_file)
    assert len(list((cache / "fonts").glob("*.rlfont"))) == 1
    second = fontcache.ttfont("CacheTestB", font_file)
    assert second.face is not first.face  # not the same object: it came from the file in the cache
    assert second.face.charToGlyph == first.face.charToGlyph
    assert second.face.charWidths == first.face.charWidths
    assert second.face.name == first.face.name and second.face.name.ustr == first.face.name.ustr
    second.fontName = first.fontName = "CacheTest"
    assert _pdf(second, tmp_path / "b.pdf") == _pdf(first, tmp_path / "a.pdf")


def test_a_replaced_font_file_is_parsed_again_not_read_from_the_old_cache(font_file, cache):
    fontcache.ttfont("CacheTestA", font_file)
    st = font_file.stat()
    os.utime(font_file, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # e.g. a font updated by the system
    before = set((cache / "fonts").glob("*.rlfont"))
    fontcache.ttfont("CacheTestA", font_file)
    after = set((cache / "fonts").glob("*.rlfont"))
    assert len(after) == 1 and after != before  # parsed again; the old entry is not kept


def test_a_damaged_cache_file_is_ignored_and_the_font_still_loads(font_file, cache):
    fresh = fontcache.ttfont("CacheTestA", font_file)
    for kept in (cache / "fonts").glob("*.rlfont"):
        kept.write_bytes(kept.read_bytes()[:1000])  # cut short, as by a full disk
    again = fontcache.ttfont("CacheTestA", font_file)
    assert again.face.charToGlyph == fresh.face.charToGlyph


def test_a_cache_folder_that_cannot_be_written_costs_nothing_but_time(font_file, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setattr(paths, "cache_dir", lambda: blocker)
    assert fontcache.ttfont("CacheTestA", font_file).face.charToGlyph
