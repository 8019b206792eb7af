"""analysis/ is reachable without the UI: importing it pulls in no streamlit (checked in a fresh process)."""

import ast
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_analysis_imports_no_streamlit():
    code = ("import sys, pkgutil, importlib, analysis\n"
            "for m in pkgutil.walk_packages(analysis.__path__, 'analysis.'):\n"
            "    if m.name != 'analysis.__main__': importlib.import_module(m.name)\n"
            "bad = [n for n in sys.modules if n == 'streamlit' or n.startswith('streamlit.')]\n"
            "print(bad); sys.exit(1 if bad else 0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr


SQL = re.compile(r"\bselect\b[\s\S]+?\bfrom\s+[\w(]|\binsert\s+into\b|\bupdate\s+\w+\s+set\b|\bdelete\s+from\b|"
                 r"\b(create|drop|alter)\s+(or\s+replace\s+)?(temp\s+)?(table|view|sequence|index)\b", re.I)


def _strings(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        elif isinstance(node, ast.JoinedStr):
            yield "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "pages").glob("*.py")))
def test_pages_hold_no_sql(page):
    """A page reads widgets, calls analysis and draws: no SQL text and no .execute() call in its code."""
    tree = ast.parse((ROOT / "pages" / page).read_text())
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
             and n.func.attr in ("execute", "sql", "query")]
    assert not calls, f"{page} runs SQL; move it into analysis/"
    assert not [s for s in _strings(tree) if SQL.search(s)], f"{page} holds SQL text; move it into analysis/"


def test_pages_holds_only_the_pages_app_py_lists():
    listed = set(re.findall(r'st\.Page\("pages/(\w+)\.py"', (ROOT / "app.py").read_text()))
    files = {p.stem for p in (ROOT / "pages").glob("*.py")} - {"__init__"}
    assert files == listed, f"not pages: {sorted(files - listed)}; missing files: {sorted(listed - files)}"


def test_no_import_cycle_in_analysis():
    """analysis/ imports form no cycle, counting imports inside functions too (a cycle hidden in a function is still
    a cycle: two modules that need each other are one concern split in two)."""
    root = ROOT / "analysis"
    modules = {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
               for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analysis"):
                deps.add(node.module)
                deps.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                deps.update(a.name for a in node.names if a.name.startswith("analysis"))
        graph[name] = {d for d in deps if d in modules and d != name and not name.startswith(d + ".")}
    seen: dict[str, int] = {}

    def visit(n: str, path: list[str]) -> None:
        seen[n] = 1
        for d in sorted(graph[n]):
            assert seen.get(d) != 1, "import cycle: " + " -> ".join([*path, n, d])
            if d not in seen:
                visit(d, [*path, n])
        seen[n] = 2

    for n in sorted(graph):
        if n not in seen:
            visit(n, [])


def _trivial(node: ast.stmt) -> bool:
    """What a page's module body may hold besides `render`: its docstring, imports, helper functions and constants
    (an UPPER_CASE name bound to a value)."""
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
        return True
    if isinstance(node, ast.Import | ast.ImportFrom | ast.FunctionDef):
        return True
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
    return bool(targets) and all(isinstance(t, ast.Name) and t.id.isupper() for t in targets)


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "pages").glob("*.py") if p.stem != "__init__"))
def test_a_page_is_one_render(page):
    """Each page defines `render()` and its module does nothing else but call it once, last: the page lays out, in
    one function, and st.navigation still runs it as a script."""
    body = ast.parse((ROOT / "pages" / page).read_text()).body
    *rest, last = body
    render = [n for n in rest if isinstance(n, ast.FunctionDef) and n.name == "render" and not n.args.args]
    assert render, f"{page} defines no render()"
    assert render[0].end_lineno - render[0].lineno < 40, f"{page}: render() is long; lay sections out in helpers"
    assert (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call) and isinstance(last.value.func, ast.Name)
            and last.value.func.id == "render" and not last.value.args), f"{page} does not end with render()"
    loose = [n.lineno for n in rest if not _trivial(n)]
    assert not loose, f"{page} runs code outside render() at line(s) {loose}"
