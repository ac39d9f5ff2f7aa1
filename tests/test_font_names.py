"""A Chinese Windows lists its fonts to Tk by their Chinese names (issue 31): 微软雅黑, 宋体. The chooser
knew only the English ones and fell back to a font whose digits were boxes."""
from tuoyu_desktop.ui import fonts


def choose_from(monkeypatch, listed):
    monkeypatch.setattr(fonts.tkfont, "families", lambda root=None: tuple(listed))
    return fonts.choose_family(None)


def test_the_chinese_names_of_windows_fonts_are_known(monkeypatch):
    assert choose_from(monkeypatch, ["Arial", "宋体", "微软雅黑", "Courier New"]) == "微软雅黑"
    assert choose_from(monkeypatch, ["Arial", "宋体", "Courier New", "@宋体"]) == "宋体"
    assert choose_from(monkeypatch, ["Arial", "黑体", "宋体"]) == "黑体"


def test_an_english_listing_still_prefers_yahei(monkeypatch):
    assert choose_from(monkeypatch, ["SimSun", "Microsoft YaHei", "Microsoft YaHei UI"]) == "Microsoft YaHei UI"
    assert choose_from(monkeypatch, ["Arial"]) is None
