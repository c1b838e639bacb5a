"""People, ranges and disputed blame as a reader sees them in the Markdown, the HTML and the summary."""

from __future__ import annotations

import pytest

from factsheet.models import FactSheet
from factsheet.pipeline import merge
from factsheet.render import render_html, render_markdown
from factsheet.summary import summarise
from tests.builders import article, extraction

TEXT = (
    "{outlet} report.\n\nA drone hit a car near the port on Monday, killing {toll} people, including "
    "commander Hassan Nouri and his aide Jalal Amiri. The group said Nouri survived."
)


def report(outlet: str, toll: str, nouri_fate: str) -> object:
    text = TEXT.format(outlet=outlet, toll=toll)
    lead = f"killing {toll} people"
    return extraction(
        article(text, outlet),
        {
            "killed": [toll, lead],
            "people": [
                {
                    "name": "Hassan Nouri",
                    "quote": "commander Hassan Nouri",
                    "fate": nouri_fate,
                    "targeted": True,
                    "role": "commander",
                },
                {
                    "name": "Jalal Amiri",
                    "quote": "his aide Jalal Amiri",
                    "fate": "killed",
                    "aliases": ["Abu Ali"],
                },
            ],
        },
    )


@pytest.fixture(scope="module")
def sheet() -> FactSheet:
    return merge(
        [
            report("Alpha Daily", "4", "killed"),
            report("Bravo Post", "6", "killed"),
            report("Charlie Wire", "6", "survived"),
        ]
    )


def test_markdown_lists_people_with_their_fates_and_the_toll_as_a_range(sheet: FactSheet) -> None:
    md = render_markdown(sheet)
    assert "- **Killed:** 4–6 (best 6) — range" in md
    people = md[md.index("## People") :]
    assert "- **Hassan Nouri**: killed — majority" in people
    assert "principal target" in people
    assert "contradicted by: survived (Charlie Wire)" in people
    assert "- **Jalal Amiri**: killed — agreed" in people
    assert "also “Abu Ali”" in people


def test_html_has_a_people_section_whose_fates_open_their_quotes(sheet: FactSheet) -> None:
    page = render_html(sheet)
    assert '<section id="people" class="people"><h2>People</h2>' in page
    assert 'href="#people">People</a>' in page
    assert 'Hassan Nouri</a></span>: <a class="fate"' in page
    assert "4–6 (best 6)" in page


def test_summary_names_each_person_and_the_differing_figures(sheet: FactSheet) -> None:
    text = summarise(sheet)
    assert "Hassan Nouri (principal target)" in text
    assert "killed (different figures): 6 (Bravo Post, Charlie Wire); 4 (Alpha Daily)" in text
    assert "people[Hassan Nouri].fate: killed (Alpha Daily, Bravo Post); survived (Charlie Wire)" in text
