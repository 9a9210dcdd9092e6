"""Held-out development set for tariff extraction: hand-written wire-copy sentences.

None of these sentences comes from the seed corpus or from ``tests/fixtures/other_corpus.csv``;
they were written (in the style of agency copy) about other trade stories and years, to measure how
the rules do on text they were not written on:

* EU-US steel and aluminium, 2018; US-Mexico, 2019 (threatened 5-25% on all goods);
* US-Canada, 2025 (25%, 10% on energy); India-US, 2025 (50%); Brazil, 2025 (50%);
* China's retaliation, 2018-19 (5/10/25%); Japan and South Korea 15% deals;
* EU duties on Chinese electric vehicles (17-35.3%);
* and percentages that are NOT tariff rates: digital services taxes, VAT, interest rates,
  approval polls, GDP growth, stake sales, market moves, shares of exports.

Each case lists every tariff rate a careful reader would label, as
``(value, actor, target, status)``; ``"?"`` means "not checked" (the text leaves it open).
The expectations were written before running the extractor on the sentences.

``CASES`` (76 sentences) was written first and used to fix the rules, so its scores are no longer an
unbiased estimate: before the fixes the extractor scored P 0.98, R 0.80, status accuracy 0.74 on it.
``HOLDOUT`` (26 sentences) was written after those fixes and scored once before touching the rules
again: P 1.00, R 0.95, status 0.76, actor 0.80, target 0.82 (the rules before any fix: status 0.59,
target 0.71). Its later, higher scores are again partly tuned; add fresh sentences to re-measure.

``python tests/test_tariffs_unseen.py`` prints precision, recall and status/actor/target accuracy
on the whole set and lists every disagreement.
"""

from __future__ import annotations

import pandas as pd
import pytest

from tradenews.extract.tariffs import extract_tariffs

ANY = "?"

