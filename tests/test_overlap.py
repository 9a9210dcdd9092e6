"""Tests for tradenews.extract.overlap: hand-made expectations, brute-force equivalences, bad inputs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import tradenews as tn
from tradenews.extract import overlap as ov


@pytest.fixture(scope="module")
def seeds():
    return tn.load_corpus()


def _corpus(texts: dict[str, str], outlets: dict[str, object] | None = None, published=None):
    outlets = outlets or {}
    df = pd.DataFrame({"article_id": list(texts), "text": list(texts.values()),
                       "outlet": [outlets.get(k) for k in texts]})
    if published is not None:
        df["published"] = [published.get(k) for k in texts]
    return tn.load_corpus(df)


# A wire story, a pick-up of it with edits (new lede, one paragraph dropped, words
# changed), and an independent report of the same event with the same names and
# topic words but its own sentences. Written by hand for this test.
WIRE = """Port of Halden strike enters third day as talks stall
Dock workers at the Port of Halden extended their strike into a third day on Wednesday after talks with the port authority broke down over night-shift pay.
The union, Havnearbeiderne, said about 1,400 members walked out on Monday and would stay out until the authority restored a 12% night-shift premium cut in March.
"We will not unload a single container until the premium is back," union leader Kari Moen told reporters outside the gate.
The port authority said the premium was unaffordable after a 30% fall in container traffic and offered a one-off payment instead.
Shipping lines have begun diverting vessels to Gothenburg, where handling fees are lower.
Economists warned that a week-long stoppage could cost the regional economy about 200 million crowns."""

PICKUP = """Halden dock strike drags on
Cargo ships are queuing off the Norwegian coast.
Dock workers at the Port of Halden extended their strike into a third day on Wednesday after talks with the port authority collapsed over night-shift pay.
The union, Havnearbeiderne, said some 1,400 members walked out on Monday and would remain out until the authority restored a 12% night-shift premium cut in March.
"We will not unload a single container until the premium is back," union leader Kari Moen told reporters.
The port authority said the premium was unaffordable after a 30% drop in container traffic and offered a one-off payment instead.
Economists warned that a week-long stoppage could cost the regional economy roughly 200 million crowns."""

INDEPENDENT = """Halden port at a standstill as union and authority trade blame
Nothing moved at the Port of Halden on Wednesday, the third day of a walkout by Havnearbeiderne members over night-shift pay.
Kari Moen, who leads the union, accused the port authority of breaking a promise on the premium it cut in March.
Managers at the authority countered that container traffic had fallen by almost a third and that the old night-shift premium could not come back.
Some vessels have already left for Gothenburg, according to harbour pilots, and economists fear the strike could cost the region hundreds of millions of crowns.
Talks are due to resume on Friday."""

OTHER = """Central bank holds rates as inflation cools
The central bank kept its policy rate at 4.5% on Thursday, saying inflation had eased faster than expected.
Governor Ida Wolden Bache said a cut was possible later in the year if wage growth slowed."""


@pytest.fixture(scope="module")
def strike():
    return _corpus({"wire": WIRE, "pickup": PICKUP, "independent": INDEPENDENT, "other": OTHER},
                   outlets={"wire": "Wire Agency", "pickup": "Daily A", "independent": "Daily B"},
                   published={"wire": "2025-03-05T08:00:00Z", "pickup": "2025-03-05T10:30:00Z",
                              "independent": "2025-03-05T09:00:00Z"})


# --------------------------------------------------------------------------- similar_pairs


def test_copy_with_edits_outranks_independent_same_topic(strike):
    pairs = tn.similar_pairs(strike, min_similarity=0.0)
    first = pairs.iloc[0]
    assert {first["article_a"], first["article_b"]} == {"pickup", "wire"}
    indep = pairs[(pairs["article_a"] == "independent") & (pairs["article_b"] == "wire")].iloc[0]
    assert first["similarity"] > indep["similarity"] + 0.2
    # 6 of the pick-up's 7 sentences are the wire's, edited; the independent report reuses none
    assert first["reuse"] >= 0.7 and first["shared_sentences"] >= 5
    assert indep["reuse"] == 0.0
    assert first["earlier"] == "wire"
    assert first["outlet_a"] == "Daily A" and first["outlet_b"] == "Wire Agency"


def test_unknown_outlet_keeps_its_label_and_unknown_dates_give_no_earlier(strike):
    pairs = tn.similar_pairs(strike, min_similarity=0.0)
    other = pairs[(pairs["article_a"] == "other") | (pairs["article_b"] == "other")]
    assert other.filter(like="outlet").apply(lambda c: c.str.startswith("unknown")).any(axis=1).all()
    assert other["earlier"].isna().all()


def test_seed_rewrites_are_derived(seeds):
    """000 and 004 retell the same source: their sentences align; nobody else's do."""
    pairs = tn.similar_pairs(seeds, min_similarity=0.0)
    top = pairs.sort_values("reuse", ascending=False).iloc[0]
    assert (top["article_a"][:3], top["article_b"][:3]) == ("000", "004")
    assert top["reuse"] >= 0.4
    rest = pairs.drop(index=top.name)
    assert (rest["reuse"] < 0.15).all()
    assert len(pairs) == 10  # every pair of 5 articles


