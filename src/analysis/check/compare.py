"""What one ledger changes against another: reports and figures, claims, best estimates, audit findings.

In: two validated :class:`~analysis.ledger.Ledger` objects, the committed one (``old``) and the working
copy's (``new``). Out: :func:`compare` returns :class:`Changes`, plain records a test can inspect, every
list sorted (the country before the provinces, then by kind of change, then by id or key):

- ``reports`` and ``figures``: rows added, removed or edited in ``sources.tsv`` and ``figures.tsv``;
- ``claims`` (:class:`ClaimChange`), by place: claims added, removed, or changed in value, wording
  (qualifiers and the bounds they give), period or reports. A claim's id is its first report's figure,
  so a new report that states a number earlier than its first known report renames the claim: an old and
  a new claim that share a figure are one claim, changed (``first reported``), not one removed and one added;
- ``estimates`` (:class:`EstimateChange`), per place, metric, scope and Iranian year: an estimate that
  moved (its value or bounds read differently in words, :func:`analysis.fmt.estimate`, or its basis
  changed), a new one, one that vanished;
- ``findings`` (:class:`FindingChange`): audit findings (contradictions, questions, notes, inferences)
  that appeared, changed grade or went away, matched across the two ledgers by place, rule and the claims
  the check used (claim ids renamed as above), never by their text; a check whose other claims changed
  is still matched when it is the only one of its rule about its claim.

A place whose inputs (:func:`.snapshot.inputs`) are equal in both ledgers has equal evidence and is
not built at all (``full=True`` builds every place, as the test of that shortcut does).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .. import fmt
from .snapshot import Snapshot, empty, inputs, places, snapshot

#: Audit grades that are shown to a reader (findings, notes and inferences): changes among them are reported.
SHOWN_GRADES: tuple[str, ...] = ("contradiction", "question", "note", "inference")

_ORDER = {"added": 0, "changed": 1, "removed": 2, "moved": 0, "new": 1, "vanished": 2,
          "appeared": 0, "changed grade": 1, "went away": 2}


@dataclass(frozen=True)
class RowChange:
    """A row of ``sources.tsv`` or ``figures.tsv`` added, removed or edited (``fields``: the columns that differ)."""

    change: str
    id: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClaimChange:
    """A claim added, removed or changed in one place (``""``: the whole country).

    ``stated``: the number as worded (the new one, or the old one of a removed claim); ``aspects``: what
    changed (``value``, ``wording``, ``period``, ``reports``, ``first reported``); ``details``: each
    aspect in words, old -> new (for an added or removed claim, the reports stating it).
    """

    place: str
    change: str
    claim_id: str
    metric: str
    subject: str
    stated: str
    aspects: tuple[str, ...] = ()
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class EstimateChange:
    """A best estimate (one metric, scope and Iranian year of one place) that moved, is new or vanished.

    ``old``/``new``: (value, low, high), None on the side that has none; ``old_text``/``new_text`` the
    same in words (:func:`analysis.fmt.estimate`); ``old_basis``/``new_basis`` how it was reached.
    """

    place: str
    change: str
    metric: str
    scope: str
    year: int
    old: tuple[float, float, float] | None
    new: tuple[float, float, float] | None
    old_text: str = ""
    new_text: str = ""
    old_basis: str = ""
    new_basis: str = ""


@dataclass(frozen=True)
class FindingChange:
    """An audit finding that appeared, changed grade or went away (grades: ``""`` where there is no check)."""

    place: str
    change: str
    rule: str
    claim_id: str
    claim_ids: str
    old_grade: str
    new_grade: str
    subject: str
    finding: str


@dataclass(frozen=True)
class Changes:
    """Everything :func:`compare` found; every tuple sorted (see the module docstring)."""

    reports: tuple[RowChange, ...] = ()
    figures: tuple[RowChange, ...] = ()
    claims: tuple[ClaimChange, ...] = ()
    estimates: tuple[EstimateChange, ...] = ()
    findings: tuple[FindingChange, ...] = ()

    def __bool__(self) -> bool:
        return any((self.reports, self.figures, self.claims, self.estimates, self.findings))


def compare(old, new, full: bool = False) -> Changes:
    """What ledger ``new`` changes against ledger ``old`` (both validated); see the module docstring."""
    from ..evidence.readings import restating_sources
    from ..ledger import FIGURES_COLUMNS, SOURCES_COLUMNS

    reports = _rows(old.sources, new.sources, "source_id", list(SOURCES_COLUMNS))
    figures = _rows(old.figures, new.figures, "figure_id", list(FIGURES_COLUMNS))
    restating = (restating_sources(old.figures), restating_sources(new.figures))
    claims, estimates, findings = [], [], []
    before, after = places(old), places(new)
    for place in sorted(set(before) | set(after)):
        if not full and inputs(old, place, restating[0]) == inputs(new, place, restating[1]):
            continue
        a = snapshot(old, place) if place in before else empty()
        b = snapshot(new, place) if place in after else empty()
        changed, renamed = _claims(place, a, b)
        claims += changed
        estimates += _estimates(place, a, b)
        findings += _findings(place, a, b, renamed)
    return Changes(tuple(reports), tuple(figures),
                   tuple(sorted(claims, key=lambda c: (c.place, _ORDER[c.change], c.claim_id))),
                   tuple(sorted(estimates, key=lambda e: (e.place, e.metric, e.scope, e.year))),
                   tuple(sorted(findings, key=lambda f: (f.place, _ORDER[f.change], f.rule, f.claim_id, f.claim_ids))))


def _rows(old: pd.DataFrame, new: pd.DataFrame, key: str, columns: list[str]) -> list[RowChange]:
    """Rows added, removed or edited between two tables (compared as text, column by column)."""
    columns = [c for c in columns if c in old and c in new]
    a = old[columns].astype("str").fillna("").set_index(key, drop=False)  # missing cells (NaT, <NA>) read as ""
    b = new[columns].astype("str").fillna("").set_index(key, drop=False)
    out = [RowChange("added", i) for i in sorted(set(b.index) - set(a.index))]
    out += [RowChange("removed", i) for i in sorted(set(a.index) - set(b.index))]
    common = sorted(set(a.index) & set(b.index))
    if common:
        differ = a.loc[common, columns].to_numpy() != b.loc[common, columns].to_numpy()
        for i, row in zip(common, differ):
            if row.any():
                out.append(RowChange("edited", i, tuple(c for c, d in zip(columns, row) if d)))
    return sorted(out, key=lambda r: ({"added": 0, "edited": 1, "removed": 2}[r.change], r.id))


def _subject(row) -> str:
    return f"{fmt.label('metric', row['metric'])}, {fmt.label('scope', row['scope'])}, {row['period_label']}"


def _stated(row) -> str:
    return fmt.stated(row["value"], row["qualifier"], fmt.unit_of(row["metric"]))


def _wording(row) -> str:
    return f"{row['qualifiers']} ({fmt.interval(row['low'], row['high'], fmt.unit_of(row['metric']))})"


def _ids(text: str) -> list[str]:
    return [t for t in str(text).split(", ") if t]


def _claims(place: str, a: Snapshot, b: Snapshot) -> tuple[list[ClaimChange], dict[str, str]]:
    """Claims added, removed and changed; and the old ids of claims now first reported under another id."""
    old = a.claims.set_index("claim_id", drop=False)
    new = b.claims.set_index("claim_id", drop=False)
    gone, fresh = set(old.index) - set(new.index), set(new.index) - set(old.index)
    owner = {f: cid for cid in fresh for f in _ids(new.at[cid, "all_figure_ids"])}
    renamed = {}
    for cid in sorted(gone):
        hits = {owner[f] for f in _ids(old.at[cid, "all_figure_ids"]) if f in owner}
        if len(hits) == 1 and (hit := hits.pop()) not in renamed.values():
            renamed[cid] = hit
    out = []
    for cid in sorted(fresh - set(renamed.values())):
        r = new.loc[cid]
        out.append(ClaimChange(place, "added", cid, r["metric"], _subject(r), _stated(r), (),
                               (f"reported by {_few(_ids(r['all_source_ids']))}",)))
    for cid in sorted(gone - set(renamed)):
        r = old.loc[cid]
        out.append(ClaimChange(place, "removed", cid, r["metric"], _subject(r), _stated(r), (),
                               (f"was reported by {_few(_ids(r['all_source_ids']))}",)))
    for was in sorted((set(old.index) & set(new.index)) | set(renamed)):
        r, s = old.loc[was], new.loc[renamed.get(was, was)]
        aspects, details = [], []
        if was in renamed:
            aspects.append("first reported")
            details.append(f"first reported as {s['claim_id']} (was {was})")
        if not _same(r["value"], s["value"]) or r["metric"] != s["metric"] or r["scope"] != s["scope"]:
            aspects.append("value")
            details.append(f"value: {_subject(r)}: {_stated(r)} -> {_stated(s)}" if _subject(r) != _subject(s)
                           else f"value: {_stated(r)} -> {_stated(s)}")
        if _wording(r) != _wording(s):
            aspects.append("wording")
            details.append(f"wording: {_wording(r)} -> {_wording(s)}")
        if r["period_label"] != s["period_label"]:
            aspects.append("period")
            details.append(f"period: {r['period_label']} -> {s['period_label']}")
        before, after = _ids(r["all_source_ids"]), _ids(s["all_source_ids"])
        if before != after:
            aspects.append("reports")
            had, has = set(before), set(after)
            more = [f"+{x}" for x in after if x not in had] + [f"-{x}" for x in before if x not in has]
            details.append("reports: " + (_few(more, " ") if more else "the same, in another order"))
        if aspects:
            out.append(ClaimChange(place, "changed", s["claim_id"], s["metric"], _subject(s), _stated(s), tuple(aspects),
                                   tuple(details)))
    return out, renamed


def _few(items: list[str], sep: str = ", ", most: int = 6) -> str:
    """The first ``most`` items, then how many more ('S01, S02 and 40 more')."""
    shown = sep.join(items[:most])
    return shown if len(items) <= most else f"{shown} and {len(items) - most} more"


def _same(x, y) -> bool:
    x, y = float(x), float(y)
    return (math.isnan(x) and math.isnan(y)) or x == y


def _estimates(place: str, a: Snapshot, b: Snapshot) -> list[EstimateChange]:
    """Estimates that moved (in words or basis), are new or vanished, per metric, scope and Iranian year."""
    keys = ["metric", "scope", "jalali_year"]
    m = a.estimates.merge(b.estimates, on=keys, how="outer", suffixes=("_old", "_new"), indicator=True)
    out = []
    for r in m.to_dict("records"):
        unit = fmt.unit_of(r["metric"])
        old = new = None
        old_text = new_text = old_basis = new_basis = ""
        if r["_merge"] != "right_only":
            old = (float(r["value_old"]), float(r["low_old"]), float(r["high_old"]))
            old_text, old_basis = fmt.estimate(*old, unit), str(r["basis_old"])
        if r["_merge"] != "left_only":
            new = (float(r["value_new"]), float(r["low_new"]), float(r["high_new"]))
            new_text, new_basis = fmt.estimate(*new, unit), str(r["basis_new"])
        if old is None:
            change = "new"
        elif new is None:
            change = "vanished"
        elif old_text != new_text or old_basis != new_basis:
            change = "moved"
        else:
            continue
        out.append(EstimateChange(place, change, r["metric"], r["scope"], int(r["jalali_year"]), old, new,
                                  old_text, new_text, old_basis, new_basis))
    return out


def _findings(place: str, a: Snapshot, b: Snapshot, renamed: dict[str, str]) -> list[FindingChange]:
    """Findings that appeared, changed grade or went away (see the module docstring for the matching)."""
    old = a.checks.copy()
    old["claim_id"] = old["claim_id"].map(lambda c: renamed.get(c, c))
    old["claim_ids"] = old["claim_ids"].map(lambda ids: ", ".join(renamed.get(c, c) for c in _ids(ids)))
    new = b.checks
    for frame in (old, new):
        frame["_ids"] = frame["claim_ids"].map(lambda ids: ", ".join(sorted(_ids(ids))))
    pairs = old.reset_index(drop=True).merge(new.reset_index(drop=True), on=["rule", "claim_id", "_ids"], how="outer",
                                             suffixes=("_old", "_new"), indicator=True)
    matched = pairs[pairs["_merge"] == "both"]
    lone_old = pairs[pairs["_merge"] == "left_only"]
    lone_new = pairs[pairs["_merge"] == "right_only"]
    # A check whose other claims changed: matched when it is the only one of its rule about its claim on both sides.
    one_old = lone_old[~lone_old.duplicated(["rule", "claim_id"], keep=False)]
    one_new = lone_new[~lone_new.duplicated(["rule", "claim_id"], keep=False)]
    again = one_old[["rule", "claim_id", *[c for c in pairs if c.endswith("_old")]]].merge(
        one_new[["rule", "claim_id", *[c for c in pairs if c.endswith("_new")]]], on=["rule", "claim_id"])
    done = set(zip(again["rule"], again["claim_id"]))
    rest_old = lone_old[[k not in done for k in zip(lone_old["rule"], lone_old["claim_id"])]]
    rest_new = lone_new[[k not in done for k in zip(lone_new["rule"], lone_new["claim_id"])]]
    out = []
    for r in [*matched.to_dict("records"), *again.to_dict("records"), *rest_old.to_dict("records"),
              *rest_new.to_dict("records")]:
        was, now = _grade(r.get("grade_old")), _grade(r.get("grade_new"))
        if was == now or (was not in SHOWN_GRADES and now not in SHOWN_GRADES):
            continue
        side = "_new" if now in SHOWN_GRADES else "_old"
        change = "appeared" if was not in SHOWN_GRADES else "went away" if now not in SHOWN_GRADES else "changed grade"
        out.append(FindingChange(place, change, r["rule"], r["claim_id"], str(r["claim_ids" + side]), was, now,
                                 str(r["subject" + side]), str(r["finding" + side])))
    return out


def _grade(value) -> str:
    return value if isinstance(value, str) else ""
