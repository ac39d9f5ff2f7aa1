"""The centre's own details as one spreadsheet row (the same checks as the 设置 page)."""
from __future__ import annotations

from sqlmodel import Session

from ...domain.choices import CENTRE_NATURES, CENTRE_TYPES, YES_NO
from ...domain.errors import InputError
from ...domain.parsing import clean_text
from ...domain.reader import RowReader
from ...store.models import Centre
from ..centre import CentreForm, validate_centre
from .base import Checked, Column, Context, RecordKind, upsert


class CentreKind(RecordKind):
    key = "centre"
    title = "机构信息"
    sheet = "机构信息"
    single_row = True
    columns = (
        Column("机构名称", True, example="天宁区小星星托育中心", width=26),
        Column("统一社会信用代码", True, "code", note="18位，含校验位", example="91350100M000100Y43", width=22),
        Column("备案编号", False), Column("所属区县", False, example="天宁区"), Column("所属镇街", False, example="茶山街道"),
        Column("机构性质", False, "choice", CENTRE_NATURES, example="民办"),
        Column("是否普惠机构", False, "yesno", YES_NO, example="是"),
        Column("机构等级", False, example="三级"),
        Column("政策方案", False, note="通用、天宁区、张家港市、渝北区、昌平区、南通县级；不填为通用", example="天宁区"),
        Column("负责人", False), Column("联系电话", False, "phone"), Column("地址", False, width=30),
        Column("月租金", False, "number", note="元/月"),
        Column("机构类型", False, "choice", CENTRE_TYPES, example="托育机构"),
        Column("填报人", False), Column("填报人电话", False, "phone"),
        Column("供餐餐次", False, note="早餐、早点、午餐、午点、晚餐中本园供应的，用顿号隔开；不填则不变（新机构为早点、午餐、午点）",
               example="早点、午餐、午点", width=20),
    )
    model = Centre
    area = "centre"

    def check(self, r: RowReader, ctx: Context) -> Checked | None:
        raw = {c.header: clean_text(r.raw.get(c.header)) for c in self.columns}
        stored = ctx.session.get(Centre, 1)
        if not raw["供餐餐次"]:  # not in the file, or left empty: the 餐次 stay as they are
            raw["供餐餐次"] = stored.meals if stored is not None else ""
        puhui = r.yes_no("是否普惠机构", default=False)
        form = CentreForm(**{**{k: v for k, v in raw.items() if k != "是否普惠机构"},
                             "是否普惠机构": bool(puhui), "政策方案": raw["政策方案"] or "通用",
                             "机构类型": raw["机构类型"] or "托育机构", "供餐餐次": raw["供餐餐次"] or "早点、午餐、午点"})
        try:
            values = validate_centre(form, ctx.profiles)
        except InputError as exc:
            for p in exc.problems:
                r.problem(p.field, p.message)
            values = {}
        return Checked(r.row, values, stored)

    def save(self, session: Session, checked: Checked, ctx: Context) -> str:
        return upsert(session, Centre, checked.existing, checked.values)[1]
