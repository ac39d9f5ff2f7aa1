"""金额大写 on receipts (SPEC §11): from the 分, as the 支付结算办法 writes it."""
import pytest

from tuoyu_desktop.domain.formatting import amount_in_capitals


@pytest.mark.parametrize("fen, text", [
    (123450, "壹仟贰佰叁拾肆元伍角整"), (317800, "叁仟壹佰柒拾捌元整"), (50, "伍角整"), (7, "柒分"),
    (10000007, "壹拾万元零柒分"), (10505, "壹佰零伍元零伍分"), (-5400, "负伍拾肆元整"),
])
def test_a_receipt_writes_the_amount_in_capitals(fen, text):
    assert amount_in_capitals(fen) == text
