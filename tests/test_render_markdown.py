"""The Markdown write-up: what an editor reads, so its lines, tables and escaping are what is checked."""

from __future__ import annotations

import re

import pytest

from factsheet.models import Casualties, EventSheet, FactSheet, SheetField
from factsheet.render import render_markdown
from factsheet.render.values import headline, show_value
from tests.render_samples import XSS_IMG, XSS_SCRIPT, alt, ref, seed_sheet, tricky_sheet


@pytest.fixture(scope="module")
def seed_md() -> str:
    return render_markdown(seed_sheet())


@pytest.fixture(scope="module")
def tricky_md() -> str:
    return render_markdown(tricky_sheet())


def section(text: str, title: str) -> str:
    """The body of one '## ' section."""
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Casualties(low=3, best=3, high=3), "3"),
        (Casualties(low=1, best=1, high=None), "at least 1"),
        (Casualties(low=10, best=None, high=15), "10–15"),
        (Casualties(low=10, best=12, high=15), "10–15 (best 12)"),
        (Casualties(low=None, best=None, high=20), "up to 20"),
        (Casualties(low=None, best=40, high=None), "about 40"),
        (Casualties(), "unknown"),
        (None, "unknown"),
        ("2024-02-07", "2024-02-07"),
        ("21:30", "21:30"),
    ],
)
def test_values_read_as_a_journalist_writes_them(value: Casualties | str | None, shown: str) -> None:
    assert show_value(value) == shown


def test_title_says_what_happened_from_consensus_values(seed_md: str) -> None:
    first = seed_md.splitlines()[0]
    assert first == (
        "# Drone strike by United States on Abu Baqir al-Saadi (Kataib Hezbollah) in Mashtal, Baghdad, Iraq "
        "on 2024-02-07"
    )


def test_title_leaves_out_contested_values() -> None:
    sheet = tricky_sheet()
    assert sheet.event.weapon.status == "contested"
    assert headline(sheet) == "Strike in Al-Amal street"


def test_one_line_per_field_with_status_grade_and_outlets(seed_md: str) -> None:
    assert (
        "- **Killed:** 3 — agreed, confirmed "
        "(000_4723f9658405ae82, BBC News, NPR, The Independent, US News Hub)" in seed_md
    )
    assert "- **UTC time:** 18:30 — single source, weak (BBC News, US News Hub)" in seed_md
    assert "- **Injured:** unknown" in seed_md
    assert "  - written as: “Abu Bakr al-Saadi”, “Wissam Mohammed “Abu Bakr” al-Saadi”" in seed_md


def test_contested_field_shows_competing_values_not_a_winner(tricky_md: str) -> None:
    line = next(x for x in tricky_md.splitlines() if x.startswith("- **Weapon:**"))
    assert line.startswith("- **Weapon:** contested — ")
    assert "Shahed drone" in line and "artillery (Echo)" in line and " vs " in line
    assert "missile" not in line  # unverified values never stand beside real ones


def test_majority_names_the_outlet_that_contradicts_it(tricky_md: str) -> None:
    lines = tricky_md.splitlines()
    i = next(n for n, x in enumerate(lines) if x.startswith("- **Killed:**"))
    assert lines[i].startswith("- **Killed:** 7 — majority, fair (Echo, Wire 🚑)")
    assert lines[i + 1].startswith("  - contradicted by: 5 (Evil")


def test_claims_grouped_by_speaker_with_outlets(seed_md: str) -> None:
    claims = section(seed_md, "Who claims what")
    assert "### US Armed Forces (military)" in claims
    assert "- “there was no evidence of civilian casualties” (000_4723f9658405ae82)" in claims
    # 'CENTCOM' and 'Centcom' are one speaker, under one heading
    assert claims.count("### Centcom") + claims.count("### CENTCOM") == 1
    assert "### Two security sources (anonymous official)" in claims


