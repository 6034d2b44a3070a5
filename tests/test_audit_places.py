"""The provinces' audit in one pass (:mod:`analysis.questions.audit.together`) equals the audit of each province
run alone, place after place (:func:`analysis.questions.audit.checks` of :func:`analysis.evidence.build` of
each province: computed here without the one-pass path).

The made-up ledger has three provinces and the country, with the cases a rule that forgot to key by
``province`` would mix: two provinces' counts of the same report, scope, year and metric that differ
(different values), a count to date lower than another province's earlier one and a running total lower than
another province's (falls), a province's part against another's whole (parts and total), one number in two
provinces (reused values), a count equal to another province's target (target echoes), pairs of units and jobs
(jobs per unit added, the plausible band each province sets from its own pairs), jobs equal to units times
another province's target ratio, and money converted to dollars or set beside units in several provinces; and
the same cases within one province, so that each rule has checks of its own to keep.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import evidence
from analysis.ledger import load_ledger
from analysis.questions import audit, provinces
from evidence_fixtures import FILLER_SOURCE, FILLER_TARGET, figure, same_frame, source, write_ledger

Y1400 = ("2021-03-21", "2022-03-20")
Y1401 = ("2022-03-21", "2023-03-20")
Q1_1401 = ("2022-03-21", "2022-06-21")
H1_1401 = ("2022-03-21", "2022-09-22")
SINCE = ("2021-08-25", "")


def at(province: str, fig: dict) -> dict:
    return {**fig, "province": province}


def ledger(tmp_path, mirror: str = ""):
    """The made-up ledger; with ``mirror``, that province also states every figure of Fars, word for word."""
    sources = [source("S1", "2022-04-10"), source("S2", "2022-05-01"), source("S3", "2022-06-25"), source("S4", "2022-10-01"),
               source("S5", "2022-12-01"), FILLER_SOURCE]
    u, j = "units_revived", "jobs_created"
    figures = [
        # One report, one year, one scope, two provinces, two counts: different values only if mixed.
        at("Fars", figure("FA1", "S1", u, 120, *Y1400)),
        at("Tehran", figure("TE1", "S1", u, 150, *Y1400)),
        at("Fars", figure("FA2", "S2", u, 150, *Y1400)),  # within Fars: 120 against 150
        # Counts to date: Fars 100 by June, Tehran 80 by June then 50 by September (its own fall), Isfahan 30 by
        # September (lower than Fars's June count: a fall only if mixed).
        at("Fars", figure("FA3", "S3", u, 100, *Q1_1401)),
        at("Fars", figure("FA4", "S4", u, 90, *H1_1401)),
        at("Tehran", figure("TE3", "S3", u, 80, *Q1_1401)),
        at("Tehran", figure("TE4", "S4", u, 50, *H1_1401)),
        at("Isfahan", figure("IS3", "S4", u, 30, *H1_1401)),
        # Running totals since one day: Tehran 500 then 450 (its own fall); Fars 600 and Isfahan 300 between.
        at("Tehran", figure("TR1", "S2", u, 500, *SINCE)),
        at("Fars", figure("FR1", "S3", u, 600, *SINCE)),
        at("Tehran", figure("TR2", "S4", u, 450, *SINCE)),
        at("Isfahan", figure("IR1", "S5", u, 300, *SINCE)),
        # Parts: a part in Fars, the other in Tehran (a sum only if mixed); both parts and the whole in Isfahan.
        at("Fars", figure("FA5", "S1", u, 70, *Y1400, scope="industrial_parks")),
        at("Tehran", figure("TE5", "S1", u, 90, *Y1400, scope="outside_parks")),
        at("Isfahan", figure("IS1", "S1", u, 100, *Y1400)),
        at("Isfahan", figure("IS5", "S1", u, 60, *Y1400, scope="industrial_parks")),
        at("Isfahan", figure("IS6", "S1", u, 50, *Y1400, scope="outside_parks")),
        # One number, two provinces (reused only if mixed); and twice within Isfahan.
        at("Fars", figure("FA7", "S2", j, 1557, *Y1400)),
        at("Tehran", figure("TE7", "S2", j, 1557, *Y1400, scope="industrial_parks")),
        at("Isfahan", figure("IS7", "S2", j, 2468, *Y1400)),
        at("Isfahan", figure("IS8", "S3", j, 2468, *Y1400, scope="industrial_parks")),
        # A target of Fars that a count of Tehran equals (an echo only if mixed); a count equal to its own target in Isfahan.
        at("Fars", figure("FA6", "S2", "units_target", 200, *Y1401)),
        at("Tehran", figure("TE6", "S5", u, 200, "2022-03-21", "2022-11-21")),
        at("Isfahan", figure("IS9", "S2", "units_target", 40, *Y1401)),
        at("Isfahan", figure("IS10", "S5", u, 40, "2022-03-21", "2022-11-21")),
        # Jobs beside the counts to date (pairs): jobs added per unit added within each province only.
        at("Fars", figure("FJ3", "S3", j, 1000, *Q1_1401)),
        at("Fars", figure("FJ4", "S4", j, 1100, *H1_1401)),
        at("Tehran", figure("TJ3", "S3", j, 700, *Q1_1401)),
        at("Tehran", figure("TJ6", "S5", j, 2400, "2022-03-21", "2022-11-21", qualifier="about")),
        at("Isfahan", figure("IJ3", "S4", j, 300, *H1_1401)),
        at("Isfahan", figure("IJ10", "S5", j, 480, "2022-03-21", "2022-11-21", qualifier="about")),
        # Jobs targets: Fars's ratio (2,400 / 200) would make Tehran's 2,400 jobs for 200 units computed; Isfahan's own does.
        at("Fars", figure("FJT", "S2", "jobs_target", 2400, *Y1401)),
        at("Isfahan", figure("IJT", "S2", "jobs_target", 480, *Y1401)),
        # Money: two unit-money pairs and two dollar conversions in Fars; one of each in Tehran and Isfahan.
        at("Fars", figure("FM1", "S1", "financing_rials", 35000000000000, *Y1400)),
        at("Fars", figure("FM2", "S2", "financing_rials", 35000000000000, *Y1400)),
        at("Fars", figure("FD1", "S1", "financing_usd_stated", 1000000000, *Y1400)),
        at("Fars", figure("FD2", "S2", "financing_usd_stated", 700000000, *Y1400)),
        at("Tehran", figure("TM1", "S1", "financing_rials", 20000000000000, *Y1400)),
        at("Tehran", figure("TD1", "S1", "financing_usd_stated", 500000000, *Y1400)),
        at("Isfahan", figure("IM1", "S1", "financing_rials", 10000000000000, *Y1400)),
        # The country's own figures, which no province's audit sees.
        figure("N1", "S1", u, 3000, *Y1400),
        figure("N2", "S2", u, 3300, *Y1400),
        FILLER_TARGET,
    ]
    if mirror:
        figures += [{**f, "figure_id": "K" + f["figure_id"], "province": mirror} for f in figures if f.get("province") == "Fars"]
    data, seeds = write_ledger(tmp_path / "ledger", sources, figures)
    return load_ledger(data, seeds)




def _each_alone(led, order) -> pd.DataFrame:
    """The provinces' audit as each province's audit alone, place after place (no one-pass code)."""
    parts = [audit.checks(evidence.build(led, p)).assign(province=p) for p in order]
    out = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    return out[["province", *[c for c in out.columns if c != "province"]]]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    led = ledger(tmp_path_factory.mktemp("audit_places"))
    pl = provinces.places(evidence.build(led))
    return led, pl, _each_alone(led, list(pl.provinces))


def test_the_ledger_has_the_cases(made):
    _, pl, alone = made
    assert set(pl.provinces) == {"Fars", "Tehran", "Isfahan"}
    rules = alone.groupby("province")["rule"].agg(set)
    falls = alone[alone["rule"].isin(["ytd_decrease", "running_total"])].groupby("province")["grade"].agg(set)
    assert falls["Isfahan"] == {"consistent"}  # its 30 by September is never set against Fars's 100 by June
    assert {"running_total", "ytd_decrease"} <= rules["Tehran"] and "running_total" not in rules["Isfahan"] | rules["Fars"]
    assert "different_values" in rules["Fars"] and "different_values" not in rules["Tehran"]
    assert "parts_total" in rules["Isfahan"]
    assert "reused_value" in rules["Isfahan"] and "reused_value" not in rules["Fars"]
    assert "target_echo" in rules["Isfahan"] and "target_echo" not in rules["Tehran"]
    assert "marginal_jobs" in rules["Tehran"] and "marginal_jobs" in rules["Isfahan"]
    assert "target_ratio" in rules["Isfahan"] and "target_ratio" not in rules["Tehran"]
    assert "dollar_conversion" in rules["Fars"] and "dollar_conversion" not in rules["Tehran"]
    money = alone[(alone["rule"] == "outlier_ratio") & alone["claim_ids"].str.contains("M")]
    assert set(money["province"]) == {"Fars"}  # Tehran's and Isfahan's single money pairs set no band


def test_one_pass_equals_each_province_alone(made):
    _, pl, alone = made
    same_frame(alone, provinces.audit(pl), "provinces.audit")


def test_no_check_names_another_provinces_claim(made):
    led, pl, _ = made
    out = provinces.audit(pl)
    of = dict(zip(led.figures["figure_id"], led.figures["province"]))
    for p, ids in zip(out["province"], out["claim_ids"]):
        assert {of[i] for i in ids.split(", ")} == {p}, (p, ids)


def test_the_country_is_audited_as_before(made):
    """The country's evidence has no ``province`` column in its claims: the rules key as they always did."""
    led, pl, _ = made
    national = audit.checks(pl.national)
    assert not national.empty
    assert set(national["claim_id"]) <= set(led.figures.loc[led.figures["province"] == "", "figure_id"])


