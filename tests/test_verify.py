"""verify: every quote is looked up in its article, with offsets a renderer can trust."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet.models import (
    Article,
    Claim,
    CountValue,
    Evidence,
    Extraction,
    PersonValue,
    StrikeEvent,
    TextValue,
)
from factsheet.verify import locate, unverified_values, verify_extraction

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
INDEPENDENT = (SEEDS / "004_9ad3ace87a095593.txt").read_text(encoding="utf-8")
BBC_STYLE = (SEEDS / "002_47ce44c9c7986334.txt").read_text(encoding="utf-8")


def _slice(text: str, evidence: Evidence) -> str:
    assert evidence.start is not None and evidence.end is not None
    return text[evidence.start : evidence.end]


def test_exact_quote_gets_its_offsets() -> None:
    quote = "The attack happened in the Mashtal neighbourhood in the eastern part of the city."
    found = locate(quote, INDEPENDENT)
    assert found.match == "exact"
    assert _slice(INDEPENDENT, found) == quote


def test_straight_quotes_find_curly_ones_and_point_at_the_article_text() -> None:
    found = locate('Wissam Mohammed "Abu Bakr" al-Saadi', INDEPENDENT)
    assert found.match == "normalised"
    assert _slice(INDEPENDENT, found) == "Wissam Mohammed \u201cAbu Bakr\u201d al-Saadi"
    assert found.quote == _slice(INDEPENDENT, found)


def test_case_and_whitespace_runs_are_ignored() -> None:
    text = "Officials said the strike\u00a0hit   a car in\nBaghdad on Wednesday."
    found = locate("the strike hit a car in Baghdad", text)
    assert found.match == "normalised"
    assert _slice(text, found) == "the strike\u00a0hit   a car in\nBaghdad"


def test_offsets_survive_non_ascii_before_the_quote() -> None:
    text = "🚨 عاجل: قصف — a Kata’ib Hezbollah commander was killed in the strike, sources said."
    found = locate("a Kata'ib Hezbollah commander was killed", text)
    assert found.match == "normalised"
    assert _slice(text, found) == "a Kata’ib Hezbollah commander was killed"


def test_dash_styles_fold_together() -> None:
    text = "The Iraq\u2013Syria border region was hit."
    found = locate("Iraq-Syria border region", text)
    assert found.match == "normalised"
    assert _slice(text, found) == "Iraq\u2013Syria border region"


def test_paraphrased_quote_is_fuzzy_with_a_score() -> None:
    found = locate("the drone hit a car in the Iraqi capital on Wednesday night", INDEPENDENT)
    assert found.match == "fuzzy"
    assert found.score is not None and found.score >= 90
    assert _slice(INDEPENDENT, found) == "the drone hit a car in the Iraqi capital Wednesday night"


def test_a_changed_number_is_not_a_fuzzy_match() -> None:
    # 93% similar to the article's 'killed six fighters', but it says something else.
    found = locate("killed seven fighters within the Syrian Democratic Forces", INDEPENDENT)
    assert found.match == "none"
    assert found.start is None


def test_a_dropped_hedge_is_not_a_fuzzy_match() -> None:
    found = locate("They also said they suspect Kataib Hezbollah played a part in the assault", INDEPENDENT)
    assert found.match == "none"


def test_short_quotes_never_match_fuzzily() -> None:
    text = "the Mashtal area of Baghdad, where Abu Baqir al-Saadi died"
    assert locate("Mashtel", text).match == "none"
    assert locate("Abu Baqer", text).match == "none"
    assert locate("Mashtal", text).match == "exact"


def test_invented_quote_is_not_found() -> None:
    found = locate("The Pentagon said five militants were killed in Basra.", BBC_STYLE)
    assert found.match == "none"
    assert found.start is None and found.end is None


def test_empty_quote_is_none() -> None:
    assert locate("", BBC_STYLE).match == "none"
    assert locate("   ", BBC_STYLE).match == "none"


def test_hint_picks_the_nearest_of_repeated_occurrences() -> None:
    text = "Kataib Hezbollah said X. Later, Kataib Hezbollah said Y. Finally Kataib Hezbollah said Z."
    later = text.index("Kataib Hezbollah said Y")
    assert locate("Kataib Hezbollah", text).start == 0
    assert locate("Kataib Hezbollah", text, hint=later + 3).start == later
    assert locate("kataib hezbollah", text, hint=later + 3).start == later


def test_quote_with_ellipsis_spans_both_pieces() -> None:
    quote = "two officials who spoke on the condition of anonymity told the outlet ... Wissam Mohammed"
    found = locate(quote, INDEPENDENT)
    assert found.match == "fuzzy"
    sliced = _slice(INDEPENDENT, found)
    assert sliced.startswith("two officials who spoke")
    assert sliced.endswith("Wissam Mohammed")


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=300), st.data())
def test_any_substring_is_found_exactly_where_it_is(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    if not quote.strip():
        return
    found = locate(quote, text, hint=start)
    assert found.match == "exact"
    assert _slice(text, found) == quote
    assert found.start == start  # the hint picks this occurrence among equals


def _extraction(text: str, event: StrikeEvent) -> Extraction:
    article = Article(
        id="a1",
        path="a1.txt",
        text=text,
        outlet="Example News",
        outlet_origin="filename",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
    return Extraction(schema_version="1.0", article=article, event=event, extractor="fake")


def test_verify_extraction_locates_values_and_claims_and_lists_failures() -> None:
    event = StrikeEvent(
        target_person=PersonValue(text="Abu Bakr al-Saadi", evidence=Evidence(quote="Abu Bakr al-Saadi")),
        target_organisation=TextValue(
            text="Kataib Hezbollah", evidence=Evidence(quote="Kataib Hezbollah militia")
        ),
        killed=CountValue(text="three", evidence=Evidence(quote="one of the three men killed")),
        injured=CountValue(text="two", evidence=Evidence(quote="two people were wounded in the blast")),
        claims=[
            Claim(
                statement="the commander was killed",
                speaker="two officials",
                evidence=Evidence(
                    quote="two officials who spoke on the condition of anonymity told the outlet"
                ),
            )
        ],
    )
    original = _extraction(INDEPENDENT, event)
    checked = verify_extraction(original)

    assert (
        original.event.killed is not None and original.event.killed.evidence.match is None
    )  # input untouched
    ev = checked.event
    # The article writes Wissam Mohammed “Abu Bakr” al-Saadi: same words, quote marks left out.
    assert ev.target_person is not None and ev.target_person.evidence.match == "normalised"
    assert _slice(INDEPENDENT, ev.target_person.evidence) == "Abu Bakr\u201d al-Saadi"
    assert ev.target_organisation is not None and ev.target_organisation.evidence.match == "exact"
    assert ev.killed is not None and _slice(INDEPENDENT, ev.killed.evidence) == "one of the three men killed"
    assert ev.claims[0].evidence.match == "exact"
    assert ev.injured is not None and ev.injured.evidence.match == "none"
    assert [name for name, _ in unverified_values(checked)] == ["injured"]
    assert verify_extraction(checked) == checked  # safe to run twice: match kinds are not lost
