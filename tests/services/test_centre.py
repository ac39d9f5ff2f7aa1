import pytest

from tuoyu_desktop.domain.errors import InputError
from tuoyu_desktop.services.centre import (
    CentreForm,
    centre_form,
    get_centre,
    update_centre,
)

GOOD = dict(机构名称="天宁区小星星托育中心", 统一社会信用代码="91350100M000100Y43", 政策方案="天宁区",
            联系电话="0519-86661234", 月租金="18,000")


def test_manager_saves_the_centre_details_and_sees_them_again(workspace):
    with workspace.session() as s:
        changes = update_centre(s, CentreForm(**GOOD), workspace.profiles)
    assert changes.areas == {"centre"} and "天宁区小星星托育中心" in changes.message
    with workspace.session() as s:
        centre = get_centre(s)
        assert centre.uscc == "91350100M000100Y43" and centre.monthly_rent_fen == 1_800_000
        assert centre_form(centre).月租金 == "18000.00"


def test_wrong_credit_code_is_refused_naming_the_field_and_nothing_is_saved(workspace):
    with pytest.raises(InputError) as err:
        with workspace.session() as s:
            update_centre(s, CentreForm(**{**GOOD, "统一社会信用代码": "91350100M000100Y44"}), workspace.profiles)
    assert err.value.for_field("统一社会信用代码") == ["校验位应为3（当前为4）"]
    with workspace.session() as s:
        assert get_centre(s).name == ""


def test_every_bad_field_is_reported_at_once(workspace):
    form = CentreForm(机构名称="", 统一社会信用代码="123", 政策方案="火星", 联系电话="1381234567", 月租金="-1")
    with pytest.raises(InputError) as err:
        with workspace.session() as s:
            update_centre(s, form, workspace.profiles)
    fields = {p.field for p in err.value.problems}
    assert fields == {"机构名称", "统一社会信用代码", "政策方案", "联系电话", "月租金"}
