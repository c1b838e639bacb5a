"""Ingest: what a user notices is the outlet, the date, the text the model will read, and errors
that name the file. Seeds are the five real scraped articles; the rest are small realistic pages.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from factsheet.errors import InputError
from factsheet.ingest import collect_paths, ingest, read_article, read_articles, unique_ids
from factsheet.ingest.boilerplate import clean

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture(scope="module")
def seeds() -> dict[str, object]:
    return {path.name[:3]: read_article(path) for path in sorted(SEEDS.glob("*.txt"))}


# --- the seeds ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "outlet"),
    [("002", "BBC News"), ("003", "NPR"), ("004", "The Independent")],
)
def test_seed_outlet_is_read_from_the_page(seeds, prefix: str, outlet: str) -> None:
    article = seeds[prefix]
    assert (article.outlet, article.outlet_origin) == (outlet, "text")


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_seed_without_a_named_outlet_falls_back_to_its_file_name(seeds, prefix: str) -> None:
    """000 cites Reuters and the New York Times, 001 cites AFP: sources, not the publisher."""
    article = seeds[prefix]
    assert article.outlet == seed(prefix).stem
    assert article.outlet_origin == "filename"


def test_all_five_seed_sources_stay_distinct(seeds) -> None:
    assert len({a.outlet for a in seeds.values()}) == 5
    assert len({a.id for a in seeds.values()}) == 5


def test_seed_dateline_and_published_date(seeds) -> None:
    assert seeds["002"].dateline == "Baghdad"
    assert seeds["004"].published == "2024-02-07"
    # 000 and 002 mention dates only inside the reporting: no publication date is invented.
    assert seeds["000"].published is None
    assert seeds["002"].published is None


def test_seed_titles_lose_site_suffixes_and_section_tags(seeds) -> None:
    assert (
        seeds["003"].title == "U.S. drone strike in Iraq kills head of Iran-backed militia Kataib Hezbollah."
    )
    assert seeds["001"].title == "US drone kills Iran-backed Baghdad militia commander"
    assert seeds["000"].title.endswith("in Baghdad, Iraq")


@pytest.mark.parametrize(
    ("prefix", "furniture"),
    [
        ("000", ["Leave a Reply", "You May Also Like", "About the Author", "Proud explorer"]),
        ("001", ["Leave a Comment", "0 Comments found", "IMG-LOGO", "HI 58°", "World News"]),
        ("002", ["Leave a Reply", "See also", "Gabriel Attel", "Your email address"]),
        ("003", ["Most Shared", "hide caption", "toggle caption", "Source link", "Back to top"]),
        (
            "004",
            [
                "Your support helps us",
                "Your donation allows us",
                "paywalls",
                "Notifications can be managed",
                "Join our commenting forum",
                "Thank you for registering",
            ],
        ),
    ],
)
def test_seed_furniture_is_gone(seeds, prefix: str, furniture: list[str]) -> None:
    text = seeds[prefix].text
    for phrase in furniture:
        assert phrase not in text


@pytest.mark.parametrize(
    ("prefix", "reporting"),
    [
        ("000", ["Two security sources who spoke to Reuters", "A destroyed car in Baghdad, Iraq"]),
        ("001", ["resulted in the death of the individual", "Houthi organisation in Yemen."]),
        (
            "002",
            ["The Pentagon said the commander was responsible", "Additional reporting by Shankar Khalil"],
        ),
        (
            "003",
            ["killed at least one leader of an Iran-backed militia", "Murtaja Lateef/AFP via Getty Images"],
        ),
        (
            "004",
            [
                "A US drone strike in Baghdad has killed a high-ranking militia commander.",
                "Wissam Mohammed “Abu Bakr” al-Saadi",
                "Wednesday 07 February 2024 22:13 GMT",
                "(AP Photo/Hadi Mizban)",
            ],
        ),
    ],
)
def test_seed_reporting_and_captions_remain(seeds, prefix: str, reporting: list[str]) -> None:
    text = seeds[prefix].text
    for phrase in reporting:
        assert phrase in text


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_long_lines_are_dropped_only_as_appeals_duplicates_or_the_comment_tail(prefix: str) -> None:
    """Err on keeping: a full sentence of reporting must never fall to a line pattern."""
    removed = clean(seed(prefix).read_text(encoding="utf-8")).removed
    long_removed = [r for r in removed if len(r.text.split()) >= 15]
    allowed = {"appeal", "duplicate", "after-article", "form", "comments", "account"}
    assert all(r.family in allowed for r in long_removed), long_removed


def test_seed_text_is_the_files_own_lines_and_hash(seeds) -> None:
    for prefix, article in seeds.items():
        raw = seed(prefix).read_text(encoding="utf-8")
        assert all(line in raw for line in article.text.split("\n"))
        assert article.sha256 == hashlib.sha256(article.text.encode("utf-8")).hexdigest()
        assert article.id == seed(prefix).stem


def test_repeated_headline_and_caption_are_collapsed(seeds) -> None:
    assert seeds["000"].text.count("militia leader in a drone strike in Baghdad, Iraq") == 1
    assert seeds["003"].text.count("People, rescuers and security forces gather") == 1


# --- encodings and unreadable files ----------------------------------------------------------

ARTICLE = (
    "BAGHDAD (Reuters) - A U.S. drone strike killed a commander of Kata’ib Hezbollah in Baghdad "
    "on Wednesday, “two security sources” said.\n\nThree people were in the car, police said.\n"
)


def test_windows_1252_file_keeps_curly_quotes(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes(ARTICLE.replace("\n", "\r\n").encode("cp1252"))
    article = read_article(path)
    assert "Kata’ib Hezbollah" in article.text
    assert "“two security sources”" in article.text
    assert "\r" not in article.text
    assert (article.dateline, article.outlet) == ("Baghdad", "Reuters")


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    assert read_article(path).text.startswith("BAGHDAD (Reuters)")


def test_utf16_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    article = read_article(path)
    assert article.text.startswith("BAGHDAD (Reuters)")
    assert "Kata’ib" in article.text


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n\t\n", "empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        ("furniture.txt", b"Leave a Reply\nShare this article\nAdvertisement\n", "no article text left"),
    ],
)
def test_unusable_files_raise_input_error_naming_the_file(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_articles(path)
    assert caught.value.path == str(path)
    assert problem in caught.value.problem
    assert str(path) in str(caught.value)


# --- JSON ----------------------------------------------------------------------------------------


def test_jsonl_gives_one_article_per_line_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    records = [
        {"text": ARTICLE, "outlet": "Wire Service Daily", "published": "2024-02-07T22:13:00Z", "url": "u1"},
        {"text": "BAGHDAD — Crowds gathered near the burned car on Thursday morning, witnesses said."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    first, second = read_articles(path)
    assert (first.id, second.id) == ("feed#1", "feed#2")
    assert (first.outlet, first.outlet_origin, first.published, first.url) == (
        "Wire Service Daily",
        "metadata",
        "2024-02-07",
        "u1",
    )
    assert second.outlet == "feed" and second.dateline == "Baghdad"


def test_jsonl_bad_line_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"text": ARTICLE})
    path.write_text(f"{good}\n{{'text': broken\n{good}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_articles(path)
    assert str(path) in str(caught.value)
    assert "line 2" in caught.value.problem and "invalid JSON" in caught.value.problem


def test_json_record_without_text_is_named(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"text": ARTICLE}, {"body": "no text key here"}]), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_articles(path)
    assert "record 2" in caught.value.problem and "'text'" in caught.value.problem


def test_json_object_is_one_article(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"text": ARTICLE, "title": "Strike in Baghdad", "source": {"name": "Rudaw"}}))
    article = read_article(path)
    assert (article.id, article.title, article.outlet) == ("one", "Strike in Baghdad", "Rudaw")


# --- markdown and HTML ---------------------------------------------------------------------------


def test_markdown_front_matter_is_metadata_and_not_text(tmp_path: Path) -> None:
    path = tmp_path / "guardian.md"
    path.write_text(
        '---\ntitle: "US drone strike kills commander in Baghdad"\noutlet: The Guardian\n'
        "date: 7 February 2024\nurl: https://example.org/strike\n---\n\n"
        "# US drone strike kills commander in Baghdad\n\n"
        "A **US drone strike** in [Baghdad](https://example.org/b) killed three people, officials said.\n",
        encoding="utf-8",
    )
    article = read_article(path)
    assert (article.outlet, article.outlet_origin) == ("The Guardian", "metadata")
    assert (article.title, article.published, article.url) == (
        "US drone strike kills commander in Baghdad",
        "2024-02-07",
        "https://example.org/strike",
    )
    assert "outlet:" not in article.text and "---" not in article.text
    assert "A US drone strike in Baghdad killed three people, officials said." in article.text


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Drone strike kills militia commander in Baghdad | Example Herald</title>
<meta property="og:site_name" content="Example Herald">
<meta property="article:published_time" content="2024-02-07T20:15:00+00:00">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>
<div class="ad-slot">Advertisement</div>
<main><article>
<h1>Drone strike kills militia commander in Baghdad</h1>
<p>A drone strike on Wednesday night killed a senior commander of Kataib Hezbollah in eastern Baghdad,
according to Iraqi security officials who spoke to Reuters.</p>
<figure><img src="car.jpg" alt=""><figcaption>Iraqis gather around a burned car in the Mashtal district
of Baghdad (AFP via Getty Images)</figcaption></figure>
<p>The strike targeted a vehicle carrying three people, all of whom were killed, the officials said.</p>
<p>US Central Command said the commander planned attacks on US forces in the region.</p>
</article></main>
<section id="comments"><h3>Leave a Reply</h3><div class="comment"><p>Great piece, thanks!</p></div></section>
<footer><p>© 2024 Example Herald. All rights reserved.</p></footer>
<script>window.dataLayer = [];</script>
</body></html>"""


