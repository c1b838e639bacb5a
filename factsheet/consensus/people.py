"""People across outlets: who they are under every spelling, and each one's fate voted alone.

A strike kills several named people (two commanders in one car, an aide, aid workers, a
family), and each outlet names them its own way: the military's full name, the group's
full name, a kunya both share ('Abu Hassan'), a transliteration. One `target_person` slot
turned two dead men into rival answers; here every mention becomes a person:

- two mentions are one person when any of their names (the name and the aliases the
  article gives) are the same name in another spelling, or share an alias;
- a shorter name inside a longer one ('al-Saadi' in 'Abu Bakr al-Saadi') joins that person
  only when it fits exactly one of them, so two brothers are never merged by a surname;
- each person's fate is voted like any field: outlets backing 'killed' against a group
  saying he survived is a conflict on that person, not on the sheet;
- the principal target (what `event.target_person` holds) is the person most independent
  sources say the strike aimed at.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from factsheet.consensus.ballots import Ballot, quote_ref
from factsheet.consensus.linkage import link
from factsheet.consensus.vote import Outcome, vote_field
from factsheet.models import Alternative, Extraction, PersonValue, SheetField, SheetPerson, TextValue
from factsheet.normalise import entities


@dataclass(frozen=True)
class Mention:
    source: str
    outlet: str
    group: str
    person: PersonValue

    @property
    def names(self) -> list[str]:
        return [self.person.text, *self.person.aliases]


@dataclass
class Resolved:
    mentions: list[Mention] = field(default_factory=list)

    @property
    def groups(self) -> set[str]:
        return {m.group for m in self.mentions}

    def targeted_groups(self) -> set[str]:
        return {m.group for m in self.mentions if m.person.targeted}


def people_of(extraction: Extraction) -> list[PersonValue]:
    """An extraction's people; older extractions carry only `target_person`."""
    event = extraction.event
    if event.people:
        return event.people
    if event.target_person is not None:
        return [event.target_person.model_copy(update={"targeted": True})]
    return []


def _same(a: Mention, b: Mention) -> bool:
    if any(entities.same_entity(x, y) for x in a.names for y in b.names):
        return True
    # Vowels aside ('Kuntar' / 'Qantar') only across articles: one article naming both
    # 'Ali Hassan' and 'Ali Hussein' is naming two men.
    return a.source != b.source and any(entities.same_person_loose(x, y) for x in a.names for y in b.names)


def _contained(short: Mention, long: Resolved) -> bool:
    """The mention's name is a part of one of the person's longer names ('al-Saadi')."""
    return any(
        entities.same_entity(x, y, allow_short_form=True)
        for x in short.names
        for m in long.mentions
        for y in m.names
    )


def _short_form_of(a: Resolved, b: Resolved) -> bool:
    """A two-word-or-longer name of `a` is the name of `b` less some words after the first
    ('Mohammad Allahdadi' in 'Mohammad Ali Allahdadi'; not 'Khalil al-Hayya' in his son's
    'Hammam Khalil al-Hayya')."""
    return any(
        entities.word_count(x) >= 2
        and entities.word_count(y) >= 2
        and entities.same_given_name(x, y)
        and entities.same_entity(x, y, allow_short_form=True)
        for ma in a.mentions
        for x in ma.names
        for mb in b.mentions
        for y in mb.names
    )


def _join_short_forms(people: list[Resolved]) -> list[Resolved]:
    """Join a person to the one other person whose longer name contains theirs; ambiguous stays apart."""
    people = sorted(people, key=lambda r: (len(r.mentions), min(m.source for m in r.mentions)))
    joined: list[Resolved] = []
    for i, person in enumerate(people):
        rest = people[i + 1 :] + joined
        fits = [other for other in rest if _short_form_of(person, other)]
        if len(fits) == 1:
            fits[0].mentions.extend(person.mentions)
        else:
            joined.append(person)
    return joined


def resolve(mentions: list[Mention]) -> list[Resolved]:
    """Mentions grouped into people; deterministic whatever the input order."""
    ordered = sorted(mentions, key=lambda m: (m.source, m.person.text))
    specific = [m for m in ordered if entities.word_count(m.person.text) >= 2 or m.person.aliases]
    short = [m for m in ordered if m not in specific]
    linked = [Resolved(group) for group in link(specific, _same)]
    found = _join_short_forms(linked)
    # One-word names ('Saadi', 'Mughniyeh'): the same one-word name again, else the one
    # person whose longer name contains it; a surname that fits two people stays apart.
    for m in short:
        exact = [p for p in found if any(_same(m, other) for other in p.mentions)]
        fits = exact or [p for p in found if _contained(m, p)]
        if len(fits) == 1:
            fits[0].mentions.append(m)
        else:
            found.append(Resolved([m]))
    return found


