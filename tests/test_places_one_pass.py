"""Every province's evidence built in one pass (:mod:`analysis.evidence.places`) equals the evidence of that
province built alone (:func:`analysis.evidence.build` with ``province=``, the per-place path), frame for frame,
and so does each province's audit.

The made-up ledger has three provinces and the country, with the cases where a pass over every province at
once could mix places: the same statement (metric, scope, value, period) in two provinces (two claims, not
one), conflicting reports of one province's year, restatement links, targets, units and jobs of one report
(pairs), a year to date, and one report coding a count in one scope of one province and a target in another
scope of another province (no alternative scope across provinces).
"""

from __future__ import annotations

import pytest

from analysis import evidence
from analysis.evidence import FRAMES
from analysis.ledger import load_ledger
from analysis.questions import audit
from evidence_fixtures import FILLER_SOURCE, FILLER_TARGET, figure, same_frame, source, write_ledger

Y1400 = ("2021-03-21", "2022-03-20")
Y1401 = ("2022-03-21", "2023-03-20")


def at(province: str, fig: dict) -> dict:
    return {**fig, "province": province}


def ledger(tmp_path):
    sources = [source("S1", "2022-04-10"), source("S2", "2022-05-01"), source("S3", "2022-06-15"), source("S4", "2022-10-01"),
               FILLER_SOURCE]
    figures = [
        # The same statement in Fars and Tehran: one claim in each province, never one across them.
        at("Fars", figure("F1", "S1", "units_revived", 120, *Y1400)),
        at("Tehran", figure("F2", "S1", "units_revived", 120, *Y1400)),
        # Fars: a conflicting report of the same year, a restatement, jobs beside the units (a pair), a target.
        at("Fars", figure("F3", "S2", "units_revived", 150, *Y1400)),
        at("Fars", figure("F4", "S3", "units_revived", 120, *Y1400, restates="F1")),
        at("Fars", figure("F5", "S1", "jobs_created", 2400, *Y1400)),
        at("Fars", figure("F6", "S2", "units_target", 200, *Y1401)),
        at("Fars", figure("F7", "S4", "units_revived", 40, "2022-03-21", "2022-09-22")),
        # Tehran: units and jobs of one report, a target and a later, different count.
        at("Tehran", figure("F8", "S2", "jobs_created", 1500, *Y1400)),
        at("Tehran", figure("F9", "S2", "units_revived", 95, *Y1400)),
        at("Tehran", figure("F10", "S3", "units_target", 300, *Y1401, scope="industrial_parks")),
        # One report, two provinces: a count in parks in Isfahan, a target nationally in Tehran (S3's F10 is
        # in parks): neither is the other's alternative scope, as they would be within one province.
        at("Isfahan", figure("F11", "S3", "units_revived", 60, "2022-03-21", "2022-06-10", scope="industrial_parks")),
        at("Isfahan", figure("F12", "S3", "units_target", 90, *Y1401)),
        at("Isfahan", figure("F13", "S4", "units_revived", 70, *Y1400)),
        at("Isfahan", figure("F14", "S4", "jobs_created", 700, *Y1400)),
        at("Isfahan", figure("F15", "S1", "units_revived", 65, *Y1400, qualifier="over")),
        # The country's own figures, which no province's evidence holds.
        figure("N1", "S1", "units_revived", 3000, *Y1400),
        figure("N2", "S2", "units_revived", 3300, *Y1400),
        FILLER_TARGET,
    ]
    data, seeds = write_ledger(tmp_path / "ledger", sources, figures)
    return load_ledger(data, seeds)




@pytest.fixture(scope="module")
def both(tmp_path_factory):
    led = ledger(tmp_path_factory.mktemp("places"))
    alone = {p: evidence.build(led, p) for p in ("Fars", "Tehran", "Isfahan")}
    return led, alone


def test_the_ledger_has_the_cases(both):
    led, alone = both
    assert set(led.figures["province"]) == {"", "Fars", "Tehran", "Isfahan"}
    assert len(alone["Fars"].pairs) and len(alone["Tehran"].pairs) and len(alone["Fars"].targets)
    assert (alone["Fars"].year_claims["role"] == "conflicts").any()  # 120 against 150
    assert "F2" in set(alone["Tehran"].claims["claim_id"])  # Tehran's 120 is its own claim


def test_one_pass_equals_each_province_alone(both, monkeypatch):
    led, alone = both
    import analysis.evidence as ev_module

    def per_place(*args, **kwargs):  # the one pass must not fall back on building a place alone
        raise AssertionError("evidence.provinces built a place alone")

    monkeypatch.setattr(ev_module, "build", per_place)
    together = evidence.provinces(led)
    assert set(together) == set(alone)
    for p, e in alone.items():
        t = together[p]
        assert t.province == p
        for name in FRAMES:
            same_frame(getattr(e, name), getattr(t, name), f"{p}: {name}")


