"""恢复密钥单: the recovery key printed, to keep in the safe (SPEC §10)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..store.cipher import DataKey, format_recovery
from ..store.peek import CentreName
from .document import build_pdf, grid, make_styles


def write_recovery_sheet(path: Path, key: DataKey, centre: CentreName, db_path: Path,
                         now: datetime | None = None) -> Path:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    now = now or datetime.now()
    styles = make_styles()
    styles.named["key"] = ParagraphStyle("key", parent=styles["title"], fontName="Courier-Bold", fontSize=20,
                                         leading=30, spaceBefore=6, spaceAfter=6)
    title = "恢复密钥单"
    story = [styles.para(title, "title"),
             styles.para(f"{centre.label() if not centre.empty else '（未填写机构信息）'}", "subtitle"),
             styles.para("忘记密码时，用下面的恢复密钥代替密码打开数据和这台电脑上做的备份。"
                         "请打印后放在保险柜里；不要拍照、不要存放在电脑或U盘上。", "warning"),
             Spacer(1, 6 * mm),
             styles.para(format_recovery(key.recovery), "key"),
             Spacer(1, 6 * mm),
             grid([["项目", "内容"],
                   ["生成时间", f"{now:%Y-%m-%d %H:%M}"],
                   ["数据文件", str(db_path)],
                   ["格式", ("6组，每组5个字符（数字和大写字母，不含 I、L、O、U）；每组最后一个字符是校验位，"
                            "输错一个字符时程序会指出是哪一组")],
                   ["使用方法", ("启动程序时在密码框里输入恢复密钥（可带或不带短横线）；命令行把它放在环境变量 "
                              "TUOYU_PASSWORD 中。打开后请在 设置 → 安全 里设置新密码")],
                   ["修改密码后", "恢复密钥不变，本单仍然有效"]], styles, [30 * mm, 140 * mm]),
             Spacer(1, 10 * mm),
             styles.para("保管人签字：＿＿＿＿＿＿＿＿　　　日期：＿＿＿＿＿＿＿＿", "body")]
    return build_pdf(path, story, styles, title)
