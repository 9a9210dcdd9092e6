import pytest


@pytest.fixture(scope="session")
def corpus():
    import tradenews as tn

    return tn.load_corpus()
