"""The shape every audit check takes, and the helpers the rules share.

In: columns a rule computes. Out: a checks frame with :data:`CHECK_COLUMNS`, one row per check,
each about one claim (so a restated figure is checked once, however many reports repeat it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ... import fmt
from ...evidence.keys import join_lists

#: Columns of every checks table, in order.
CHECK_COLUMNS: list[str] = [
    "rule", "grade", "cross_scope", "subject", "claim_id", "claim_ids", "figure_ids", "source_ids", "stated",
    "arithmetic", "finding", "stated_low", "stated_high", "derived_value", "derived_low", "derived_high",
]


def empty() -> pd.DataFrame:
    """A checks frame with no rows."""
    text = {c: pd.Series(dtype="str") for c in CHECK_COLUMNS}
    text.update({c: pd.Series(dtype=float) for c in ("stated_low", "stated_high", "derived_value", "derived_low", "derived_high")})
    text["cross_scope"] = pd.Series(dtype=bool)
    return pd.DataFrame(text)[CHECK_COLUMNS]


def rows(rule: str, frame: pd.DataFrame, **columns) -> pd.DataFrame:
    """A checks frame for ``rule``: ``columns`` give each check column (scalars or aligned Series)."""
    if frame.empty:
        return empty()
    out = pd.DataFrame(index=frame.index)
    out["rule"] = rule
    defaults = {"cross_scope": False, "derived_value": np.nan, "derived_low": np.nan, "derived_high": np.nan,
                "stated_low": np.nan, "stated_high": np.nan, "claim_ids": columns.get("claim_id", "")}
    for col in CHECK_COLUMNS[1:]:
        out[col] = columns.get(col, defaults.get(col, ""))
    out["cross_scope"] = out["cross_scope"].astype(bool)
    for col in ("stated_low", "stated_high", "derived_value", "derived_low", "derived_high"):
        out[col] = out[col].astype(float)
    for col in ("grade", "subject", "claim_id", "claim_ids", "figure_ids", "source_ids", "stated", "arithmetic", "finding"):
        out[col] = out[col].astype("str")
    return out[CHECK_COLUMNS].reset_index(drop=True)


def claim_text(c: pd.DataFrame, prefix: str = "") -> pd.Series:
    """Each claim as worded, with its unit: 'over 1,500 units' (ids stay in the check's id columns, not in sentences)."""
    p = prefix
    frame = pd.DataFrame({"value": c[f"{p}value"], "qualifier": c[f"{p}qualifier"], "metric": c[f"{p}metric"]})
    units = c[f"{p}metric"].map(fmt.unit_of)
    words = fmt.stated_column(frame)
    suffix = units.where(~units.isin(["%", "rials", "US dollars"]), "").map(lambda u: f" {u}" if u else "")
    return (words + suffix).astype("str")


def subject(c: pd.DataFrame) -> pd.Series:
    """What a check is about: 'units revived, national, 1399' (the claims' period labels, made once per claim)."""
    periods = c["period_label"] if "period_label" in c else fmt.period_labels(c)
    return (fmt.labels("metric", c["metric"]) + ", " + fmt.labels("scope", c["scope"]) + ", " + periods).astype("str")


def joined(*columns: pd.Series) -> pd.Series:
    """Comma-separated ids from several columns, each once, in order (:func:`analysis.evidence.keys.join_lists`).

    For source ids, which repeat across the claims a check compares.
    """
    return join_lists(*columns)


def concat(*columns: pd.Series, sep: str = ", ") -> pd.Series:
    """The non-empty cells of several columns joined with ``sep``, whole columns at once.

    For claim and figure ids: the claims a check compares are different claims, so their ids never repeat.
    """
    parts = [c.fillna("").astype("str") for c in columns]
    out = parts[0]
    for part in parts[1:]:
        out = out.where(part == "", out.where(out == "", out + sep) + part)
    return out.astype("str")


def num(x: pd.Series, unit: str | pd.Series = "", digits: int | None = None) -> pd.Series:
    """Numbers (or bounds) as text in a unit, whole columns."""
    def text(v, u):
        return fmt.amount(v, u, 0 if digits is None and (pd.isna(v) or float(v).is_integer()) else (digits or 1))

    return fmt.each(text, x, unit)


def estimate_text(value: pd.Series, low: pd.Series, high: pd.Series, unit: str | pd.Series = "") -> pd.Series:
    """Central value and bounds as text, whole columns ('2,058 (1,999 to 2,118)')."""
    return fmt.each(fmt.estimate, value, low, high, unit)


def lookup(claims: pd.DataFrame, ids: pd.Series) -> pd.DataFrame:
    """The claims named by ``ids``, as rows aligned with ``ids``' index (all-missing rows where an id is empty)."""
    out = claims.set_index("claim_id").reindex(ids.fillna("").to_numpy()).rename_axis("claim_id").reset_index()
    out.index = ids.index
    return out
