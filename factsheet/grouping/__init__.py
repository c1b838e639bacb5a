"""Grouping: a feed's articles sorted into strikes, between normalise and the merge.

    ingest -> extract -> verify -> normalise -> group -> merge (one sheet per group)

`make` is one group; `make --split` is many. Works on verified, normalised Extractions
only, and on what any extractor fills (offline or a model): the strike's day (resolved
against the publication date), country and city, attacker, target group, people, toll, and
the text's rare names and numbers. No I/O, no model call, deterministic: the same
articles in any order give the same groups.

Articles in no group are never dropped: `Grouping.unassigned` lists each with the reason
(it reports no strike, the extractor could not read it, or it gives too little to tell
which strike it reports).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factsheet.grouping.cluster import cluster
from factsheet.grouping.compare import SOFT_DAY_GAP, Group, contradiction, pair_score
from factsheet.grouping.profile import Profile, build_profiles
from factsheet.models import ExcludedArticle, Extraction, Grouping, StrikeGroup, Unassigned

__all__ = ["group_extractions", "set_aside_strays"]


# An article that matches one of a folder's articles this well (pair points) is more likely
# misread than about another strike, whatever it contradicts: it stays in the vote, where the
# sheet shows the disagreement, unless its date is weeks away. Measured on the dev set
# (benchmarks/bench_grouping.py): at 6 the offline extractor's misread dates and countries set
# aside 6 of the folders' own articles; at 2.5, 1, with 29 of 29 strays through the LLM path
# still set aside (25 of 29 offline, 2 more unread); at 1, none, but fewer strays.
CONFLICTED_MATCH = 2.5


@dataclass(frozen=True)
class _Grouped:
    ordered: list[Extraction]
    profiles: list[Profile]
    groups: list[Group]
    unassigned: list[Unassigned]
    loners: list[Group]  # the strike reports among `unassigned`, each as a group of one


def _order(extractions: Sequence[Extraction]) -> list[Extraction]:
    """A fixed order, so ties between equally good links never depend on the input order."""
    return sorted(extractions, key=lambda e: (e.article.path, e.article.id, e.article.sha256))


def _not_grouped(e: Extraction) -> Unassigned:
    language = e.article.language
    if e.extractor == "offline" and language not in (None, "en"):
        said = [w.removeprefix("language: ") for w in e.warnings if w.startswith("language:")]
        reason = said[0] if said else f"the offline extractor does not read this language ({language})"
        return Unassigned(extraction=e, kind="not_read", reason=f"not read: {reason}")
    why = "; ".join(e.warnings[:1])
    reason = "the extractor found no strike reported in it" + (f" ({why})" if why else "")
    return Unassigned(extraction=e, kind="not_a_strike", reason=reason)


def _too_little(p: Profile) -> str | None:
    """Why a report no other article joined cannot stand as a strike of its own, or None."""
    dated = p.day is not None or p.month_day is not None or p.weekday is not None or p.published is not None
    placed = bool(p.country or p.city)
    if dated and placed:
        return None
    missing = " and ".join(w for w, ok in (("no date", dated), ("no place", placed)) if not ok)
    return (
        f"it reports a strike but gives {missing}, and shares too little with any other article "
        "to tell which strike it is"
    )


def _group(extractions: Sequence[Extraction]) -> _Grouped:
    ordered = _order(extractions)
    profiles = build_profiles(ordered)
    unassigned = [_not_grouped(ordered[p.index]) for p in profiles if not p.is_strike]
    groups, loners = [], []
    for g in cluster([p for p in profiles if p.is_strike]):
        why = _too_little(profiles[g.members[0]]) if len(g.members) == 1 else None
        if why is not None:
            unassigned.append(Unassigned(extraction=ordered[g.members[0]], kind="too_little", reason=why))
            loners.append(g)
        else:
            groups.append(g)
    return _Grouped(ordered, profiles, groups, unassigned, loners)


def group_extractions(extractions: Sequence[Extraction]) -> Grouping:
    """Sort a feed's articles into strikes; each article in one group or in `unassigned`."""
    grouped = _group(extractions)
    return Grouping(
        groups=[StrikeGroup(extractions=[grouped.ordered[i] for i in g.members]) for g in grouped.groups],
        unassigned=grouped.unassigned,
    )


def _weeks_apart(a: Group, b: Group) -> bool:
    """Dated more than a week apart (two weeks when a day was worked out from 'today' or a
    weekday): two strikes, however alike their stories (two strikes on journalists in one
    city a fortnight apart)."""
    da, db = a.day(), b.day()
    if da is None or db is None:
        return False
    gap = SOFT_DAY_GAP if a.exact_days and b.exact_days else 2 * SOFT_DAY_GAP
    return abs(da - db) > gap


def set_aside_strays(extractions: Sequence[Extraction]) -> tuple[list[Extraction], list[ExcludedArticle]]:
    """For a single sheet: the articles to merge, and those that clearly report another strike.

    The folder's strike is the one most of its articles report. An article is set aside only
    when what it states rules that strike out (days apart, another country, a city far away,
    published before the strike happened), and only when the others clearly outnumber its
    own group: an article that merely shares too little with the rest stays in the vote, as
    does everything when the folder is split evenly between two strikes.
    """
    grouped = _group(extractions)
    if not grouped.groups:
        return list(extractions), []
    main = max(grouped.groups, key=lambda g: (len(g.members), -g.members[0]))
    if len(main.members) < 2:
        return list(extractions), []
    excluded_ids: set[int] = set()
    excluded = []
    profiles = grouped.profiles
    for g in [*grouped.groups, *grouped.loners]:
        if g is main or len(g.members) >= len(main.members):
            continue
        why = contradiction(main, g, lenient=True)
        if why is None:
            continue
        best = max(pair_score(profiles[i], profiles[j]) for i in g.members for j in main.members)
        if best >= CONFLICTED_MATCH and not _weeks_apart(main, g):
            continue
        for i in g.members:
            e = grouped.ordered[i]
            excluded_ids.add(id(e))
            excluded.append(
                ExcludedArticle(
                    path=e.article.path,
                    outlet=e.article.outlet,
                    reports=g.describe(),
                    reason=f"{why}; the other {len(main.members)} articles report {main.describe()}",
                )
            )
    kept = [e for e in extractions if id(e) not in excluded_ids]
    return kept, sorted(excluded, key=lambda x: x.path)
