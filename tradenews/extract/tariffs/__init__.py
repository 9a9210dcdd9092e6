"""Tariff figures cited in articles: who imposes which rate on whom, its status and year.

:func:`extract_tariffs` finds every percentage, keeps the ones that attach to a tariff noun
(tariff, duty, levy, import tax, a tax on imported goods, border adjustment tax ...), and for
each rate decides

* ``status`` -- threatened, proposed, in force, past, averted or unknown -- from cue words in
  the clause that holds the figure (:mod:`.status`, ``tradenews/data/tariff_status_cues.csv``);
  each value of a series gets its own status and ``year``;
* ``actor`` and ``target`` -- from the grammar of the clause: the possessor ("India's tariff",
  "its tariffs"), the subject of the imposing verb, "on goods from X" (:mod:`.actors`);
* ``scope`` -- the goods named after "on" ("on Chinese goods"), or "all goods";
* ``evidence`` -- the words of the clause that decided each field.

Modules: :mod:`.lexicon` (data files), :mod:`.numbers` (percentages), :mod:`.figures` (is it a
tariff rate?), :mod:`.status`, :mod:`.actors`, :mod:`.extract` (the entry point) and
:mod:`.reference` (the reference series). Every word the rules know lives in
``tradenews/data/tariff_*``; nothing here knows about a particular corpus. Scoring is in
:mod:`tradenews.evaluate.tariffs`, charts in :mod:`tradenews.present.tariff_charts`.

Example
-------
>>> rows = extract_tariffs("Beijing had raised duties on US goods to 125%, "
...                        "but Washington now threatens 100 per cent tariffs on Chinese goods.")
>>> rows[["value", "actor", "target", "status"]].to_dict("records")
[{'value': 125.0, 'actor': 'China', 'target': 'US', 'status': 'past'}, {'value': 100.0, 'actor': 'US', 'target': 'China', 'status': 'threatened'}]
"""

from __future__ import annotations

from tradenews.extract.tariffs.actors import ACTOR_RULES, LATE_TARGET_RULES, TARGET_RULES, learn_people
from tradenews.extract.tariffs.extract import COLUMNS, extract_tariffs
from tradenews.extract.tariffs.figures import NOUN_RULES
from tradenews.extract.tariffs.numbers import find_percentages
from tradenews.extract.tariffs.reference import load_reference
from tradenews.extract.tariffs.status import STATUS_RULES, STATUSES

__all__ = ["COLUMNS", "STATUSES", "extract_tariffs", "find_percentages", "learn_people", "load_reference",
           "NOUN_RULES", "STATUS_RULES", "TARGET_RULES", "LATE_TARGET_RULES", "ACTOR_RULES"]
