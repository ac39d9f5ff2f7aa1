"""区县汇总 from a folder (a USB stick): every return workbook read and checked, then added up.

The reading is here, with the file formats; the adding up is the use case ``services.district``.
A bad file is listed with its reason and left out; it never stops the others.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Callable

from ..domain.errors import InputError
from ..domain.idnumbers import normalize_code
from ..domain.policy import PolicyProfile
from ..services.district import BadFile, Centre, Summary, summary_of
from .return_reader import ReturnFile, read_return
from .workbook_reader import open_workbook

ROSTER_NAME = "机构名单.xlsx"


def _centre_of(rf: ReturnFile, name: str) -> Centre:
    c = rf.cover
    return Centre(name, c.get("机构名称", ""), normalize_code(c.get("统一社会信用代码", "")), c.get("所属镇街", "") or "（未填镇街）",
                  c.get("是否普惠机构", "") == "是", rf.figures, int(rf.format_version))


def summarise(folder: Path, month: str, profile: PolicyProfile,
              progress: Callable[[int, int], None] | None = None) -> Summary:
    """Add up every return workbook under ``folder`` (sub-folders included), or the one file it names."""
    folder = Path(folder)
    single = folder.is_file()
    if single:  # one return picked on its own: the same checks, nothing else looked at
        if folder.suffix.lower() != ".xlsx":
            raise InputError(f"{folder.name} 不是月报工作簿（.xlsx）：请选择放月报工作簿的文件夹，或一个 .xlsx 文件")
        files, folder = [folder], folder.parent
    elif folder.is_dir():
        files = sorted(p for p in folder.rglob("*.xlsx") if not p.name.startswith("~$") and p.name != ROSTER_NAME)
    else:
        raise InputError(f"找不到文件夹 {folder}")
    if not files:
        raise InputError(f"未找到月报工作簿：文件夹 {folder} 及其子文件夹中没有 .xlsx 文件"
                         + (f"（{ROSTER_NAME} 是机构名单，不是月报）" if (folder / ROSTER_NAME).exists() else ""))
    problems: list[BadFile] = []
    accepted: list[Centre] = []
    kept = _originals(files, folder)
    for index, path in enumerate(files):
        name = str(path.relative_to(folder))
        if kept.get(path, name) != name:  # the same file twice on the stick: one return, not two
            problems.append(BadFile(name, f"与 {kept[path]} 内容完全相同（同一文件的副本），只汇总一次",
                                            copy_of=kept[path]))
            if progress:
                progress(index + 1, len(files))
            continue
        try:
            rf = read_return(path, (lambda _d, _t, i=index: progress(i, len(files))) if progress else None)
        except InputError as exc:
            problems.append(BadFile(name, str(exc).split("：", 1)[-1]))
        except Exception:  # a file no reader could make sense of is a problem file, not a crash
            problems.append(BadFile(name, "内容格式无法识别（可能已损坏，或不是本程序生成的月报工作簿）"))
        else:
            reason = None
            if rf.format_version not in ("1", "2"):
                reason = f"格式版本为“{rf.format_version or '空'}”，本程序只接受格式版本 1 和 2"
            elif not rf.checksum_ok:
                reason = "数据校验码不符：指标数字在生成后被改动过"
            elif rf.month != month:
                reason = f"报告月份是 {rf.month or '空'}，不是 {month}"
            elif rf.is_preview:
                reason = f"这是{rf.month}结束前生成的预览，不是正式月报，未汇总；请机构在月份结束后重新生成并报送"
            if reason:
                problems.append(BadFile(name, reason))
            else:
                accepted.append(_centre_of(rf, name))
        if progress:
            progress(index + 1, len(files))
    roster = folder / ROSTER_NAME
    expected = None
    if roster.exists() and not single:  # one file is not the whole district: nobody is "missing"
        expected = _roster(roster, (lambda _d, _t: progress(len(files), len(files))) if progress else None)
    return summary_of(month, profile, accepted, problems, expected)


def _originals(files: list[Path], folder: Path) -> dict[Path, str]:
    """For every file, the name of the file whose bytes it repeats that is read (the shallowest and
    shortest name: 甲托育园.xlsx, not 备份/甲托育园 - 副本.xlsx or 甲托育园(1).xlsx); itself if unique."""
    by_digest: dict[str, list[Path]] = defaultdict(list)
    for path in files:
        digest = _digest(path)
        if digest is not None:
            by_digest[digest].append(path)
    kept: dict[Path, str] = {}
    for group in by_digest.values():
        first = min(group, key=lambda p: (len(p.relative_to(folder).parts), len(p.name), str(p)))
        for path in group:
            kept[path] = str(first.relative_to(folder))
    return kept


def _digest(path: Path) -> str | None:
    """The file's SHA-256, read in blocks (a file that cannot be read is left to read_return to explain)."""
    import hashlib

    from ..files import is_regular

    if not is_regular(path):  # a pipe or a device is never read here (read_return says what it is)
        return None
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def _roster(roster: Path, progress=None) -> list[tuple[str, str, str]]:
    """The centres a 机构名单 expects: (统一社会信用代码, 机构名称, 所属镇街)."""
    wb = open_workbook(roster, progress)
    try:
        rows = [values for _, values in wb.worksheets[0].rows()] if wb.worksheets else []
    finally:
        wb.close()
    if not rows:
        return []
    header = [str(h or "").strip().rstrip("*") for h in rows[0]]
    try:
        i_code, i_name = header.index("统一社会信用代码"), header.index("机构名称")
    except ValueError:
        raise InputError(f"{ROSTER_NAME} 第1行应有列名“统一社会信用代码”和“机构名称”") from None
    i_town = header.index("所属镇街") if "所属镇街" in header else None
    out = []
    for row in rows[1:]:
        code = normalize_code(row[i_code] if i_code < len(row) else "")
        if code:
            town = str(row[i_town] or "") if i_town is not None and i_town < len(row) else ""
            out.append((code, str(row[i_name] or "") if i_name < len(row) else "", town))
    return out
