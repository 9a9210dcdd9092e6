"""One run over one corpus: each expensive result is computed once and passed on.

:class:`Run` holds a corpus and computes, on first use and at most once, the
results several report sections and notebook cells need (quotes, entities,
facts, tariffs, similar pairs, ...). A result that failed fails again with the
same error, without being recomputed. Nothing is global: two runs share nothing.

>>> import tradenews as tn
>>> run = Run(tn.load_corpus())
>>> run.quotes is run.quotes          # extracted once
True
>>> "quotes" in run.computed()
True
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any, Callable

__all__ = ["Run", "RESULTS", "PASSAGE_PAIRS", "resolve", "accepts"]


def resolve(dotted: str) -> Callable:
    """Return the function a ``module.function`` path names, importing its module on first use.

    The registry names functions by path so that a report importing one section
    does not import every layer (pandas, scikit-learn and matplotlib load lazily).

    >>> resolve("tradenews.present.plotting.cap_list").__name__
    'cap_list'
    """
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def accepts(func: Callable, keyword: str) -> bool:
    """Whether ``func`` names ``keyword`` among its parameters (a bare ``**options`` does not count).

    >>> def f(x, *, quotes=None): ...
    >>> accepts(f, "quotes"), accepts(f, "entities")
    (True, False)
    """
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False
    return keyword in params


def _quotes(run: "Run"):
    # names, sides and conflicts settled within each story (when the extractor can), as issue 11 asks
    return run.call(resolve("tradenews.extract.quotes.quotations.extract_quotes"), run.corpus, stories="stories")


def _stories(run: "Run"):
    import tradenews as tn

    if "stories" not in getattr(tn, "_EXPORTS", {}):
        return None
    return tn.stories(run.corpus)


def _facts(run: "Run"):
    return run.call(resolve("tradenews.extract.facts.extract_facts"), run.corpus, entities="entities",
                    stories="stories")


def _discrepancies(run: "Run"):
    return run.call(resolve("tradenews.extract.facts.fact_discrepancies"), run.facts, entities="entities",
                    stories="stories")


def _media(run: "Run"):
    return run.call(resolve("tradenews.analyse.media.media_citations"),
                    run.corpus, entities="entities")


def _profile(run: "Run"):
    from tradenews.analyse.compare import outlet_profile

    return outlet_profile(run.corpus, quotes=run.quotes, media=run.media)


#: The report aligns the sentences of this many similar pairs, those with the most reuse.
PASSAGE_PAIRS = 500


def _passages(run: "Run"):
    # the passages of the report's most reused similar pairs, not of every article's ten nearest
    # neighbours (100,000 alignments at 10,000 articles: 60 s and 2.5 GB; all similar pairs: 2.5 GB)
    pairs = run.pairs
    if len(pairs) > PASSAGE_PAIRS:
        keys = [c for c in ("reuse", "similarity") if c in pairs]
        pairs = pairs.sort_values(keys, ascending=False, kind="stable").head(PASSAGE_PAIRS)
    return resolve("tradenews.extract.overlap.shared_passages")(run.corpus, pairs=pairs)


#: name -> how to compute it from a run (may use other results of the same run).
RESULTS: dict[str, Callable[["Run"], Any]] = {
    "quotes": _quotes,
    "matches": lambda run: resolve("tradenews.extract.quotes.quotations.match_quotes")(run.quotes),
    "entities": lambda run: resolve("tradenews.extract.entities.extract_entities")(run.corpus),
    "stories": _stories,
    "facts": _facts,
    "discrepancies": _discrepancies,
    "tariffs": lambda run: resolve("tradenews.extract.tariffs.extract_tariffs")(run.corpus),
    "pairs": lambda run: resolve("tradenews.extract.overlap.similar_pairs")(run.corpus),
    "media": _media,
    "coverage": lambda run: resolve("tradenews.analyse.compare.topic_coverage")(run.corpus),
    "terms": lambda run: resolve("tradenews.analyse.compare.distinguishing_terms")(run.corpus, n=8),
    "profile": _profile,
    "voices": lambda run: resolve("tradenews.analyse.compare.voice_shares")(run.quotes, run.corpus.articles),
    "outlet_similarity": lambda run: resolve("tradenews.extract.overlap.similarity_matrix")(run.corpus, by="outlet"),
    "passages": _passages,
}


def _is_future(value: Any) -> bool:
    # a result is a table: a column called "result" or "done" is a Series, which is not callable
    return callable(getattr(value, "result", None)) and callable(getattr(value, "done", None))


class Run:
    """A corpus and the results computed from it so far (see :data:`RESULTS`).

    Read a result as an attribute (``run.quotes``) or with :meth:`get`.
    ``results`` seeds results computed elsewhere: a value, or a future of it
    (an object with ``result()`` and ``done()``, as ``concurrent.futures`` and
    Dask give), read when the result is first used; the Dask report passes
    futures, so the report writes what is ready while the cluster computes the
    rest. The other results are computed on first use.

    >>> import pandas as pd, tradenews as tn
    >>> from concurrent.futures import Future
    >>> later = Future()
    >>> run = Run(tn.load_corpus(), results={"tariffs": later})
    >>> run.ready("tariffs"), run.ready("quotes")
    (False, True)
    >>> later.set_result(pd.DataFrame({"rate": [10]}))
    >>> run.ready("tariffs"), run.tariffs["rate"].tolist()
    (True, [10])
    """

    def __init__(self, corpus: Any, *, results: dict[str, Any] | None = None):
        from tradenews.ingest.frames import as_corpus

        self.corpus = as_corpus(corpus)
        unknown = set(results or ()) - set(RESULTS)
        if unknown:
            raise KeyError(f"unknown result {', '.join(sorted(unknown))}; known: {', '.join(RESULTS)}")
        self._pending = {k: v for k, v in (results or {}).items() if _is_future(v)}
        self._done: dict[str, tuple[Any, BaseException | None]] = {
            k: (v, None) for k, v in (results or {}).items() if k not in self._pending}

    def ready(self, name: str) -> bool:
        """False while ``name`` is a future that is not done (reading it would wait); else True."""
        return name not in self._pending or self._pending[name].done()

    def get(self, name: str) -> Any:
        """The result ``name``, computed on first use."""
        if name not in RESULTS:
            raise KeyError(f"unknown result {name!r}; known: {', '.join(RESULTS)}")
        if name not in self._done:
            try:
                self._done[name] = (self._pending.pop(name).result() if name in self._pending
                                    else RESULTS[name](self), None)
            except Exception as exc:  # remembered, so a second reader gets the same error at no cost
                self._done[name] = (None, exc)
        value, error = self._done[name]
        if error is not None:
            raise error
        return value

    def call(self, func: Callable, *args: Any, **results: str) -> Any:
        """Call ``func(*args)``, passing ``keyword=self.get(name)`` for each ``keyword=name`` that ``func`` accepts.

        This is how a run hands results it already has (quotes, entities, stories)
        to a function that can use them, and never computes one a function cannot take.
        """
        kwargs = {kw: self.get(name) for kw, name in results.items() if accepts(func, kw)}
        return func(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in RESULTS:
            raise AttributeError(name)
        return self.get(name)

    def computed(self) -> list[str]:
        """Names of the results computed so far (successfully or not)."""
        return list(self._done)

    def __repr__(self) -> str:
        return f"<Run over {len(self.corpus.articles)} articles; computed: {', '.join(self._done) or 'nothing yet'}>"
