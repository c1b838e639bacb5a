"""The HTML page, read the way a browser would read it: tags, attributes, the data island, the CSP.

What a person clicks is tested in test_browser.py; here, what must hold in the bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest

from factsheet.models import EventSheet, FactSheet, SheetField
from factsheet.render import render_html
from tests.render_samples import EMOJI_TEXT, XSS_IMG, XSS_SCRIPT, seed_sheet, tricky_sheet


class Page(HTMLParser):
    """Every start tag with its attributes, the text of <script>/<style>, and the matrix as rows of cells."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self.rows: list[tuple[str, list[tuple[str, str]]]] = []
        self._in: str | None = None
        self._matrix = False
        self._cell: list[str] | None = None
        self._cls = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in self.raw:
            self._in = tag
            self.raw[tag].append("")
        if tag == "table" and a.get("class") == "matrix":
            self._matrix = True
        if self._matrix and tag == "tr":
            self.rows.append(("", []))
        if self._matrix and tag in ("th", "td"):
            self._cell, self._cls = [], a.get("class") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag in self.raw:
            self._in = None
        if tag == "table":
            self._matrix = False
        if self._matrix and tag in ("th", "td") and self._cell is not None and self.rows:
            text = " ".join("".join(self._cell).split())
            head, cells = self.rows[-1]
            if tag == "th" and not cells and not head:
                self.rows[-1] = (text, cells)
            else:
                cells.append((self._cls, text))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.raw[self._in][-1] += data
        if self._cell is not None:
            self._cell.append(data)

    def row(self, starts: str) -> list[tuple[str, str]]:
        return next(cells for head, cells in self.rows if head.startswith(starts))

    def data(self) -> dict:
        script = next(t for t, a in self.tags if t == "script" and a.get("type") == "application/json")
        assert script
        return json.loads(self.raw["script"][0])


@pytest.fixture(scope="module")
def tricky_html() -> str:
    return render_html(tricky_sheet())


@pytest.fixture(scope="module")
def tricky(tricky_html: str) -> Page:
    return Page(tricky_html)


@pytest.fixture(scope="module")
def seed() -> Page:
    return Page(render_html(seed_sheet()))


def test_article_markup_stays_text(tricky_html: str, tricky: Page) -> None:
    assert XSS_SCRIPT not in tricky_html
    assert XSS_IMG not in tricky_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in tricky_html
    assert not [t for t, _ in tricky.tags if t in ("img", "b", "iframe", "object")]
    assert [a.get("type") for t, a in tricky.tags if t == "script"] == ["application/json", None]
    handlers = [k for _, a in tricky.tags for k in a if k.startswith("on")]
    assert handlers == []


def test_data_island_cannot_close_its_script(tricky: Page) -> None:
    island = tricky.raw["script"][0]
    assert "<" not in island and ">" not in island and "&" not in island
    assert "\u2028" not in island and "\\u2028" in island
    texts = {k: v["text"] for k, v in tricky.data()["sources"].items()}
    assert XSS_SCRIPT in texts["hostile"]  # the article itself is intact, only encoded


def test_quote_offsets_index_code_points_so_emoji_do_not_shift_them(tricky: Page) -> None:
    data = tricky.data()
    emoji_quotes = [q for q in data["quotes"] if q["source"] == "emoji" and q["match"] == "exact"]
    assert emoji_quotes
    for q in emoji_quotes:
        text = data["sources"]["emoji"]["text"]
        assert text[q["start"] : q["end"]] == q["quote"]
        # the same offsets in UTF-16 units (a naive JS slice) would miss: the page must not use them
        units = text.encode("utf-16-le")
        naive = units[2 * q["start"] : 2 * q["end"]].decode("utf-16-le", errors="replace")
        assert naive != q["quote"]
    assert text == EMOJI_TEXT


def test_every_value_points_at_quotes_that_exist(tricky: Page, seed: Page) -> None:
    for page in (tricky, seed):
        data = page.data()
        refs = [a["data-q"] for _, a in page.tags if "data-q" in a]
        assert refs
        for ref in refs:
            for i in (ref or "").split():
                q = data["quotes"][int(i)]
                assert q["source"] in data["sources"]
                if q["match"] == "exact":
                    text = data["sources"][q["source"]]["text"]
                    assert text[q["start"] : q["end"]] == q["quote"]


