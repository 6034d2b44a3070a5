"""The shape every audit check takes, and the helpers the rules share.

In: columns a rule computes. Out: a checks frame with :data:`CHECK_COLUMNS`, one row per check,
each about one claim (so a restated figure is checked once, however many reports repeat it).

Every check carries the value it checks as stated (``stated``, ``stated_value``), what it was checked
against (``derived_*``), the arithmetic, the reading a question rests on (``reading``), its size in
the reader's terms (:func:`measure`: units or jobs and their share of the figure checked against,
percentage points for shares and growth rates, the ratio for money, rates and jobs per unit), with a
``severity`` the findings are ranked by within each grade, and a one-line ``headline`` for every
contradiction, question, note and inference.

The text columns (:data:`MESSAGE_COLUMNS`) hold sentences as data (:class:`analysis.words.Msg`, or
``None`` where there is nothing to say), written in the language in force when shown; the catalogue's
words are in :mod:`analysis.words.en.audit`. Ids, grades and numbers stay plain columns.
"""

from __future__ import annotations

import functools
import math
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd

from ... import fmt
from ...evidence.keys import join_lists
from .distinct import each
from ...words import PERIOD_FIELDS, All, Day, Est, Label, Msg, Num, Period, Points, Share, Window, Year, slots_of

#: Columns of every checks table, in order.
CHECK_COLUMNS: list[str] = [
    "rule", "grade", "cross_scope", "subject", "claim_id", "claim_ids", "figure_ids", "source_ids", "headline", "stated",
    "arithmetic", "finding", "reading", "size_text", "severity", "stated_value", "stated_low", "stated_high",
    "derived_value", "derived_low", "derived_high",
]

#: Columns that hold sentences (:class:`~analysis.words.Msg`) or ``None``.
MESSAGE_COLUMNS: tuple[str, ...] = ("subject", "headline", "stated", "arithmetic", "finding", "reading", "size_text")

_FLOATS = ("severity", "stated_value", "stated_low", "stated_high", "derived_value", "derived_low", "derived_high")
_TEXTS = ("grade", "claim_id", "claim_ids", "figure_ids", "source_ids")

#: Grades that get a headline.
HEADLINED: tuple[str, ...] = ("contradiction", "question", "note", "inference")

#: Units a number carries in its own words ('54%', '35 trillion rials'); other units are named by the sentence.
OWN_UNITS: tuple[str, ...] = ("%", "rials", "US dollars")


def empty() -> pd.DataFrame:
    """A checks frame with no rows (a copy of one built once: most rules find nothing in most places)."""
    return _empty().copy()


@functools.lru_cache(maxsize=1)
def _empty() -> pd.DataFrame:
    text = {c: pd.Series(dtype="str") for c in CHECK_COLUMNS}
    text.update({c: pd.Series(dtype=object) for c in MESSAGE_COLUMNS})
    text.update({c: pd.Series(dtype=float) for c in _FLOATS})
    text["cross_scope"] = pd.Series(dtype=bool)
    return pd.DataFrame(text)[CHECK_COLUMNS]