# (text, [(value, actor, target, status), ...])
CASES: list[tuple[str, list[tuple]]] = [
    # --- EU-US steel and aluminium, 2018 -------------------------------------------------------
    ("The Trump administration on Thursday imposed tariffs of 25% on steel and 10% on aluminium "
     "imported from the European Union, Canada and Mexico.",
     [(25, "US", ANY, "in force"), (10, "US", ANY, "in force")]),
    ("The European Commission said it would slap 25 percent duties on 2.8 billion euros of US goods, "
     "including bourbon, jeans and motorcycles, in retaliation.",
     [(25, "EU", "US", "threatened")]),
    ("EU retaliatory tariffs of 25% on American whiskey, orange juice and motorcycles came into force "
     "on Friday.",
     [(25, "EU", "US", "in force")]),
    ("Brussels has warned it could hit back with levies of up to 50% on a further 3.6 billion euros "
     "of US exports if Washington raises its steel tariffs.",
     [(50, "EU", "US", "threatened")]),
    ("Trump threatened a 20% tariff on all cars imported from the EU.",
     [(20, "US", "EU", "threatened")]),
    ("The EU tariff on US motorcycles rose to 31% from 6% on Friday.",
     [(31, "EU", "US", "in force"), (6, "EU", "US", "past")]),
    ("German carmakers have long complained that Washington charges only 2.5% on imported cars, "
     "while the EU levies a 10% duty on American vehicles.",
     [(2.5, "US", ANY, "in force"), (10, "EU", "US", "in force")]),
    # --- US-Mexico, 2019 --------------------------------------------------------------------------
    ("Trump said a 5% tariff on all Mexican goods would take effect on June 10 and rise to 25% by "
     "October unless Mexico stemmed the flow of migrants.",
     [(5, "US", "Mexico", "threatened"), (25, "US", "Mexico", "threatened")]),
    ("The tariffs would climb to 10% on July 1, 15% on Aug. 1 and 20% on Sept. 1, the White House said.",
     [(10, "US", ANY, "threatened"), (15, "US", ANY, "threatened"), (20, "US", ANY, "threatened")]),
    ("The United States and Mexico reached a deal on Friday that averted the 5% tariffs Trump had "
     "threatened to impose on Mexican imports.",
     [(5, "US", "Mexico", "averted")]),
    ("Mexico's peso rallied 2.1% after Trump suspended the planned tariffs indefinitely.", []),
    ("Mexican Foreign Minister Marcelo Ebrard said the threatened US duties, starting at 5 percent, "
     "would hurt both economies.",
     [(5, "US", ANY, "threatened")]),
    ("The tariffs on Mexican goods, which were due to start at 5 per cent next week, have been "
     "suspended indefinitely, Trump said on Twitter.",
     [(5, "US", "Mexico", "averted")]),
    # --- US-Canada, 2025 --------------------------------------------------------------------------
    ("Trump imposed 25% tariffs on imports from Canada and Mexico on Tuesday, with a lower 10% rate "
     "on Canadian energy.",
     [(25, "US", "Canada", "in force"), (10, "US", "Canada", "in force")]),
    ("Canada responded with 25 percent counter-tariffs on C$30 billion of American goods, Prime "
     "Minister Justin Trudeau said.",
     [(25, "Canada", "US", "in force")]),
    ("Ontario threatened a 25% surcharge on electricity exported to three US states, then suspended "
     "it a day later.",
     [(25, ANY, "US", "averted")]),
    ("Trump has said tariffs on Canadian goods not covered by the USMCA trade pact will rise to 35% "
     "on August 1.",
     [(35, "US", "Canada", "threatened")]),
    ("Canadian steel and aluminium now face a 50% US tariff, double the rate imposed in March.",
     [(50, "US", "Canada", "in force")]),
    ("Ottawa is preparing a second round of 25% counter-tariffs on US goods worth C$125 billion, "
     "officials said.",
     [(25, "Canada", "US", "threatened")]),
    ("Canada's economy shrank 1.6% in the second quarter as exports to the US slumped.", []),
    # --- India-US, 2025 ---------------------------------------------------------------------------
    ("Washington doubled the tariff on Indian goods to 50% on Wednesday, adding a 25% penalty duty "
     "for New Delhi's purchases of Russian oil.",
     [(50, "US", "India", "in force"), (25, "US", "India", "in force")]),
    ("Indian exporters of shrimp, textiles and gems are bracing for the 50% tariff, which takes "
     "effect on Aug. 27.",
     [(50, ANY, "India", "threatened")]),
    ("India's economy grew 7.8% in the April-June quarter, before the tariffs hit.", []),
    ("Modi's approval rating stands at 74%, according to a Morning Consult survey.", []),
    ("India charges an average tariff of 17% on imports, among the highest of major economies, "
     "according to the WTO.",
     [(17, "India", ANY, "in force")]),
    ("The Reserve Bank of India kept its repo rate at 5.5%, saying the 50% US tariffs posed a risk "
     "to growth.",
     [(50, "US", ANY, ANY)]),
    # --- China's retaliation, 2018-19 -------------------------------------------------------------
    ("China said it would impose tariffs of 5% to 25% on $60 billion of US goods if Washington went "
     "ahead with its latest round.",
     [(5, "China", "US", "threatened"), (25, "China", "US", "threatened")]),
    ("The US Trade Representative's office said the 10% tariffs on $200 billion of Chinese goods "
     "would rise to 25% on Jan. 1.",
     [(10, "US", "China", "in force"), (25, "US", "China", "threatened")]),
    ("China will levy additional tariffs of 10% and 5% on about $75 billion of US goods, the finance "
     "ministry said.",
     [(10, "China", "US", "threatened"), (5, "China", "US", "threatened")]),
    ("Soybeans from the United States face a 25 percent Chinese tariff on top of the standard 3 "
     "percent duty.",
     [(25, "China", "US", "in force"), (3, "China", "US", "in force")]),
    ("Beijing on Friday postponed the 25% tariffs on US cars and auto parts that were due to take "
     "effect on Dec. 15.",
     [(25, "China", "US", "averted")]),
    ("China's exports to the United States fell 8.1% last year as the tariffs bit.", []),
    ("The Shanghai Composite index fell 1.4% and the yuan weakened 0.3% against the dollar.", []),
    ("Beijing cut the extra duties on some American goods to 5% from 10% on Feb. 14, halving the "
     "rates it imposed in September.",
     [(5, "China", "US", "in force"), (10, "China", "US", "past")]),
    # --- Brazil, 2025 -----------------------------------------------------------------------------
    ("Trump said he would impose a 50% tariff on Brazilian imports from Aug. 1, citing the trial of "
     "former President Jair Bolsonaro.",
     [(50, "US", "Brazil", "threatened")]),
    ("Brazil's President Luiz Inacio Lula da Silva said his government would respond to the 50 percent "
     "US levy with reciprocity.",
     [(50, "US", ANY, "threatened")]),
    ("Orange juice and aircraft were exempted, cutting the share of Brazilian exports hit by the 50% "
     "rate to about 36%.",
     [(50, ANY, "Brazil", ANY)]),
    ("Arabica coffee futures jumped 4% in New York after the tariff announcement.", []),
    # --- Japan and South Korea deals, 2025 ---------------------------------------------------------
    ("Under the deal, Japanese cars will face a 15% tariff, down from 27.5%, the White House said.",
     [(15, "US", "Japan", "threatened"), (27.5, "US", "Japan", "past")]),
    ("Seoul agreed to a 15% tariff on its goods, averting the 25% levy Trump had threatened to "
     "impose on Aug. 1.",
     [(15, ANY, "South Korea", ANY), (25, "US", "South Korea", "averted")]),
    ("The Nikkei share average rose 3.5%, its biggest gain in months, after the trade deal.", []),
    ("Prime Minister Shigeru Ishiba, whose approval rating fell to 22% in July, said the deal "
     "protected Japanese jobs.", []),
    ("US tariffs on Japanese cars were lowered to 15% from 27.5% on Sept. 16.",
     [(15, "US", "Japan", "in force"), (27.5, "US", "Japan", "past")]),
    ("South Korean carmakers still pay 25 per cent on vehicles shipped to the US, a Hyundai "
     "executive said.",
     [(25, "US", "South Korea", "in force")]),
    # --- EU duties on Chinese electric vehicles, 2024 -----------------------------------------------
    ("The European Commission imposed duties of up to 35.3% on electric vehicles made in China, on "
     "top of the standard 10% car import duty.",
     [(35.3, "EU", "China", "in force"), (10, "EU", ANY, "in force")]),
    ("BYD will pay an extra 17% duty, Geely 18.8% and SAIC 35.3%, the Commission said.",
     [(17, "EU", ANY, "threatened"), (18.8, "EU", ANY, "threatened"), (35.3, "EU", ANY, "threatened")]),
    ("China imposed provisional anti-dumping duties of up to 39% on European brandy in October.",
     [(39, "China", "EU", "in force")]),
    ("Shares of Chinese carmakers fell as much as 5% in Hong Kong after the EU decision.", []),
    ("Beijing has threatened to raise its tariff on large-engine cars imported from Europe to 25%.",
     [(25, "China", "EU", "threatened")]),
    ("Chinese-made electric vehicles accounted for 19% of EV sales in the EU last year.", []),
    # --- digital services taxes and VAT: not tariffs ------------------------------------------------
    ("France's 3% digital services tax on the revenues of large tech companies angered Washington.", []),
    ("Washington threatened tariffs of up to 100% on $2.4 billion of French goods in retaliation for "
     "the 3% digital tax.",
     [(100, "US", "France", "threatened")]),
    ("Canada scrapped its 3% digital services tax hours before it was due to take effect, after Trump "
     "halted trade talks.", []),
    ("Germany's standard VAT rate of 19% applies to imported cars as well as domestic ones.", []),
    ("Trump has called the EU's 20% value-added taxes an unfair trade barrier.", []),
    ("Britain cut VAT on hospitality to 5% during the pandemic.", []),
    # --- interest rates, polls, growth, stakes, market moves -----------------------------------------
    ("The Federal Reserve held interest rates at 4.25%-4.50%, citing uncertainty over tariffs.", []),
    ("Mexico's central bank cut its benchmark rate by 25 basis points to 8%, as the threat of US "
     "tariffs weighed on growth.", []),
    ("Some 61% of Americans disapprove of Trump's handling of tariffs, a CBS News/YouGov poll found.", []),
    ("Support for retaliatory tariffs on US goods stood at 72% among Canadian respondents.", []),
    ("The IMF cut its 2025 global growth forecast to 2.8%, blaming the tariffs.", []),
    ("Economists estimate the tariffs could knock 0.4 percentage points off euro zone growth.", []),
    ("The company sold a 9.9% stake in its Mexican unit to avoid the new duties.", []),
    ("Steel stocks jumped 5% after Washington raised tariffs on imported metal.", []),
    ("The Dow fell 2.6% after Trump threatened 50% tariffs on the EU.",
     [(50, "US", "EU", "threatened")]),
    ("Shares of the motorcycle maker fell 6% after the EU said it would impose a 31% tariff on its "
     "bikes.",
     [(31, "EU", ANY, "threatened")]),
    ("Tariffs now cover about 60% of Chinese imports into the United States.", []),
    ("US imports from Vietnam rose 35% as companies moved production out of China to dodge tariffs.", []),
    # --- forms: threatened adjective, actor adjective, noun before 'to', capital as actor ------------
    ("Ebrard called the threatened 5% US tariff on all Mexican goods unacceptable.",
     [(5, "US", "Mexico", "threatened")]),
    ("The proposed 30% British duties were dropped after talks in London.",
     [(30, "UK", ANY, "averted")]),
    ("Tokyo warned that it could raise its own duty on US beef to 38.5% if imports surged.",
     [(38.5, "Japan", "US", "threatened")]),
    ("Ottawa said it would raise its levy to 25% if Washington did not back down.",
     [(25, "Canada", ANY, "threatened")]),
    ("The EU is drawing up 10% duties on US soybeans that would apply from July.",
     [(10, "EU", "US", "threatened")]),
    ("Mexico is readying 20% duties on American pork and cheese, due to kick in next month.",
     [(20, "Mexico", "US", "threatened")]),
    ("New Delhi will apply a 10% duty on US almonds from April 1, the trade ministry said.",
     [(10, "India", "US", "threatened")]),
    ("Beijing had slapped 84% tariffs on US goods before the Geneva truce cut them to 10%.",
     [(84, "China", "US", "past"), (10, "China", "US", "in force")]),
]


