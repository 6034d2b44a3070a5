"""The shape every audit check takes, and the helpers the rules share.

In: columns a rule computes. Out: a checks frame with :data:`CHECK_COLUMNS`, one row per check,
each about one claim (so a restated figure is checked once, however many reports repeat it).

Every check carries the value it checks as stated (``stated``, ``stated_value``), what it was checked
against (``derived_*``), the arithmetic, the reading a question rests on (``reading``), and its size in
the reader's terms (:func:`measure`: units or jobs and their share of the figure checked against,
percentage points for shares and growth rates, the ratio for money, rates and jobs per unit), with a
``severity`` the findings are ranked by within each grade.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ... import fmt
from ...evidence.keys import join_lists

#: Columns of every checks table, in order.
CHECK_COLUMNS: list[str] = [
    "rule", "grade", "cross_scope", "subject", "claim_id", "claim_ids", "figure_ids", "source_ids", "stated",
    "arithmetic", "finding", "reading", "size_text", "severity", "stated_value", "stated_low", "stated_high",
    "derived_value", "derived_low", "derived_high",
]

_FLOATS = ("severity", "stated_value", "stated_low", "stated_high", "derived_value", "derived_low", "derived_high")
_TEXTS = ("grade", "subject", "claim_id", "claim_ids", "figure_ids", "source_ids", "stated", "arithmetic", "finding", "reading",
          "size_text")


def empty() -> pd.DataFrame:
    """A checks frame with no rows."""
    text = {c: pd.Series(dtype="str") for c in CHECK_COLUMNS}
    text.update({c: pd.Series(dtype=float) for c in _FLOATS})
    text["cross_scope"] = pd.Series(dtype=bool)
    return pd.DataFrame(text)[CHECK_COLUMNS]


def rows(rule: str, frame: pd.DataFrame, connector: str | None = "They can both hold", **columns) -> pd.DataFrame:
    """A checks frame for ``rule``: ``columns`` give each check column (scalars or aligned Series).

    A question's finding ends with the reading that reconciles it ("... They can both hold within the
    rounding of the figures as written."), joined by ``connector`` (``None``: the finding says it itself).
    """
    if frame.empty:
        return empty()
    out = pd.DataFrame(index=frame.index)
    out["rule"] = rule
    defaults = {"cross_scope": False, "claim_ids": columns.get("claim_id", ""), **{c: np.nan for c in _FLOATS}}
    for col in CHECK_COLUMNS[1:]:
        value = columns.get(col, defaults.get(col, ""))
        out[col] = value.to_numpy() if isinstance(value, pd.Series) and not value.index.equals(out.index) else value
    out["cross_scope"] = out["cross_scope"].astype(bool)
    for col in _FLOATS:
        out[col] = out[col].astype(float)
    for col in _TEXTS:
        out[col] = out[col].fillna("").astype("str")
    if connector:
        add = (out["grade"] == "question") & (out["reading"] != "")
        out.loc[add, "finding"] = out.loc[add, "finding"] + " " + connector + " " + out.loc[add, "reading"] + "."
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


#: How a check's size is put to a reader, by the kind of quantity it compares.
SCALES: tuple[str, ...] = ("count", "points", "ratio")


def measure(stated, derived_value, derived_low, derived_high, scale: str, unit: str | pd.Series = "", of: str = "") -> tuple[pd.Series, pd.Series]:
    """A check's size and severity: ``(size_text, severity)`` (whole columns).

    The gap is the distance from the value checked (``stated``, as stated) to the central value of what it
    was checked against (``derived_value``), or to its nearest end (``derived_low`` .. ``derived_high``)
    where it has none.
    ``count``: '612 units (12% of 5,212)' (``of`` names what the share is of), severity the share;
    ``points``: '7.2 points', severity the points over 100; ``ratio``: '5.9 times', severity the ratio
    less 1. NaN and '' where nothing can be measured.
    """
    x = pd.Series(stated, dtype=float) if not isinstance(stated, pd.Series) else stated.astype(float)
    idx = x.index

    def col(v):
        return v.astype(float).set_axis(idx) if isinstance(v, pd.Series) else pd.Series(v, index=idx, dtype=float)

    dv, dl, dh = col(derived_value), col(derived_low), col(derived_high)
    bound = pd.Series(np.where(x < dl, dl, np.where(x > dh, dh, np.where(np.isfinite(dl), dl, dh))), index=idx)
    near = dv.where(dv.notna() & np.isfinite(dv), bound)  # the central value as stated, else the nearest bound
    near = near.where(np.isfinite(near))
    gap = (x - near).abs()
    units = unit if isinstance(unit, pd.Series) else pd.Series(unit, index=idx)
    units = units.set_axis(idx) if isinstance(unit, pd.Series) else units
    if scale == "count":
        severity = gap / near.abs().where(near != 0)
        text = fmt.each(lambda g, n, u: "" if pd.isna(g) else f"{fmt.amount(g, u)}{' ' + u if u not in ('%', 'rials', 'US dollars', '') else ''}"
                        + ("" if pd.isna(n) or n == 0 else f" ({fmt.share(g / abs(n) * 100)} of {of + ' ' if of else ''}{fmt.amount(abs(n), u)})"),
                        gap, near, units)
    elif scale == "points":
        severity = gap / 100
        text = fmt.each(lambda g: "" if pd.isna(g) else f"{fmt.number(g, 1 if g < 10 else 0)} points", gap)
    else:
        ratio = pd.Series(np.where(x.abs() >= near.abs(), x.abs() / near.abs().where(near != 0), near.abs() / x.abs().where(x != 0)), index=idx)
        severity = ratio - 1
        text = fmt.each(lambda r: "" if pd.isna(r) or not np.isfinite(r) else f"{fmt.number(r, 1 if r < 10 else 0)} times", ratio)
    return text.astype("str"), severity.astype(float).where(lambda v: np.isfinite(v))


def lookup(claims: pd.DataFrame, ids: pd.Series) -> pd.DataFrame:
    """The claims named by ``ids``, as rows aligned with ``ids``' index (all-missing rows where an id is empty)."""
    out = claims.set_index("claim_id").reindex(ids.fillna("").to_numpy()).rename_axis("claim_id").reset_index()
    out.index = ids.index
    return out


def wordings(ev, claim_ids: pd.Series) -> pd.Series:
    """Each claim's distinct wordings, first report first, as a sentence lists them: '1,500 and over 1,500 units'."""
    f = ev.figures[ev.figures["claim_id"].isin(claim_ids.dropna())].sort_values(["published_earliest", "figure_id"], kind="stable")
    words = fmt.stated_column(f)
    per = pd.DataFrame({"claim_id": f["claim_id"], "w": words}).drop_duplicates().groupby("claim_id", sort=False)["w"].agg(list)
    units = f.drop_duplicates("claim_id").set_index("claim_id")["metric"].map(fmt.unit_of)

    def text(cid: str) -> str:
        items = per.get(cid, [])
        u = units.get(cid, "")
        joined = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""
        return joined + (f" {u}" if joined and u not in ("%", "rials", "US dollars", "") else "")

    return claim_ids.fillna("").map(text).astype("str")
