"""Held-out claims written against real pages in ../shared/real-html (not the dev set).

``heldout``: 33 cases written for the phenomena (numbers, dates, negation, attribution, lists,
partial claims) before the judge was tuned on them. ``heldout2`` and ``heldout3``: 60 cases
each, written blind (by someone who had not seen the judge's code) to measure how the judge
does on claims it was not built around. The first half of ``heldout2`` (odd ids) has since
been looked at while improving the judge; of ``heldout3`` only the totals and the patterns of
twelve cases were used. ``heldout4`` (60 cases, blind, on real-html and dev pages, with the
dev set's style as a guide) has only been measured (totals only); ``heldout5`` (60, blind,
mostly on the dev set's pages) was written after all of that session's changes and measured once.
``heldout6`` (52 cases, blind, with its own fixture web) is about the fetch stage's side of the
verdict: 23 dead URLs of every kind (404/410 error pages, soft-404s, redirects to a home,
section or search page, paywall and block shells, anti-bot and maintenance pages, an empty page)
and 29 live pages a naive checker would call dead (headlines quoting "page not found", moved
articles, wrong charsets, heavy boilerplate); it runs through the whole pipeline
(``citecheck eval``). Measured blind: accuracy 0.885, macro-F1 0.859 (four live pages called
dead); its five misses have since been fixed by general changes, so it is no longer blind.
``heldout7`` (60 cases, blind, dev-style, on 24 invented articles with their own fixture web
and seven dead URLs) was measured once blind through the pipeline: accuracy 0.500, macro-F1
0.567 (0.517 and 0.579 with the judge as it was at the start of that session); the patterns of
its false flags were then used, so it is no longer blind either. ``heldout8`` (60 cases, the
same kind, by another blind helper) was measured once, at the end of that session: accuracy
0.700, macro-F1 0.646 (0.667 and 0.625 with the judge as it was at the session's start); its
misses' patterns were then used. ``heldout9`` (60 cases, the same kind, with more foreign
affairs) was measured once, with the final judge of that session: accuracy 0.650, macro-F1
0.665 (0.567 and 0.572 with the judge as it was at the session's start); its misses were used
the session after. ``heldout10`` (60 cases, the same kind, 27 URLs with wire encodings, soft-404s
in new wordings and a live page whose headline quotes "Сторінку не знайдено") was measured once
blind, mid-session: accuracy 0.550, macro-F1 0.513 (0.517 and 0.484 with the judge as it was at
the session's start); its misses were then used, so it is no longer blind. ``heldout11`` (60
cases, the same kind, by another blind helper) was measured once late in that session, with
the judge as it then was: accuracy 0.583, macro-F1 0.539 (0.550 and 0.516 with the session's starting judge); its
three missed dead pages and two live pages called dead were then fixed (0.633), and the patterns
of its other misses used. ``heldout12`` (60 cases, the same kind, close to the seed article's
world) was measured once with the final judge of that session: accuracy 0.683, macro-F1 0.664,
against 0.700 and 0.693 with the session's starting judge (one case worse: a quote «не
наращивать объемы любой ценой, а ...» caught before only because the whole sentence counted as
negated). ``heldout13`` (60 cases, Ukrainian energy, courts, grain and Russian regional
budgets; 11 Ukrainian pages) was measured once, blind, with the judge as it was at the start of
the next session: accuracy 0.450, macro-F1 0.503 (ten supported claims called unsupported); its
misses were then used. ``heldout15`` (60 cases, security incidents, trials, shadow-fleet
shipping, labour, elections) was measured once, blind, mid-session: accuracy 0.600, macro-F1
0.584 with the judge after heldout13's fixes, against 0.617 and 0.599 with the session's
starting judge (one case worse); its misses were then used. ``heldout14`` (diplomacy, the
Kremlin, mobilisation, prisoner exchanges, the central bank) and ``heldout16`` (the seed
article's world), 60 cases each by blind helpers, were measured once with that session's
starting judge (0.700 and 0.600 accuracy, macro-F1 0.697 and 0.647) and with its final judge
(0.717 and 0.633, macro-F1 0.724 and 0.674), read by nobody in between; ``heldout17`` (domestic
politics, courts, the energy war) the same way: 0.517 and 0.550, macro-F1 0.533 and 0.555.
heldout14, 16 and 17 were then mined for their misses. ``heldout18`` (the economy and
sanctions), ``heldout19`` (the war and the front line) and ``heldout20`` (society, law and
politics, neighbour countries), 60 cases each by blind helpers, were measured once with the next
session's starting judge (accuracy 0.517, 0.550, 0.550; macro-F1 0.530, 0.575, 0.589) and once
with its final judge (0.533, 0.533, 0.583; macro-F1 0.540, 0.560, 0.624), read by nobody in
between. ``heldout21`` (energy and infrastructure), ``heldout22`` (diplomacy) and ``heldout23``
(regional news) were measured the same way in the seventh session (0.483 → 0.500, 0.550 → 0.600,
0.567 → 0.583) and mined in the eighth; ``heldout24`` (agriculture and food), ``heldout25``
(sport and culture) and ``heldout26`` (banks and budgets) in the eighth (0.667 → 0.667, 0.500 →
0.500, 0.700 → 0.683). The floors guard against regressions; the README gives the measured
numbers.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from citecheck.config import load
from citecheck.evaluate import run_eval
from citecheck.models import Label
from citecheck.verify import DefaultJudge

HERE = Path(__file__).parent
# Accuracy measured when the floor was set, minus room for honest changes.
FLOORS = {
    "heldout": 0.65,  # measured 0.879
    "heldout2": 0.40,  # measured 0.600
    "heldout3": 0.33,  # measured 0.600
    "heldout4": 0.50,  # measured 0.667
    "heldout5": 0.55,  # measured 0.750
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_heldout_accuracy_floor(name: str) -> None:
    extract = pytest.importorskip("citecheck.extract").extract
    folder = HERE / name
    pages = {}
    for line in (folder / "pages.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        pages[entry["url"]] = entry
    if not (folder / next(iter(pages.values()))["file"]).is_file():
        pytest.skip("../shared/real-html is not present")
    judge = DefaultJudge()
    cases = [json.loads(line) for line in (folder / "cases.jsonl").read_text(encoding="utf-8").splitlines()]
    extractions = {}
    correct = 0
    for case in cases:
        entry = pages[case["url"]]
        if entry["file"] not in extractions:
            html = (folder / entry["file"]).read_text(encoding="utf-8", errors="replace")
            extractions[entry["file"]] = extract(html, case["url"])
        verdict = asyncio.run(judge.judge(case["claim"], case["context"], extractions[entry["file"]]))
        assert verdict.label != Label.DEAD
        correct += verdict.label == case["label"]
    assert correct / len(cases) >= FLOORS[name], (name, correct, len(cases))


# Sets with their own fixture web run through the whole pipeline: (accuracy floor, dead F1 floor).
# heldout6 measured blind 0.885 accuracy, dead F1 0.920; heldout7 measured blind 0.500 (now 0.700),
# dead F1 1.0; heldout8 measured blind 0.700 (now 0.783), dead F1 1.0; heldout9 measured once, blind,
# with the final judge of that session: 0.650, dead F1 0.923 (now 0.850, 1.0); heldout10 measured
# once, blind: 0.550, dead F1 0.667 (now 0.733, 1.0); heldout11 measured once, blind, with the
# final judge of that session: 0.583, dead F1 0.625 (0.633 and 1.0 after its fetch misses were fixed);
# heldout12 measured once, blind, with the final judge: 0.683, dead F1 1.0; heldout13 measured once,
# blind, with the session's starting judge: 0.450, dead F1 1.0 (its misses then used); heldout15
# measured once, blind, mid-session: 0.600, dead F1 0.933 (its misses then used); heldout14 and
# heldout16 measured blind with the final judge: 0.717 and 0.633, dead F1 1.0 both; heldout17
# 0.550, dead F1 1.0.
PIPELINE_FLOORS = {
    "heldout6": (0.85, 0.92),
    "heldout7": (0.60, 0.9),
    "heldout8": (0.70, 0.9),
    "heldout9": (0.75, 0.9),
    "heldout10": (0.70, 0.9),
    "heldout11": (0.70, 0.9),
    "heldout12": (0.70, 0.9),
    "heldout13": (0.60, 0.9),
    "heldout14": (0.75, 0.9),
    "heldout15": (0.70, 0.9),
    "heldout16": (0.70, 0.9),
    "heldout17": (0.65, 0.9),
    "heldout18": (0.55, 0.9),
    "heldout19": (0.55, 0.9),
    "heldout20": (0.65, 0.9),
    "heldout21": (0.60, 0.9),
    "heldout22": (0.75, 0.9),
    "heldout23": (0.65, 0.9),
    "heldout24": (0.60, 0.9),
    "heldout25": (0.45, 0.9),
    "heldout26": (0.65, 0.9),
}


@pytest.mark.parametrize("name", sorted(PIPELINE_FLOORS))
def test_fixture_web_sets_through_the_pipeline(name: str, tmp_path: Path) -> None:
    pytest.importorskip("citecheck.extract")
    settings = load(read_file=False, read_env=False)
    report = run_eval(HERE / name, settings, workdir=tmp_path)
    cases = report["cases"]
    accuracy, dead_f1 = PIPELINE_FLOORS[name]
    assert cases["accuracy"] >= accuracy, cases["confusion"]
    assert cases["per_label"]["dead"]["f1"] >= dead_f1, cases["confusion"]
