"""Issue 11: no extractor's memory grows with the square of the corpus.

``extract_quotes`` (with stories) and ``extract_facts`` (with entities and stories, as the
report calls them) run on 500 and on 2,000 real articles, each in a fresh process; the peak
resident memory the call adds (Linux's VmHWM, reset just before the call, minus the resident
memory at that moment) must grow less than 6x for 4x the articles (a quadratic
step, such as the old quote x quote name pass or the fact x fact matrix, gives ~16x).
``match_quotes`` and ``fact_discrepancies`` have the same check in test_quote_scaling.py
and test_facts.py.

One fresh process per size and run loads the articles and finds their stories once, as a process
of its own for each call would, then forks: the child (the state of a facts process at that point)
finds the entities and measures ``extract_facts``; once it has exited, the parent measures
``extract_quotes`` exactly as a quotes process would. The loading and the stories are not done twice.
A forked child maps the libraries' pages again as it runs, so the facts figure reads about 2 MB
(at 500 and at 2,000 articles alike) above that of a process of its own.
"""

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from basil_facts import BASIL, grown  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

_PEAK = """
import ctypes
import gc
import os
import sys
import traceback
import pandas as pd
import pyarrow as pa
import tradenews as tn

def status(key):
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(key))

def added(call):
    # Memory freed before the call and kept by the allocators would be reused by the call unseen, by an
    # amount that depends on what ran before (the loader's lists, say): give it back to the system first,
    # so that what the call adds to the resident memory is what it needs.
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    pa.default_memory_pool().release_unused()  # Arrow's own allocator (the tables' strings) likewise
    with open("/proc/self/clear_refs", "w") as fh:  # start the peak (VmHWM) again from here: loading and
        fh.write("5")                               # entities must not set the peak the call is judged by
    before = status("VmRSS")
    call()
    return status("VmHWM") - before

corpus = tn.load_corpus(pd.read_pickle(sys.argv[1]), progress=False)
stories = tn.stories(corpus)
read, write = os.pipe()
pid = os.fork()
if pid == 0:  # the facts process from here on
    code = 1
    try:
        os.close(read)
        entities = tn.extract_entities(corpus)
        os.write(write, str(added(lambda: tn.extract_facts(corpus, entities=entities, stories=stories))).encode())
        code = 0
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stderr.flush()
        os._exit(code)
os.close(write)
with os.fdopen(read) as fh:
    facts = fh.read()
_, wait_status = os.waitpid(pid, 0)  # the child has exited: nothing else runs while quotes are measured
if wait_status != 0 or not facts:
    sys.exit(f"the child measuring extract_facts failed (wait status {wait_status})")
print(added(lambda: tn.extract_quotes(corpus, stories=stories)), facts)
"""


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """KB the call adds, per call and size: the smaller of two fresh processes (allocator noise moves one
    run by ~10 %), with a 4 MB floor."""
    growth = {"quotes": [], "facts": []}
    for n in (500, 2000):
        path = tmp_path_factory.mktemp("articles") / f"a{n}.pkl"
        grown(n).to_pickle(path)
        runs = []
        for _ in range(2):
            run = subprocess.run([sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True,
                                 cwd=ROOT)
            assert run.returncode == 0, run.stderr[-3000:]
            runs.append(dict(zip(("quotes", "facts"), map(int, run.stdout.split()[-2:]))))
        for what in growth:
            growth[what].append(max(min(r[what] for r in runs), 4096))  # KB; a 4 MB floor
    return growth


@pytest.mark.skipif(not BASIL.is_dir(), reason="shared BASIL/PolNeAR data not present")
@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux's peak-RSS reset")
@pytest.mark.parametrize("what", ["quotes", "facts"])
def test_peak_memory_grows_less_than_6x_from_500_to_2000_articles(added, what):
    growth = added[what]
    assert growth[1] < 6 * growth[0], growth
