"""The audit of every province in one pass: each rule's fixed cost paid once, not once per place.

In: ``{province: Evidence}`` (:attr:`analysis.questions.provinces.Places.provinces`, in the vocabulary's
order). Out: :func:`checks`, what running :func:`analysis.questions.audit.checks` on each province alone
and putting the frames one after the other gives (a ``province`` column first): the same rows in the same
order (place by place, within a place in :data:`~analysis.questions.audit.RULES` order, within a rule as
the rule orders them), columns, dtypes and cells.

The rules of :data:`ONE_PASS` run once, over :class:`Together`: each evidence frame of every place
concatenated, place after place, with a ``province`` column where the frame has none. Each of those rules
keys by :func:`place` (``["province"]`` where the frame has the column, else nothing: the country's and a
single province's evidence never do, so :func:`~analysis.questions.audit.checks` of one place runs as it
always did) wherever it groups, joins, sorts, dedupes or compares rows, so nothing of one province is
checked against another's (the target echoes too: :func:`analysis.evidence.targets.echoes` takes the
place as a key), and a band each place sets from its own pairs is taken per place (:func:`band`). A row
goes back to its province by its ``claim_id`` (a claim id is its first figure's id: one province each).
The other rules (the seed's, which read the country's ledger, and those not converted) run place by
place as before. A rule runs place by place too when the frames it reads are not typed alike in every
place (concatenating them would retype a column).
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from ...evidence import FRAMES  # the evidence frames Together concatenates
from .checks import CHECK_COLUMNS, empty
from .distinct import each

#: Rules that run once over every province, with the evidence frames each reads.
ONE_PASS: dict[str, tuple[str, ...]] = {
    "ytd_decrease": ("series", "claims"),
    "running_total": ("claims",),
    "different_values": ("claims",),
    "wording": ("claims", "figures"),
    "term_total": ("terms", "claims", "figures"),
    "parts_total": ("claims", "targets", "figures"),
    "target_echo": ("claims", "targets"),
    "reused_value": ("claims", "targets"),
    "marginal_jobs": ("pairs",),
    "outlier_ratio": ("pairs", "money", "claims"),
    "target_ratio": ("pairs", "targets", "claims"),
    "dollar_conversion": ("claims",),
}



def place(frame: pd.DataFrame) -> list[str]:
    """The key that keeps places apart: ``["province"]`` in a frame of several places, else ``[]``."""
    return ["province"] if "province" in frame.columns else []


def places_of(ev) -> list:
    """Each place's evidence in ``ev``: a :class:`Together`'s places, else ``[ev]`` (for a part of a rule run
    place by place)."""
    return list(ev.places.values()) if isinstance(ev, Together) else [ev]


def band(pairs: pd.DataFrame, rows: pd.DataFrame):
    """The plausible jobs per unit (:func:`analysis.evidence.pairs.plausible_band`) of each row's place:
    ``(low, high)`` as two numbers where ``pairs`` is one place's, else two Series aligned with ``rows``
    (each place's band from its own pairs)."""
    from ...evidence.pairs import plausible_band

    if not place(pairs):
        return plausible_band(pairs)
    bands = {p: plausible_band(g) for p, g in pairs.groupby("province", sort=False)}
    low = rows["province"].map({p: b[0] for p, b in bands.items()}).astype(float)
    high = rows["province"].map({p: b[1] for p, b in bands.items()}).astype(float)
    return low, high


def per_row(make: Callable, *values):
    """``make(*values)`` where every value is a number (one place), else one result per row (Series
    aligned; ``make`` called once per distinct row)."""
    series = [v for v in values if isinstance(v, pd.Series)]
    if not series:
        return make(*values)
    n = len(series[0])
    return each(make, *[v.tolist() if isinstance(v, pd.Series) else [v] * n for v in values])


class Together:
    """Every place's evidence frames, each concatenated place after place with a ``province`` column
    (built when first read). ``ledger`` is the places' (one ledger)."""

    def __init__(self, places: dict):
        self.places = places
        self.ledger = next(iter(places.values())).ledger
        self.province = ""
        self._frames: dict[str, pd.DataFrame] = {}
        self._alike: dict[str, bool] = {}  # each frame's answer to alike, found once (most rules read the claims)

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name not in FRAMES:
            raise AttributeError(name)
        if name not in self._frames:
            parts = [self._of(p, e, name) for p, e in self.places.items()]
            full = [f for f in parts if not f.empty]
            self._frames[name] = pd.concat(full, ignore_index=True) if full else parts[0].reset_index(drop=True)
        return self._frames[name]

    @staticmethod
    def _of(p: str, e, name: str) -> pd.DataFrame:
        frame = getattr(e, name)
        return frame if "province" in frame.columns else frame.assign(province=p)

    @property
    def sources(self) -> pd.DataFrame:
        return self.ledger.sources

    def alike(self, names: tuple[str, ...]) -> bool:
        """Whether each frame of ``names`` has the same columns and dtypes in every place where it has rows."""
        for name in names:
            if name not in self._alike:
                frames = [getattr(e, name) for e in self.places.values()]
                seen = {tuple(zip(f.columns, map(str, f.dtypes))) for f in frames if not f.empty}
                self._alike[name] = len(seen) <= 1
            if not self._alike[name]:
                return False
        return True


def checks(places: dict) -> pd.DataFrame:
    """Every check of every rule within each place (module docstring), a ``province`` column first."""
    from . import RULES, _collector_paused

    if not places:
        out = empty()
        return out.assign(province=pd.Series(dtype="str"))[["province", *out.columns]]
    rank = {p: i for i, p in enumerate(places)}
    together = Together(places)
    parts = []
    owners = None  # each claim's province, looked up once for every rule run in one pass
    with _collector_paused():
        for r, rule in enumerate(RULES):
            if rule.id in ONE_PASS and together.alike(ONE_PASS[rule.id]):
                out = rule.run(together)
                if out.empty:
                    continue
                owners = _province_of(together) if owners is None else owners
                of = out["claim_id"].map(owners)
                if of.isna().any():
                    raise ValueError(f"rule {rule.id}: a check whose claim no province has")
                parts.append(out.assign(province=of.astype("str"), _p=of.map(rank).to_numpy(), _r=r))
            else:
                for p, e in places.items():
                    out = rule.run(e)
                    if not out.empty:
                        parts.append(out.assign(province=p, _p=rank[p], _r=r))
    if not parts:
        out = empty()
        return out.assign(province=pd.Series(dtype="str"))[["province", *out.columns]]
    out = pd.concat(parts, ignore_index=True)
    order = np.lexsort((out["_r"].to_numpy(), out["_p"].to_numpy()))  # stable: each rule's rows keep their order
    out = out.iloc[order].reset_index(drop=True)
    return out[["province", *CHECK_COLUMNS]]


def _province_of(together: Together) -> pd.Series:
    c = together.claims
    return pd.Series(c["province"].to_numpy(), index=c["claim_id"].to_numpy())