def test_each_rule_place_by_place_when_frames_differ_in_type(made, monkeypatch):
    """Where a frame is not typed alike in every place, the rules that read it run place by place: same frame."""
    from analysis.questions.audit import together

    _, pl, alone = made
    monkeypatch.setattr(together.Together, "alike", lambda self, names: False)
    same_frame(alone, provinces.audit(pl), "every rule place by place")


def test_a_province_that_mirrors_another(tmp_path):
    """Kerman states every figure Fars states (same reports, scopes, periods and numbers): each has its own
    checks, the same, and the one pass gives them as each alone does."""
    led = ledger(tmp_path, mirror="Kerman")
    pl = provinces.places(evidence.build(led))
    alone = _each_alone(led, list(pl.provinces))
    same_frame(alone, provinces.audit(pl), "Fars mirrored in Kerman")
    fars, kerman = (alone[alone["province"] == p].reset_index(drop=True) for p in ("Fars", "Kerman"))
    assert len(fars) and list(fars["rule"]) == list(kerman["rule"]) and list(fars["grade"]) == list(kerman["grade"])
    assert list("K" + fars["claim_id"]) == list(kerman["claim_id"])


def test_the_one_pass_evidence_ledger_too(tmp_path):
    """The ledger of tests/test_places_one_pass.py (one statement in two provinces, restatements, a report
    coding scopes of two provinces): the same frame both ways."""
    import test_places_one_pass

    led = test_places_one_pass.ledger(tmp_path)
    pl = provinces.places(evidence.build(led))
    same_frame(_each_alone(led, list(pl.provinces)), provinces.audit(pl), "test_places_one_pass ledger")