def test_html_page_keeps_the_article_and_its_caption_only(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    article = read_article(path)
    assert (article.outlet, article.outlet_origin, article.published) == (
        "Example Herald",
        "metadata",
        "2024-02-07",
    )
    assert article.title == "Drone strike kills militia commander in Baghdad"
    assert "killed a senior commander of Kataib Hezbollah" in article.text
    assert "Iraqis gather around a burned car" in article.text
    for furniture in (
        "Advertisement",
        "Leave a Reply",
        "Great piece",
        "dataLayer",
        "All rights reserved",
        "Home",
    ):
        assert furniture not in article.text


def test_html_title_suffix_names_the_outlet_when_no_site_name(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(
        PAGE.replace('<meta property="og:site_name" content="Example Herald">', ""), encoding="utf-8"
    )
    article = read_article(path)
    assert (article.outlet, article.outlet_origin) == ("Example Herald", "metadata")


# --- outlet, date and dateline rules on text -------------------------------------------------


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_outlets_cited_as_sources_are_not_the_publisher(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "cited.txt",
        "Strike kills three in Baghdad\n\nMurtaja Lateef/AFP via Getty Images\n\nREUTERS/Thaier Al-Sudani\n\n"
        "Support Independent Journalism\n\n"
        "Photo by Ahmed Saad, AFP\n\n"
        "A drone strike killed three people in Baghdad, according to Reuters.\n\n"
        "Two officials told the AP the car was hit at night, The New York Times reported.\n",
    )
    article = read_article(path)
    assert (article.outlet, article.outlet_origin) == ("cited", "filename")


@pytest.mark.parametrize(
    ("first_lines", "outlet"),
    [
        ("Drone strike in Baghdad kills commander | Reuters\n", "Reuters"),
        ("Drone strike in Baghdad kills commander - The Guardian\n", "The Guardian"),
        (
            "Drone strike in Baghdad kills commander\nBy Jane Doe, Kurdistan Chronicle\n",
            "Kurdistan Chronicle",
        ),
        ("Drone strike in Baghdad kills commander\nSource: Shafaq News\n", "Shafaq News"),
        (
            "Get breaking news alerts from The Baghdad Post\nDrone strike kills commander\n",
            "The Baghdad Post",
        ),
    ],
)
def test_outlet_from_the_places_a_page_names_itself(tmp_path: Path, first_lines: str, outlet: str) -> None:
    body = "\nA drone strike killed three people in eastern Baghdad on Wednesday night, police said.\n"
    article = read_article(_write(tmp_path, "a.txt", first_lines + body))
    assert (article.outlet, article.outlet_origin) == (outlet, "text")


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("BAGHDAD (Reuters) - A drone strike killed three people on Wednesday, police said.", "Baghdad"),
        (
            "BAGHDAD — A drone strike killed three people in the east of the city on Wednesday, police said.",
            "Baghdad",
        ),
        (
            "AL-QAIM, Iraq, Feb 7 (AFP) - A drone strike killed three people near the border, police said.",
            "Al-Qaim",
        ),
        (
            "Strike in Baghdad\n• BBC News, Baghdad\n\nA drone strike killed three people, police said.",
            "Baghdad",
        ),
        ("WATCH — A drone strike killed three people in the east of the city on Wednesday night.", None),
        ("Kataib Hezbollah (KHB) — The group said three members were killed on Wednesday night.", None),
    ],
)
def test_dateline_place(tmp_path: Path, opening: str, place: str | None) -> None:
    assert read_article(_write(tmp_path, "d.txt", opening + "\n")).dateline == place


