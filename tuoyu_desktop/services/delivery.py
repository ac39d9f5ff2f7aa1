"""Copying the return to a USB stick, read back and compared, so a pulled-out stick is noticed."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from ..domain.errors import InputError, Problem
from ..files import written_whole


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def return_file_stem(uscc: str, name: str, month: str) -> str:
    """`<统一社会信用代码>_<机构名称>_<YYYY-MM>_月报`, with characters Windows forbids replaced."""
    stem = f"{uscc or '未填信用代码'}_{name or '未填机构名称'}_{month}_月报"
    return "".join("_" if c in '<>:"/\\|?*' else c for c in stem)


def copy_verified(files: list[Path], folder: Path) -> list[Path]:
    """Copy each file into ``folder``, flush it to the device, read it back and compare hashes."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError([Problem("目标文件夹", f"找不到文件夹 {folder}（U盘是否已插好？）")])
    copied = []
    for source in files:
        target = folder / source.name
        try:
            with written_whole(target) as part:  # the stick gets the file under its name only whole
                with open(source, "rb") as src, open(part, "wb") as dst:
                    shutil.copyfileobj(src, dst)
                    dst.flush()
                    os.fsync(dst.fileno())
                if sha256_of(part) != sha256_of(source):
                    raise InputError([Problem("目标文件夹", f"{target.name} 复制后读回的内容与原文件不一致，"
                                                        "请重新插好U盘再复制")])
        except InputError as exc:
            if exc.problems and exc.problems[0].field == "目标文件夹":
                raise
            raise InputError([Problem("目标文件夹", f"{exc}（U盘是否已拔出或已满？）")]) from None
        copied.append(target)
    return copied
