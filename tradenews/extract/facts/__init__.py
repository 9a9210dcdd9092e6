"""Facts each outlet states (dates, numbers, names) and where outlets disagree, within a story.

How "the same thing" is decided, without a list of this story's facts:

* :func:`extract_facts` (:mod:`.extract`) finds every date ("in May", "Nov. 10",
  "Thursday"), number ("five-day", "two days of talks", "157% tariff", "fifth
  round"; not clock times or "9/11") and named person with its *head* (the word
  the value attaches to) and its story (:func:`tradenews.stories`).
* :func:`compare_facts` (:mod:`.compare`) pairs facts only within a story and a
  slot (same kind, same head word or user subject), by named rules
  (:data:`PAIR_RULES`), one-to-one per article pair.
* :func:`fact_status` (:mod:`.status`) says ``same``, ``compatible`` (a weekday
  that falls on the other's date, a month containing it, different measures, a
  bound that holds, a rounded figure: numbers are compared at their stated
  precision), ``differs`` or ``unclear``; dates are resolved against the
  publication date.
* :func:`name_conflicts` (:mod:`.names`) links the forms of one person's name
  within a story and flags two different people in one role whose names clash.
* :func:`fact_discrepancies` (:mod:`.summary`) groups pairs into subjects and
  lists every value per outlet, worst status first; a third outlet stating one
  side's value for the same slot is listed too. It also flags exact figures one
  digit apart (:func:`~.status.figure_slips`) and, given entities, organisation
  and place names written differently (:func:`~.names.entity_name_conflicts`), and the contrasts of
  :data:`~.contrasts.CONTRAST_RULES` (:mod:`.contrasts`): one person the older sister in one outlet and
  the younger in another, two stated maxima of one count, one station given two networks, a place written
  two ways in one slot, the day of the event both headlines name, one act dated by two relative periods.

Story-separable: run on parts of a corpus made of whole stories, ``extract_facts``
gives the whole corpus's rows (pass ``default_year`` for articles without any date),
and ``compare_facts`` / ``fact_discrepancies`` do too when given ``statistics=`` the
merged :func:`fact_statistics` of the parts (word counts for the similarity weights).
"""

from tradenews.extract.facts.compare import PAIR_RULES, FactStatistics, compare_facts, fact_statistics
from tradenews.extract.facts.contrasts import CONTRAST_RULES
from tradenews.extract.facts.extract import FACT_COLUMNS, extract_facts
from tradenews.extract.facts.names import PAIR_COLUMNS, canonical_people, name_conflicts, same_person
from tradenews.extract.facts.status import fact_status
from tradenews.extract.facts.summary import DISCREPANCY_COLUMNS, fact_discrepancies
from tradenews.extract.facts.values import parse_date, parse_number, read_fact_patterns

__all__ = ["extract_facts", "compare_facts", "fact_discrepancies", "fact_statistics", "FactStatistics", "name_conflicts", "read_fact_patterns",
           "canonical_people", "same_person", "fact_status", "parse_number", "parse_date", "PAIR_RULES", "CONTRAST_RULES",
           "FACT_COLUMNS", "PAIR_COLUMNS", "DISCREPANCY_COLUMNS"]
