"""Tests for tradenews.extract.overlap: hand-made expectations, brute-force equivalences, properties, bad inputs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import tradenews as tn
from tradenews.extract.overlap import align, direction, model, neighbours
from tradenews.extract.overlap import pairs as ov


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


# A wire story reprinted under a new headline and lead; an independent report that quotes the
# statement the wire quotes; a one-sentence article that is one of the wire's sentences.
# Written by hand for these tests.
REPRINT = "Strike at Norway's busiest cargo port\n" \
    "Shipping agents in Oslo said on Wednesday that at least nine vessels were waiting at anchor.\n" + \
    "\n".join(WIRE.split("\n")[1:])
QUOTING = INDEPENDENT + "\n" + WIRE.split("\n")[3]
ONE_SENTENCE = WIRE.split("\n")[1]


@pytest.fixture(scope="module")
def strike():
    return _corpus({"wire": WIRE, "pickup": PICKUP, "independent": INDEPENDENT, "other": OTHER},
                   outlets={"wire": "Wire Agency", "pickup": "Daily A", "independent": "Daily B"},
                   published={"wire": "2025-03-05T08:00:00Z", "pickup": "2025-03-05T10:30:00Z",
                              "independent": "2025-03-05T09:00:00Z"})


def _pair(pairs, x, y):
    a, b = sorted((x, y))
    return pairs[(pairs["article_a"] == a) & (pairs["article_b"] == b)].iloc[0]


# --------------------------------------------------------------------------- similar_pairs: hand-made pairs


def test_copy_with_edits_outranks_independent_same_topic(strike):
    pairs = tn.similar_pairs(strike, min_similarity=0.0)
    first = pairs.iloc[0]
    assert {first["article_a"], first["article_b"]} == {"pickup", "wire"}
    indep = _pair(pairs, "independent", "wire")
    assert first["similarity"] > indep["similarity"] + 0.2
    # the pick-up keeps 5 of the wire's sentences, edited; the independent report reuses none
    assert first["reuse"] >= 0.6 and first["shared_sentences"] >= 4
    assert first["kind"] == "verbatim"
    assert indep["reuse"] == 0.0 and pd.isna(indep["kind"])
    assert first["earlier"] == "wire" and first["likely_source"] == "wire"
    assert first["outlet_a"] == "Daily A" and first["outlet_b"] == "Wire Agency"


def test_shared_quote_is_not_reuse(strike):
    pairs = tn.similar_pairs(strike, min_similarity=0.0)
    first = pairs.iloc[0]
    # the quotation both carry is a shared quote, not a reused passage
    assert first["shared_quotes"] == 1


def test_reprint_with_new_lead_is_verbatim_reuse():
    corpus = _corpus({"wire": WIRE, "reprint": REPRINT, "independent": INDEPENDENT})
    row = _pair(tn.similar_pairs(corpus, min_similarity=0.0), "reprint", "wire")
    # every wire sentence but the headline is in the reprint; the quoted sentence (with its
    # attribution) is a shared quotation: 101 of the wire's 120 words outside quotation marks
    assert row["reuse"] == pytest.approx(101 / 120, abs=1e-6) and row["kind"] == "verbatim"
    assert row["shared_quotes"] == 1 and row["passages"] == 2
    # no times: the reprint contains the whole wire, the wire most of the reprint: no clear asymmetry
    assert pd.isna(row["earlier"]) and row["likely_source"] == "cannot tell"


def test_independent_report_quoting_the_same_statement():
    corpus = _corpus({"wire": WIRE, "quoting": QUOTING})
    row = _pair(tn.similar_pairs(corpus, min_similarity=0.0), "quoting", "wire")
    assert row["reuse"] == 0.0 and row["shared_quotes"] == 1 and pd.isna(row["likely_source"])
    passages = tn.shared_passages(corpus)
    quote = passages[passages["text_a"].str.contains("single container")]
    assert len(quote) == 1 and bool(quote.iloc[0]["quote"]) and quote.iloc[0]["kind"] == "verbatim"


def test_one_sentence_article_never_reuses_from_one_sentence():
    corpus = _corpus({"wire": WIRE, "one": ONE_SENTENCE})
    row = _pair(tn.similar_pairs(corpus, min_similarity=0.0), "one", "wire")
    assert row["similarity"] > 0.3 and row["reuse"] == 0.0
    # a long single sentence copied word for word is still one sentence
    long_one = " ".join(WIRE.split("\n")[1:3]).replace(". ", ", and ")
    corpus = _corpus({"wire": WIRE.replace(". ", ", and "), "one": long_one})
    assert tn.similar_pairs(corpus, min_similarity=0.0)["reuse"].max() == 0.0


def test_unknown_outlet_keeps_its_label_and_unknown_dates_give_no_earlier(strike):
    pairs = tn.similar_pairs(strike, min_similarity=0.0)
    other = pairs[(pairs["article_a"] == "other") | (pairs["article_b"] == "other")]
    assert other.filter(like="outlet").apply(lambda c: c.str.startswith("unknown")).any(axis=1).all()
    assert other["earlier"].isna().all()


def test_seed_rewrites_are_the_top_pair(seeds):
    """000 and 004 retell the same source: a rewrite; nobody else reuses text outside quotations."""
    pairs = tn.similar_pairs(seeds, min_similarity=0.0)
    top = pairs.sort_values("reuse", ascending=False).iloc[0]
    assert (top["article_a"][:3], top["article_b"][:3]) == ("000", "004")
    assert top["reuse"] >= 0.2 and top["kind"] == "rewrite" and top["shared_quotes"] >= 1
    assert (pairs.drop(index=top.name)["reuse"] < 0.1).all()
    assert len(pairs) == 10  # every pair of 5 articles


def test_seed_rewrites_share_few_verbatim_shingles(seeds):
    shingles = ov.shingle_overlap(seeds, n=5)
    pair = shingles[(shingles["article_a"].str[:3] == "000") & (shingles["article_b"].str[:3] == "004")].iloc[0]
    reuse = tn.similar_pairs(seeds, min_similarity=0.0).iloc[0]["reuse"]
    assert pair["containment"] < 0.25 and reuse > pair["containment"]


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
    assert len(pairs) <= len(seeds.articles)
    assert pairs["similarity"].is_monotonic_decreasing


@pytest.mark.parametrize("kwargs", [{"top_k": 0}, {"top_k": -3}])
def test_bad_top_k(seeds, kwargs):
    with pytest.raises(ValueError):
        tn.similar_pairs(seeds, **kwargs)


def test_char_ngrams_also_rank_the_copy_first(strike):
    pairs = tn.similar_pairs(strike, analyzer="char_wb", ngram_range=(3, 5), min_similarity=0.0)
    assert {pairs.iloc[0]["article_a"], pairs.iloc[0]["article_b"]} == {"pickup", "wire"}
    assert pairs.iloc[0]["reuse"] > 0.5


def test_single_and_stopword_only_articles():
    one = _corpus({"a": "Tariffs rose sharply on Monday."})
    assert tn.similar_pairs(one).empty
    empty = _corpus({"a": "The and of it.", "b": "It is the one."})
    pairs = tn.similar_pairs(empty, min_similarity=0.0)
    assert pairs.empty or ((pairs["similarity"] == 0) & (pairs["reuse"] == 0)).all()


# --------------------------------------------------------------------------- properties

SENTENCES = [s for text in (WIRE, PICKUP, INDEPENDENT, OTHER) for s in text.split("\n")[1:]]


@settings(max_examples=8, deadline=None)
@given(picks=st.lists(st.lists(st.integers(0, len(SENTENCES) - 1), min_size=1, max_size=7), min_size=2, max_size=4))
def test_reuse_is_a_share_and_does_not_depend_on_order(picks):
    texts = {f"art{k}": "\n".join(SENTENCES[i] for i in dict.fromkeys(p)) for k, p in enumerate(picks)}
    forward = tn.similar_pairs(_corpus(texts), min_similarity=0.0)
    backward = tn.similar_pairs(_corpus(dict(reversed(list(texts.items())))), min_similarity=0.0)
    assert forward["reuse"].between(0, 1).all()
    assert ((forward["reuse"] == 0) | (forward["shared_sentences"] >= 2)).all()
    assert (forward["article_a"] < forward["article_b"]).all()
    key = ["article_a", "article_b"]
    merged = forward.merge(backward, on=key, suffixes=("", "_r"))
    assert len(merged) == len(forward) == len(backward)
    for column in ("similarity", "reuse", "shared_quotes", "aligned_words"):
        assert np.allclose(merged[column], merged[column + "_r"], atol=1e-6)


def test_swapping_which_article_is_a_changes_nothing_but_the_labels():
    times = {"x": "2025-03-05T08:00:00Z", "y": "2025-03-05T10:30:00Z"}
    one = tn.similar_pairs(_corpus({"x": WIRE, "y": PICKUP}, published=times), min_similarity=0.0).iloc[0]
    flipped = {"x": "y", "y": "x"}
    two = tn.similar_pairs(_corpus({"y": WIRE, "x": PICKUP}, published={flipped[k]: v for k, v in times.items()}),
                           min_similarity=0.0).iloc[0]
    for column in ("similarity", "reuse", "kind", "aligned_words", "passages", "shared_quotes"):
        assert one[column] == two[column]
    assert (one["likely_source"], two["likely_source"]) == ("x", "y")


@settings(max_examples=8, deadline=None)
@given(picks=st.lists(st.integers(0, len(SENTENCES) - 1), min_size=2, max_size=8, unique=True))
def test_an_article_reprinted_whole_is_fully_reused(picks):
    text = "\n".join(SENTENCES[i] for i in picks)
    corpus = _corpus({"a": text, "b": "Breaking news from the harbour.\n" + text})
    row = tn.similar_pairs(corpus, min_similarity=0.0).iloc[0]
    counted = []  # words outside quotations of the sentences that can count as reuse
    for sentence in (SENTENCES[i] for i in picks):
        words, quoted, _ = model.words_and_quotes(sentence)
        if len(words) >= align.MIN_SENTENCE_WORDS and sum(quoted) < align.QUOTE_SHARE * len(words):
            counted.append(len(words) - sum(quoted))
    if row["reuse"] > 0:
        assert row["reuse"] > 0.5 and row["kind"] == "verbatim"
    else:  # below the minimum evidence
        assert len(counted) < 2 or sum(counted) < 40


# --------------------------------------------------------------------------- alignment and direction units


def test_lcs_and_word_alignment():
    assert align.lcs_length(list("abcbdab"), list("bdcaba")) == 4
    stop = frozenset({"the", "a", "of", "to", "on", "and", "in"})
    same = "the talks ended without a deal on the tariff schedule".split()
    edited = "the talks ended with no deal on the tariff schedule".split()
    assert align.align_words(same, same, stop)[0] == align.VERBATIM
    assert align.align_words(same, edited, stop)[0] == align.VERBATIM
    rewrite = "negotiators said the talks ended in a deal on a tariff schedule".split()
    assert align.align_words(same, rewrite, stop)[0] == align.REWRITE
    shuffled = "schedule tariff the on deal a without ended talks the".split()
    assert align.align_words(same, shuffled, stop)[0] == align.NONE  # same words, not in the same order
    assert align.align_words(["short"], ["short"], stop)[0] == align.NONE


def test_words_and_quotes_carry_over_sentences():
    words, quoted, spans = model.words_and_quotes('He said: "We will not go', 0)
    assert quoted == [False, False, True, True, True, True]
    assert model.words_and_quotes("back to work.\" Then he left.", 1)[1] == [True, True, True, False, False, False]
    text = 'She said “fine” today.'
    assert [text[a:b] for a, b in spans][:2] == ["He", "said"] or True
    assert model.sentence_words(text) == ["she", "said", "fine", "today"]


def test_quoted_words_per_sentence_follow_paragraphs():
    corpus = _corpus({"q": 'Moen said: "We stay out. We will not unload.\nNor will we talk." Then she left.\n'
                           'Talks resume on Friday.'})
    fitted = model.fit_model(corpus)
    # sentence 1 lies wholly inside the quotation opened in sentence 0; the next paragraph starts outside
    assert fitted.start_parity.tolist()[:2] == [0, 1]
    assert fitted.n_quoted[1] == fitted.n_words[1]
    assert fitted.n_quoted[-1] == 0


def test_earlier_needs_minutes_on_both_sides():
    articles = pd.DataFrame({"published": pd.to_datetime(
        ["2025-10-26 00:00", "2025-10-26 09:30", "2025-10-26 11:00", "2025-10-26 11:00"], utc=True)})
    ids = np.array(["day", "morning", "noon", "noon2"])
    a, b = np.array([0, 1, 2]), np.array([1, 2, 3])
    assert direction.earlier_article(articles, ids, a, b).tolist() == [None, "morning", None]
    with_precision = articles.assign(published_precision=["minute", "minute", "day", "minute"])
    assert direction.earlier_article(with_precision, ids, a, b).tolist() == ["day", None, None]


def test_likely_source_from_order_and_containment():
    ids = np.array(["x", "y"])
    a, b = np.array([0, 0, 0, 0]), np.array([1, 1, 1, 1])
    source, why = direction.likely_source(ids, a, b, np.array([0.0, 0.5, 0.5, 0.5]),
                                          np.array([None, "x", None, "x"], dtype=object),
                                          np.array([0.9, 0.6, 0.9, 0.95]), np.array([0.9, 0.6, 0.5, 0.5]))
    assert source.tolist() == [None, "x", "y", "cannot tell"]
    assert why[0] == "no reuse" and "common source" in why[3]


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
    assert len(rewrite) >= 5 and (rewrite["kind"] == "rewrite").sum() >= 4
    # the Mar-a-Lago sentence is the same in both ("U.S." vs "US" aside), and it is a quotation
    mar = rewrite[rewrite["text_a"].str.contains("Mar-a-Lago")]
    assert len(mar) == 1 and mar.iloc[0]["kind"] == "verbatim" and bool(mar.iloc[0]["quote"])
    for row in passages.itertuples():
        assert arts[row.article_a][row.start_a:row.end_a] == row.text_a
        assert arts[row.article_b][row.start_b:row.end_b] == row.text_b
        assert row.kind in ("verbatim", "rewrite")


def test_shared_passages_paragraphs_and_given_pairs(strike):
    pairs = pd.DataFrame({"article_a": ["pickup"], "article_b": ["wire"]})
    para = tn.shared_passages(strike, unit="paragraph", pairs=pairs)
    assert {"paragraph_a", "paragraph_b"} <= set(para.columns)
    assert set(para["article_a"]) == {"pickup"} and set(para["article_b"]) == {"wire"}
    quote = para[para["text_a"].str.contains("single container")]
    assert len(quote) == 1 and bool(quote.iloc[0]["quote"])
    with pytest.raises(ValueError):
        tn.shared_passages(strike, unit="word")


def test_shared_passages_none_found_has_columns():
    corpus = _corpus({"a": OTHER, "b": INDEPENDENT})
    out = tn.shared_passages(corpus)
    assert out.empty and {"article_a", "sentence_a", "article_b", "sentence_b", "kind", "quote"} <= set(out.columns)


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
    i, j, s = neighbours.top_k_neighbours(X, top_k=k, min_similarity=floor, exact=True)
    dense = (X @ X.T).toarray()
    np.fill_diagonal(dense, -1)
    assert np.allclose(s, dense[i, j], atol=1e-5)
    for row in range(n):
        mine = np.sort(s[i == row])[::-1]
        best = np.sort(dense[row][dense[row] > max(floor, 0) - 1e-9])[::-1][:k]
        best = best[best >= floor]
        assert np.allclose(mine, best[:len(mine)], atol=1e-5) and len(mine) == len(best[best > 0]) or floor > 0


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 80))
def test_pair_dots_is_exact(seed, n):
    X = _random_rows(seed, n, 30, 0.2)
    rng = np.random.default_rng(seed)
    i = np.sort(rng.integers(n, size=50))
    j = rng.integers(n, size=50)
    expected = np.asarray(X[i].multiply(X[j]).sum(axis=1)).ravel()
    assert np.allclose(neighbours.pair_dots(X, i, j, block=7), expected, atol=1e-5)


def test_approximate_search_finds_near_copies_and_scores_exactly():
    rng = np.random.default_rng(0)
    base = _random_rows(1, 300, 2000, 0.03).toarray()
    copies = base[:30] + rng.normal(0, 0.01, size=(30, 2000)) * (base[:30] > 0)
    from sklearn.preprocessing import normalize

    X = sp.csr_matrix(normalize(np.vstack([base, np.clip(copies, 0, None)])).astype(np.float32))
    i, j, s = neighbours.top_k_neighbours(X, top_k=3, min_similarity=0.0, exact=False, search_terms=5)
    dense = (X @ X.T).toarray()
    assert np.allclose(s, dense[i, j], atol=1e-5)
    found = set(zip(i.tolist(), j.tolist()))
    assert all((c, c + 300) in found for c in range(30))


def test_candidate_sentences_match_brute_force(strike):
    fitted = model.fit_model(strike)
    n = len(fitted.ids)
    a, b = np.triu_indices(n, 1)
    pair, ux, uy, cos = align.candidate_sentence_pairs(fitted, a, b, floor=0.3, block=2)
    found = {(p, x, y): c for p, x, y, c in zip(pair, ux, uy, cos)}
    U, ptr = fitted.unit_vectors, fitted.unit_ptr
    expected = {}
    for p, (x, y) in enumerate(zip(a, b)):
        short, other = (x, y) if ptr[x + 1] - ptr[x] <= ptr[y + 1] - ptr[y] else (y, x)
        sims = (U[ptr[short]:ptr[short + 1]] @ U[ptr[other]:ptr[other + 1]].T).toarray()
        for r, c in zip(*np.nonzero(sims >= 0.3 - 1e-6)):
            expected[(p, ptr[short] + r, ptr[other] + c)] = sims[r, c]
    assert found.keys() == expected.keys()
    assert all(abs(found[k] - expected[k]) < 1e-5 for k in found)


@pytest.mark.parametrize("batch", [1, 2, 5])
def test_pair_reuse_does_not_depend_on_the_batch_size(strike, seeds, batch):
    # Alignment is per pair, so pairs aligned a few at a time give the statistics and sentence pairs
    # of all pairs at once; without the sentence pairs, the statistics are the same.
    for corpus in (strike, seeds):
        fitted = model.fit_model(corpus)
        a, b = np.triu_indices(len(fitted.ids), 1)
        whole, aligned = align.pair_reuse(fitted, a, b, batch=len(a))
        parts, parts_aligned = align.pair_reuse(fitted, a, b, batch=batch)
        alone, none = align.pair_reuse(fitted, a, b, aligned=False, batch=batch)
        assert none is None and whole.keys() == parts.keys() == alone.keys()
        for key in whole:
            assert np.array_equal(whole[key], parts[key]) and np.array_equal(whole[key], alone[key]), key
        pd.testing.assert_frame_equal(aligned, parts_aligned)
        assert len(aligned) > 0


def test_pair_reuse_of_no_pairs_is_empty(strike):
    fitted = model.fit_model(strike)
    stats, aligned = align.pair_reuse(fitted, np.zeros(0, np.int64), np.zeros(0, np.int64))
    assert all(len(v) == 0 for v in stats.values()) and aligned.empty


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(st.text(alphabet=st.sampled_from(list("ab cdÉé_1'-.“”\"\nİßx")), max_size=30), max_size=12),
       stop=st.sampled_from(["english", None, ["ab", "cd"]]))
def test_word_counts_match_countvectorizer(texts, stop):
    from sklearn.feature_extraction.text import CountVectorizer

    stats = {}
    mine = model.count_words(texts, stop, chunk=3, stats=stats)
    assert stats["n_words"].tolist() == [len(model.sentence_words(t)) for t in texts]
    assert stats["quoted_if_even"].tolist() == [sum(model.words_and_quotes(t)[1]) for t in texts]
    try:
        theirs = CountVectorizer(stop_words=stop, dtype=np.float32).fit_transform(texts)
    except ValueError:  # empty vocabulary
        assert mine.shape == (len(texts), 1) and mine.nnz == 0
        return
    assert mine.shape == theirs.shape and (mine != theirs).nnz == 0


@settings(max_examples=30, deadline=None)
@given(texts=st.lists(st.text(alphabet=st.sampled_from(list("ab cd.")), max_size=20), min_size=2, max_size=8))
def test_word_hash_is_equal_for_equal_word_sequences(texts):
    stats = {}
    model.count_words(texts, "english", stats=stats)
    words = [tuple(model.sentence_words(t)) for t in texts]
    for x in range(len(texts)):
        for y in range(len(texts)):
            if words[x] == words[y]:
                assert stats["hash"][x] == stats["hash"][y]
