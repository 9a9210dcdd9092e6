"""`import tradenews` stays light: heavy libraries load on first use, not at import."""

import subprocess
import sys

HEAVY = ("pandas", "sklearn", "matplotlib", "nltk", "scipy", "trafilatura")


def test_import_loads_no_heavy_module():
    code = "import sys, tradenews; print(','.join(m for m in %r if m in sys.modules))" % (HEAVY,)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_names_resolve():
    import tradenews as tn

    for name in ("load_corpus", "Corpus", "LoadError", "save_figure", "use_style", "sentence_spans"):
        assert callable(getattr(tn, name))
