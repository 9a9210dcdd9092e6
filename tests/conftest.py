import os
import tempfile

import pytest

# nbval executes the notebooks with the working directory notebooks/, and their save_figure
# calls write to $TRADENEWS_FIGURES (else ./figures). Tests must never write into the
# checkout: point it, for this process and the kernels it starts, at a scratch folder.
os.environ.setdefault("TRADENEWS_FIGURES", tempfile.mkdtemp(prefix="tradenews-test-figures-"))


@pytest.fixture(scope="session")
def corpus():
    import tradenews as tn

    return tn.load_corpus()
