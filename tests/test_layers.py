"""The layers' import directions (STYLE.md): everything below ui/ runs without a screen, and the
business core never reaches up into the window or the command line."""
import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tuoyu_desktop"
BELOW_UI = ("domain", "store", "services", "exchange", "reports")


def imported_modules(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports, at the top or inside a function."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    package = parts[:-1] if parts[-1] != "__init__" else parts
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            out.add(module)
            out.update(f"{module}.{a.name}" for a in node.names)
    return out


def files_of(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", BELOW_UI)
def test_nothing_below_the_window_imports_tkinter(layer):
    bad = {str(f.relative_to(PACKAGE)): sorted(m for m in imported_modules(f) if m.split(".")[0] == "tkinter")
           for f in files_of(layer)}
    assert not {k: v for k, v in bad.items() if v}


@pytest.mark.parametrize("layer", BELOW_UI)
def test_the_core_never_imports_the_window_or_the_command_line(layer):
    up = ("tuoyu_desktop.ui", "tuoyu_desktop.cli")
    bad = {str(f.relative_to(PACKAGE)): sorted(m for m in imported_modules(f) if m.startswith(up))
           for f in files_of(layer)}
    assert not {k: v for k, v in bad.items() if v}


def test_domain_rules_need_no_database_and_no_file_format():
    low = ("sqlmodel", "sqlalchemy", "openpyxl", "reportlab", "tuoyu_desktop.store", "tuoyu_desktop.services",
           "tuoyu_desktop.exchange", "tuoyu_desktop.reports")
    bad = {str(f.relative_to(PACKAGE)): sorted(m for m in imported_modules(f) if m.startswith(low))
           for f in files_of("domain")}
    assert not {k: v for k, v in bad.items() if v}


def test_the_import_reader_sees_function_level_and_relative_imports(tmp_path):
    """The checks above would pass vacuously if the reader missed an import: prove it sees them."""
    sample = PACKAGE / "services" / "alerts.py"
    names = imported_modules(sample)
    assert "tuoyu_desktop.services.medical" in names            # imported inside a function
    assert "tuoyu_desktop.domain.policy.PolicyProfile" in names  # relative, two levels


def test_the_window_reaches_the_data_only_through_services():
    """ui/ never imports store/ (tables, engine, files) nor opens a session: it calls use cases
    through services.operations (STYLE.md; README 开发)."""
    ui = sorted((PACKAGE / "ui").rglob("*.py"))
    imports = {str(f.relative_to(PACKAGE)): sorted(m for m in imported_modules(f)
                                                   if m.startswith(("tuoyu_desktop.store", "sqlmodel", "sqlalchemy")))
               for f in ui}
    assert not {k: v for k, v in imports.items() if v}
    sessions = [str(f.relative_to(PACKAGE)) for f in ui if ".session(" in f.read_text(encoding="utf-8")]
    assert sessions == []


def test_every_page_refreshes_on_areas_the_registry_knows():
    """A page that names an area no kind has would never refresh (a typo, or a kind renamed)."""
    from tuoyu_desktop.services.areas import FEEDS, HOME, REPORT, areas_feeding
    from tuoyu_desktop.services.records import AREAS
    from tuoyu_desktop.ui.main_window import VIEWS

    keys = set()
    for key, _title, module, cls in VIEWS:
        view = getattr(__import__(f"tuoyu_desktop.ui.views.{module}", fromlist=[cls]), cls)
        assert view.key == key and "depends_on" not in vars(view), key  # pages keep no area lists of their own
        keys.add(key)
    assert {page for pages in FEEDS.values() for page in pages} <= keys  # a fed page that does not exist: a typo
    assert {k.area for k in __import__("tuoyu_desktop.services.records", fromlist=["KINDS"]).KINDS.values()} <= AREAS
    from tuoyu_desktop.services.areas import OUTSIDE_THE_RETURN

    assert all(HOME in pages and REPORT in pages for area, pages in FEEDS.items() if area not in OUTSIDE_THE_RETURN)
    assert areas_feeding("district") == frozenset()  # the district's own files, nothing of the centre


def test_every_change_a_service_returns_names_known_areas():
    import re

    from tuoyu_desktop.services.records import AREAS

    named = set()
    for f in (PACKAGE / "services").rglob("*.py"):
        for args in re.findall(r"Changes\.of\((?:[^()]|\([^()]*\))*\)", f.read_text(encoding="utf-8")):
            named |= set(re.findall(r'"([a-z_]+)"', args))
    assert named and named <= AREAS, named - AREAS


def test_what_only_reads_imports_no_orm():
    """Reading is plain SQL (store.plain): importing a service the pages, the return and the alerts use
    brings no SQLAlchemy, SQLModel or pydantic (issue 21); only what writes records imports them."""
    import subprocess
    import sys

    writers = {"forms", "demo", "demo_register"}  # and the record kinds (services/records)
    names = sorted(f.stem for f in (PACKAGE / "services").glob("*.py") if f.stem not in writers | {"__init__"})
    code = (f"import importlib, sys\nfor n in {names!r}: importlib.import_module('tuoyu_desktop.services.' + n)\n"
            "importlib.import_module('tuoyu_desktop.cli'); importlib.import_module('tuoyu_desktop.ui.main_window')\n"
            "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'pydantic', 'alembic') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE.parent)
    assert out.returncode == 0, out.stderr
    assert len(names) > 20 and out.stdout.strip() == "[]"


def _runtime_imports(path: Path) -> set[str]:
    """``imported_modules`` without what is imported only for type hints (``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hints = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
             for n in ast.walk(block)}
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    package = parts[:-1] if parts[-1] != "__init__" else parts
    out = set()
    for node in ast.walk(tree):
        if id(node) in hints:
            continue
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            out.add(module)
            out.update(f"{module}.{a.name}" for a in node.names)
    return out


def test_no_two_modules_import_each_other_in_a_circle():
    """reports.fonts ↔ glyphs and ui.app → guide → app were circles: a module imported before the
    other was ready, and neither could be read or tested alone."""
    import graphlib

    def name(path: Path) -> str:
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    files = {name(f): f for f in sorted(PACKAGE.rglob("*.py"))}
    graph = {m: {i for i in _runtime_imports(f) if i in files and i != m and not m.startswith(i + ".")}
             for m, f in files.items()}
    try:
        list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as exc:
        raise AssertionError(f"import cycle: {' → '.join(exc.args[1])}") from None


def test_use_cases_never_import_the_file_formats():
    """services/ is below exchange/ (which reads and writes the workbooks and calls the use cases):
    services/district.py reading return workbooks itself was the one arrow that ran back up."""
    bad = {str(f.relative_to(PACKAGE)): sorted(m for m in imported_modules(f) if m.startswith("tuoyu_desktop.exchange"))
           for f in files_of("services")}
    assert not {k: v for k, v in bad.items() if v}


RUNNER_CALLS = {"change", "read", "look", "check", "dry_run"}


def _passes_context(call: ast.Call) -> bool:
    """A runner call handing over what the runner already carries: the policy profiles or today()."""
    values = list(call.args[1:]) + [k.value for k in call.keywords if k.arg == "profiles"]
    for value in values:
        if isinstance(value, ast.Attribute) and value.attr == "profiles":
            return True
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "today":
            return True
    return False


def test_the_window_and_the_command_line_never_pass_the_context_the_runner_carries():
    """Issue 26: profiles and today are bound once in services.operations.Operations; no view (and
    no command) passes ``ops.profiles, today()`` to a use case again."""
    files = files_of("ui") + [PACKAGE / "cli.py"]
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in RUNNER_CALLS and _passes_context(node)):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not found, "the runner binds profiles/today; these calls pass them again: " + ", ".join(found)
