"""Names as real people write them, and the levels of 保育师 / 育婴员 certificates (SPEC §2)."""
import pytest

from tuoyu_desktop.domain.errors import Collector
from tuoyu_desktop.domain.parsing import find_emoji
from tuoyu_desktop.domain.reader import RowReader
from tuoyu_desktop.domain.search import matches, search_key
from tuoyu_desktop.domain.staffing import certificate_level

RARE_NAMES = ["刘䶮", "王堃", "张𬌗", "李𠈌", "陈𪚥", "赵𫟼", "钱𮯠", "孙𰻞", "周\U00031350", "阿卜杜拉·买买提", "欧阳〇"]


@pytest.mark.parametrize("name", RARE_NAMES)
def test_rare_characters_in_names_are_letters_not_emoji(name):
    assert find_emoji(name) is None


@pytest.mark.parametrize("name,emoji", [("王子涵😀", "😀"), ("小明❤️", "❤"), ("⭐星星班", "⭐"), ("李👍🏻", "👍"),
                                        ("乐乐🇨🇳", "🇨"), ("小宝1️⃣", "1️")])
def test_emoji_are_found_in_a_name(name, emoji):
    assert find_emoji(name) == emoji


def test_a_name_with_an_emoji_is_refused_with_a_chinese_message():
    errors = Collector()
    assert RowReader({"姓名": "王子涵😀"}, errors).name("姓名", True) == ""
    assert [str(p) for p in errors.problems] == [
        "姓名: 姓名不能包含表情符号“😀”（真实的姓名里没有表情符号，月报PDF也无法打印）"]


@pytest.mark.parametrize("name", RARE_NAMES + ["Alexander Maximilian von Hohenzollern-Sigmaringen Junior"])
def test_a_rare_or_long_name_is_kept_as_written(name):
    errors = Collector()
    assert RowReader({"姓名": f" {name} "}, errors).name("姓名", True) == name
    assert not errors


@pytest.mark.parametrize("query", ["𬌗", "张𬌗", "张𬌗 托小"])
def test_a_rare_character_finds_its_row(query):
    assert matches(search_key("张𬌗", "托小一班"), query)
    assert not matches(search_key("张三", "托小一班"), query)


@pytest.mark.parametrize("cert_type", ["保育师", "育婴员"])
@pytest.mark.parametrize("written,stored", [
    ("五级", "五级"), ("四级", "四级"), ("一级", "一级"), ("初级", "五级"), ("中级", "四级"), ("高级", "三级"),
    ("技师", "二级"), ("高级技师", "一级"), ("中级工", "四级"), ("四级/中级工", "四级"), ("三级（高级工）", "三级"),
    ("4级", "四级"), ("", "")])
def test_caregiver_levels_in_either_spelling_are_stored_as_one_level(cert_type, written, stored):
    assert certificate_level(cert_type, written) == stored


@pytest.mark.parametrize("cert_type,written", [("教师资格证", "幼儿园"), ("健康证", "A类"), ("其他", "中级")])
def test_a_level_on_another_certificate_is_kept_as_written(cert_type, written):
    assert certificate_level(cert_type, written) == written


@pytest.mark.parametrize("written", ["六级", "四级/高级", "专项"])
def test_a_caregiver_level_that_is_no_level_is_refused_naming_the_standard(written):
    with pytest.raises(ValueError, match="育婴员国家职业技能标准"):
        certificate_level("育婴员", written)
