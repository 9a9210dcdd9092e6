"""Issue 11: no extractor's memory grows with the square of the corpus.

``extract_quotes`` (with stories) and ``extract_facts`` (with entities and stories, as the
report calls them) run on 500 and on 2,000 real articles, each in a fresh process; the peak
resident memory the call adds must grow less than 6x for 4x the articles (a quadratic
step, such as the old quote x quote name pass or the fact x fact matrix, gives ~16x).
``match_quotes`` and ``fact_discrepancies`` have the same check in test_quote_scaling.py
and test_facts.py.
"""

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from basil_facts import BASIL, grown  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

_PEAK = """
import resource, sys
import pandas as pd
import tradenews as tn
corpus = tn.load_corpus(pd.read_pickle(sys.argv[2]), progress=False)
stories = tn.stories(corpus)
entities = tn.extract_entities(corpus) if sys.argv[1] == "facts" else None
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if sys.argv[1] == "quotes":
    tn.extract_quotes(corpus, stories=stories)
else:
    tn.extract_facts(corpus, entities=entities, stories=stories)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


@pytest.mark.skipif(not BASIL.is_dir(), reason="shared BASIL/PolNeAR data not present")
@pytest.mark.parametrize("what", ["quotes", "facts"])
def test_peak_memory_grows_less_than_6x_from_500_to_2000_articles(tmp_path, what):
    growth = []
    for n in (500, 2000):
        path = tmp_path / f"a{n}.pkl"
        grown(n).to_pickle(path)
        run = subprocess.run([sys.executable, "-c", _PEAK, what, str(path)], capture_output=True, text=True,
                             check=True, cwd=ROOT)
        growth.append(max(int(run.stdout.split()[-1]), 4096))  # KB; a 4 MB floor against allocator noise
    assert growth[1] < 6 * growth[0], growth