def test_each_provinces_audit_equals_its_audit_alone(both):
    led, alone = both
    together = evidence.provinces(led)
    for p, e in alone.items():
        same_frame(audit.checks(e), audit.checks(together[p]), f"{p}: audit")


@pytest.mark.parametrize("which", ["made-up", "shipped"])
def test_the_ledger_file_needs_only_the_provinces_first_steps(both, which):
    """The report's ledger.csv takes the provinces' rows from their first steps alone (no estimates built):
    the same file as from every province's evidence built alone."""
    from analysis.evidence import places
    from analysis.present import downloads

    led, alone = both if which == "made-up" else (load_ledger(), None)
    if alone is None:
        named = [p for p in dict.fromkeys(led.figures["province"]) if p]
        alone = {p: evidence.build(led, p) for p in named}
    ev = evidence.build(led)
    same_frame(downloads.ledger(ev, alone), downloads.ledger(ev, places.classified(led)), f"{which}: ledger.csv")
    assert places.classified(led.__class__(**{**vars(led), "figures": led.figures[led.figures["province"] == ""]})) is None


Y1399 = ("2020-03-20", "2021-03-20")


def uneven(tmp_path):
    """Provinces whose tables are full in one and empty in another, so that any frame typed by whether a place
    has rows, or any step not keyed by province, shows in one province's evidence:

    - Fars: full-year counts in two scopes, its parks above the whole (a part floor: the whole is re-weighed
      wording by wording), a two-year total with one year missing (a derived year), counts to date, targets;
    - Qom: counts to date alone (estimates from counts only, no full-year claim, no year_claims);
    - Yazd: targets alone (claims, but no estimate, no series, no pair);
    - Gilan: one full-year count, nothing else (no part, no counts to date, no target: its text columns all '');
    - Semnan: its parks above its whole too, but lower than Fars's (a part floor of its own, whatever Fars's is),
      and a count equal to Fars's target of its year (a target echoes only in its own province).
    """
    sources = [source("S1", "2022-04-10"), source("S2", "2022-05-01"), source("S3", "2022-06-15"), source("S4", "2022-10-01"),
               source("S5", "2023-04-15"), FILLER_SOURCE]
    figures = [
        at("Fars", figure("F1", "S1", "units_revived", 100, *Y1400)),
        at("Fars", figure("F2", "S2", "units_revived", 130, *Y1400, qualifier="over")),
        at("Fars", figure("F3", "S2", "units_revived", 150, *Y1400, scope="industrial_parks")),
        at("Fars", figure("F4", "S3", "units_revived", 260, Y1399[0], Y1400[1])),
        at("Fars", figure("F5", "S3", "units_revived", 90, *Y1400, scope="outside_parks")),
        at("Fars", figure("F6", "S4", "units_revived", 30, "2022-03-21", "2022-06-21")),
        at("Fars", figure("F7", "S1", "units_target", 200, *Y1401)),
        at("Fars", figure("F8", "S1", "jobs_created", 1000, *Y1400)),
        at("Qom", figure("Q1", "S2", "units_revived", 20, "2022-03-21", "2022-04-20")),
        at("Qom", figure("Q2", "S4", "units_revived", 70, "2022-03-21", "2022-09-22")),
        at("Yazd", figure("Y1", "S1", "units_target", 500, *Y1401)),
        at("Yazd", figure("Y2", "S3", "jobs_target", 4000, *Y1401)),
        at("Gilan", figure("G1", "S2", "units_revived", 45, *Y1400)),
        at("Semnan", figure("M1", "S2", "units_revived", 40, *Y1400, qualifier="over")),
        at("Semnan", figure("M2", "S3", "units_revived", 60, *Y1400, scope="industrial_parks")),
        at("Semnan", figure("M3", "S5", "units_revived", 200, *Y1401)),  # Fars's target of that year: no echo here
        figure("N1", "S1", "units_revived", 3000, *Y1400),
        FILLER_TARGET,
    ]
    data, seeds = write_ledger(tmp_path / "ledger", sources, figures)
    return load_ledger(data, seeds)


UNEVEN = ("Fars", "Qom", "Yazd", "Gilan", "Semnan")


@pytest.fixture(scope="module")
def uneven_both(tmp_path_factory):
    led = uneven(tmp_path_factory.mktemp("uneven"))
    return led, {p: evidence.build(led, p) for p in UNEVEN}


