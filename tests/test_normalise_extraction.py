"""normalise_extraction on a realistic reading of a real article: every field filled, nothing invented."""

from __future__ import annotations

import hashlib
from pathlib import Path

from factsheet.models import (
    Article,
    Claim,
    CountValue,
    DateValue,
    Evidence,
    Extraction,
    PersonValue,
    StrikeEvent,
    TextValue,
    TimeValue,
)
from factsheet.normalise import normalise_count, normalise_extraction
from factsheet.verify import verify_extraction

TEXT = (Path(__file__).resolve().parent.parent / "seeds" / "001_e2b87f470cf195c7.txt").read_text(
    encoding="utf-8"
)


def _ev(quote: str) -> Evidence:
    return Evidence(quote=quote)


def fake_extraction(published: str | None = "2024-02-08") -> Extraction:
    """A hand-written extractor reply for the seed article, named as a fake."""
    article = Article(
        id="s001",
        path="seeds/001.txt",
        text=TEXT,
        outlet="Example Wire",
        outlet_origin="filename",
        published=published,
        sha256=hashlib.sha256(TEXT.encode()).hexdigest(),
    )
    event = StrikeEvent(
        date=DateValue(text="Wednesday night", evidence=_ev("The drone attack occurred on Wednesday night")),
        local_time=TimeValue(text="21:30 local time", evidence=_ev("at 21:30 local time (18:30 GMT)")),
        utc_time=TimeValue(text="18:30 GMT", evidence=_ev("at 21:30 local time (18:30 GMT)")),
        country=TextValue(text="Iraqi", evidence=_ev("the eastern region of the Iraqi capital")),
        city=TextValue(text="the Iraqi capital", evidence=_ev("the eastern region of the Iraqi capital")),
        district=TextValue(
            text="the Mashtal area of Baghdad", evidence=_ev("in the Mashtal area of Baghdad")
        ),
        attacker=TextValue(text="a US drone", evidence=_ev("a targeted attack by a US drone in Baghdad")),
        weapon=TextValue(text="drone", evidence=_ev("a targeted attack by a US drone in Baghdad")),
        target_person=PersonValue(
            text="Abu Baqir al-Saadi", evidence=_ev("Abu Baqir al-Saadi, a high-ranking leader")
        ),
        target_organisation=TextValue(
            text="Kataib Hezbollah", evidence=_ev("authority within Kataib Hezbollah")
        ),
        # The fake extractor left a figure the words do not support: normalisation re-reads it.
        killed=CountValue(
            text="All three individuals perished", evidence=_ev("All three individuals perished."), best=4
        ),
        claims=[
            Claim(
                statement="the commander oversaw attacks on American personnel",
                speaker="The Pentagon",
                speaker_type="military",
                evidence=_ev("The Pentagon said that the commander was accountable"),
            ),
            Claim(
                statement="no evidence of civilian casualties",
                speaker="Centcom",
                speaker_type="military",
                evidence=_ev(
                    "Centcom said there is no evidence of harm to surrounding structures or human casualties."
                ),
            ),
        ],
    )
    return Extraction(schema_version="1.0", article=article, event=event, extractor="fake")


def test_every_field_gets_its_comparable_form() -> None:
    normalised = normalise_extraction(verify_extraction(fake_extraction()))
    ev = normalised.event
    assert ev.date is not None and (ev.date.canonical, ev.date.anchor) == ("2024-02-07", "2024-02-08")
    assert ev.local_time is not None and (ev.local_time.canonical, ev.local_time.zone) == ("21:30", "local")
    assert ev.utc_time is not None and (ev.utc_time.canonical, ev.utc_time.zone) == ("18:30", "UTC")
    assert ev.country is not None and ev.country.canonical == "Iraq"
    assert ev.city is not None and ev.city.canonical == "Baghdad"
    assert ev.district is not None and ev.district.canonical == "Mashtal"
    assert ev.attacker is not None and ev.attacker.canonical == "United States"
    assert ev.weapon is not None and ev.weapon.canonical == "drone"
    assert ev.target_person is not None and ev.target_person.canonical == "Abu Baqir al-Saadi"
    assert ev.target_organisation is not None and ev.target_organisation.canonical == "Kataib Hezbollah"
    assert ev.killed is not None and (ev.killed.low, ev.killed.best, ev.killed.high) == (3, 3, 3)
    assert [c.speaker_canonical for c in ev.claims] == ["US military", "US military"]


def test_evidence_and_raw_words_are_kept() -> None:
    verified = verify_extraction(fake_extraction())
    normalised = normalise_extraction(verified)
    assert normalised.event.date is not None and verified.event.date is not None
    assert normalised.event.date.text == "Wednesday night"
    assert normalised.event.date.evidence == verified.event.date.evidence
    assert normalised.article == verified.article


def test_without_a_publication_date_weekdays_stay_weekdays() -> None:
    normalised = normalise_extraction(fake_extraction(published=None))
    assert normalised.event.date is not None
    assert (normalised.event.date.canonical, normalised.event.date.precision) == (None, "weekday")


def test_is_deterministic_and_safe_to_run_twice() -> None:
    once = normalise_extraction(verify_extraction(fake_extraction()))
    assert normalise_extraction(verify_extraction(fake_extraction())) == once
    assert normalise_extraction(verify_extraction(once)) == once


def test_extractor_figures_survive_only_when_the_words_bear_them_out() -> None:
    stated = CountValue(
        text="the commander and his bodyguards",
        evidence=_ev("the commander and his bodyguards, all three men in the car, died"),
    )
    # The words allow 'at least 3'; the quote states three: the extractor read it more precisely.
    precise = normalise_count(stated.model_copy(update={"low": 3, "best": 3, "high": 3}))
    assert (precise.low, precise.best, precise.high) == (3, 3, 3)
    invented = normalise_count(stated.model_copy(update={"low": 7, "best": 7, "high": 7}))
    assert (invented.low, invented.best, invented.high, invented.qualifier) == (3, 3, None, "at least")
    unreadable = CountValue(text="his companions", evidence=_ev("his companions died with him"), best=5)
    assert normalise_count(unreadable).best is None
