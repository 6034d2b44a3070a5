"""The README's codebook tables, generated from the one declaration of the schema.

In: the descriptor (``data/datapackage.json``: columns, types, constraints, descriptions), the
vocabularies it declares (metrics, scopes, provinces, date bases, target kinds) and the qualifiers' meanings
(:data:`analysis.bounds.QUALIFIERS`). Out: the Markdown of the codebook's tables
(:func:`markdown`), which stands in ``README.md`` between :data:`BEGIN` and :data:`END`.

``python -m analysis.ledger.codebook --write`` rewrites that part of the README; without ``--write``
it prints the tables. A test fails when the README and the descriptor differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import paths
from ..bounds import QUALIFIERS
from .schema import Field, Table, span, table
from .vocabulary import meanings, metrics, provinces

BEGIN = "<!-- codebook: generated from data/datapackage.json by `python -m analysis.ledger.codebook --write`; edit the descriptor, not these tables -->"
END = "<!-- end of the generated codebook -->"
README = paths.ROOT / "README.md"

_TYPES = {"string": "text", "number": "number", "integer": "whole number", "date": "date", "boolean": "yes/no"}


def _type(f: Field) -> str:
    words = _TYPES[f.type]
    if f.enum is not None:
        words = "code"
    extra = [w for w, on in (("required", f.required), ("unique", f.unique)) if on]
    return words + (f", {', '.join(extra)}" if extra else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _columns(table: Table, heading: str) -> list[str]:
    rows = [f"#### `data/{table.path}`: {heading}", "", "| column | type | what it holds |", "|---|---|---|"]
    rows += [f"| `{f.name}` | {_type(f)} | {_cell(f.description)} |" for f in table.fields]
    return rows + [""]


def _range(low: float, high: float) -> str:
    return f"{low:,.0f} .. {high:,.0f}"


def _provinces() -> list[str]:
    """The provinces: one row each, then the tile grid they make (each square holding its province's name)."""
    p = provinces()
    out = ["#### Provinces (`data/provinces.tsv`)", "", _cell(table("provinces").description), "",
           "| province | Persian name | ISO 3166-2 | tile row | tile col |", "|---|---|---|---|---|"]
    out += [f"| `{r.province}` | {r.name_fa} | {r.iso_code} | {r.row} | {r.col} |" for r in p.itertuples(index=False)]
    rows, cols = int(p["row"].max()), int(p["col"].max())
    grid = [[""] * cols for _ in range(rows)]
    for r in p.itertuples(index=False):
        grid[int(r.row) - 1][int(r.col) - 1] = r.province
    out += ["", "The tile grid (north at the top):", "", "| row | " + " | ".join(f"col {c + 1}" for c in range(cols)) + " |",
            "|---|" + "---|" * cols]
    out += [f"| {i + 1} | " + " | ".join(grid[i]) + " |" for i in range(rows)]
    return out + [""]


def markdown() -> str:
    """The codebook tables, as they stand in the README."""
    out = [BEGIN, ""]
    out += _columns(table("sources"), "one row per published report")
    out += _columns(table("figures"), "one row per stated figure")
    out += ["#### Metrics (`data/metrics.tsv`)", "",
            "| metric | kind | unit | plausible range | meaning |", "|---|---|---|---|---|"]
    for m in metrics().itertuples(index=False):
        notes = [w for w, on in (("a share: at most 100", m.capped), ("may be negative", m.signed),
                                 ("may lie ahead of its report", m.may_lie_ahead and m.kind != "target")) if on]
        meaning = m.description + (f" ({'; '.join(notes)})" if notes else "")
        out.append(f"| `{m.metric}` | {m.kind} | {m.unit} | {_range(m.minimum, m.maximum)} | {_cell(meaning)} |")
    out.append("")
    for title, name, column, header in (("Scopes (`data/scopes.tsv`)", "scopes", "scope", "what it covers"),
                                        ("Target kinds (`data/target_kinds.tsv`)", "target_kinds", "target_kind", "meaning"),
                                        ("Expectations (`data/expectations.tsv`)", "expectations", "expectation", "meaning"),
                                        ("Date bases (`data/date_bases.tsv`: how a source's date is known)", "date_bases", "date_basis", "meaning")):
        out += [f"#### {title}", "", f"| {column} | {header} |", "|---|---|"]
        out += [f"| `{key}` | {_cell(text)} |" for key, text in meanings(name).items()]
        out.append("")
        if name == "scopes":
            out += _provinces()
    out += ["#### Qualifiers", "", "| qualifier | meaning |", "|---|---|"]
    out += [f"| `{q}` | {_cell(QUALIFIERS[q])} |" for q in table("figures").field("qualifier").enum]
    out += ["", f"Every date lies within the programme's span, {span().words()}.", "", END]
    return "\n".join(out)


def readme_section(text: str) -> str:
    """The generated part of a README's text (from BEGIN to END, inclusive)."""
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[start:end]


def write(readme: Path = README) -> None:
    """Replace the generated part of the README with :func:`markdown`."""
    text = readme.read_text(encoding="utf-8")
    readme.write_text(text.replace(readme_section(text), markdown()), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    if "--write" in sys.argv[1:]:
        write()
    else:
        print(markdown())