def rows(rule: str, frame: pd.DataFrame, connector: str | None = "both", **columns) -> pd.DataFrame:
    """A checks frame for ``rule``: ``columns`` give each check column (scalars or aligned Series).

    A question's finding ends with the reading that reconciles it ("... They can both hold within the
    rounding of the figures as written."), with the catalogue's ``audit.reconciled.<connector>``
    (``None``: the finding says it itself). A headline is kept for the graded rows that are shown
    (:data:`HEADLINED`) only.
    """
    if frame.empty:
        return empty()
    out = pd.DataFrame(index=frame.index)
    out["rule"] = rule
    defaults = {"cross_scope": False, "claim_ids": columns.get("claim_id", ""), **{c: np.nan for c in _FLOATS}}
    for col in CHECK_COLUMNS[1:]:
        value = columns.get(col, defaults.get(col))
        if isinstance(value, pd.Series) and not value.index.equals(out.index):
            value = value.to_numpy()
        if col in MESSAGE_COLUMNS:
            cells = _cells(value, len(out))
            if not set(map(type, cells)) <= _SENTENCES:  # a bare number: said as one
                cells = [v if v is None or isinstance(v, Msg) else Msg("audit.number", {"n": v}) for v in cells]
            out[col] = pd.Series(cells, index=out.index, dtype=object)
        else:
            out[col] = "" if value is None else value
    out["cross_scope"] = out["cross_scope"].astype(bool)
    for col in _FLOATS:
        out[col] = out[col].astype(float)
    for col in _TEXTS:
        out[col] = out[col].fillna("").astype("str")
    if connector:
        add = (out["grade"] == "question") & out["reading"].notna()
        out.loc[add, "finding"] = pd.Series([Msg(f"audit.reconciled.{connector}", {"finding": f, "reading": r})
                                             for f, r in zip(out.loc[add, "finding"], out.loc[add, "reading"])],
                                            index=out.index[add], dtype=object)
    keep = out["grade"].isin(HEADLINED)
    out["headline"] = out["headline"].where(keep, None)
    return out[CHECK_COLUMNS].reset_index(drop=True)


#: The cells a message column keeps as they are.
_SENTENCES: frozenset = frozenset({Msg, type(None)})


def _cells(value: Any, n: int) -> list:
    """A message column's cells: a Series, array or list as given (NaN as None), a scalar repeated."""
    if isinstance(value, (pd.Series, np.ndarray, list, tuple)):
        items = list(value.tolist() if hasattr(value, "tolist") else value)
        if set(map(type, items)) <= _SENTENCES:  # messages and None (most columns): nothing missing to blank
            return items
        return [None if _missing(v) else v for v in items]
    return [None if _missing(value) else value] * n


def _missing(x: Any) -> bool:
    # Called for every cell of every sentence: the common types are tested first, by type, not isinstance.
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    t = type(x)
    if t is str:
        return x == ""
    if t is float:
        return x != x
    if t is int or t is bool:
        return False
    return (isinstance(x, float) and math.isnan(x)) or (isinstance(x, str) and x == "")


# ---------------------------------------------------------------------------------------------
# Sentences as data, whole columns at once
# ---------------------------------------------------------------------------------------------

def _list(x: Any, n: int) -> list:
    if isinstance(x, pd.Series):
        return x.tolist()
    if isinstance(x, (np.ndarray, list, tuple)):
        return list(x.tolist() if hasattr(x, "tolist") else x)
    return [x] * n


def _length(*xs: Any) -> int:
    for x in xs:
        if isinstance(x, (pd.Series, np.ndarray, list, tuple)):
            return len(x)
    return 1


def msgs(key: Any, length: int | None = None, /, **slots) -> list:
    """Messages, row by row: ``key`` (one key, or one per row; a missing key gives ``None``) and each
    slot's values (aligned columns or scalars). Each message keeps the slots its English template uses."""
    n = length if length is not None else _length(key, *slots.values())
    keys = _list(key, n)
    cols = {k: _list(v, n) for k, v in slots.items()}
    from ...words.en import MESSAGES

    if n and not isinstance(key, (pd.Series, np.ndarray, list, tuple)) and not _missing(key):
        # One key for every row (most calls): its slots looked up once, the rows zipped column by column.
        need = sorted(slots_of(MESSAGES[key]))
        if not need:
            return [Msg(key, {}) for _ in range(n)]
        return each(lambda *row: Msg(key, dict(zip(need, row))), *(cols[s] for s in need))
    # A key per row: the rows of each key (a few keys, each with its own slots) built as one key's are, from
    # the slots that key uses only (rows that differ in the others get the same message).
    out: list = [None] * n
    codes, found = pd.factorize(np.array(keys, dtype=object))  # None and NaN: code -1, no message
    for j, k in enumerate(found.tolist()):
        if _missing(k):
            continue
        rows = np.flatnonzero(codes == j).tolist()
        need = sorted(slots_of(MESSAGES[k]))
        if need:
            pick = itemgetter(*rows)
            made = each(lambda *row, k=k, need=need: Msg(k, dict(zip(need, row))),
                        *([cols[s][rows[0]]] if len(rows) == 1 else list(pick(cols[s])) for s in need))
        else:
            made = [Msg(k, {})] * len(rows)
        for i, m in zip(rows, made):
            out[i] = m
    return out


