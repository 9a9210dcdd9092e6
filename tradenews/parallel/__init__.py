"""The same analyses on Dask: a laptop's cores or a cluster.

- :mod:`tradenews.parallel.corpus`: :func:`read_corpus`, the corpus as Dask
  DataFrames partitioned by article, each block loaded with
  :func:`tradenews.load_corpus` (one loader, not two);
- :mod:`tradenews.parallel.extract`: the per-article extractors by
  ``map_partitions`` with explicit ``meta``; Parquet in and out;
- :mod:`tradenews.parallel.tfidf`: TF-IDF as a reduction over partitions and
  :func:`similar_pairs` as blockwise sparse top-k;
- :mod:`tradenews.parallel.aggregate`: topic coverage and outlet sizes as
  groupby aggregations;
- :mod:`tradenews.parallel.stories`: :func:`stories`, ``tn.stories`` with the
  story model built over partitions;
- :mod:`tradenews.parallel.report`: ``tradenews report --workers N`` /
  ``--scheduler ADDR`` (the report's results computed on the cluster), with
  :mod:`tradenews.parallel.shuffle` (the shuffle by story),
  :mod:`tradenews.parallel.tables` (fact discrepancies per story partition) and
  :mod:`tradenews.parallel.timings` (compute seconds per step from the task stream);
- :mod:`tradenews.parallel.cluster`: :func:`client`, a LocalCluster or an
  existing scheduler.

Dask loads only when this subpackage is imported (``import tradenews`` stays fast).
"""

from __future__ import annotations

from tradenews.parallel.aggregate import outlet_sizes, topic_coverage
from tradenews.parallel.cluster import client
from tradenews.parallel.corpus import DaskCorpus, read_corpus
from tradenews.parallel.extract import EXTRACTORS, extract, read_parquet, to_parquet
from tradenews.parallel.stories import stories
from tradenews.parallel.tfidf import document_frequencies, similar_pairs

__all__ = ["DaskCorpus", "read_corpus", "extract", "EXTRACTORS", "to_parquet", "read_parquet",
           "similar_pairs", "document_frequencies", "topic_coverage", "outlet_sizes", "client", "stories"]