# Written after the rules were fixed on CASES, and scored once before any further change, so that
# its first score is an honest estimate on unseen text (see the module docstring of the report).
HOLDOUT: list[tuple[str, list[tuple]]] = [
    ("Turkey doubled tariffs on some US imports, including cars and alcohol, to 120% and 140%.",
     [(120, "Turkey", "US", "in force"), (140, "Turkey", "US", "in force")]),
    ("India raised import duties on 28 US products, with almonds now facing a levy of 120 per cent.",
     [(120, "India", "US", "in force")]),
    ("The Biden administration quadrupled the tariff on Chinese electric vehicles to 100%, effective "
     "Sept. 27.",
     [(100, "US", "China", "in force")]),
    ("Ottawa said it would match the US move with a 100% surtax on Chinese-made EVs from Oct. 1.",
     [(100, "Canada", "China", "threatened")]),
    ("Beijing retaliated with a 15% tariff on US coal and liquefied natural gas, and 10% on crude oil "
     "and farm machinery.",
     [(15, "China", "US", "in force"), (10, "China", "US", "in force")]),
    ("Australia's barley exporters were hit with an 80.5% duty by Beijing in 2020, which was lifted "
     "in 2023.",
     [(80.5, "China", "Australia", "past")]),
    ("Trump floated a 200% tariff on European wine and champagne if the EU kept its 50% levy on "
     "American whiskey.",
     [(200, "US", "EU", "threatened"), (50, "EU", "US", ANY)]),
    ("The EU dropped its plan for a 50% tariff on US whiskey after the two sides agreed a truce.",
     [(50, "EU", "US", "averted")]),
    ("Vietnamese goods will face a 20% levy under the framework, with a 40% rate for transshipped "
     "items.",
     [(20, ANY, "Vietnam", "threatened"), (40, ANY, ANY, "threatened")]),
    ("Swiss exports were hit with a 39% tariff, one of the highest Trump has imposed.",
     [(39, "US", "Switzerland", "in force")]),
    ("A 10 percent baseline tariff on almost all imports has been in place since April.",
     [(10, ANY, ANY, "in force")]),
    ("Mexico's Senate approved tariffs of up to 50% on cars from China and other Asian countries "
     "without trade deals.",
     [(50, "Mexico", "China", "threatened")]),
    ("Washington paused its 34% tariff on Chinese goods for 90 days, leaving a 10% levy in place.",
     [(34, "US", "China", "averted"), (10, "US", "China", "in force")]),
    ("Indonesia agreed to a 19% tariff on its exports, lower than the 32% Trump had announced.",
     [(19, ANY, "Indonesia", ANY), (32, "US", "Indonesia", "averted")]),
    # not tariffs
    ("Turkey's annual inflation eased to 33% in August, the statistics office said.", []),
    ("Switzerland's central bank cut its policy rate to 0% as a strong franc and US tariffs weighed.", []),
    ("The ruling party won 41% of the vote, its worst showing since tariffs were introduced.", []),
    ("Vietnam's exports to the United States rose 28% in the first half despite the tariff threat.", []),
    ("Unilever plans to sell a 20% stake in its Indian business, it said on Tuesday.", []),
    ("Australia's wine exports to China plunged 96% after Beijing's punitive duties.", []),
    ("Airlines pay a 7.5% excise tax on domestic tickets, a levy the industry wants cut.", []),
    ("The country's sales tax rises to 10% next month, the finance ministry confirmed.", []),
    ("About 45% of respondents said tariffs on Chinese goods should stay, a Pew survey found.", []),
    ("Bond yields rose to 4.6%, their highest since May, on fears that tariffs would fuel inflation.", []),
    ("Economists see a 35% probability of a US recession within a year because of the tariffs.", []),
    ("Hungary's 5% special tax on retailers was challenged at the EU's top court.", []),
]