def keyed(prefix: str, grades: Any, only: tuple[str, ...] = ("contradiction", "question")) -> list:
    """A key per row, ``prefix + grade`` for the grades in ``only`` (``None`` for the rest)."""
    return [prefix + g if g in only else None for g in _list(grades, _length(grades))]


def semicolons(items: list) -> Msg | None:
    """Items joined by semicolons ('a; b; c'), as one message (``None`` for none)."""
    items = [i for i in items if i is not None]
    if not items:
        return None
    out = items[-1]
    for item in reversed(items[:-1]):
        out = Msg("audit.list.semicolon", {"first": item, "rest": out})
    return out


def nums(values: Any, unit: Any = "", digits: int | None = None) -> list:
    """Numbers as slots (:class:`~analysis.words.Num`), in a unit (a scalar or one per row)."""
    n = _length(values, unit)
    return each(lambda v, u: None if _missing(v) else Num(float(v), digits, u or ""), _list(values, n), _list(unit, n))


def ests(value: Any, low: Any, high: Any, unit: Any = "", digits: int | None = None) -> list:
    """Estimates with their bounds as slots (:class:`~analysis.words.Est`): '2,058 (1,999 to 2,118)'."""
    n = _length(value, low, high, unit)
    return each(lambda v, lo, hi, u: Est(_f(v), _f(lo), _f(hi), u or "", digits), _list(value, n), _list(low, n), _list(high, n), _list(unit, n))


def _f(x: Any) -> float:
    return math.nan if _missing(x) else float(x)


def _share_digits(*xs: float) -> int:
    finite = [abs(x) for x in xs if not math.isnan(x) and math.isfinite(x)]
    return 0 if finite and max(finite) >= 10 else 1


def rough(value: Any, low: Any, high: Any, unit: Any = "") -> list:
    """Derived numbers as a sentence says them: a central value alone, at the precision a sentence
    carries (percentages and ratios whole from 10 up, one decimal below; counts whole), else the bounds
    ('at most 33%', '1,549 to 3,209')."""
    n = _length(value, low, high, unit)
    return each(_rough, _list(value, n), _list(low, n), _list(high, n), _list(unit, n))


def _rough(v: Any, lo: Any, hi: Any, u: Any) -> Any:
    v, lo, hi, u = _f(v), _f(lo), _f(hi), u or ""
    open_ended = (math.isinf(lo) if not math.isnan(lo) else False) or (math.isinf(hi) if not math.isnan(hi) else False)
    if not math.isnan(v) and math.isfinite(v) and not open_ended:
        if u == "%":
            return Share(v)
        if u in ("", "jobs per unit"):
            return Num(v, _share_digits(v), u)
        return Num(v, 0, u)
    if u in ("%", "", "jobs per unit"):
        return Est(math.nan, lo, hi, u, _share_digits(lo, hi))
    return Est(math.nan, lo, hi, u)


def share_beside(derived: Any, stated: Any, low: Any = math.nan, high: Any = math.nan) -> list:
    """A derived percentage for a sentence beside a stated one: as :class:`~analysis.words.Share`
    ('54%'), or with one decimal where the whole number would read as the stated figure itself
    ('over 54%' against '53.5%', not '54%'). ``None`` where the value is missing or open-ended on a side
    (``low`` or ``high`` infinite): :func:`rough` says those."""
    n = _length(derived, stated, low, high)
    out = []
    for d, s, lo, hi in zip(_list(derived, n), _list(stated, n), _list(low, n), _list(high, n)):
        d, s, lo, hi = _f(d), _f(s), _f(lo), _f(hi)
        if math.isnan(d) or not math.isfinite(d) or (not math.isnan(lo) and math.isinf(lo)) or (not math.isnan(hi) and math.isinf(hi)):
            out.append(None)
        elif abs(d) >= 10 and float(f"{d:.0f}") == s and d != s:
            out.append(Num(d, 1, "%"))
        else:
            out.append(Share(d))
    return out


