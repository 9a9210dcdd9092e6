"""Noun phrases that can speak, and the subject of a cue verb.

Each function takes the token list of one unit (see :mod:`.tokens`) and token
indexes, and returns token spans ``(first, last)``.
"""

from __future__ import annotations

from tradenews.extract.quotes.lexicon import (can_speak, clause_openers, cue_forms_cached, determiners,
                                              function_words, months, not_names, pronouns, roles, skipwords,
                                              stopwords)
from tradenews.extract.quotes.antecedents import given_genders
from tradenews.extract.quotes.speakers import is_pronoun
from tradenews.extract.quotes.tokens import DASHES, Tok, is_cue, phrase_at

__all__ = ["np_word", "valid_np", "np_left", "np_right", "subject_left", "clause_subject", "inverted",
           "sentence_subject", "cue_speaker", "weak_subject", "with_parenthesis", "NAMING", "RELATIVE"]

def extend_to_speaker(words: list[Tok], last: int, *, reach: int = 4) -> int:
    """Index of the phrase's last word: after the last capital ``last``, the furthest
    lower-case noun within ``reach`` words that can speak ("the Trump campaign",
    "a former U.S. law enforcement official", "The Florida senator").
    """
    end = last
    for n in range(last + 1, min(len(words), last + 1 + reach)):
        if words[n].is_cap:
            break
        if can_speak(words[n].low):
            end = n
    return end


def np_word(tok: Tok) -> bool:
    if not tok.is_word:
        return False
    low = tok.low
    if tok.is_cap:
        return True
    if low in determiners() or low in roles():
        return True
    if low in stopwords() or low in cue_forms_cached() or low.endswith(("ly", "ed", "ing")) or low in skipwords():
        return False
    return not low.isdigit()


def _not_a_name(tok: Tok) -> bool:
    """A capitalized word that names no one: a day, a sentence-opening adverb or preposition.

    Months are not in this set: "May said" is a surname.
    """
    low = tok.low.replace("’", "'")
    if len(tok.text) > 1 and tok.text.isupper():
        return False  # an acronym ("US", "UN"), not the pronoun "us"
    if low in months():
        return False  # "May said": a surname (a month as a date never gets here as a subject)
    base = low.split("'")[0]
    if base != low and (base in function_words() or base in pronouns() or base in {"that", "there", "here"}):
        return True  # "It's", "That's", "They're"
    return (low in not_names() and low not in months()) or low in function_words()


def valid_np(words: list[Tok]) -> bool:
    """True when ``words`` can name a speaker: a name, an organisation, or a phrase headed by a speaking noun.

    Never a single function word, a day, or a lower-case phrase whose head cannot
    speak ("a declarative", "the words").
    """
    while words and (words[0].low in determiners() or (words[0].is_cap and _not_a_name(words[0]))):
        words = words[1:]
    if not words:
        return False
    head = words[-1]
    if head.low.endswith(("'s", "’s")) or head.low.endswith(("s'", "s’")):
        return False  # a possessive determines the next noun: "Trump's comments"
    if head.is_cap:
        return not _not_a_name(head)
    return can_speak(head.low)


_ATTACH = frozenset({"of", "for", "at", "from"})


def np_left(toks: list[Tok], j: int) -> tuple[int, int] | None:
    """Noun phrase ending at token ``j`` (inclusive), with its attachments.

    "Rep. Tom Cole of Oklahoma", "a spokesman for the campaign", "Ann Ruiz of
    Valley Health Group": the phrase before "of"/"for"/"at"/"from" is kept.
    """
    np = _np_left_core(toks, j)
    for _ in range(2):
        if np is None or np[0] < 2 or toks[np[0] - 1].low not in _ATTACH:
            break
        before = _np_left_core(toks, np[0] - 2)
        if before is None or toks[before[0]].quote >= 0:
            break
        np = (before[0], np[1])
    return np


