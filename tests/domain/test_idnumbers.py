from datetime import date

import pytest

from tuoyu_desktop.domain.idnumbers import (
    check_id_against,
    id_check_char,
    mask_id,
    mask_phone,
    parse_id_number,
    uscc_check_char,
    validate_phone,
    validate_uscc,
)

VALID_ID = "11010519491231002X"  # the standard's own example: born 1949-12-31, female


def test_valid_id_number_gives_birth_date_and_sex():
    info = parse_id_number(VALID_ID)
    assert info.birth_date == date(1949, 12, 31)
    assert info.sex == "女"


def test_lower_case_x_is_accepted_and_stored_as_upper_case():
    assert parse_id_number(VALID_ID.lower()).number == VALID_ID


def test_full_width_digits_and_spaces_are_accepted():
    assert parse_id_number(" １１０１０５１９４９１２３１００２Ｘ ").number == VALID_ID


def test_wrong_check_character_names_the_right_one():
    with pytest.raises(ValueError, match="校验位应为X"):
        parse_id_number(VALID_ID[:17] + "1")


@pytest.mark.parametrize("text,message", [
    ("1101051949123100", "应为18位（当前16位）"),
    ("11010519491331002X", "出生日期19491331不是有效日期"),
    ("1101051949123100AX", "前17位应全为数字"),
    ("", "为空"),
])
def test_malformed_id_numbers_are_refused_with_the_reason(text, message):
    with pytest.raises(ValueError, match=message):
        parse_id_number(text)


def test_birth_date_and_sex_must_match_the_id_number():
    info = parse_id_number(VALID_ID)
    problems = dict(check_id_against(info, date(1949, 12, 30), "男"))
    assert "1949-12-31" in problems["出生日期"]
    assert "女" in problems["性别"]
    assert check_id_against(info, date(1949, 12, 31), "女") == []


def test_odd_17th_digit_means_male():
    first17 = "32040220240315001"
    assert parse_id_number(first17 + id_check_char(first17)).sex == "男"


def test_unified_social_credit_code_check_character():
    # published example of GB 32100-2015 conformant code
    assert validate_uscc("91350100M000100Y43") == "91350100M000100Y43"
    assert uscc_check_char("91350100M000100Y4") == "3"


def test_wrong_credit_code_check_character_says_which_is_expected():
    with pytest.raises(ValueError, match="校验位应为3"):
        validate_uscc("91350100M000100Y44")


def test_credit_code_with_forbidden_letters_is_refused():
    with pytest.raises(ValueError, match="不允许的字符：I"):
        validate_uscc("91350100M000100I43")


def test_id_number_is_masked_keeping_first_six_and_last_four():
    assert mask_id("32040219900101123X") == "320402********123X"


def test_mobile_number_is_masked_in_the_middle():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("") == ""


@pytest.mark.parametrize("phone", ["13812345678", "0519-86661234", "051986661234", "010-12345678"])
def test_mobile_and_landline_numbers_are_accepted(phone):
    assert validate_phone(phone)


@pytest.mark.parametrize("phone,stored", [
    ("+86 138 1234 5678", "13812345678"), ("138-1234-5678", "13812345678"), ("８６６６１２３４", "86661234"),
    ("400-820-1234", "400-820-1234"), ("12345", "12345"), ("0519-86661234转8001", "0519-86661234转8001"),
    ("13812345678/13912345678", "13812345678/13912345678"), ("13812345678（父）", "13812345678(父)"),
    ("+852 9123 4567", "+852 9123 4567"), ("无", "无")])
def test_phones_as_real_files_write_them_are_kept(phone, stored):
    assert validate_phone(phone) == stored


@pytest.mark.parametrize("phone", ["1381234567", "138123456789"])
def test_a_mobile_with_a_digit_too_many_or_too_few_is_refused_naming_the_numbering_plan(phone):
    with pytest.raises(ValueError, match="手机号应为11位（电信网编号计划）"):
        validate_phone(phone)