def _digits_of(v: float) -> int:
    return 0 if float(v).is_integer() else len(repr(float(v)).split(".")[1])


def said(c: pd.DataFrame, prefix: str = "", bare: bool = False) -> list:
    """Each claim as worded, with its unit: 'over 1,500 units', 'about 31%' (``bare``: the unit only
    where a number carries it in its own words, 'over 1,500', '35 trillion rials')."""
    p = prefix
    metrics = c[f"{p}metric"].tolist()
    units = {m: fmt.unit_of(m) for m in set(metrics) if not _missing(m)}  # each metric's unit looked up once

    def one(v, q, m):
        if _missing(v):
            return None
        unit = units.get(m, "") if not _missing(m) else ""
        if bare and unit not in OWN_UNITS:
            unit = ""
        return Msg(f"qualifier.{q if not _missing(q) else 'exact'}", {"n": Num(float(v), _digits_of(v), unit)})

    return each(one, c[f"{p}value"].tolist(), c[f"{p}qualifier"].tolist(), metrics)


def claim_text(c: pd.DataFrame, prefix: str = "") -> list:
    """Each claim as worded, with its unit (ids stay in the check's id columns, not in sentences)."""
    return said(c, prefix)


def _int(x: Any) -> Any:
    return None if _missing(x) else int(x)


def _cells_of(column: pd.Series) -> list:
    """``column.tolist()``, with each distinct date turned into a Timestamp once (a period's dates repeat
    from row to row, and converting every cell is most of what writing periods costs)."""
    if not pd.api.types.is_datetime64_any_dtype(column.dtype):
        return column.tolist()
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    items = [*pd.Series(uniques, dtype=column.dtype).tolist(), pd.NaT]  # code -1 (missing) reads the last: NaT
    return [items[i] for i in codes.tolist()]


def periods(c: pd.DataFrame) -> list:
    """Each row's period as a slot (:class:`~analysis.words.Period`)."""
    return each(_period, *[_cells_of(c[f]) for f in PERIOD_FIELDS])


def _period(kind, fy, ly, start, end, ee, el, m1, m2) -> Period:
    end = _end(end, ee, el)
    return Period(kind, _int(fy), _int(ly), None if _missing(start) else start, None if _missing(end) else end,
                  None if _missing(ee) else ee, None if _missing(el) else el, _int(m1), _int(m2))


def _end(end: Any, earliest: Any, latest: Any) -> Any:
    """A period's last day: as stated, or its report's day when the report is dated (its window one day)."""
    if _missing(end) and not _missing(earliest) and not _missing(latest) and earliest == latest:
        return earliest
    return end


def units(metrics: pd.Series) -> pd.Series:
    """The unit of each metric (:func:`analysis.fmt.unit_of`), each distinct metric looked up once."""
    table = {m: fmt.unit_of(m) for m in pd.unique(metrics.dropna())}
    return metrics.map(table).fillna("").astype("str")


def own_units(units: Any) -> list:
    """The units a number carries in its own words ('%', money), '' for the rest (the sentence names those)."""
    return [u if u in OWN_UNITS else "" for u in _list(units, _length(units))]


def wheres(scopes: Any) -> list:
    """Where each quantity was counted, in a sentence's words ('nationally', 'in industrial parks')."""
    return each(lambda s: Label("audit.where", s), _list(scopes, _length(scopes)))


