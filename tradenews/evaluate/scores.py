"""The one scoring type of the project: :class:`Scores`, and the strict head-word rule.

Every evaluation (seed gold, PolNeAR, BASIL) returns a :class:`Scores`. It
keeps the counts, so a reader can recompute every figure, and it carries the
speaker figures twice: *strict* (the head word of the gold speaker must be
among the words of the predicted mention or resolved speaker) and *lenient*
(any overlap of the predicted and gold mentions, the old figure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Scores", "head_word", "words_of", "strict_match", "format_table"]

_WORDS = re.compile(r"[a-z0-9%']+")
_CUT = re.compile(r",| (?:of|for|at|in|on|from|with|who|which|that|to|and) ", re.IGNORECASE)


def words_of(text: str | None) -> list[str]:
    """Lower-case words of letters, digits, % and apostrophes (curly apostrophes folded).

    Example
    -------
    >>> words_of("Donald Trump’s campaign, 100%")
    ['donald', "trump's", 'campaign', '100%']
    """
    if not text:
        return []
    return _WORDS.findall(text.lower().replace("’", "'").replace("‘", "'"))


def head_word(source: str) -> str | None:
    """Head word of a gold Source span, as ``polnear-train/README.md`` defines it.

    The last word before the first comma or first " of ", " for ", " at ", " in ",
    " on ", " from ", " with ", " who ", " which ", " that ", " to ", " and ";
    a trailing possessive 's dropped.

    Example
    -------
    >>> head_word("Flynn, a top Trump surrogate,"), head_word("a spokesman for the campaign")
    ('flynn', 'spokesman')
    >>> head_word("Donald Trump's campaign manager"), head_word("Clinton's")
    ('manager', 'clinton')
    """
    m = _CUT.search(source)
    words = words_of(source[:m.start()] if m else source)
    if not words:
        words = words_of(source)
    if not words:
        return None
    head = words[-1]
    if head.endswith("'s") and len(head) > 2:
        head = head[:-2]
    return head


def strict_match(gold_source: str, mention: str | None, speaker: str | None) -> bool:
    """True when the gold head word is among the words of ``mention`` or ``speaker``.

    Example
    -------
    >>> strict_match("A U.S. official", "A U.S.", None)
    False
    >>> strict_match("A U.S. official", "A U.S. official", None)
    True
    >>> strict_match("Trump's campaign manager", "Manafort", "Paul Manafort")
    False
    """
    head = head_word(gold_source)
    if head is None:
        return False
    have = set(words_of(mention)) | set(words_of(speaker))
    have |= {w[:-2] for w in have if w.endswith("'s")}
    return head in have


@dataclass
class Scores:
    """Counts and figures of one evaluation.

    ``n_pred`` counts every prediction (every attributed quotation); ``excluded``
    names what was left out of the counts and how many, so the reader knows.

    Example
    -------
    >>> s = Scores("x", n_gold=4, n_pred=5, tp_pred=4, tp_gold=3, speaker_right=2, speaker_total=3,
    ...            speaker_lenient=3)
    >>> round(s.f1, 3), round(s.speaker_accuracy, 3), s.lenient_accuracy
    (0.774, 0.667, 1.0)
    """

    name: str
    n_gold: int
    n_pred: int
    tp_pred: int
    tp_gold: int
    speaker_right: int
    speaker_total: int
    speaker_lenient: int | None = None
    excluded: dict = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        """Strict speaker accuracy (the figure that counts)."""
        return self.speaker_right / self.speaker_total if self.speaker_total else 0.0

    @property
    def lenient_accuracy(self) -> float:
        right = self.speaker_right if self.speaker_lenient is None else self.speaker_lenient
        return right / self.speaker_total if self.speaker_total else 0.0

    def as_dict(self) -> dict:
        """Rounded figures, for tables.

        Example
        -------
        >>> Scores("x", 4, 5, 4, 3, 2, 3).as_dict()["speaker_accuracy"]
        0.667
        """
        return {"dataset": self.name, "gold": self.n_gold, "predicted": self.n_pred,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "speaker_accuracy": round(self.speaker_accuracy, 3),
                "speaker_lenient": round(self.lenient_accuracy, 3), "speakers_scored": self.speaker_total}


def format_table(scores: list[Scores]) -> str:
    """A plain-text table, strict and lenient speaker accuracy side by side, exclusions below."""
    head = (f"{'dataset':<16} {'gold':>5} {'pred':>5} {'precision':>9} {'recall':>7} {'F1':>6} "
            f"{'speaker strict':>14} {'lenient':>8} {'scored':>6}")
    lines = [head]
    for s in scores:
        lines.append(f"{s.name:<16} {s.n_gold:>5} {s.n_pred:>5} {s.precision:>9.3f} {s.recall:>7.3f} "
                     f"{s.f1:>6.3f} {s.speaker_accuracy:>14.3f} {s.lenient_accuracy:>8.3f} {s.speaker_total:>6}")
    for s in scores:
        for what, n in s.excluded.items():
            lines.append(f"  {s.name}: {what}: {n}")
    return "\n".join(lines)
