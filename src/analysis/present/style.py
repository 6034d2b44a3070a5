"""How charts look: one colour per scope everywhere, readable type, deterministic files.

In: nothing but matplotlib. Out: :data:`SCOPE_COLOURS`, :data:`INK`, :func:`setup`. The palette is
Okabe and Ito's, safe for the common kinds of colour blindness; a scope keeps its colour in every chart.
"""

from __future__ import annotations

import matplotlib

#: One colour per scope (Okabe-Ito palette).
SCOPE_COLOURS: dict[str, str] = {
    "national": "#0072B2",
    "industrial_parks": "#009E73",
    "outside_parks": "#56B4E9",
    "smes": "#E69F00",
    "economic_units": "#CC79A7",
    "renovation_programme": "#999999",
    "capacity_programme": "#D55E00",
}

#: Text and neutral marks (targets, axes).
INK = "#222222"
MUTED = "#6b6b6b"
GRID = "#d9d9d9"

#: Inches: charts are drawn for a 760-pixel column at 100 dpi and scale down on phones.
WIDTH = 7.6


def colour(scope: str) -> str:
    """The colour of a scope (grey for one the palette does not know)."""
    return SCOPE_COLOURS.get(scope, MUTED)


def setup() -> None:
    """Settings every chart uses: type sizes readable at phone width, no chart junk, fixed SVG ids."""
    matplotlib.rcParams.update({
        "figure.figsize": (WIDTH, 4.2),
        "figure.dpi": 100,
        "savefig.dpi": 144,
        "font.size": 11,
        "axes.titlesize": 13,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.labelsize": 11,
        "axes.labelcolor": INK,
        "axes.edgecolor": MUTED,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.color": GRID,
        "grid.linewidth": 0.6,
        "xtick.color": INK,
        "ytick.color": INK,
        "legend.fontsize": 10,
        "legend.frameon": False,
        "svg.hashsalt": "isipo-revival",
        "svg.fonttype": "none",
        "text.usetex": False,
        "text.parse_math": False,  # source text with $ signs is plain text, never mathtext
    })