def labels(kind: str, codes: Any) -> list:
    """Codes as slots (:class:`~analysis.words.Label`)."""
    return each(lambda c: Label(kind, c), _list(codes, _length(codes)))


def years(values: Any) -> list:
    """Iranian years for a sentence, without their Gregorian span (a headline's length)."""
    return each(lambda v: None if _missing(v) else Year(int(v), span=False), _list(values, _length(values)))


def whens(c: pd.DataFrame, brief: bool = False) -> list:
    """Each row's period as a sentence says it: 'in 1399', 'in 1400 up to 8 March 2022', 'in part of
    1399', 'since 25 August 2021', 'in a report of 21 June 2020 to 20 March 2021', 'with no period stated'.
    ``brief`` (a headline): any part of a year is 'in part of 1399', a stock 'in 1399'."""
    return each(lambda *row: _when(brief, *row), *[_cells_of(c[f]) for f in PERIOD_FIELDS])


def _when(brief: bool, kind, fy, ly, start, end, ee, el, m1, m2) -> Msg:
    """One period as :func:`whens` says it."""
    year = None if _missing(fy) else Year(int(fy), span=False)
    end = _end(end, ee, el)
    dated = not _missing(end)
    if brief and kind in ("quarter", "half", "months", "year_to_date") and year is not None:
        return Msg("audit.when.year_to_date_undated", {"year": year})
    if brief and kind == "stock" and year is not None:
        return Msg("audit.when.full_year", {"year": year})
    if kind == "full_year":
        return Msg("audit.when.full_year", {"year": year})
    if kind in ("quarter", "half"):
        size = 3 if kind == "quarter" else 6
        return Msg(f"audit.when.{kind}", {"ordinal": Msg(f"ordinal.{(int(m1) - 1) // size + 1}"), "year": year})
    if kind == "months":
        return Msg("audit.when.months", {"first": Num(int(m1)), "last": Num(int(m2)), "year": year})
    if kind == "year_to_date":
        return (Msg("audit.when.year_to_date", {"year": year, "day": Day(end)}) if dated
                else Msg("audit.when.year_to_date_undated", {"year": year}))
    if kind == "multi_year":
        return Msg("audit.when.multi_year", {"first": year, "last": Year(int(ly), span=False)})
    if kind == "since_date":
        return Msg("audit.when.since_date", {"day": Day(start)})
    if kind == "span":
        return Msg("audit.when.span", {"first": Day(start), "last": Day(end)})
    if kind == "stock" and (dated or not _missing(ee)):
        return Msg("audit.when.stock", {"day": Day(end)}) if dated else Msg("audit.when.stock_undated", {"window": Window(ee, el)})
    return Msg("audit.when.open")


def whats(c: pd.DataFrame, metric: str = "metric", where: bool = True, brief: bool = True) -> list:
    """Each row's quantity over its period, as a headline names it: "1400's jobs nationally", "units
    revived in industrial parks since 25 August 2021" (``where=False``: without the scope; ``brief``:
    periods as :func:`whens` words them for a headline)."""
    metrics = labels("metric", c[metric])
    places = wheres(c["scope"]) if where else [None] * len(c)
    tail = "" if where else ".any"

    def one(m, w, when, kind, fy):
        if kind == "full_year":
            return Msg("audit.what.full_year" + tail, {"year": Year(int(fy), span=False), "metric": m, **({"where": w} if where else {})})
        return Msg("audit.what.other" + tail, {"metric": m, "when": when, **({"where": w} if where else {})})

    return each(one, metrics, places, whens(c, brief), c["period_kind"].tolist(), c["first_year"].tolist())


def subject(c: pd.DataFrame) -> list:
    """What a check is about, as a table labels it: 'units revived, national, 1399 (2020–21)'."""
    return msgs("audit.subject", len(c), metric=labels("metric", c["metric"]), scope=labels("scope", c["scope"]), period=periods(c))


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


#: How a check's size is put to a reader, by the kind of quantity it compares.
SCALES: tuple[str, ...] = ("count", "points", "ratio")

