"""Property tests: the parsers never fail in any way but a clear ValueError, and valid input round-trips."""
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tuoyu_desktop.domain.idnumbers import (
    id_check_char,
    mask_id,
    parse_id_number,
    validate_phone,
    validate_uscc,
)
from tuoyu_desktop.domain.parsing import parse_date, parse_decimal

ANY_TEXT = st.one_of(st.text(max_size=40), st.text(alphabet="0123456789Xx-/年月日 .，,", max_size=24))


@given(ANY_TEXT)
def test_id_parser_only_ever_raises_value_error(text):
    try:
        info = parse_id_number(text)
    except ValueError as exc:
        assert str(exc)
    else:
        assert len(info.number) == 18


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.integers(0, 999),
       st.sampled_from(["110105", "320402", "500112"]))
def test_every_valid_id_number_is_accepted_and_read_back(birth, seq, region):
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    number = first17 + id_check_char(first17)
    info = parse_id_number(number.lower())
    assert info.birth_date == birth and info.sex == ("男" if seq % 2 else "女")
    assert mask_id(info.number)[:6] == region and mask_id(info.number).count("*") == 8


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_every_written_form_of_a_date_reads_back(day):
    for text in (day.isoformat(), f"{day.year}/{day.month}/{day.day}", f"{day.year}年{day.month}月{day.day}日",
                 f"{day:%Y%m%d}"):
        assert parse_date(text) == day


@settings(max_examples=300)
@given(ANY_TEXT)
def test_date_number_and_code_parsers_only_raise_value_error(text):
    for parser in (parse_date, parse_decimal, validate_phone, validate_uscc):
        try:
            parser(text)
        except ValueError as exc:
            assert str(exc)
