"""A model's toll or date that the article's own words contradict is flagged in the sheet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import factsheet
from factsheet.models import Article, Extraction
from tests.builders import article, extraction

TEXT = (
    "Alpha Daily staff report.\n\n"
    "An air strike hit a house in the town of Khan Younis on Tuesday, killing three people, "
    "local health officials said.\n\nThe army said it was looking into the report."
)


@dataclass
class FakeModelExtractor:
    """Stands in for the LLM extractor: returns a hand-written reading with the given values."""

    spec: dict[str, Any]
    name: str = "llm"

    def extract(self, art: Article) -> Extraction:
        return extraction(art, self.spec).model_copy(update={"extractor": "llm", "model": "fake-model"})


def test_model_toll_contradicted_by_the_text_is_flagged() -> None:
    misread = FakeModelExtractor({"killed": ["30", "killing three people"]})
    result = factsheet.extract(article(TEXT, "Alpha Daily"), misread)
    assert [(c.field, c.model_value) for c in result.cross_checks] == [("killed", "30")]
    assert result.cross_checks[0].text_value == "3"
    assert "three people" in result.cross_checks[0].quote

    sheet = factsheet.merge([result])
    assert sheet.sources[0].cross_checks == result.cross_checks


def test_model_value_that_agrees_with_the_text_is_not_flagged() -> None:
    faithful = FakeModelExtractor({"killed": ["three people", "killing three people"]})
    assert factsheet.extract(article(TEXT, "Alpha Daily"), faithful).cross_checks == []


def test_offline_runs_are_not_cross_checked_against_themselves() -> None:
    result = factsheet.extract(article(TEXT, "Alpha Daily"), factsheet.get_extractor("offline"))
    assert result.extractor == "offline"
    assert result.cross_checks == []


def test_a_quote_with_two_figures_backs_either_of_them() -> None:
    text = "Alpha Daily staff report.\n\nThe strike killed 34 people and injured 117, officials said."
    faithful = FakeModelExtractor(
        {
            "killed": ["34", "The strike killed 34 people and injured 117"],
            "injured": ["117", "The strike killed 34 people and injured 117"],
        }
    )
    assert factsheet.extract(article(text, "Alpha Daily"), faithful).cross_checks == []


def test_a_date_its_own_quote_does_not_state_is_flagged() -> None:
    misread = FakeModelExtractor(
        {"date": ["Monday", "An air strike hit a house in the town of Khan Younis on Tuesday"]}
    )
    result = factsheet.extract(article(TEXT, "Alpha Daily"), misread)
    assert [(c.field, c.model_value, c.text_value) for c in result.cross_checks] == [
        ("date", "Monday", "tuesday")
    ]
