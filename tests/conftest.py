import pytest


@pytest.fixture(scope="session")
def corpus():
    import tradenews as tn

    return tn.load_corpus()


@pytest.fixture(scope="session")
def default_report(tmp_path_factory):
    """``report.html`` of the single-process report on the default corpus (every section, every figure
    format), built once for the tests that read it (test_report.py, test_parallel_report.py). Its tables
    do not depend on the figure formats. Tests only read it."""
    from tradenews.pipeline.report import build_report

    return build_report(None, tmp_path_factory.mktemp("default-report"))
