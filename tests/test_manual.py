"""F1's user manual: built from the README's user sections, shipped as assets/manual.html."""
import importlib.util

from tests.conftest import ROOT


def _builder():
    spec = importlib.util.spec_from_file_location("build_manual", ROOT / "scripts" / "build_manual.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_manual_says_what_the_readme_says():
    builder = _builder()
    assert (ROOT / "assets" / "manual.html").read_text(encoding="utf-8") == builder.build(), \
        "README.md changed: run python scripts/build_manual.py"


def test_the_manual_has_the_users_sections_and_not_the_developers():
    text = _builder().build()
    for title in ("现在能用的功能", "Excel 导入", "数据加密", "如何备份", "月报", "区县汇总"):
        assert title in text
    for title in ("Quick start", "What it is", "新的数据种类", "在 Windows 上打包", "pytest"):
        assert title not in text


def test_markdown_tables_lists_and_code_become_html():
    body, toc = _builder().to_html("## 标题\n\n说明 `code` 和 **重点**。\n\n| 甲 | 乙 |\n|---|---|\n| 1 | <2> |\n\n"
                                   "- 第一\n- 第二\n  续行\n\n```\na < b\n```\n")
    assert toc == [("s0", "标题")]
    assert "<code>code</code>" in body and "<strong>重点</strong>" in body
    assert "<th>甲</th>" in body and "<td>&lt;2&gt;</td>" in body
    assert "<ul><li>第一</li><li>第二 续行</li></ul>" in body
    assert "<pre><code>a &lt; b</code></pre>" in body