def _participle_after_determiner(toks: list[Tok], k: int) -> bool:
    """A lower-case -ed/-ing word (no cue) right after "the"/"a" at token ``k``."""
    t = toks[k] if k >= 1 else None
    return (t is not None and t.is_word and not t.is_cap and t.low.endswith(("ed", "ing"))
            and t.low not in cue_forms_cached() and toks[k - 1].is_word and toks[k - 1].low in determiners())


def _np_left_core(toks: list[Tok], j: int) -> tuple[int, int] | None:
    """Noun phrase ending at token ``j`` (inclusive): ``(first, last)`` or None."""
    if j < 0:
        return None
    if toks[j].is_word and toks[j].low in pronouns():
        if pronouns()[toks[j].low] == "quantifier" and j > 0 and toks[j - 1].low in _COUNTED_AFTER:
            return None  # "at one point", "the one": a number, not a speaker
        return (j, j)
    k = j
    while k >= 0 and np_word(toks[k]) and j - k < 8:
        k -= 1
    if k < j and _participle_after_determiner(toks, k):
        k -= 2  # "the retired neurosurgeon", "the gambling tycoon": an adjective, not the cue
    words = toks[k + 1:j + 1]
    # a sentence-initial capital is not evidence of a name ("The source said")
    while words and not valid_np(words) and len(words) > 1:
        words = words[1:]
    if not valid_np(words):
        return None
    first = j - len(words) + 1
    # drop a leading lower-case non-determiner ("yesterday Li") or capitalized function word ("When Trump")
    while first < j and ((not toks[first].is_cap and toks[first].low not in determiners()
                          and toks[first].low not in roles() and toks[first + 1].is_cap)
                         or (toks[first].is_cap and _not_a_name(toks[first])
                             and toks[first].low not in determiners())):
        first += 1
    if first == j and _is_date(toks, j):
        return None
    return (first, j)


_DATE_BEFORE = frozenset({"in", "on", "since", "until", "by", "last", "next", "early", "late", "mid", "of",
                          "through", "from", "before", "after", "during"})


def _is_date(toks: list[Tok], j: int) -> bool:
    """A lone month or day after a preposition is a date ("in April explaining his plan")."""
    low = toks[j].low
    return (low in months() or low in not_names()) and j > 0 and toks[j - 1].low in _DATE_BEFORE


def np_right(toks: list[Tok], i: int) -> tuple[int, int] | None:
    """Noun phrase starting at token ``i``: ``(first, last)`` or None."""
    if i >= len(toks) or not toks[i].is_word:
        return None
    if toks[i].low in pronouns() and pronouns()[toks[i].low] == "quantifier":
        end = _counted_head(toks, i)  # "said one former executive", "some said", "said one of them"
        if end == i and i + 1 < len(toks) and np_word(toks[i + 1]) and not toks[i + 1].is_cap:
            return None  # "acknowledged some plagiarism": a quantity of things
        return (i, end)
    if toks[i].low in pronouns():
        return (i, i)
    k = i
    while k < len(toks) and np_word(toks[k]) and k - i < 8:
        k += 1
    # "the South China Morning Post" / "officials": cut after the last capital when capitals exist
    words = toks[i:k]
    caps = [n for n, w in enumerate(words) if w.is_cap]
    if caps:
        words = words[:extend_to_speaker(words, caps[-1]) + 1]
    if not valid_np(words):
        return None
    return (i, i + len(words) - 1)


def _counted_head(toks: list[Tok], i: int) -> int:
    """Last word of the phrase a quantifier opens ("one unaligned Florida Republican strategist"): the
    last capital or speaking noun within five words, before punctuation or a relative; else the quantifier."""
    end = i
    for k in range(i + 1, min(len(toks), i + 6)):
        t = toks[k]
        if not t.is_word or t.quote >= 0 or t.low in RELATIVE or t.low in {"that", "of"} or is_cue(t):
            break
        if t.is_cap or can_speak(t.low):
            end = k
    return end


