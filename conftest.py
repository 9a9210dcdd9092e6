"""pytest, for every path it collects (tests/, tradenews/ doctests and the notebooks under nbval).

nbval executes the notebooks with the working directory notebooks/, and their save_figure calls
write to $TRADENEWS_FIGURES (else ./figures). Tests must never write into the checkout, so it
points, for this process and the kernels it starts, at a scratch folder.
"""

import os
import tempfile

os.environ.setdefault("TRADENEWS_FIGURES", tempfile.mkdtemp(prefix="tradenews-test-figures-"))
