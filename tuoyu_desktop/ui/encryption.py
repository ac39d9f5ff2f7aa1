"""Encrypting the open data from the window: the first start's offer (or the guide's 设置密码), the
encryption itself with its plain backups, and the recovery key shown and its sheet saved (SPEC §10).

Its own module so that the guide and the 设置 page reach it without importing the program's start (ui.app).
"""
from __future__ import annotations

from pathlib import Path


def offer_encryption(root, window, asked: bool = False) -> bool:
    """Plain data: the first start offers to set a password; data with the old start-up password is
    offered encryption with that password (SPEC §10). Declining is remembered; 设置 → 安全 shows 未加密.
    ``asked``: the user asked for it (the guide's 设置密码), so an earlier 暂不加密 does not stop it."""
    from ..services.security import decline_offer, offer_needed
    from . import dialogs, password_dialog

    ws = window.workspace
    if ws is None or ws.key is not None:
        return False
    if ws.legacy_password:
        if not dialogs.ask_yes_no(root, "加密数据", "这份数据只设置了启动密码，数据文件本身没有加密。\n\n"
                                                  "用同一个密码加密数据文件和以后的备份吗？（推荐）"):
            return False
        password = ws.legacy_password
    else:
        if not asked and not window.look(offer_needed):
            return False
        password = password_dialog.ask_new_password(root)
        if password is None:
            window.ops.change(decline_offer)
            return False
    return encrypt_now(root, window, password)


def encrypt_now(root, window, password: str) -> bool:
    """Encrypt the open data with ``password``: plain backups listed and, once confirmed, deleted;
    then the recovery key shown and its sheet offered."""
    from ..services.security import (
        elsewhere_lines,
        encrypt_workspace,
        plain_backups,
        plain_backups_elsewhere,
    )
    from . import dialogs

    backups = plain_backups(window.workspace.db_path)
    elsewhere = plain_backups_elsewhere(window.workspace.db_path)
    delete = bool(backups) and dialogs.ask_yes_no(
        root, "未加密的备份", f"备份文件夹里有{len(backups)}份未加密的备份，加密后它们仍可被任何人读取：\n\n"
        + "\n".join(p.name for p in backups[:12]) + ("\n……" if len(backups) > 12 else "")
        + "\n\n加密后覆盖并删除这些未加密的备份吗？")
    window.apply(encrypt_workspace(window.workspace, password, password, delete_plain_backups=delete))
    lines = elsewhere_lines(elsewhere)
    if lines:
        dialogs.show_warning(root, "还有未加密的备份", "\n".join(lines[:12]) + ("\n……" if len(lines) > 12 else ""))
    save_recovery_sheet(root, window)
    return True


def save_recovery_sheet(root, window) -> Path | None:
    """Show the recovery key and offer to save its sheet as a PDF to print."""
    from ..reports.recovery_sheet import write_recovery_sheet
    from ..services.datafile import centre_of
    from ..services.security import recovery_text
    from . import dialogs
    from .open_file import open_with_system

    ws = window.workspace
    dialogs.show_info(root, "恢复密钥", f"恢复密钥（6组，分两行）：\n\n{recovery_text(ws.key, per_line=3)}\n\n忘记密码时，用它代替密码打开数据。"
                                         "请接着保存并打印恢复密钥单，放在保险柜里。")
    chosen = dialogs.ask_save_file(root, "保存恢复密钥单（PDF）", [("PDF 文件", "*.pdf")], "恢复密钥单.pdf")
    if not chosen:
        return None
    path = write_recovery_sheet(Path(chosen), ws.key, centre_of(ws.db_path, ws.key), ws.db_path)
    open_with_system(path)
    return path