_COUNTED_AFTER = frozenset({"at", "in", "on", "of", "for", "to", "by", "with", "from", "into", "about", "than",
                            "the", "this", "that", "which", "any", "every", "each"})


def with_parenthesis(toks: list[Tok], np: tuple[int, int]) -> tuple[int, int]:
    """Extend a mention over a parenthesis right after it ("Howard Dean (D)", "Sen. Lee (R-Ohio)")."""
    j = np[1] + 1
    if j < len(toks) and toks[j].text == "(":
        for k in range(j + 1, min(len(toks), j + 8)):
            if toks[k].text == ")":
                return (np[0], k)
            if toks[k].quote >= 0 or toks[k].text in ";(":
                break
    return np


def subject_left(toks: list[Tok], i: int) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """Subject of the cue at ``i``: ``(np, context)`` where context is an appositive span."""
    j = i - 1
    while j >= 0 and toks[j].is_word and not toks[j].is_cap and (
            toks[j].low in skipwords() or toks[j].low.endswith("ly")):
        j -= 1  # "also said", "reportedly said" (never a capital: "May said")
    if j >= 1 and toks[j].low in _REFLEXIVE:
        np = np_left(toks, j - 1)  # "Sanders himself acknowledged"
        if np:
            return (np[0], j), None
    if j >= 0 and toks[j].text == ")":
        k = j
        while k >= 0 and toks[k].text != "(":
            k -= 1
        if k > 0:
            j = k - 1
    if j >= 0 and toks[j].text == ",":
        # appositive or relative clause between commas: "Li, China's negotiator, said"
        subj = sentence_subject(toks[:j]) if j <= _REACH else None
        if subj:
            subj = (with_parenthesis(toks, subj[0]), subj[1])
        if subj and subj[0][1] + 1 < j and toks[subj[0][1] + 1].text == "," \
                and (toks[subj[0][1]].is_word or toks[subj[0][1]].text == ")") \
                and not any(t.quote >= 0 or t.text in ".;:" for t in toks[subj[0][1]:j]):
            # "Morton Blackwell, founder of X, member of Y and committeeman, endorsed": the first name
            return subj[0], (subj[0][1] + 2, j - 1)
        for k in range(j - 1, max(-1, j - 30), -1):
            if toks[k].quote >= 0 or toks[k].text in ".;:":
                break
            if toks[k].text == ",":
                np = np_left(toks, k - 1)
                if np and (toks[np[1]].is_cap or j - k <= 3):  # "Proponents of the bill, however, say"
                    return np, (k + 1, j - 1)
                break
        # a leading clause ending in a comma: try the NP right after the comma before
        return None
    np = np_left(toks, j)
    if np and np[0] == np[1] and toks[j].low in RELATIVE and j >= 2 and toks[j - 1].text == ",":
        # "Marc Doe, the league's chief, who said": the relative pronoun's antecedent
        ante = subject_left(toks, j)
        if ante:
            return ante
    return (np, None) if np else None


RELATIVE = {"who", "which"}


def clause_subject(toks: list[Tok], i: int) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """Subject for a participle cue at ``i`` (``..., saying``): the clause's subject."""
    for k in range(i - 1, max(-1, i - 1 - _REACH), -1):
        if toks[k].quote >= 0:
            continue
        if is_cue(toks[k]) and not toks[k].low.endswith("ing"):
            sub = subject_left(toks, k) or inverted(toks, k)
            if sub and not weak_subject(toks, sub[0]):
                return sub
    return sentence_subject(toks)


_AUXILIARIES = frozenset({"must", "should", "can", "shall", "would", "will", "could", "may", "might", "is",
                          "was", "were", "are", "has", "had", "have", "did", "does", "do", "needs", "wants"})


_SAY = frozenset({"said", "says", "say", "added", "adds", "wrote", "writes", "noted", "notes", "explained"})
_REFLEXIVE = frozenset({"himself", "herself", "themselves", "itself"})
_SAY_BASE = frozenset({"say", "add", "write", "note", "explain", "tell", "ask", "argue", "insist", "answer",
                       "respond", "reply", "repeat", "declare", "describe", "call", "warn"})