def _fate_ballots(person: Resolved) -> list[Ballot]:
    ballots = []
    for m in person.mentions:
        if m.person.fate == "unknown":
            continue
        evidence = m.person.fate_evidence or m.person.evidence
        value = TextValue(text=m.person.fate, canonical=m.person.fate, evidence=evidence)
        ballots.append(Ballot(m.source, m.outlet, m.group, value))
    return ballots


def _display(person: Resolved) -> tuple[str, list[str], list[str]]:
    """The printed name, every spelling, and the aliases proper: other names, not respellings."""
    names = [m.person.text for m in person.mentions]
    name = entities.pick_display(names)
    spellings = sorted({" ".join(n.split()) for m in person.mentions for n in m.names})

    def respelling(other: str) -> bool:
        return (
            entities.same_entity(other, name)
            or entities.same_person_loose(other, name)
            or entities.same_entity(other, name, allow_short_form=True)
        )

    aliases = sorted({n for n in spellings if not respelling(n)})
    return name, spellings, aliases


def _most_common(values: list[str | None]) -> str | None:
    present = [v for v in values if v]
    if not present:
        return None
    counts = Counter(present)
    return min(counts, key=lambda v: (-counts[v], -len(v), v))


@dataclass
class PeopleOutcome:
    people: list[SheetPerson]
    fates: dict[str, Outcome]  # by display name, for disagreements
    target: SheetField
    named_dead: int
    named_dead_outlets: list[str]
    target_sources: int  # independent sources (copy groups) naming the principal target as targeted


def _target_field(ranked: list[tuple[Resolved, SheetPerson]], reporting: list[str]) -> SheetField:
    targeted = [(r, p) for r, p in ranked if r.targeted_groups()]
    silent_all = sorted(set(reporting))
    if not targeted:
        return SheetField(value=None, status="unknown", silent=silent_all)
    principal_r, principal = targeted[0]
    alternatives = [
        Alternative(
            value=p.name,
            outlets=sorted({m.outlet for m in r.mentions if m.person.targeted}),
            sources=sorted({m.source for m in r.mentions if m.person.targeted}),
            spellings=p.spellings,
            compatible=True,  # several people can be targeted by one strike
            evidence=[
                quote_ref(m.outlet, m.source, m.person.evidence)
                for m in sorted(r.mentions, key=lambda m: m.source)
                if m.person.targeted
            ],
        )
        for r, p in targeted
    ]
    weight = len(principal_r.targeted_groups())
    support = alternatives[0].outlets
    tied = [p.name for r, p in targeted[1:] if len(r.targeted_groups()) == weight]
    note = None
    if tied:
        note = (
            f"outlets name several targets equally often ({', '.join([principal.name, *tied])}); see people"
        )
    return SheetField(
        value=principal.name,
        status="single_source" if weight == 1 else "agreed",
        support=support,
        silent=sorted(set(reporting) - {o for a in alternatives for o in a.outlets}),
        alternatives=alternatives,
        note=note,
    )


def merge_people(
    strikes: list[Extraction], groups: dict[str, str], reporting: list[str], allow_unverified: bool = False
) -> PeopleOutcome:
    mentions = [
        Mention(e.article.id, e.article.outlet, groups[e.article.id], p)
        for e in strikes
        for p in people_of(e)
        if allow_unverified or p.evidence.verified
    ]
    resolved = resolve(mentions)
    built: list[tuple[Resolved, SheetPerson]] = []
    fates: dict[str, Outcome] = {}
    for r in resolved:
        name, spellings, aliases = _display(r)
        naming = sorted({m.outlet for m in r.mentions})
        fate_ballots = [b for b in _fate_ballots(r) if allow_unverified or b.verified]
        outcome = vote_field("fate", fate_ballots, naming, allow_unverified)
        fates[name] = outcome
        built.append(
            (
                r,
                SheetPerson(
                    name=name,
                    spellings=spellings,
                    aliases=aliases,
                    title=_most_common([m.person.role for m in r.mentions]),
                    organisation=_most_common([m.person.organisation for m in r.mentions]),
                    targeted=bool(r.targeted_groups()),
                    fate=outcome.field,
                    support=naming,
                    sources=sorted({m.source for m in r.mentions}),
                    evidence=[
                        quote_ref(m.outlet, m.source, m.person.evidence)
                        for m in sorted(r.mentions, key=lambda m: (m.source, m.person.text))
                    ],
                ),
            )
        )
    built.sort(key=lambda rp: (-len(rp[0].targeted_groups()), -len(rp[0].groups), rp[1].name))
    target = _target_field(built, reporting)
    principal = next((r for r, p in built if p.name == target.value), None)
    people = [p.model_copy(update={"principal": p.name == target.value}) for _, p in built]
    dead = [p for p in people if p.fate.value == "killed"]
    return PeopleOutcome(
        people=people,
        fates=fates,
        target=target,
        named_dead=len(dead),
        named_dead_outlets=sorted({o for p in dead for o in p.fate.support}),
        target_sources=len(principal.targeted_groups()) if principal is not None else 0,
    )
