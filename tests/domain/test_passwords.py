"""Issue 27 item 4: a password anyone would try first is refused, saying why, in Chinese."""
import pytest

from tuoyu_desktop.domain.passwords import password_problem


@pytest.mark.parametrize("weak", ["111111", "123456", "654321", "1234567", "5201314", "abcdef", "qwerty",
                                  "Password", "password2026", "abcd1234", "qwer1234", "woaini1314", "aaaaaaaa",
                                  "admin123", "tuoyu2026", "a123456", "12345"])
def test_a_password_found_in_the_first_guesses_is_refused(weak):
    assert password_problem(weak)


def test_six_digits_are_refused_with_the_reason_and_eight_random_digits_are_not():
    assert "只有数字的密码至少要8位" in password_problem("482917")
    assert password_problem("48291736") is None


@pytest.mark.parametrize("good", ["托育2026ab", "新的密码2027", "备份密码2026", "xxzx-hl-0917", "Tn7#kq2v", "小星星园长2026"])
def test_a_password_of_ones_own_is_accepted(good):
    assert password_problem(good) is None