@pytest.mark.parametrize(
    ("stamp", "published"),
    [
        ("Wednesday 07 February 2024 22:13 GMT", "2024-02-07"),
        ("Feb. 7, 2024", "2024-02-07"),
        ("2024-02-07", "2024-02-07"),
        ("Updated 7 February 2024", "2024-02-07"),
        ("February 8, 2024 1:05 AM GMT Updated 2 hours ago", "2024-02-08"),
        ("07/02/2024", None),  # day-first or month-first: not guessed
        ("Posted on Wednesday", None),
    ],
)
def test_published_from_a_date_stamp_near_the_top(tmp_path: Path, stamp: str, published: str | None) -> None:
    text = f"Drone strike kills commander in Baghdad\n{stamp}\n\nA drone strike killed three, police said.\n"
    assert read_article(_write(tmp_path, "p.txt", text)).published == published


def test_dates_inside_the_reporting_are_not_the_publication_date(tmp_path: Path) -> None:
    text = (
        "Drone strike kills commander\n\nThe strike on February 7, 2024 killed three people, police said.\n"
    )
    assert read_article(_write(tmp_path, "r.txt", text)).published is None


# --- boilerplate rules that must keep reporting ------------------------------------------------


def test_quoted_appeals_and_mid_article_related_blocks_keep_the_reporting(tmp_path: Path) -> None:
    lead = (
        "BAGHDAD — A drone strike hit a car carrying members of an armed group in eastern Baghdad late on "
        "Wednesday, killing three people, two security officials said, in an attack the US later claimed.\n\n"
        "The officials said the vehicle was struck at about 9:30 p.m. on a busy street in Mashtal.\n\n"
    )
    after = (
        "Related Articles\n\nUS strikes 85 targets in Iraq and Syria\n\n"
        "“We need your support to rebuild,” a resident told reporters at the scene, pointing at the wreckage "
        "of the car and at shop fronts whose windows had been blown out.\n\n"
        "Our forces will respond to this crime, the group said in a statement posted on Telegram.\n\n"
        "Share this article\n\nComments\n"
    )
    article = read_article(_write(tmp_path, "keep.txt", lead + after))
    assert "“We need your support to rebuild,” a resident told reporters" in article.text
    assert "Our forces will respond to this crime" in article.text
    assert "Related Articles" not in article.text and "Share this article" not in article.text