def test_the_uneven_ledger_has_the_cases(uneven_both):
    led, alone = uneven_both
    fars, qom, yazd, gilan = (alone[p] for p in ("Fars", "Qom", "Yazd", "Gilan"))
    assert (fars.estimates["part_claim"] != "").any() and (fars.estimates["derived_from"] != "").any()
    assert (fars.estimates["basis"] == "total_less_years").any() or (fars.estimates["rule"] == "total_conflicts_with_counts").any()
    assert len(qom.estimates) and qom.year_claims.empty and set(qom.estimates["basis"]) <= {"count_and_pace", "floor"}
    assert len(yazd.claims) and yazd.estimates.empty and yazd.year_claims.empty and yazd.series.empty and len(yazd.targets)
    assert len(gilan.estimates) == 1 and (gilan.estimates[["part_claim", "floor_claim", "ceiling_claim"]] == "").all().all()
    assert (alone["Semnan"].estimates["part_claim"] == "M2").any()
    assert not alone["Semnan"].year_claims["target_echo"].any()


def test_one_pass_equals_each_uneven_province_alone(uneven_both, monkeypatch):
    led, alone = uneven_both
    import analysis.evidence as ev_module

    def per_place(*args, **kwargs):
        raise AssertionError("evidence.provinces built a place alone")

    monkeypatch.setattr(ev_module, "build", per_place)
    together = evidence.provinces(led)
    assert set(together) == set(alone)
    for p, e in alone.items():
        for name in FRAMES:
            same_frame(getattr(e, name), getattr(together[p], name), f"{p}: {name}")
            assert getattr(e, name).index.equals(getattr(together[p], name).index), f"{p}: {name} index"
            assert type(getattr(e, name).index) is type(getattr(together[p], name).index), f"{p}: {name} index class"


@pytest.mark.parametrize("name", ["year_claims", "estimates", "headline", "weighed"])
def test_the_yearly_tables_are_typed_alike_in_every_place(uneven_both, name):
    """With rows or without, every place's yearly tables have the country's columns and dtypes: nothing that
    runs over several places at once can then depend on which of them have rows."""
    led, alone = uneven_both
    country = getattr(evidence.build(led), name)
    want = list(zip(country.columns, country.dtypes.astype(str)))
    for p, e in alone.items():
        frame = getattr(e, name)
        assert list(zip(frame.columns, frame.dtypes.astype(str))) == want, f"{p}: {name}"


def test_every_step_of_the_yearly_estimates_types_its_frame_alike_in_every_place(uneven_both, monkeypatch):
    """Each step's own frame (not only the tables at the end) has the same columns and dtypes in every province,
    with rows or without: a later step that typed the tables again would otherwise hide a step whose frame
    depends on emptiness, and that step's rows could then depend on other places' in a run over all of them."""
    from analysis.evidence import derived, estimates, nesting

    led, _ = uneven_both
    seen: dict = {}
    place = [""]
    for module, name in ((derived, "count_bounds"), (derived, "totals_less_years"), (derived, "settle"), (nesting, "floors"),
                         (nesting, "part_floors"), (estimates, "choose"), (estimates, "weighed")):
        def wrapped(*args, _step=getattr(module, name), _name=name, **kwargs):
            out = _step(*args, **kwargs)
            seen.setdefault(_name, {}).setdefault(tuple(zip(out.columns, out.dtypes.astype(str))), set()).add(place[0])
            return out
        monkeypatch.setattr(module, name, wrapped)
    for p in UNEVEN:
        place[0] = p
        evidence.build(led, p)
    assert len(seen) == 7
    for name, signatures in seen.items():
        assert len(signatures) == 1, f"{name}: {list(signatures.values())}"


@pytest.fixture(scope="module")
def shipped_country():
    return evidence.build(load_ledger())


# Every frame but the officials' expectations, of which the shipped country has none (a place's are typed as
# periods.classify types an empty selection: test_one_pass_equals_each_province_alone compares them).
@pytest.mark.parametrize("name", [n for n in FRAMES if n != "expectations"])
def test_every_frame_is_typed_as_the_countrys_in_every_place(uneven_both, shipped_country, name):
    """Every evidence frame of every place (the made-up provinces above, each with some tables empty, and the
    shipped ledger's provinces) has the columns and dtypes the shipped country's has (each of its frames has
    rows): a place with no pairs, terms, money or targets gets the same typed frame with no rows, so code that
    reads a province (a notebook, the audit in one pass) never meets an all-``object`` frame or a missing column."""
    want = list(zip(getattr(shipped_country, name).columns, getattr(shipped_country, name).dtypes.astype(str)))
    assert len(getattr(shipped_country, name)), f"the shipped country's {name} has rows"
    led, alone = uneven_both
    places = {**alone, **evidence.provinces(load_ledger())}
    for p, e in places.items():
        frame = getattr(e, name)
        assert list(zip(frame.columns, frame.dtypes.astype(str))) == want, f"{p}: {name}"