#: What a count's share is of (``measure(..., of=...)``): the catalogue's ``audit.size.count_<of>``.
SIZE_OF: tuple[str, ...] = ("", "earlier", "national", "implied", "result")


def measure(stated, derived_value, derived_low, derived_high, scale: str, unit: str | pd.Series = "", of: str = "") -> tuple[pd.Series, pd.Series]:
    """A check's size and severity: ``(size_text, severity)`` (whole columns; the size a message).

    The gap is the distance from the value checked (``stated``, as stated) to the central value of what it
    was checked against (``derived_value``), or to its nearest end (``derived_low`` .. ``derived_high``)
    where it has none.
    ``count``: '612 units (12% of 5,212)' (``of``, one of :data:`SIZE_OF`, names what the share is of),
    severity the share; ``points``: '7.2 points', severity the points over 100; ``ratio``: '5.9 times',
    severity the ratio less 1. ``None`` and NaN where nothing can be measured.
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
        key = f"audit.size.count_{of}" if of else "audit.size.count"

        def one(g, n, u):
            if math.isnan(g):
                return None
            if math.isnan(n) or n == 0:
                return Msg("audit.size.gap", {"gap": Num(g, 0, u)})
            return Msg(key, {"gap": Num(g, 0, u), "share": Share(g / abs(n) * 100), "near": Num(abs(n), 0, u if u in OWN_UNITS else "")})

        out = each(one, gap.tolist(), near.tolist(), units.tolist())
    elif scale == "points":
        severity = gap / 100
        out = each(lambda g: None if math.isnan(g) else Msg("audit.size.points", {"points": Points(g)}), gap.tolist())
    else:
        ratio = pd.Series(np.where(x.abs() >= near.abs(), x.abs() / near.abs().where(near != 0), near.abs() / x.abs().where(x != 0)), index=idx)
        severity = ratio - 1
        out = each(lambda r: None if math.isnan(r) or not math.isfinite(r) else Msg("audit.size.times", {"n": Num(r, 1 if r < 10 else 0)}),
                   ratio.tolist())
    return pd.Series(out, index=idx, dtype=object), severity.astype(float).where(lambda v: np.isfinite(v))


def lookup(claims: pd.DataFrame, ids: pd.Series) -> pd.DataFrame:
    """The claims named by ``ids``, as rows aligned with ``ids``' index (all-missing rows where an id is empty)."""
    out = claims.set_index("claim_id").reindex(ids.fillna("").to_numpy()).rename_axis("claim_id").reset_index()
    out.index = ids.index
    return out


def wordings(ev, claim_ids: pd.Series, bare: bool = False) -> list:
    """Each claim's distinct wordings, first report first, as a sentence lists them: '1,500 and over 1,500
    units' (``bare``: without the unit of a count, 'up to 1,500 and over 1,600')."""
    f = ev.figures[ev.figures["claim_id"].isin(claim_ids.dropna())].sort_values(["published_earliest", "figure_id"], kind="stable")
    words = said(f, bare=True)
    per: dict[str, list] = {}
    seen: dict[str, set] = {}
    for cid, w, q, v in zip(f["claim_id"].tolist(), words, f["qualifier"].tolist(), f["value"].tolist()):
        if (q, v) in seen.setdefault(cid, set()):
            continue
        seen[cid].add((q, v))
        per.setdefault(cid, []).append(w)
    unit_of = units(f.drop_duplicates("claim_id").set_index("claim_id")["metric"]).to_dict()  # a dict: one look-up per row

    def one(cid: str):
        items = per.get(cid, [])
        if not items:
            return None
        u = unit_of.get(cid, "")
        listed = All(tuple(items))
        if bare or u in OWN_UNITS or not u:
            return Msg("audit.wordings.bare", {"words": listed})
        return Msg("audit.wordings.unit", {"words": listed, "unit": Label("unit", u)})

    return [one(cid) for cid in claim_ids.fillna("").tolist()]
