"""Shortcuts in reading files: each one against the plain code it replaces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradenews.core.errors import LoadError
from tradenews.ingest.readers import _CONTROL, control_count, decode

# control characters, the allowed ones (\t \n \x0c \r), ASCII, Latin, astral and lone surrogates
_CHARS = st.one_of(st.characters(max_codepoint=0x20), st.characters(), st.sampled_from("\t\n\x0b\x0c\r\x7f\x85é’😀"),
                   st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_CHARS, max_size=200))
def test_control_count_equals_the_regex(text):
    assert control_count(text) == len(_CONTROL.findall(text))


def test_binary_looking_text_is_still_refused():
    with pytest.raises(LoadError, match="binary file") as info:
        decode(("ok " + "\x01\x02\x03" * 10).encode("utf-8"), "f.txt")
    assert info.value.detail == "control characters"
