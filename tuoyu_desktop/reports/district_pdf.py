"""The district summary in print form: key indicators per centre, the totals, targets, problem files."""
from __future__ import annotations

from pathlib import Path

from ..domain.formatting import money_cn
from ..services.district import Summary
from .document import build_pdf, grid, make_styles
from .monthly_pdf import month_title

KEY = ("T01", "T02", "E01", "E06", "R01", "R02", "R03", "S02", "S03", "R04", "H01", "V01", "B01")
HEAD = ("核定托位", "普惠托位", "在托", "2岁以下", "使用率%", "普惠占比%", "2岁下托位%", "保育人员", "持证",
        "持证率%", "医育协议", "体验券次", "运营补贴")


def _cell(code, value) -> str:
    if value is None or value == "":
        return "—"
    if code == "B01":
        return money_cn(value)
    return str(value)


def write_district_pdf(summary: Summary, path: Path, title_prefix: str = "", notes: list[str] | None = None) -> Path:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    styles = make_styles()
    title = f"{title_prefix}{month_title(summary.month)} 托育机构月报区县汇总"
    story = [styles.para(title, "title"),
             styles.para(f"政策方案：{summary.profile.name}　汇总机构 {len(summary.centres)} 家　问题文件 {len(summary.bad_files)} 个"
                       + (f"　重复副本 {len(summary.copies)} 个" if summary.copies else "")
                       + (f"　未报送 {len(summary.missing)} 家" if summary.roster else ""), "subtitle"),
             *([styles.para(summary.version_note, "subtitle")] if summary.version_note else []),
             styles.para("一、各机构主要指标", "h2")]
    rows = [["机构名称", "镇街", *HEAD]]
    rows += [[c.name, c.town, *[_cell(k, c.figures.get(k)) for k in KEY]] for c in summary.centres]
    rows.append(["合计", "", *[_cell(k, summary.totals.get(k)) for k in KEY]])
    widths = [46 * mm, 22 * mm] + [15.5 * mm] * len(KEY)
    story.append(grid(rows, styles, widths, numeric=set(range(2, 2 + len(KEY)))))
    story.append(styles.para("二、按镇街", "h2"))
    rows = [["镇街", "机构数", *HEAD]]
    rows += [[t, str(summary.town_counts[t]), *[_cell(k, f.get(k)) for k in KEY]] for t, f in summary.towns.items()]
    story.append(grid(rows, styles, [46 * mm, 22 * mm] + [15.5 * mm] * len(KEY), numeric=set(range(1, 2 + len(KEY)))))
    story.append(styles.para("三、对照目标", "h2"))
    rows = [["指标", "区县值", "目标", "结论", "差距（百分点）"]]
    rows += [[n, "—" if v is None else f"{v}%", f"{t:g}%", "无数据" if m is None else ("达标" if m else "未达标"),
              "—" if g is None else f"{g:+}"] for n, v, t, m, g in summary.targets]
    story.append(grid(rows, styles, [60 * mm, 30 * mm, 30 * mm, 30 * mm, 35 * mm], numeric={1, 2, 4}))
    story.append(styles.para("四、问题文件（未汇总）" + ("和重复副本（只汇总一次）" if summary.copies else ""), "h2"))
    if summary.problems:
        story.append(grid([["文件名", "原因"]] + [[p.file, p.reason] for p in summary.problems], styles,
                          [90 * mm, 170 * mm]))
    else:
        story.append(styles.para("无", "body"))
    if summary.roster:
        story.append(styles.para("五、未报送机构", "h2"))
    if summary.roster and not summary.missing:
        story.append(styles.para("无（机构名单上的机构都已报送）", "body"))
    elif summary.missing:
        story.append(grid([["统一社会信用代码", "机构名称", "所属镇街"]] + [list(m) for m in summary.missing], styles,
                          [60 * mm, 120 * mm, 60 * mm]))
    if styles.fonts.warning:
        story += [Spacer(1, 4 * mm), styles.para(styles.fonts.warning, "small")]
    return build_pdf(path, story, styles, title, landscape_page=True, notes=notes)
