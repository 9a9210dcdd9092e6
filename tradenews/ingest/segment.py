"""Paragraph and sentence segmentation with character offsets.

Sentences come from nltk's Punkt algorithm with explicit parameters (no
downloaded model): a news abbreviation list shipped in
``tradenews/data/abbreviations.txt``. Paragraphs are split on line breaks first,
so a headline never merges with the first sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["paragraph_spans", "sentence_spans", "abbreviations"]

# Curly quotes are mapped to straight quotes of the same length before Punkt
# runs, so boundary detection does not depend on the nltk version's quote
# handling and every offset still indexes the original string.
_QUOTE_PAIRS = (("\u201c", '"'), ("\u201d", '"'), ("\u2018", "'"), ("\u2019", "'"), ("\u00ab", '"'),
                ("\u00bb", '"'))
_LINE = re.compile(r"[^\n]+")


def fold_quotes(text: str) -> str:
    """Curly quotes and guillemets to straight ones, same length (chained ``replace`` runs in C;
    ``str.translate`` with a dict looks every character up in Python)."""
    for curly, straight in _QUOTE_PAIRS:
        if curly in text:
            text = text.replace(curly, straight)
    return text


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Return the abbreviation set Punkt uses (lower case, no final period).

    Example
    -------
    >>> {"u.s", "oct", "gen", "mr", "sen"} <= abbreviations()
    True
    """
    text = resources.files("tradenews").joinpath("data/abbreviations.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


_CACHE_LIMIT = 200_000
# A candidate context that is a plain word of two or more letters, a period, whitespace and a plain
# next word (letters and digits, perhaps 's): Punkt's decision then depends on the abbreviation list only.
# Opening ", ( and [ are no part of Punkt's word tokens, so they may precede either word.
_PLAIN_CONTEXT = re.compile(r"[\"(\[]*([^\W\d_]{2,})\.\s+[\"(\[']*[^\W\d_][^\W_]*(?:'[^\W\d_]+)?\Z")
# Wider: the plain word and its period, then one of Punkt's non-word characters ("{nonword}", Punkt's
# own class) or whitespace and any token. The word with its period is one token and a token follows it,
# so when the word is no known abbreviation Punkt breaks there (its first pass marks the break; its
# second pass changes only an initial, a number or an abbreviation). For an abbreviation the next token
# may hold a break of its own ("Mr. Trump.”"), so only the narrow pattern above decides that case.
_WORD_PERIOD_FMT = r"[\"(\[]*([^\W\d_]{{2,}})\.(?:\s+\S+|{nonword})\Z"
# A plain word, ? or ! (a token of its own, one of Punkt's sentence ends) and a token after it: a break.
_WORD_MARK_FMT = r"[\"(\[]*[^\W\d_]{{2,}}[?!](?:\s+\S+|{nonword})\Z"
# One word token ending in a period (letters and digits, single inner . , or -: Punkt's word tokenizer
# keeps it whole), after opening ", ( or [ (tokens of their own), then one of Punkt's non-word
# characters or spaces and a token with no . ? or !. Only the word's token can then be a break, and
# with no learned collocations, sentence starters or orthographic data Punkt decides it from the word
# and the first character after it alone (:func:`_token_break`).
_ONE_TOKEN_FMT = r"[\"(\[]*([^\W_]+(?:[.,-][^\W_]+)*)\.(?:({nonword})| +([^.?!\s]+))\Z"


@lru_cache(maxsize=1)
def _tokenizer():
    """Punkt with explicit parameters, its regexes on the standard ``re`` engine and its decisions memoized.

    Every override keeps Punkt's decisions exactly (``tests/test_segment_speed.py``
    compares the spans with stock nltk on real and generated text); they only
    remove overheads that made Punkt most of the cost of loading a corpus:

    * nltk 3.10 wraps its patterns in a ReDoS guard built on the ``regex`` module;
      the patterns are linear on line-sized news text, so the guard buys nothing.
    * the word before each candidate break was found by a Python loop over every
      character since the previous candidate (``rfind`` does it in C);
    * whether a candidate context (``said. The``) holds a break depends on that
      short string alone, and the same contexts recur across a corpus.
    """
    from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer, PunktToken

    class _FastToken(PunktToken):
        __slots__ = ()
        _RE_ELLIPSIS = re.compile(r"\.\.+$")
        _RE_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
        _RE_INITIAL = re.compile(r"[^\W\d]\.$", re.UNICODE)
        _RE_ALPHA = re.compile(r"[^\W\d]+$", re.UNICODE)

    class _FastVars(PunktLanguageVars):
        re_boundary_realignment = re.compile(PunktLanguageVars.re_boundary_realignment.pattern, re.MULTILINE)

        def _word_tokenizer_re(self):
            try:
                return self._fast_word_re
            except AttributeError:
                self._fast_word_re = re.compile(self._word_tokenize_fmt % {
                    "NonWord": self._re_non_word_chars, "MultiChar": self._re_multi_char_punct,
                    "WordStart": self._re_word_start}, re.UNICODE | re.VERBOSE)
                return self._fast_word_re

        def period_context_re(self):
            try:
                return self._fast_period_re
            except AttributeError:
                self._fast_period_re = re.compile(self._period_context_fmt % {
                    "NonWord": self._re_non_word_chars, "SentEndChars": self._re_sent_end_chars},
                    re.UNICODE | re.VERBOSE)
                return self._fast_period_re

    class _FastTokenizer(PunktSentenceTokenizer):
        _decisions: dict = {}

        def _get_last_whitespace_index(self, text: str) -> int:
            i = max(text.rfind(" "), text.rfind("\n"))
            if not text.isprintable():  # a tab, \r, \v or \f may come after the last space
                i = max(i, text.rfind("\t"), text.rfind("\r"), text.rfind("\x0b"), text.rfind("\x0c"))
            return max(i, 0)

        def text_contains_sentbreak(self, text: str) -> bool:
            found = _shortcut(self, text, _FastToken)
            if found is None:
                found = self._decisions.get(text)
            if found is None:
                if len(self._decisions) > _CACHE_LIMIT:
                    self._decisions.clear()
                found = self._decisions[text] = super().text_contains_sentbreak(text)
            return found

        def span_tokenize(self, text: str, realign_boundaries: bool = True):
            """Punkt's spans: its three generators (candidate contexts, slices, realignment) as
            two loops over lists, with ``rfind``/``match`` bounded by offsets instead of slices."""
            if not realign_boundaries:
                yield from super().span_tokenize(text, False)
                return
            yield from _realigned(text, _slices(self, text), self._lang_vars.re_boundary_realignment)

    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
    lang_vars = _FastVars()
    for name, pattern in _context_patterns(lang_vars._re_non_word_chars).items():
        setattr(_FastTokenizer, name, pattern)
    return _FastTokenizer(params, lang_vars=lang_vars, token_cls=_FastToken)


def _context_patterns(nonword: str) -> dict[str, re.Pattern]:
    """The tokenizer's context patterns, with Punkt's non-word characters filled in."""
    return {
        "_word_period": re.compile(_WORD_PERIOD_FMT.format(nonword=nonword)),
        "_word_mark": re.compile(_WORD_MARK_FMT.format(nonword=nonword)),
        "_one_token": re.compile(_ONE_TOKEN_FMT.format(nonword=nonword)),
        "_last_candidate": re.compile(_LAST_CANDIDATE_FMT.format(end="[.?!]", nonword=nonword)),
        # for a line with no ? or !: led by a literal period (re scans for a literal far faster than a class)
        "_last_period": re.compile(_LAST_CANDIDATE_FMT.format(end=r"\.", nonword=nonword)),
        # the same two over a whole text of such lines (:func:`_text_spans`)
        "_text_candidate": re.compile(_TEXT_CANDIDATE_FMT.format(end="[.?!]", nonword=nonword)),
        "_text_period": re.compile(_TEXT_CANDIDATE_FMT.format(end=r"\.", nonword=nonword)),
    }


def _shortcut(tokenizer, text: str, token_cls) -> bool | None:
    """Punkt's decision on a candidate context that a pattern decides, else None."""
    m = tokenizer._word_period.match(text)
    if m:
        # "word. Next": Punkt breaks unless the word is a known abbreviation (with no learned
        # collocations, sentence starters or orthographic data, nothing else can change that).
        if m.group(1).lower() not in tokenizer._params.abbrev_types:
            return True
        if _PLAIN_CONTEXT.match(text):
            return False
    elif tokenizer._word_mark.match(text):
        return True
    m = tokenizer._one_token.match(text)
    return _token_break(m.group(1), (m.group(2) or m.group(3))[0], token_cls) if m else None


def _token_break(word: str, after: str, token_cls) -> bool:
    """Punkt's decision on a context of :data:`_ONE_TOKEN_FMT`: the token ``word + "."``, then a token
    starting with ``after``. First pass: a known abbreviation (the word, or its last hyphen part) is
    no break, anything else is. Second pass (no learned data): an initial or a number stays a break
    unless the next token is ; : , ! or ? or starts lower case, and an initial also before upper case."""
    low = word.lower()
    abbrevs = abbreviations()
    if low in abbrevs or low.split("-")[-1] in abbrevs:
        return False
    tok = word + "."
    initial = token_cls._RE_INITIAL.match(tok) is not None
    if not initial and token_cls._RE_NUMERIC.sub("##number##", tok.lower()) != "##number##":
        return True
    if after in ";:,!?" or after.islower():
        return False
    return not (initial and after.isupper())


def _slices(tokenizer, text: str) -> list[tuple[int, int]]:
    """``PunktSentenceTokenizer._slices_from_text`` (with ``_match_potential_end_contexts``) as one loop.

    The word before a candidate starts after the last whitespace since the previous candidate's
    word; Punkt's quirk is kept: whitespace at offset 0 of that stretch counts as none. A candidate
    is one character and its ``after_tok`` follows it, so its context is one slice of ``text``.
    A plain context (``said. The``) is decided here by the abbreviation list, as
    ``text_contains_sentbreak`` decides it, without a method call."""
    other = tuple(c for c in "\t\r\x0b\x0c" if c in text) if not text.isprintable() else ()
    breaks = tokenizer.text_contains_sentbreak
    plain = tokenizer._word_period.match
    narrow = _PLAIN_CONTEXT.match
    mark = tokenizer._word_mark.match
    abbrevs = tokenizer._params.abbrev_types
    rfind = text.rfind
    out: list[tuple[int, int]] = []
    last_break = prev_start = prev_stop = 0
    prev = None
    for match in tokenizer._lang_vars.period_context_re().finditer(text):
        at = match.start()
        ws = rfind(" ", prev_stop, at)
        nl = rfind("\n", prev_stop, at)
        if nl > ws:
            ws = nl
        for c in other:
            ws = max(ws, rfind(c, prev_stop, at))
        word_start = ws + 1 if ws > prev_stop else prev_start
        if prev is not None and prev_stop <= word_start:
            context = text[prev_start:prev.end("after_tok")]
            m = plain(context)
            if (m.group(1).lower() not in abbrevs or (not narrow(context) and breaks(context))) if m \
                    else mark(context) is not None or breaks(context):
                out.append((last_break, prev.end()))
                nxt = prev.start("next_tok")
                last_break = nxt if nxt != -1 else prev.end()
        prev, prev_start, prev_stop = match, word_start, at
    if prev is not None and breaks(text[prev_start:prev.end("after_tok")]):
        out.append((last_break, prev.end()))
        last_break = prev.start("next_tok") if prev.start("next_tok") != -1 else prev.end()
    out.append((last_break, len(text.rstrip())))
    return out


# On a printable line (its only whitespace is the space) Punkt's candidate break is . ? or ! before one of
# its non-word characters or before spaces and a token (the first lookahead: Punkt's period context).
# It decides the last candidate of each space-delimited token, and a candidate that opens its token
# (the lookbehind; the second lookahead skips a candidate with another candidate after it in its token).
_LAST_CANDIDATE_FMT = (r"{end}(?=(?P<after_tok>{nonword}| +(?P<next_tok>[^ ]+)))"
                       r"(?:(?<![^ ].)|(?=[^ .?!]*(?:[.?!](?!{nonword}| )[^ .?!]*)*(?: |\Z)))")


# _LAST_CANDIDATE_FMT over a text of such lines, a line break ending a token as the end of a line does: a
# candidate followed by spaces and a token (the spaces are matched: the match ends where the next sentence
# would start) is the last of its token; one followed by a non-word character is decided if it opens its
# token or no later . ? or ! of its token is followed by a non-word character or a space.
_TEXT_CANDIDATE_FMT = (r"{end}(?: +(?=[^ \n])|(?={nonword})"
                       r"(?:(?<![^ \n].)|(?![^ \n]*?[.?!](?:{nonword}| ))))")


def _printable_slices(tokenizer, line: str) -> list[tuple[int, int]]:
    """:func:`_slices` of a printable line that neither starts nor ends with a space: one regex finds the
    candidates Punkt decides, and each one's word starts after the last space before it."""
    breaks = tokenizer.text_contains_sentbreak
    plain = tokenizer._word_period.match
    narrow = _PLAIN_CONTEXT.match
    mark = tokenizer._word_mark.match
    abbrevs = tokenizer._params.abbrev_types
    rfind = line.rfind
    out: list[tuple[int, int]] = []
    last_break = 0
    marks = "?" in line or "!" in line
    for match in (tokenizer._last_candidate if marks else tokenizer._last_period).finditer(line):
        at = match.start()
        word_start = rfind(" ", 0, at) + 1
        word = line[word_start:at]
        # A word of two or more letters (isalpha: all in [^\W\d_]) before the period: the context matches
        # _word_period (on a printable line the rest of it always does), so no abbreviation means a break.
        if len(word) > 1 and word.isalpha() and word.lower() not in abbrevs:
            brk = True
        else:
            context = line[word_start:match.end("after_tok")]
            m = plain(context)
            brk = (m.group(1).lower() not in abbrevs or (not narrow(context) and breaks(context))) if m \
                else mark(context) is not None or breaks(context)
        if brk:
            out.append((last_break, at + 1))
            nxt = match.start("next_tok")
            last_break = nxt if nxt != -1 else at + 1
    out.append((last_break, len(line.rstrip())))
    return out


def _realigned(text: str, slices: list[tuple[int, int]], realignment: re.Pattern) -> list[tuple[int, int]]:
    """``PunktSentenceTokenizer._realign_boundaries``: closing punctuation after a break joins the sentence
    before it (``match(text, a, b)`` reads ``text[a:b]`` as a string of its own)."""
    out = []
    realign = 0
    for k, (a, b) in enumerate(slices):
        a += realign
        if k + 1 == len(slices):
            if a < b:
                out.append((a, b))
            continue
        a2, b2 = slices[k + 1]
        m = realignment.match(text, a2, b2)
        if m:
            out.append((a, a2 + len(m.group(0).rstrip())))
            realign = m.end() - a2
        else:
            realign = 0
            if a < b:
                out.append((a, b))
    return out


_SPANS: dict = {}
_SPAN_CACHE_SIZE = 50_000


def _independent_lines(folded: str, lang_vars) -> list[str] | None:
    """The lines of ``folded`` when Punkt's spans of the whole text, cut at line breaks, are the spans
    of each line on its own; else None. The whole text differs only across a line break: a line that
    Punkt's realignment pattern matches at its start (closing quotes or brackets, then a space) is
    realigned onto the line before; a line ending in . ? or ! gets a candidate at its end that hides
    a candidate before it in the same word (``?!``); a line starting or ending with whitespace (or an
    empty line) moves Punkt's word starts. ``tests/test_load_speed.py`` compares both ways."""
    lines = folded.split("\n")
    realigns = lang_vars.re_boundary_realignment.match
    candidate = lang_vars.period_context_re().search
    for k, line in enumerate(lines):
        if not line or line[0].isspace() or line[-1].isspace() or (k and realigns(line)):
            return None
        if line[-1] in ".?!" and candidate(line, line.rfind(" ") + 1):
            return None
    return lines


# The characters Punkt's realignment pattern can match first (tests/test_segment_fastpath.py checks them).
_CLOSERS = frozenset("\"')]}\u2018\u2019\u201c\u201d\u00ab\u00bb")


def _text_spans(folded: str, printable: bool = False) -> tuple[list[tuple[int, int]], list[int]] | None:
    """The spans the per-line path of :func:`_punkt_sentence_spans` gives (offsets into ``folded``), in
    one pass over the whole text, when every line is printable (``printable``: the caller knows) and
    :func:`_independent_lines` would return the lines; else None. Also the ends of the breaks that may
    end in initials (decided by more than "plain word, period", with a period two characters back): only
    these can be :func:`_join_initials`' cuts (:func:`_initials_cut`).

    Each line is what :func:`_punkt_line_spans` makes of it: the candidates :func:`_printable_slices`
    finds (its regex with a line break in place of the line's end), decided as it decides them, then
    :func:`_realigned`'s closing quotes, matched with the line's end as ``endpos`` (the match never reaches
    the slice's end before it: that is a . ? or ! the quotes cannot pass). _independent_lines' tests are
    made as the loop reaches each line (on a printable line the only whitespace is the space), and a line
    ending in . ? or ! with a candidate in its last word shows as a candidate followed by a non-word
    character with no space after it in its line."""
    n = len(folded)
    if not n or folded[-1] == "\n":  # an empty last line
        return None
    if not printable and not (not folded.encode("ascii").translate(None, _PRINTABLE_ASCII_AND_LF)
                              if folded.isascii() else folded.replace("\n", "").isprintable()):
        return None
    tokenizer = _tokenizer()
    breaks = tokenizer.text_contains_sentbreak
    plain = tokenizer._word_period.match
    narrow = _PLAIN_CONTEXT.match
    mark = tokenizer._word_mark.match
    abbrevs = tokenizer._params.abbrev_types
    token_abbrevs = _token_abbreviations()
    realign = tokenizer._lang_vars.re_boundary_realignment.match
    closers = _CLOSERS
    rfind = folded.rfind
    find = folded.find
    spans: list[tuple[int, int]] = []
    append = spans.append
    initials: list[int] = []

    def next_line(end: int) -> tuple[int, int] | None:
        """The line after the one ending at ``end``; None for a line the one pass cannot take: empty, a
        space at an end, or a start that realignment would move onto the line before."""
        start = end + 1
        stop = find("\n", start)
        if stop == -1:
            stop = n
        if stop == start or folded[start] == " " or folded[stop - 1] == " " \
                or (folded[start] in closers and realign(folded, start, stop)):
            return None
        return start, stop

    ls = a = 0  # the current line's start, the start of its open slice
    le = find("\n")
    if le == -1:
        le = n
    if le == 0 or folded[0] == " " or folded[le - 1] == " ":
        return None
    pattern = tokenizer._text_candidate if "?" in folded or "!" in folded else tokenizer._text_period
    for match in pattern.finditer(folded):
        at, nxt = match.span()  # nxt: where the next sentence starts if this is a break
        if at > le:  # the candidate is on a later line: close this one, and any line with no candidate
            if a < le:
                append((a, le))
            while True:
                line = next_line(le)
                if line is None:
                    return None
                ls, le = line
                if at < le:
                    break
                append((ls, le))
            a = ls
        word_start = rfind(" ", ls, at) + 1 or ls
        word = folded[word_start:at]
        spaced = nxt != at + 1  # spaces and a token after the candidate, else a non-word character
        if not spaced and find(" ", at, le) == -1 and folded[le - 1] in ".?!":
            return None  # a candidate in the last word of a line ending in . ? or !: _independent_lines says no
        if len(word) > 1 and word.isalpha() and word.lower() not in abbrevs:
            pass  # a break, as in _printable_slices
        elif spaced and word.lower() in token_abbrevs and folded[at] == ".":
            # "Mr. Trump", "U.S. officials": no break unless the next token holds . ? or ! (Punkt may find
            # a break in it, "Mr. Trump.”"), as _shortcut's _token_break decides
            end = find(" ", nxt, le)
            token = folded[nxt:end if end != -1 else le]
            if "." not in token and "?" not in token and "!" not in token \
                    or not breaks(folded[word_start:end if end != -1 else le]):
                continue
            if at < 2 or folded[at - 2] == ".":
                initials.append(at + 1)
        else:
            if spaced:
                end = find(" ", nxt, le)
                context = folded[word_start:end if end != -1 else le]
            else:
                context = folded[word_start:at + 2]
            m = plain(context)
            if not ((m.group(1).lower() not in abbrevs or (not narrow(context) and breaks(context))) if m
                    else mark(context) is not None or breaks(context)):
                continue
            if at < 2 or folded[at - 2] == ".":
                initials.append(at + 1)
        if folded[nxt] in closers:
            m = realign(folded, nxt, le)
            if m:
                append((a, nxt + len(m.group(0).rstrip())))
                a = m.end()
                continue
        if a <= at:
            append((a, at + 1))
        a = nxt
    if a < le:
        append((a, le))
    while le < n:
        line = next_line(le)
        if line is None:
            return None
        ls, le = line
        append((ls, le))
    return spans, initials


@lru_cache(maxsize=1)
def _token_abbreviations() -> frozenset[str]:
    """The abbreviations that :data:`_ONE_TOKEN_FMT` takes as a whole word ("mr", "u.s"; not "lt.-gen")."""
    word = re.compile(r"[^\W_]+(?:[.,-][^\W_]+)*")
    return frozenset(a for a in abbreviations() if word.fullmatch(a))


_PRINTABLE_ASCII_AND_LF = bytes(range(0x20, 0x7f)) + b"\n"


def _line_spans(line: str) -> tuple[tuple[int, int], ...]:
    """Punkt's sentence spans of one stripped line, remembered per distinct line (news repeats
    boilerplate and wire paragraphs across articles; at most ``_SPAN_CACHE_SIZE`` lines). A line
    without . ? or ! before its last character is one sentence, without Punkt."""
    found = _SPANS.get(line)
    if found is None:
        last = len(line) - 1
        if line.find(".", 0, last) == -1 and line.find("?", 0, last) == -1 and line.find("!", 0, last) == -1:
            # no . ? or ! but perhaps the last character: no candidate break (one needs a character after it)
            found = _remember(line, ((0, len(line)),))
        else:
            found = _remember(line, _punkt_line_spans(line))
    return found


def _remember(line: str, found: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    if len(_SPANS) >= _SPAN_CACHE_SIZE:
        _SPANS.clear()
    _SPANS[line] = found
    return found


def _punkt_line_spans(line: str, printable: bool = False) -> tuple[tuple[int, int], ...]:
    """Punkt's sentence spans of one stripped line that holds . ? or ! before its last character
    (``printable``: the caller knows the line is)."""
    tokenizer = _tokenizer()
    if (printable or line.isprintable()) and line[0] != " " != line[-1]:
        slices = _printable_slices(tokenizer, line)
    else:
        slices = _slices(tokenizer, line)
    if len(slices) == 1:  # no break: nothing to realign
        return (slices[0],) if slices[0][0] < slices[0][1] else ()
    return tuple(_realigned(line, slices, tokenizer._lang_vars.re_boundary_realignment))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every non-blank line of ``text``.

    Example
    -------
    >>> paragraph_spans("Headline\\nFirst para.\\n\\nSecond.")
    [(0, 8), (9, 20), (22, 29)]
    """
    return [m.span() for m in _LINE.finditer(text) if m.group().strip()]


def _punkt_sentence_spans(text: str, start: int = 0, end: int | None = None, printable: bool = False
                          ) -> list[tuple[int, int]]:
    """Return sentence ``(start, end)`` offsets into ``text`` within ``text[start:end]``.

    Line breaks always end a sentence; inside a line nltk's Punkt decides.

    Example
    -------
    >>> s = "Li met U.S. officials on Oct. 26. “It was tough,” he said.\\nNext line"
    >>> [s[a:b] for a, b in sentence_spans(s)]
    ['Li met U.S. officials on Oct. 26.', '“It was tough,” he said.', 'Next line']
    """
    end = len(text) if end is None else end
    chunk = text[start:end]
    spans: list[tuple[int, int]] = []
    # One Punkt call per text is faster than one per line; a span that crosses a
    # line break is then cut there, so a headline never merges with a sentence.
    tokenizer = _tokenizer()
    folded = fold_quotes(chunk)
    lines = _independent_lines(folded, tokenizer._lang_vars) if "\n" in chunk else None
    if lines is not None:
        get = _SPANS.get
        for line in lines:
            n = len(line)
            last = n - 1
            if line.find(".", 0, last) == -1 and line.find("?", 0, last) == -1 and line.find("!", 0, last) == -1:
                spans.append((start, start + n))  # no candidate break: one sentence (as in _line_spans)
            else:
                found = get(line)
                if found is None:  # the check above was _line_spans' own
                    found = _remember(line, _punkt_line_spans(line, printable))
                if len(found) == 1:
                    spans.append((start + found[0][0], start + found[0][1]))
                else:
                    spans.extend([(start + a, start + b) for a, b in found])
            start += n + 1
        return spans
    found = _realigned(folded, _slices(tokenizer, folded), tokenizer._lang_vars.re_boundary_realignment)
    if "\n" not in chunk:
        return found if not start else [(start + a, start + b) for a, b in found]
    for a, b in found:
        if chunk.find("\n", a, b) == -1:
            spans.append((start + a, start + b))
            continue
        for m in _LINE.finditer(chunk, a, b):
            part = m.group()
            if part.strip():
                lead = len(part) - len(part.lstrip())
                spans.append((start + m.start() + lead, start + m.start() + len(part.rstrip())))
    return spans


# "Former President George H.W." | "Bush calling …": Punkt breaks after two or more initials in one token
# that are no known abbreviation. When the next word is capitalized and no stop word ("The", "He", "In"),
# the initials are part of a name ("J.M. Berger", "W.E.B. Du Bois") and the two spans are one sentence,
# unless they follow a capitalized word and a comma: a place ("in Lodi, N.J.") ends the sentence.
_INITIALS_END = re.compile(r"(?:^|[\s(\"'])((?:[A-Z]\.){2,5})\Z")
_NEXT_WORD = re.compile(r"[A-Z][^\W\d_]*")
_MAYBE_CUT = re.compile(r"[A-Z]\.[A-Z]\.[ \t\xa0]+[A-Z]")
_PLACE_BEFORE = re.compile(r"(?<![\w.])[A-Z][^\W\d_]*, \Z")  # "in Lodi, N.J." | "Harmony's phone …": a place


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from tradenews.rules import read_lines

    return frozenset(read_lines("stop_words_english.txt"))


def _initials_cut(text: str, b: int) -> bool:
    """Whether a span ending at ``b`` may be cut after initials ("H.W." then a space and a capital): the
    test :func:`_join_initials` makes of every span end."""
    return text[b - 3:b - 2] == "." and _MAYBE_CUT.match(text, b - 4) is not None


def _join_initials(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge a span ending in initials with the next one when a capitalized word of a name follows."""
    if len(spans) < 2:
        return spans
    cuts = {b for _, b in spans if text[b - 3:b - 2] == "." and _MAYBE_CUT.match(text, b - 4)}
    if not cuts:
        return spans  # most texts: no sentence ends in initials
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and out[-1][1] in cuts:
            pa, pb = out[-1]
            gap = text[pb:a]
            if pb - pa >= 4 and gap.isspace() and "\n" not in gap:
                m = _INITIALS_END.search(text, max(0, pa - 1, pb - 12), pb)
                nxt = _NEXT_WORD.match(text, a)
                if m and nxt and m.group(1)[:-1].lower() not in abbreviations() \
                        and nxt.group().lower() not in _stop_words() \
                        and not _PLACE_BEFORE.search(text, max(0, m.start(1) - 30), m.start(1)):
                    out[-1] = (pa, b)
                    continue
        out.append((a, b))
    return out


def sentence_spans(text: str, start: int = 0, end: int | None = None, *, printable: bool = False
                   ) -> list[tuple[int, int]]:
    """Return sentence ``(start, end)`` offsets into ``text`` within ``text[start:end]``.

    Punkt's sentences (:func:`_punkt_sentence_spans`; a line break always ends one), except that a
    name is not cut after its initials. ``printable``: the caller knows that every line of ``text`` is
    printable (``str.isprintable``), as :func:`~tradenews.ingest.normalize.normalize_text` reports it;
    this spares a test per line and changes no span.

    Example
    -------
    >>> s = "Former President George H.W. Bush spoke. He met the F.B.I. The agency agreed."
    >>> [s[a:b] for a, b in sentence_spans(s)]
    ['Former President George H.W. Bush spoke.', 'He met the F.B.I.', 'The agency agreed.']
    """
    fast = _text_spans(fold_quotes(text[start:end]), printable)
    if fast is None:
        return _join_initials(text, _punkt_sentence_spans(text, start, end, printable))
    spans, initials = fast
    if start:
        spans = [(start + a, start + b) for a, b in spans]
    # the other spans end in a letter, ? or !, a closing quote or a line break: no cut after initials
    return _join_initials(text, spans) if any(_initials_cut(text, start + b) for b in initials) else spans