_OBJECT_NEXT = frozenset({"not", "that", "if", "whether", "about", "how", "what", "why", "when"})


def inverted(toks, i):
    """Speaker after the cue at ``i`` ("said Li", "according to the ministry"), never a clause's subject.

    "said Steele must apologize": Steele is the subject of the reported clause, not the speaker.
    """
    np = np_right(toks, i + 1)
    if np is None or toks[np[0]].low in {"that", "it"}:
        return None
    nxt = toks[np[1] + 1] if np[1] + 1 < len(toks) else None
    if nxt is not None and nxt.is_word and not nxt.is_cap and (
            nxt.low in _AUXILIARIES or nxt.low in cue_forms_cached() or nxt.low in _OBJECT_NEXT
            or (nxt.low == "to" and toks[i].low not in _SAY)):
        return None  # "urged people not to …", "told reporters that …": an addressee
    ctx = None
    if np[1] + 2 < len(toks) and toks[np[1] + 1].text == ",":
        end = np[1] + 2
        while end < len(toks) and toks[end].text not in ",.;:" and toks[end].quote < 0:
            end += 1
        ctx = (np[1] + 2, end - 1)
    return np, ctx


_REACH = 60  # tokens searched for a subject: bounded, so the time stays linear in the text


def sentence_subject(toks: list[Tok]):
    """The first noun phrase of a sentence, after a leading adverbial clause (within its first tokens)."""
    toks = toks[:_REACH]
    start = 0
    if toks and toks[0].is_word and toks[0].low in _CONJUNCTIONS:
        toks = toks[1:]  # "But Sen. Toomey refused …": the subject follows
        start_shift = 1
    else:
        start_shift = 0
    found = _sentence_subject(toks)
    if found is None or not start_shift:
        return found
    (a, b), ctx = found
    return (a + 1, b + 1), ((ctx[0] + 1, ctx[1] + 1) if ctx else None)


_SUBJECT_PRONOUNS = frozenset({"person", "group"})
# stop words that open a noun phrase, not a leading clause ("Former governor Ed Rendell praised …")
_NP_OPENERS = frozenset({"former", "top", "several", "many", "most", "few", "other"})
_CONJUNCTIONS = frozenset({"but", "and", "so", "yet", "or", "now", "then", "still"})


def adverb_like(tok: Tok) -> bool:
    """A capitalized word that reads as an -ly adverb ("Shortly", "Specifically", "Early"), not a name.

    Names ending in -ly mostly end in -ley, -lly, -eely or -aly ("Bradley", "Kelly", "Neely", "Daly");
    adverbs in -lly end in -ally or -fully. A given name is never an adverb ("Emily").
    """
    low = tok.low
    if not (tok.is_word and tok.is_cap and len(low) >= 5 and low.endswith("ly")) or tok.text.isupper():
        return False
    if low.endswith(("ley", "lly", "eely", "aly", "oly", "uly")) and not low.endswith(("ally", "fully")):
        return False
    return tok.text not in given_genders()


def _dateline_end(toks: list[Tok]) -> int:
    """Index after a dateline ("WASHINGTON, Dec. 8 (UPI) —"), or 0: capitals, a comma, a dash soon after."""
    if len(toks) > 2 and toks[0].is_word and toks[0].text.isupper() and len(toks[0].text) > 1:
        for k in range(1, min(len(toks), 12)):
            if toks[k].text in DASHES or toks[k].text == "--":
                return k + 1 if any(t.text == "," for t in toks[1:k]) else 0
    return 0


