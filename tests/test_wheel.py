"""The wheel carries everything a user needs: built here, installed into a fresh virtual
environment outside the checkout, it loads the default corpus and writes a report.

No network: the wheel is built without build isolation, and the fresh environment
sees this environment's third-party packages through a ``.pth`` line (tradenews
itself comes only from the wheel).
"""

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _copy_checkout(dest: Path) -> Path:
    ignore = shutil.ignore_patterns(".git", ".venv*", "build", "*.egg-info", "__pycache__", ".pytest_cache",
                                    ".hypothesis", "report", "figures", "notebooks", "benchmarks")
    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)
    return dest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    src = _copy_checkout(tmp_path_factory.mktemp("src") / "tradenews")
    dist = tmp_path_factory.mktemp("dist")
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                          "-w", str(dist), str(src)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-2000:]
    (path,) = dist.glob("tradenews-*.whl")
    return path


def test_wheel_ships_the_default_corpus_and_rule_files(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    corpus = [n for n in names if n.startswith("tradenews/data/corpus/") and n.endswith(".txt")]
    assert len(corpus) == 5
    assert "tradenews/data/topics_trade.csv" in names
    assert "tradenews/styles/report.mplstyle" in names


def test_wheel_installs_and_runs_outside_the_checkout(wheel, tmp_path):
    venv = tmp_path / "venv"
    clean = {"PATH": "/usr/bin:/bin"}  # no PYTHONPATH: nothing of the checkout may leak in
    # No pip inside the venv (ensurepip takes seconds): this environment's pip installs into it (--python).
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, env=clean)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # Install first, then expose the third-party packages: pip must not see (and skip for, or uninstall)
    # the editable tradenews of this environment.
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, env=clean)
    (site / "third_party.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = tmp_path / "elsewhere"
    work.mkdir()
    code = ("import tradenews as tn, pathlib\n"
            "assert 'site-packages' in tn.__file__, tn.__file__\n"
            "c = tn.load_corpus()\n"
            "print(len(c.articles), c.articles['source'].iloc[0])\n")
    res = subprocess.run([str(python), "-c", code], cwd=work, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert res.returncode == 0, res.stderr[-2000:]
    count, source = res.stdout.split()
    assert count == "5" and str(ROOT) not in source and "site-packages" in source
    res = subprocess.run([str(venv / "bin" / "tradenews"), "report", "--sections", "corpus", "--formats", "png",
                          "--out", "out", "--quiet"], cwd=work, capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin"})
    assert res.returncode == 0, res.stderr[-2000:]
    assert (work / "out" / "report.html").exists() and (work / "out" / "figures" / "01-kept-vs-removed.png").exists()
