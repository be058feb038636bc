"""Conflicting facts about one document: keep every stated value with its support, choose one.

Texts disagree (a date misprinted, a body named loosely). Each fact (date, issuing body, type word,
descriptor, term) is kept as ``{value: [own, other]}``: how many texts that are the document
itself state the value, and how many texts that cite it do. The value shown is chosen by one rule:

1. a value stated by the document's own text (its header) beats any value stated by citing texts;
2. then the value stated by more texts;
3. then, on a tie, the smallest value (so the choice never depends on the order of ingestion).

The sources behind each value are the APPEARS_IN edges, which carry what each text states.
"""
from __future__ import annotations

import orjson
from typing import Any

FACT_PROPERTIES = ("date", "issuing_body", "kind", "descriptor", "term")
# chosen values shown on the node; the term there is part of the identity (vankien.graph.model.identity), so the
# stated terms stay among the facts only
NODE_FACTS = ("date", "issuing_body", "kind", "descriptor")

Facts = dict[str, dict[str, list[int]]]


def add_fact(facts: Facts, prop: str, value: Any, own: bool) -> None:
    if value in (None, ""):
        return
    counts = facts.setdefault(prop, {}).setdefault(str(value), [0, 0])
    counts[0 if own else 1] += 1


def merge(into: Facts, other: Facts) -> Facts:
    for prop, values in other.items():
        for value, (own, cited) in values.items():
            counts = into.setdefault(prop, {}).setdefault(value, [0, 0])
            counts[0] += own
            counts[1] += cited
    return into


def choose(values: dict[str, list[int]]) -> str | None:
    """The value the rule above picks."""
    if not values:
        return None
    if len(values) == 1:        # most facts are stated one way
        return next(iter(values))
    return min(values, key=lambda v: (-values[v][0], -(values[v][0] + values[v][1]), v))


def chosen(facts: Facts) -> dict[str, str | None]:
    """The value of each fact; a date only among complete dates (partial ones stay in the facts)."""
    out = {p: choose(facts.get(p, {})) for p in NODE_FACTS if p != "date"}
    out["date"] = choose({v: n for v, n in facts.get("date", {}).items() if _complete_date(v)})
    return out


def node_values(facts: Facts, sources: int, full_text: bool) -> dict[str, object]:
    """What a Document node shows of its facts: the chosen values, the facts themselves, the
    disagreements, and how many texts mention it (``UPDATE`` writes them)."""
    return {**chosen(facts), "facts": dumps(facts), "conflicts": conflicts(facts), "sources": sources,
            "full_text": full_text}


# the properties node_values writes onto an existing Document node
UPDATED = ("date", "issuing_body", "kind", "descriptor", "facts", "conflicts", "sources", "full_text")
# writes node_values rows ($rows, each with the document's id) onto existing Document nodes
UPDATE = ("UNWIND $rows AS r MATCH (d:Document {id: r.id}) SET d.date = date(r.date), "
          "d.issuing_body = r.issuing_body, d.kind = r.kind, d.descriptor = r.descriptor, d.facts = r.facts, "
          "d.conflicts = r.conflicts, d.sources = r.sources, d.full_text = r.full_text")


def _complete_date(value: str) -> bool:
    return len(value) == 10 and value[4] == "-" and value[7] == "-" and value.replace("-", "").isdigit()


def conflicts(facts: Facts) -> list[str]:
    return [p for p in FACT_PROPERTIES if len(facts.get(p, {})) > 1]


def dumps(facts: Facts) -> str:
    """Facts as JSON, keys sorted (one text per set of facts); orjson: a tenth of the time of json."""
    return orjson.dumps(facts, option=orjson.OPT_SORT_KEYS).decode("utf-8")


def loads(text: str | None) -> Facts:
    return orjson.loads(text) if text else {}
