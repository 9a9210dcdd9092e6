"""A fixed piece of CPU work that measures how fast this machine runs at the moment.

This virtual machine's speed drifts: the same load of 10,000 articles has taken from 8.2 to 15 CPU seconds
in different minutes with nothing else running. ``bench_all.py`` times this workload in each stage's process,
just before and just after the stage, so every measured stage carries the machine's speed at that time: a
slow run with a slow reference is the machine, a slow run with a normal reference is the code.

The work is what loading text does (regular expressions, splitting, lower-casing, counting words in a
dict, joining strings) on text made from a seeded random vocabulary: it never touches tradenews and never
changes between runs (:func:`reference_work` returns a checksum of its result; a test checks it).
"""

from __future__ import annotations

import random
import re
import time
import zlib

_SENTENCE = re.compile(r"[^.?!]+[.?!]")
_WORD = re.compile(r"\w+(?:[-'.]\w+)*")
_CAPITAL = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*")


def _text(rng: random.Random, vocab: list[str], n_lines: int) -> list[str]:
    lines = []
    for _ in range(n_lines):
        sentences = []
        for _ in range(rng.randint(1, 4)):
            words = rng.choices(vocab, k=rng.randint(6, 24))
            words[0] = words[0].capitalize()
            sentences.append(" ".join(words) + rng.choice(".?!."))
        lines.append(" ".join(sentences))
    return lines


def reference_work(n_lines: int = 4_000, seed: int = 20251026) -> int:
    """Do the fixed work and return a checksum of its result (the same for the same arguments)."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = ["".join(rng.choices(letters, k=rng.randint(1, 10))) for _ in range(5_000)]
    vocab += [w.capitalize() for w in vocab[:500]]
    counts: dict[str, int] = {}
    names: dict[str, int] = {}
    out = []
    for line in _text(rng, vocab, n_lines):
        for m in _SENTENCE.finditer(line):
            sentence = m.group().strip()
            for word in _WORD.findall(sentence.lower()):
                counts[word] = counts.get(word, 0) + 1
            for name in _CAPITAL.findall(sentence):
                names[name] = names.get(name, 0) + 1
            out.append(" ".join(sentence.split()[:3]))
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:50]
    return zlib.crc32(repr((top, len(names), "|".join(out[::97]))).encode("utf-8"))


def reference_seconds() -> float:
    """CPU seconds of one :func:`reference_work` in this process."""
    c0 = time.process_time()
    reference_work()
    return time.process_time() - c0


if __name__ == "__main__":
    for _ in range(5):
        print(f"{reference_seconds():.3f} CPU s")
