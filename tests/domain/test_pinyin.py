"""Names sort and are found the Chinese way: by 拼音, with 生僻字 still found by themselves."""
from tuoyu_desktop.domain.pinyin import compare, sort_key, spellings
from tuoyu_desktop.domain.search import matches, search_key


def test_names_sort_by_pinyin_not_by_code_point():
    names = ["张子怡", "梁思琪", "王子涵", "陈书瑶", "安琪"]
    assert sorted(names) != sorted(names, key=sort_key)  # code points put 张 before 梁 and 王 after it
    assert sorted(names, key=sort_key) == ["安琪", "陈书瑶", "梁思琪", "王子涵", "张子怡"]
    assert compare("王", "梁") > 0 and compare("王", "张") < 0 and compare("王子涵", "王子涵") == 0


def test_a_rare_character_still_sorts_and_is_found_by_itself():
    names = ["张三", "𬌗明", "䶮丽", "李四"]
    ordered = sorted(names, key=sort_key)
    assert set(ordered) == set(names) and ordered.index("李四") < ordered.index("张三")
    assert matches(search_key("𬌗明"), "𬌗") and matches(search_key("䶮丽"), "䶮")


def test_pinyin_initials_and_syllables_find_a_child():
    key = search_key("张子怡", "110105202406100021", "13812345678")
    assert matches(key, "zzy") and matches(key, "ZZY") and matches(key, "zhangziyi") and matches(key, "ziyi")
    assert matches(key, "张子") and matches(key, "0610") and not matches(key, "wzh")
    assert spellings("王子涵 托小一班") == "wzh txyb wangzihan tuoxiaoyiban"


def test_text_without_chinese_has_no_spellings_and_is_matched_as_before():
    assert spellings("Amy 2024") == "" and search_key("Amy") == "amy"
