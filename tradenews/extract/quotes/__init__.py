"""Direct quotations and who said them.

:mod:`.quotations` (corpus level: :func:`extract_quotes`), :mod:`.text` (one
string: :func:`quotes_in_text`), :mod:`.matching` (:func:`match_quotes`),
:mod:`.speakers` (mentions, canonical names, conflicts); the rule modules are
:mod:`.marks`, :mod:`.tokens`, :mod:`.phrases`, :mod:`.attribution`, :mod:`.resolve`, :mod:`.lexicon`.
"""

from tradenews.extract.quotes.matching import match_quotes  # noqa: F401
from tradenews.extract.quotes.quotations import extract_quotes  # noqa: F401
from tradenews.extract.quotes.speakers import name_conflicts  # noqa: F401
from tradenews.extract.quotes.text import quotes_in_text  # noqa: F401