def test_one_province_and_none(made):
    led, pl, alone = made
    one = {"Fars": pl.provinces["Fars"]}
    same_frame(alone[alone["province"] == "Fars"].reset_index(drop=True), provinces.audit(provinces.Places(pl.national, one)), "Fars alone")
    none = provinces.audit(provinces.Places(pl.national, {}))
    assert none.empty and list(none.columns) == list(alone.columns)


def test_frames_alike_only_where_every_place_types_them_alike():
    """Together.alike: a frame typed differently in one place (where it has rows) sends its rules place by place,
    however often it is asked and whatever it is asked with; an empty frame's types do not count."""
    from types import SimpleNamespace

    from analysis.questions.audit.together import Together

    ints = pd.DataFrame({"claim_id": ["A"], "value": [1]})
    floats = pd.DataFrame({"claim_id": ["B"], "value": [1.0]})
    targets = pd.DataFrame({"claim_id": ["T"], "value": [2.0]})

    def place(claims, targets=targets):
        return SimpleNamespace(ledger=None, claims=claims, targets=targets)

    mixed = Together({"Fars": place(ints), "Tehran": place(floats)})
    assert mixed.alike(("targets",)) and not mixed.alike(("claims",))
    assert not mixed.alike(("targets", "claims")) and not mixed.alike(("claims",)) and mixed.alike(("targets",))
    assert Together({"Fars": place(floats), "Tehran": place(floats.assign(claim_id="C"))}).alike(("claims", "targets"))
    assert Together({"Fars": place(floats), "Tehran": place(ints.iloc[0:0], targets.iloc[0:0])}).alike(("claims", "targets"))