def test_seed_rewrites_share_few_verbatim_shingles(seeds):
    shingles = ov.shingle_overlap(seeds, n=5)
    pair = shingles[(shingles["article_a"].str[:3] == "000") & (shingles["article_b"].str[:3] == "004")].iloc[0]
    reuse = tn.similar_pairs(seeds, min_similarity=0.0).iloc[0]["reuse"]
    assert pair["containment"] < 0.25 < reuse


def test_similarity_is_tfidfvectorizer_cosine(seeds):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    arts = seeds.articles
    X = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(arts["text"])
    expected = pd.DataFrame(cosine_similarity(X), index=arts["article_id"], columns=arts["article_id"])
    pairs = tn.similar_pairs(seeds, min_similarity=0.0)
    for row in pairs.itertuples():
        assert row.similarity == pytest.approx(expected.loc[row.article_a, row.article_b], abs=1e-5)


def test_top_k_and_min_similarity_are_respected(seeds):
    pairs = tn.similar_pairs(seeds, min_similarity=0.3, top_k=1)
    assert (pairs["similarity"] >= 0.3).all()
    # each article contributes at most its single best neighbour
    assert len(pairs) <= len(seeds.articles)
    assert pairs["similarity"].is_monotonic_decreasing


@pytest.mark.parametrize("kwargs", [{"top_k": 0}, {"top_k": -3}])
def test_bad_top_k(seeds, kwargs):
    with pytest.raises(ValueError):
        tn.similar_pairs(seeds, **kwargs)


def test_char_ngrams_also_rank_the_copy_first(strike):
    pairs = tn.similar_pairs(strike, analyzer="char_wb", ngram_range=(3, 5), min_similarity=0.0)
    assert {pairs.iloc[0]["article_a"], pairs.iloc[0]["article_b"]} == {"pickup", "wire"}


def test_single_and_stopword_only_articles():
    one = _corpus({"a": "Tariffs rose sharply on Monday."})
    assert tn.similar_pairs(one).empty
    empty = _corpus({"a": "The and of it.", "b": "It is the one."})
    pairs = tn.similar_pairs(empty, min_similarity=0.0)
    assert pairs.empty or (pairs["similarity"] == 0).all()


# --------------------------------------------------------------------------- similarity_matrix


def test_outlet_matrix_is_mean_of_article_cosines():
    texts = {"a1": "Steel tariffs rise in Brussels talks.", "a2": "Brussels talks on steel tariffs stall.",
             "b1": "Farmers sell soybeans to China again.", "b2": "Soybeans shipments to China resume.",
             "c1": "Steel and soybeans dominate the agenda in Brussels."}
    corpus = _corpus(texts, outlets={"a1": "A", "a2": "A", "b1": "B", "b2": "B"})
    art = tn.similarity_matrix(corpus, by="article")
    out = tn.similarity_matrix(corpus, by="outlet")
    labels = corpus.articles.set_index("article_id")["outlet_label"]
    assert list(out.index) == sorted(labels.unique())
    assert out.loc["A", "B"] == pytest.approx(art.loc[["a1", "a2"], ["b1", "b2"]].to_numpy().mean(), abs=1e-5)
    assert out.loc["A", "A"] == pytest.approx(art.loc["a1", "a2"], abs=1e-5)
    unknown = labels["c1"]
    assert np.isnan(out.loc[unknown, unknown])  # a single article has no within-outlet pair
    assert out.loc["A", unknown] == pytest.approx(art.loc[["a1", "a2"], "c1"].mean(), abs=1e-5)
    mx = tn.similarity_matrix(corpus, by="outlet", stat="max")
    assert mx.loc["A", "B"] == pytest.approx(art.loc[["a1", "a2"], ["b1", "b2"]].to_numpy().max(), abs=1e-5)
    np.testing.assert_allclose(out.to_numpy(), out.to_numpy().T, equal_nan=True)


def test_matrix_bad_arguments(seeds):
    with pytest.raises(ValueError):
        tn.similarity_matrix(seeds, by="byline")
    with pytest.raises(ValueError):
        tn.similarity_matrix(seeds, by="outlet", stat="median")


# --------------------------------------------------------------------------- shared_passages


def test_shared_passages_align_the_seed_rewrite(seeds):
    passages = tn.shared_passages(seeds)
    arts = seeds.articles.set_index("article_id")["text"]
    rewrite = passages[(passages["article_a"].str[:3] == "000") & (passages["article_b"].str[:3] == "004")]
    assert len(rewrite) >= 5
    # the Mar-a-Lago quote is in both, "U.S." vs "US" aside
    assert any("Mar-a-Lago" in a and "Mar-a-Lago" in b for a, b in zip(rewrite["text_a"], rewrite["text_b"]))
    for row in passages.itertuples():
        assert arts[row.article_a][row.start_a:row.end_a] == row.text_a
        assert arts[row.article_b][row.start_b:row.end_b] == row.text_b
        assert row.similarity >= 0.5


