"""Build tradenews/data/entities_given_names.csv from the 1990 US Census first-name lists.

The lists (public domain) ship inside the PyPI package ``names`` 0.3.0
(``names/dist.male.first``, ``names/dist.female.first``: name, frequency %,
cumulative %, rank). Get them with ``pip download names==0.3.0 --no-deps`` and
unpack, then::

    python scripts/build_given_names.py path/to/names-0.3.0/names

Kept: the most frequent names (rank <= 1200 female, <= 900 male), in title case,
minus those that are also ordinary capitalised words in news (months, places in
the gazetteer, titles, and the short exclusion list below). Deterministic.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Census first names that news prose mostly writes as other words.
EXCLUDE = {
    "Will", "Mark", "Grant", "Chase", "Page", "Lane", "Royal", "Young", "Long", "Major", "General", "King",
    "Sterling", "Justice", "Rich", "Price", "Hope", "Faith", "Grace", "Joy", "Summer", "Winter", "Autumn",
    "Guy", "Art", "Christian", "Miles", "Sandy", "Dean", "Marshall", "Carter", "Parker", "Hunter",
    "Ford", "Love", "Honor", "Unknown", "Ha", "Son", "Major", "Rose", "Ruby", "Pearl", "Crystal", "Iris",
    "Ivy", "Holly", "Heather", "Dawn", "Star", "Sky", "Sunny", "Precious", "Gay", "Deputy", "Bishop",
    "Governor", "Judge", "Sherman", "Lincoln", "Washington", "Jefferson", "Madison", "Jackson", "Houston",
    "Austin", "Dallas", "Denver", "Phoenix", "Chelsea", "Brooklyn", "Sydney", "Paris", "Florence",
    "Virginia", "Georgia", "Carolina", "Dakota", "Montana", "Nevada", "Israel", "Jordan", "China", "India",
    "Asia", "Africa", "America", "Kenya", "Tennessee", "Kentucky", "Ohio", "Cuba", "Chad", "Angola",
    "Tuesday", "Sunday", "Monday", "Friday", "Easter", "Christmas", "Noel", "Ivory", "Blue", "Green",
    "White", "Black", "Brown", "Gray", "Grey", "Golden", "Silver", "Early", "Freeman", "Free",
}


def read(path: Path, limit: int) -> list[str]:
    out = []
    for line in path.read_text("ascii").splitlines():
        name, _, _, rank = line.split()
        if int(rank) <= limit:
            out.append(name.title())
    return out


def main(folder: str) -> None:
    root = Path(folder)
    months = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"}
    female = set(read(root / "dist.female.first", 1200)) - EXCLUDE - months
    male = set(read(root / "dist.male.first", 900)) - EXCLUDE - months
    target = Path(__file__).resolve().parents[1] / "tradenews" / "data" / "entities_given_names.csv"
    header = ("# Common given names (1990 US Census first-name lists, public domain, via the PyPI package\n"
              "# `names` 0.3.0), built by scripts/build_given_names.py. A capitalised run that starts with\n"
              "# one of these is a person unless stronger evidence says otherwise; gender (f, m, or x for both)\n"
              "# keeps \"Mr. Obama\" from being linked to \"Michelle Obama\". Add names freely.\n"
              "name,gender\n")
    rows = [f"{n},{'x' if n in female and n in male else 'f' if n in female else 'm'}" for n in sorted(female | male)]
    target.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} names -> {target}")


if __name__ == "__main__":
    main(sys.argv[1])