def test_donation_appeal_in_the_outlets_voice_is_dropped_and_names_it(tmp_path: Path) -> None:
    text = (
        "Drone strike kills commander in Baghdad\n\n"
        "A drone strike killed three people in eastern Baghdad on Wednesday night, police said.\n\n"
        "Support quality journalism\n\n"
        "The Baghdad Observer is on the ground when the story is developing; we know how much our reporting "
        "matters.\n\nWe rely on readers like you: please donate today to keep our journalism free.\n\n"
        "Police sealed off the street after the strike.\n"
    )
    article = read_article(_write(tmp_path, "appeal.txt", text))
    assert "donate" not in article.text and "on the ground when the story" not in article.text
    assert "Police sealed off the street after the strike." in article.text
    assert (article.outlet, article.outlet_origin) == ("The Baghdad Observer", "text")


# --- paths -----------------------------------------------------------------------------------------


def test_collect_paths_walks_folders_sorted_skipping_hidden_unsupported_and_loops(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    (root / "b").mkdir(parents=True)
    (root / "a.md").write_text("x")
    (root / "c.JSON").write_text("{}")
    (root / "b" / "z.html").write_text("x")
    (root / "b" / "y.jsonl").write_text("x")
    (root / ".hidden.txt").write_text("x")
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    (root / ".git").mkdir()
    (root / ".git" / "x.txt").write_text("x")
    os.symlink(root, root / "b" / "loop")
    found = collect_paths([root, root / "a.md"])
    assert [p.relative_to(root).as_posix() for p in found] == ["a.md", "b/y.jsonl", "b/z.html", "c.JSON"]


def test_collect_paths_errors_name_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError, match=r"nope\.txt") as caught:
        collect_paths([missing])
    assert caught.value.path == str(missing)
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "readme.docx").write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError) as caught:
        collect_paths([empty])
    assert caught.value.path == str(empty) and "no article files" in caught.value.problem