def test_disagreements_table_lists_conflicts_and_omissions(tricky_md: str, seed_md: str) -> None:
    rows = [x for x in section(tricky_md, "Where the outlets disagree").splitlines() if x.startswith("| ")]
    assert rows[0] == "| Field | Value | Outlets |"
    assert "| Killed | 7 | Echo, Wire 🚑 |" in rows
    assert any(r.startswith("| Killed | 5 | Evil") for r in rows)
    assert any(r.startswith("| District | not mentioned | Evil") for r in rows)
    seed_rows = section(seed_md, "Where the outlets disagree").splitlines()
    assert "| UTC time | not mentioned | 000_4723f9658405ae82, NPR, The Independent |" in seed_rows


def test_sources_table_and_near_copies(seed_md: str) -> None:
    sources = section(seed_md, "Sources")
    assert "| Outlet | Title | Published | Path | Extractor |" in sources
    assert (
        "| The Independent | US drone strike in Iraq kills militant commander | 2024-02-07 | "
        "seeds/004_9ad3ace87a095593.txt | fake |"
    ) in sources
    copies = "- US News Hub (seeds/001_e2b87f470cf195c7.txt), BBC News (seeds/002_47ce44c9c7986334.txt)"
    assert copies in sources


def test_unverified_values_and_failures_have_their_own_sections(tricky_md: str, seed_md: str) -> None:
    unverified = section(tricky_md, "Unverified values")
    assert "- **Weapon:** missile (Wire 🚑)" in unverified
    assert "“a missile hit”" in unverified
    assert "ModelHTTPError" in section(tricky_md, "Articles that could not be used")
    assert "## Unverified values" not in seed_md
    assert "## Articles that could not be used" not in seed_md


def test_article_markup_reaches_markdown_as_text(tricky_md: str) -> None:
    assert XSS_SCRIPT not in tricky_md and XSS_IMG not in tricky_md
    # every angle bracket is backslash-escaped, so no Markdown viewer sees a tag
    assert re.search(r"(?<!\\)[<>]", tricky_md) is None
    assert r"\<script\>alert(1)\</script\>" in tricky_md


def test_a_pipe_in_a_value_does_not_break_the_table() -> None:
    sheet = tricky_sheet()
    sources = [s.model_copy(update={"title": "A | B"}) if s.id == "emoji" else s for s in sheet.sources]
    text = render_markdown(sheet.model_copy(update={"sources": sources}))
    row = next(x for x in section(text, "Sources").splitlines() if "in/emoji.txt" in x)
    assert row.replace("\\|", "").count("|") == 6
    assert "A \\| B" in row


def test_same_sheet_same_bytes() -> None:
    sheet = tricky_sheet()
    again = FactSheet.model_validate_json(sheet.model_dump_json())
    assert render_markdown(sheet) == render_markdown(again)


def test_vague_values_show_the_articles_words_not_unknown() -> None:
    sheet = tricky_sheet()
    emoji, hostile = sheet.sources[0], sheet.sources[1]
    night = alt(None, [ref(emoji, "at dawn")], spellings=["dawn"])
    clock = alt("05:40", [ref(hostile, "five people died")])
    local_time = SheetField(
        value=None,
        status="agreed",
        grade="fair",
        support=[emoji.outlet, hostile.outlet],
        alternatives=[night, clock],
    )
    event = sheet.event.model_copy(update={"local_time": local_time})
    lines = render_markdown(sheet.model_copy(update={"event": event})).splitlines()
    i = next(n for n, x in enumerate(lines) if x.startswith("- **Local time:**"))
    assert lines[i].startswith("- **Local time:** no exact value — agreed, fair")
    assert lines[i + 1] == "  - compatible: “dawn” (Wire 🚑)"
    assert lines[i + 2].startswith("  - compatible: 05:40 (Evil")


def test_an_empty_sheet_still_reads() -> None:
    fields = {name: SheetField(value=None, status="unknown") for name in EventSheet.model_fields}
    sheet = FactSheet(schema_version="1.0", event=EventSheet(**fields), run=tricky_sheet().run)
    text = render_markdown(sheet)
    assert text.startswith("# Strike\n\nFact sheet from 0 articles.")
    assert "- **Killed:** unknown" in text and "## Sources" not in text