def test_nothing_is_fetched_from_the_network(tricky: Page, tricky_html: str) -> None:
    assert not [a for _, a in tricky.tags if "src" in a]
    hrefs = [a["href"] for _, a in tricky.tags if "href" in a]
    assert hrefs and all((h or "").startswith("#") for h in hrefs)
    css = tricky.raw["style"][0]
    assert "url(" not in css and "@import" not in css
    # the article's own link is only text inside the data island
    assert tricky_html.count("https://") == 1 and "https://evil.example" in tricky.raw["script"][0]


def test_content_security_policy_allows_exactly_the_page_own_script_and_style(tricky: Page) -> None:
    csp = next(
        a["content"]
        for t, a in tricky.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp and "default-src 'none'" in csp

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert f"script-src {digest(tricky.raw['script'][1])}" in csp
    assert f"style-src {digest(tricky.raw['style'][0])}" in csp


def test_matrix_marks_differing_and_silent_cells(tricky: Page) -> None:
    header = tricky.rows[1][1]
    assert [t for _, t in header] == [
        "Wire 🚑",
        'Evil "><img src=x onerror=alert(1)>',
        "Echo (1)",
        "Echo (2)",
    ]
    killed = tricky.row("Killed")
    assert killed[1] == ("differs", "≠ 5")
    assert killed[0] == ("same", "7")
    district = tricky.row("District")
    assert district[1] == ("silent", "— not mentioned")
    weapon = tricky.row("Weapon")
    assert weapon[0] == ("unverified", "? missile")
    assert weapon[2][0] == "differs"  # a contested field has no value to agree with


def test_near_copies_are_grouped(tricky: Page, tricky_html: str) -> None:
    groups = [a for t, a in tricky.tags if t == "th" and a.get("class") == "group"]
    assert [g.get("colspan") for g in groups] == ["2"]
    block = tricky_html[tricky_html.index('<div class="copy-group">') :]
    block = block[: block.index("</div></div></div>")]
    assert 'id="src-copy-a"' in block and 'id="src-copy-b"' in block and 'id="src-emoji"' not in block


def test_unverified_values_and_failures_have_panels(tricky_html: str, seed: Page) -> None:
    panel = tricky_html[tricky_html.index('<section id="unverified"') :]
    panel = panel[: panel.index("</section>")]
    assert ">missile<" in panel and ">The army<" in panel and "a missile hit" in panel
    failures = tricky_html[tricky_html.index('<section id="failures"') :]
    assert "in/&lt;script&gt;alert(1)&lt;/script&gt;.txt" in failures
    assert not [a for _, a in seed.tags if a.get("id") in ("unverified", "failures")]


def test_sheet_lists_each_field_with_status_and_outlets(seed: Page) -> None:
    ids = [a["id"] for t, a in seed.tags if t == "div" and (a.get("id") or "").startswith("f-")]
    assert len(ids) == 12
    html = render_html(seed_sheet())
    killed = html[html.index('id="f-killed"') :]
    killed = killed[: killed.index('<div class="field"')]
    assert ">3</a>" in killed and ">agreed<" in killed and ">confirmed<" in killed
    assert re.findall(r'class="chip"[^>]*>([^<]+)<', killed) == [
        "000_4723f9658405ae82",
        "BBC News",
        "NPR",
        "The Independent",
        "US News Hub",
    ]


def test_phone_and_print_layouts_exist(tricky: Page) -> None:
    css = tricky.raw["style"][0]
    assert "@media (max-width" in css and "@media print" in css
    assert any(t == "meta" and a.get("name") == "viewport" for t, a in tricky.tags)


def test_same_sheet_same_bytes() -> None:
    sheet = tricky_sheet()
    again = FactSheet.model_validate_json(sheet.model_dump_json())
    assert render_html(sheet) == render_html(again)


def test_sheets_without_article_texts_or_sources_still_render() -> None:
    sheet = tricky_sheet()
    bare = sheet.model_copy(update={"sources": [s.model_copy(update={"text": None}) for s in sheet.sources]})
    page = Page(render_html(bare))
    assert not [a for _, a in page.tags if "data-src" in a]  # no 'read the article' without a text
    assert all(v["text"] is None for v in page.data()["sources"].values())
    fields = {name: SheetField(value=None, status="unknown") for name in EventSheet.model_fields}
    empty = Page(render_html(FactSheet(schema_version="1.0", event=EventSheet(**fields), run=sheet.run)))
    assert empty.rows == [] and empty.data() == {"quotes": [], "sources": {}}


def test_rows_where_outlets_part_ways_are_flagged() -> None:
    flagged = re.findall(r'<tr class="diff-row"><th scope="row">([^<]+?) <', render_html(seed_sheet()))
    assert flagged == ["Local time", "UTC time", "District", "Target (person)"]  # not 'Injured': nobody says