def test_shared_passages_paragraphs_and_given_pairs(strike):
    pairs = pd.DataFrame({"article_a": ["pickup"], "article_b": ["wire"]})
    para = tn.shared_passages(strike, unit="paragraph", pairs=pairs)
    assert {"paragraph_a", "paragraph_b"} <= set(para.columns)
    assert set(para["article_a"]) == {"pickup"} and set(para["article_b"]) == {"wire"}
    quote = para[para["text_a"].str.contains("single container")]
    assert len(quote) == 1 and quote.iloc[0]["similarity"] > 0.8
    with pytest.raises(ValueError):
        tn.shared_passages(strike, unit="word")


def test_shared_passages_none_found_has_columns(strike):
    out = tn.shared_passages(strike, min_similarity=1.01)
    assert out.empty and {"article_a", "sentence_a", "article_b", "sentence_b", "similarity"} <= set(out.columns)


# --------------------------------------------------------------------------- scale machinery


def _random_rows(draw_seed: int, n: int, v: int, density: float) -> sp.csr_matrix:
    from sklearn.preprocessing import normalize

    rng = np.random.default_rng(draw_seed)
    X = sp.random(n, v, density=density, random_state=rng, format="csr", dtype=np.float32)
    return normalize(X).astype(np.float32).tocsr()


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 60), k=st.integers(1, 5),
       floor=st.sampled_from([0.0, 0.05, 0.2]))
def test_exact_search_matches_brute_force(seed, n, k, floor):
    X = _random_rows(seed, n, 40, 0.15)
    i, j, s = ov._top_k_neighbours(X, top_k=k, min_similarity=floor, exact=True)
    dense = (X @ X.T).toarray()
    np.fill_diagonal(dense, -1)
    assert np.allclose(s, dense[i, j], atol=1e-5)
    for row in range(n):
        mine = np.sort(s[i == row])[::-1]
        best = np.sort(dense[row][dense[row] > max(floor, 0) - 1e-9])[::-1][:k]
        best = best[best >= floor]
        # same top-k cosines (ties may pick different columns)
        assert np.allclose(mine, best[:len(mine)], atol=1e-5) and len(mine) == len(best[best > 0]) or floor > 0


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 80))
def test_pair_dots_is_exact(seed, n):
    X = _random_rows(seed, n, 30, 0.2)
    rng = np.random.default_rng(seed)
    i = np.sort(rng.integers(n, size=50))
    j = rng.integers(n, size=50)
    expected = np.asarray(X[i].multiply(X[j]).sum(axis=1)).ravel()
    assert np.allclose(ov._pair_dots(X, i, j, block=7), expected, atol=1e-5)


def test_approximate_search_finds_near_copies_and_scores_exactly():
    rng = np.random.default_rng(0)
    base = _random_rows(1, 300, 2000, 0.03).toarray()
    copies = base[:30] + rng.normal(0, 0.01, size=(30, 2000)) * (base[:30] > 0)
    from sklearn.preprocessing import normalize

    X = sp.csr_matrix(normalize(np.vstack([base, np.clip(copies, 0, None)])).astype(np.float32))
    i, j, s = ov._top_k_neighbours(X, top_k=3, min_similarity=0.0, exact=False, search_terms=5)
    dense = (X @ X.T).toarray()
    assert np.allclose(s, dense[i, j], atol=1e-5)
    found = set(zip(i.tolist(), j.tolist()))
    assert all((c, c + 300) in found for c in range(30))


def test_vectorised_reuse_matches_pairwise_loop(strike):
    model = ov._fit(strike)
    n = len(model.ids)
    a, b = np.triu_indices(n, 1)
    share, count = ov._reuse_many(model, a, b, 0.5, block=2)
    for x, y, sh, c in zip(a, b, share, count):
        sims = ov._unit_similarity(model, x, y)
        matched = sims.max(axis=1) >= 0.5 if sims.shape[0] <= sims.shape[1] else sims.max(axis=0) >= 0.5
        assert c == matched.sum() and sh == pytest.approx(matched.mean())


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(st.text(alphabet=st.sampled_from(list("ab cdÉé_1'-.“”\nİßx")), max_size=30), max_size=12),
       stop=st.sampled_from(["english", None, ["ab", "cd"]]))
def test_word_counts_match_countvectorizer(texts, stop):
    from sklearn.feature_extraction.text import CountVectorizer

    mine = ov._count_words(texts, stop, chunk=3)
    try:
        theirs = CountVectorizer(stop_words=stop, dtype=np.float32).fit_transform(texts)
    except ValueError:  # empty vocabulary
        assert mine.shape == (len(texts), 1) and mine.nnz == 0
        return
    assert mine.shape == theirs.shape and (mine != theirs).nnz == 0