def _sentence_subject(toks: list[Tok]):
    start = _dateline_end(toks)
    if start:
        toks = toks[start:]
        found = _sentence_subject(toks)
        if found is None:
            return None
        (a, b), ctx = found
        return (a + start, b + start), ((ctx[0] + start, ctx[1] + start) if ctx else None)
    if toks and toks[0].is_word and ((toks[0].low in stopwords() and toks[0].low not in _NP_OPENERS)
                                     or toks[0].low.endswith(("ing", "ed"))
                                     or toks[0].low in clause_openers() or adverb_like(toks[0])):
        for k, t in enumerate(toks):
            if t.text == ",":
                start = k + 1
                break
        else:
            return None
    k = start
    while k < len(toks) and toks[k].is_word and np_word(toks[k]):
        k += 1
    if k == start:
        if start < len(toks) and toks[start].is_word and toks[start].low in pronouns():
            return (start, start), None
        return None
    if k > start and pronouns().get(toks[start].low) in _SUBJECT_PRONOUNS:
        return (start, start), None  # "She blamed …", "She shares …", "On Sunday, she disclosed …"
    words = toks[start:k]
    caps = [n for n, w in enumerate(words) if w.is_cap]
    if not caps:
        return None
    end = start + extend_to_speaker(words, caps[-1])
    ctx = None
    if end + 1 < len(toks) and toks[end + 1].text == ",":
        e = end + 2
        while e < len(toks) and toks[e].text != "," and toks[e].quote < 0:
            e += 1
        ctx = (end + 2, e - 1) if e < len(toks) else None
    if not valid_np(toks[start:end + 1]):
        return None
    return (start, end), ctx


def cue_speaker(toks, i):
    """Speaker of the cue token at ``i`` (or cue phrase starting at ``i``)."""
    n = phrase_at(toks, i)
    if n:
        return inverted(toks, i + n - 1)
    if toks[i].low.endswith("ing"):
        if i > 0 and toks[i - 1].text == ",":
            # "Trump continued to question Cruz, saying": the clause's subject, not the word before the comma
            sub = clause_subject(toks, i)
            if sub and not weak_subject(toks, sub[0]):
                return sub
        left = subject_left(toks, i)
        if left and not (toks[left[0][0]].low in determiners() and not toks[left[0][1]].is_cap) \
                and not _object_of_verb(toks, left[0]):
            return left
        return clause_subject(toks, i)
    sub = subject_left(toks, i)
    if sub:
        return sub
    # coordinated verbs share the subject: "Carson took the stage and called the system “…”"
    j = i - 1
    while j >= 0 and toks[j].is_word and not toks[j].is_cap and toks[j].low in skipwords():
        j -= 1
    if j > 0 and (toks[j].low in {"and", "but", "then"} or (toks[j].low == "to" and toks[i].low in _SAY_BASE)):
        # "took the stage and called …", "went on to say …"
        sub = clause_subject(toks, i)
        if sub:
            return sub
    # "said Li", "says Chinese negotiator Li" (inversion), never "said that"
    return inverted(toks, i)


def _object_of_verb(toks: list[Tok], np: tuple[int, int]) -> bool:
    """A lower-case phrase right after a past-tense verb is its object ("emailed supporters saying")."""
    k = np[0] - 1
    return (k >= 0 and not toks[np[1]].is_cap and toks[k].is_word and not toks[k].is_cap
            and toks[k].low.endswith("ed") and toks[k].low not in determiners())


def weak_subject(toks: list[Tok], np: tuple[int, int]) -> bool:
    """A subject that rarely names the speaker of a nearby quotation.

    ``it`` (a thing: "She says it shows that …") and a relative pronoun that
    restricts a noun ("anybody who complains", no comma before ``who``) speak
    for a clause nested in the attribution; an outer cue names the speaker.
    """
    if np[0] != np[1]:
        return False
    low = toks[np[0]].low
    kind = pronouns().get(low)
    if kind == "thing":
        return True
    return kind == "relative" and not (np[0] > 0 and toks[np[0] - 1].text == ",")


NAMING = ("describ", "characteri", "call", "dub", "label", "term", "nicknam", "brand")