def test_ingest_mixed_folder_gives_unique_ids_and_collects_failures(tmp_path: Path) -> None:
    for folder in ("bbc", "npr"):
        (tmp_path / folder).mkdir()
        _write(tmp_path / folder, "report.txt", ARTICLE)
    (tmp_path / "npr" / "broken.txt").write_bytes(b"")
    _write(tmp_path, "feed.jsonl", json.dumps({"text": ARTICLE, "outlet": "Reuters"}) + "\n")
    articles, errors = ingest([tmp_path])
    assert sorted(a.id for a in articles) == ["bbc/report", "feed#1", "npr/report"]
    assert [Path(e.path).name for e in errors] == ["broken.txt"]
    # Same outlet (Reuters, from the dateline and the metadata) but distinct ids: both are kept.
    assert {a.outlet for a in articles} == {"Reuters"}


def test_unique_ids_leaves_unique_ones_alone(seeds) -> None:
    articles = list(seeds.values())
    assert [a.id for a in unique_ids(articles)] == [a.id for a in articles]


def test_a_tag_list_is_furniture_not_reporting() -> None:
    cleaned = clean(
        "An air strike hit a clinic in Kunduz on Saturday, killing nine staff, the charity said.\n\n"
        "Tagged as: medical charity, air strike, Nato, US forces, Taliban Bart Janssens, world news\n"
    )
    assert "Taliban Bart Janssens" not in cleaned.text
    assert "killing nine staff" in cleaned.text


def test_a_bare_read_link_to_another_story_is_furniture() -> None:
    cleaned = clean(
        "US strikes killed 100 pro-government fighters in Deir ez-Zor on Wednesday, officials said.\n\n"
        "Read  IDF fighter jets strike targets in Syria after rocket fire\n\n"
        "Read the statement in full, the ministry said on its website."
    )
    assert "IDF fighter jets" not in cleaned.text
    assert "Read the statement in full, the ministry said on its website." in cleaned.text
