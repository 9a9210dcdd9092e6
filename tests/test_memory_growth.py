"""Issue 11: no extractor's memory grows with the square of the corpus.

``extract_quotes`` (with stories) and ``extract_facts`` (with entities and stories, as the
report calls them) run on 500 and on 2,000 real articles, each in a fresh process; the peak
resident memory the call adds (Linux's VmHWM, reset just before the call, minus the resident
memory at that moment) must grow less than 6x for 4x the articles (a quadratic
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
import sys
import pandas as pd
import tradenews as tn

def status(key):
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(key))

corpus = tn.load_corpus(pd.read_pickle(sys.argv[2]), progress=False)
stories = tn.stories(corpus)
entities = tn.extract_entities(corpus) if sys.argv[1] == "facts" else None
with open("/proc/self/clear_refs", "w") as fh:  # start the peak (VmHWM) again from here: loading and
    fh.write("5")                               # entities must not set the peak the call is judged by
before = status("VmRSS")
if sys.argv[1] == "quotes":
    tn.extract_quotes(corpus, stories=stories)
else:
    tn.extract_facts(corpus, entities=entities, stories=stories)
print(status("VmHWM") - before)
"""


@pytest.mark.skipif(not BASIL.is_dir(), reason="shared BASIL/PolNeAR data not present")
@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux's peak-RSS reset")
@pytest.mark.parametrize("what", ["quotes", "facts"])
def test_peak_memory_grows_less_than_6x_from_500_to_2000_articles(tmp_path, what):
    growth = []
    for n in (500, 2000):
        path = tmp_path / f"a{n}.pkl"
        grown(n).to_pickle(path)
        added = []
        for _ in range(2):  # the smaller of two fresh runs: allocator noise moves one run by ~10 %
            run = subprocess.run([sys.executable, "-c", _PEAK, what, str(path)], capture_output=True, text=True,
                                 check=True, cwd=ROOT)
            added.append(int(run.stdout.split()[-1]))
        growth.append(max(min(added), 4096))  # KB; a 4 MB floor
    assert growth[1] < 6 * growth[0], growth