# --------------------------------------------------------------------------- scoring


def _match_case(text: str, expected: list[tuple]) -> tuple[list[tuple], list[dict], list[tuple]]:
    """Pair expected mentions with predictions by value, in order; return (pairs, spurious, missed)."""
    got = extract_tariffs(text)
    preds = [r for r in got.to_dict("records")]
    used: set[int] = set()
    pairs, missed = [], []
    for exp in expected:
        hit = next((i for i, p in enumerate(preds) if i not in used and abs(p["value"] - exp[0]) < 1e-9), None)
        if hit is None:
            missed.append(exp)
        else:
            used.add(hit)
            pairs.append((exp, preds[hit]))
    spurious = [p for i, p in enumerate(preds) if i not in used]
    return pairs, spurious, missed


def _value(x):
    return None if x is None or (not isinstance(x, str) and pd.isna(x)) else str(x)


def score(cases=CASES, *, verbose: bool = False) -> dict[str, float]:
    """Precision, recall, F1 and status/actor/target accuracy over ``cases``."""
    n_exp = n_pred = n_match = 0
    agree = {"status": [0, 0], "actor": [0, 0], "target": [0, 0]}
    for text, expected in cases:
        pairs, spurious, missed = _match_case(text, expected)
        n_exp += len(expected)
        n_match += len(pairs)
        n_pred += len(pairs) + len(spurious)
        for exp, pred in pairs:
            for k, field in ((1, "actor"), (2, "target"), (3, "status")):
                if exp[k] == ANY:
                    continue
                ok = _value(pred[field]) == exp[k]
                agree[field][0] += ok
                agree[field][1] += 1
                if verbose and not ok:
                    print(f"WRONG {field}: {exp[0]:g} expected {exp[k]!r} got {_value(pred[field])!r} "
                          f"(evidence {pred['evidence']!r}) | {text}")
        if verbose:
            for exp in missed:
                print(f"MISSED {exp} | {text}")
            for p in spurious:
                print(f"SPURIOUS {p['value']:g} {p['status']} | {text}")
    precision = n_match / n_pred if n_pred else 1.0
    recall = n_match / n_exp if n_exp else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    out = {"n_cases": len(cases), "n_expected": n_exp, "n_predicted": n_pred, "n_matched": n_match,
           "precision": precision, "recall": recall, "f1": f1}
    for field, (ok, n) in agree.items():
        out[f"{field}_accuracy"] = ok / n if n else float("nan")
        out[f"{field}_checked"] = n
    return out


