"""Draw the PolNeAR-train sample of pronoun and role-phrase quotations to hand-label with the person meant.

PolNeAR's gold Source is the surface mention ("he", "the spokesman"), so it
cannot score resolution. This script draws a fixed sample of gold direct
quotations whose Source is a personal pronoun (he, she) or a role phrase
without a name (a determiner or possessive and lower-case head: "the
spokeswoman", "Trump's campaign manager"), and prints each with the text before
it, so a person can write down who speaks. The labels live in
``data/annotations/quotes_resolution_polnear.csv`` (see the README there).

    python scripts/quote_resolution_sample.py [--eval PATH] [--n 150] [--show] [--seed 12] [--exclude CSV]

Deterministic (``random.Random(12)``). The text is read from ``$TRADENEWS_EVAL``
(default ``../shared/eval``) at run time and never written to the repository.
"""

from __future__ import annotations

import argparse
import os
import random
import re
from pathlib import Path

from tradenews.evaluate.polnear import read_polnear
from tradenews.evaluate.scores import head_word

PRONOUNS = {"he", "she"}
_DET = re.compile(r"^(?:the|a|an|his|her|their|its|[A-Z][\w.’']*[’']s)\s", re.IGNORECASE)


def _kind(src: str) -> str | None:
    s = src.strip()
    if s.lower() in PRONOUNS:
        return "pronoun"
    head = head_word(s) or ""
    words = re.findall(r"[\w’'.]+", s)
    if _DET.match(s) and head.islower() and len(words) <= 6:
        caps = [w for w in words[1:] if w[:1].isupper() and not re.search(r"[’']s$", w)]
        return "role" if not caps else None
    return None


def candidates(folder: Path) -> list[dict]:
    """Every gold direct quotation of ``folder`` with a pronoun or role-phrase Source."""
    out = []
    for art in read_polnear(folder):
        text = art["text"]
        for g in art["gold"]:
            if not g["source"]:
                continue
            src = " ".join(text[s:e] for s, e in g["source"])
            kind = _kind(src)
            if kind:
                qs, qe = g["quoted"][0]
                out.append({"article": art["name"], "quote_start": qs, "source_start": g["source"][0][0],
                            "source": src, "kind": kind, "quote": " ".join(text[qs:qe].split()[:8])})
    return out


def sample(folder: Path, n: int, *, seed: int = 12, exclude: set | None = None) -> list[dict]:
    """A fixed sample: two thirds pronouns, one third role phrases, in article order.

    ``exclude``: ``(article, quote_start)`` pairs already labelled (a second sample draws new quotations).
    """
    rng = random.Random(seed)
    cands = [c for c in candidates(folder) if (c["article"], c["quote_start"]) not in (exclude or set())]
    pro = [c for c in cands if c["kind"] == "pronoun"]
    role = [c for c in cands if c["kind"] == "role"]
    picked = rng.sample(pro, min(len(pro), 2 * n // 3)) + rng.sample(role, min(len(role), n - 2 * n // 3))
    return sorted(picked, key=lambda c: (c["article"], c["quote_start"]))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", default=os.environ.get("TRADENEWS_EVAL", str(Path(__file__).resolve().parents[1].parent / "shared" / "eval")))
    ap.add_argument("--n", type=int, default=150)
    ap.add_argument("--show", action="store_true", help="print each quotation with the text before it")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--exclude", help="a labels CSV (article, quote_start) whose quotations are not drawn again")
    args = ap.parse_args(argv)
    folder = Path(args.eval) / "polnear-train"
    exclude = set()
    if args.exclude:
        import csv

        with open(args.exclude, newline="", encoding="utf-8") as fh:
            exclude = {(r["article"], int(r["quote_start"])) for r in csv.DictReader(fh)}
    texts = {}
    for i, c in enumerate(sample(folder, args.n, seed=args.seed, exclude=exclude)):
        print(f"## {i}\t{c['article']}\t{c['quote_start']}\t{c['kind']}\t{c['source']}\t{c['quote']}")
        if args.show:
            if c["article"] not in texts:
                texts[c["article"]] = (folder / "text" / f"{c['article']}.txt").read_text("utf-8")
            t = texts[c["article"]]
            s = c["source_start"]
            a = max(0, min(s, c["quote_start"]) - 700)
            print(t[a:s] + "[[" + c["source"] + "]]" + t[s + len(c["source"]):max(s, c["quote_start"]) + 80])
            print()


if __name__ == "__main__":
    main()
