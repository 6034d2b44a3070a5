"""Every sort in the library names its algorithm, so that ties come out in the same order on every machine.

pandas sorts on one column with numpy's quicksort, which is not stable; on x86 numpy hands it to SIMD
sorting networks whose order of equal keys depends on the CPU. ``merge_asof`` takes the last of equal keys
and ``drop_duplicates`` the first row, so an unstable sort can change a bound or a sentence from one machine
to another, and notebooks would no longer re-run to the same outputs everywhere. The library therefore
writes ``kind="stable"`` (or another named kind) on every ``sort_values``, ``sort_index`` and ``argsort``.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "analysis"
SORTS = {"sort_values", "sort_index", "argsort"}


def unnamed_sorts(source: str) -> list[int]:
    """Lines of ``source`` with a sort call (:data:`SORTS`, as a method or ``np.argsort``) that names no ``kind``."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SORTS:
            if not any(k.arg == "kind" for k in node.keywords):
                out.append(node.lineno)
    return out


def test_the_check_finds_an_unnamed_sort():
    code = 'a = frame.sort_values("x")\nb = frame.sort_values("x", kind="stable")\nc = np.argsort(v)\nd = s.sort_index(kind="stable")\n'
    assert unnamed_sorts(code) == [1, 3]


def test_every_sort_in_the_library_names_its_kind():
    found = {str(path.relative_to(SRC)): lines for path in sorted(SRC.rglob("*.py"))
             if (lines := unnamed_sorts(path.read_text(encoding="utf-8")))}
    assert not found, f"sorts without kind= (write kind='stable'): {found}"
