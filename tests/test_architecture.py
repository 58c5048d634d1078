"""The project's shape: imports flow one way (pyproject.toml's import-linter contracts), and the
extraction code holds no word lists of its own (they live in data/, one entry per row)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"^[A-Za-z][A-Za-z'’ -]*$")
MIN_WORDS = 3


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "BROKEN" not in done.stdout


def _words(node: ast.AST) -> list[str]:
    elements = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", [])
    return [e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str) and WORD.match(e.value)]


def word_lists(source: str) -> list[tuple[int, list[str]]]:
    """Literal word lists in Python source: set literals, module-level constants of words, and
    membership tests against a literal (`x in ("a", "b", "c")`). Field-name tuples in loops are not lists of words."""
    tree = ast.parse(source)
    found = []
    module_values = {id(n.value) for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None}
    for node in ast.walk(tree):
        candidates = []
        if isinstance(node, ast.Set) or (isinstance(node, (ast.List, ast.Tuple, ast.Dict)) and id(node) in module_values):
            candidates.append(node)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("set", "frozenset") and node.args:
            candidates.append(node.args[0])
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
            candidates.extend(c for c in node.comparators if isinstance(c, (ast.List, ast.Tuple, ast.Set)))
        for c in candidates:
            words = _words(c)
            if len(words) >= MIN_WORDS:
                found.append((getattr(c, "lineno", 0), words))
    return found


def test_the_word_list_rule_catches_lists():
    assert word_lists('KILL = ("killed", "shot dead", "slain")\n')
    assert word_lists('def f(w):\n    return w in {"said", "told", "stated"}\n')
    assert word_lists('def f(w):\n    return w in ("said", "told", "stated")\n')
    assert not word_lists('def f(r):\n    return [r[k] for k in ("start", "end", "text")]\n')


def test_extraction_code_has_no_word_lists():
    offenders = []
    for path in sorted((ROOT / "core" / "extraction").glob("*.py")):
        offenders += [f"{path.name}:{line}: {words[:4]}" for line, words in word_lists(path.read_text(encoding="utf-8"))]
    assert not offenders, "word lists belong in data/ (one entry per row, with a source):\n" + "\n".join(offenders)


def test_the_server_preloads_only_core_modules_that_exist():
    """app.py imports PRELOADED while the server starts: each is a real module of core/ (never a Streamlit
    widget or component, which must first load inside a session)."""
    import importlib.util

    source = (ROOT / "app.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    preloaded = next(node.value for node in tree.body if isinstance(node, ast.Assign)
                     and getattr(node.targets[0], "id", "") == "PRELOADED")
    names = [e.value for e in preloaded.elts]
    assert names and all(n.startswith("core.") and importlib.util.find_spec(n) for n in names)
    assert 'st.App(str(Path(__file__).with_name("dashboard.py"))' in source


def test_the_server_start_preloads_and_moves_it_out_of_the_collectors_way():
    """app.py's lifespan imports PRELOADED and freezes what it made, so that Streamlit's collection after every
    script run (about 0.12 s on this machine otherwise) skips it."""
    code = ("import asyncio, gc, sys, app\n"
            "async def start():\n"
            "    async with app.preload(None):\n"
            "        print(gc.get_freeze_count() > 100_000, all(n in sys.modules for n in app.PRELOADED))\n"
            "asyncio.run(start())\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.split()[-2:] == ["True", "True"], done.stderr[-2000:]