# --------------------------------------------------------------------------- tests


def test_dev_set_is_large_and_varied():
    assert len(CASES) >= 40
    assert sum(1 for _, exp in CASES if not exp) >= 20  # sentences with only non-tariff percentages


def test_dev_set_scores():
    s = score()
    assert s["precision"] >= 0.95
    assert s["recall"] >= 0.95
    assert s["status_accuracy"] >= 0.9
    assert s["actor_accuracy"] >= 0.9
    assert s["target_accuracy"] >= 0.85


def test_holdout_scores():
    s = score(HOLDOUT)
    assert s["precision"] >= 0.95
    assert s["recall"] >= 0.9
    assert s["status_accuracy"] >= 0.8
    assert s["actor_accuracy"] >= 0.8


NEGATIVES = [text for text, exp in CASES + HOLDOUT if not exp]


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_tariff_rate_in_non_tariff_sentences(text):
    assert extract_tariffs(text).empty


# Inside an article about tariffs, "duty", "levy" and "rate" count as tariff nouns more easily, so
# these non-tariff uses are checked with such an article around them.
IN_TARIFF_ARTICLE = [
    "The government also announced a 2% levy on sugary drinks.",
    "Energy bills include a 5% levy for renewable subsidies.",
    "The central bank's 4.5% rate was left unchanged.",
    "The surcharge of 3% on card payments was scrapped.",
    "The company expects a 15% rate of return on the project.",
    "Britain's 25% energy profits levy will stay until 2030.",
    "Exporters face a 12% rate of interest on working capital.",
    "The 10% rate applies to most goods and services under the GST.",
    "Mortgage rates rose to 7% last week.",
]


@pytest.mark.parametrize("sentence", IN_TARIFF_ARTICLE)
def test_no_tariff_rate_in_non_tariff_sentence_of_a_tariff_article(sentence):
    text = "Washington's tariffs on Chinese goods took effect on Monday.\n" + sentence
    out = extract_tariffs(pd.DataFrame({"article_id": ["a"], "outlet": ["x"], "text": [text]}))
    assert out.empty


def test_weak_nouns_count_in_a_tariff_article():
    text = ("Washington's tariffs on Chinese goods took effect on Monday.\n"
            "Beijing said it could raise its own levy to 30% if talks failed.")
    out = extract_tariffs(pd.DataFrame({"article_id": ["a"], "outlet": ["x"], "text": [text]}))
    assert out[["value", "actor", "status"]].values.tolist() == [[30.0, "China", "threatened"]]


if __name__ == "__main__":  # pragma: no cover
    for name, cases in (("CASES (dev)", CASES), ("HOLDOUT", HOLDOUT)):
        print(f"== {name}")
        scores = score(cases, verbose=True)
        for key, value in scores.items():
            print(f"{key:<18} {value:.3f}" if isinstance(value, float) else f"{key:<18} {value}")
