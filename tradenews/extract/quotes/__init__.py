"""Direct quotations and who said them: :mod:`.quotations` finds them, :mod:`.speakers` names the speaker."""

from tradenews.extract.quotes.quotations import extract_quotes, match_quotes, quotes_in_text  # noqa: F401
from tradenews.extract.quotes.speakers import name_conflicts  # noqa: F401
