"""PDF articles: text PDFs read and re-flowed, scanned ones named and skipped with the reason.

The PDFs are written here by hand (a few objects, a content stream of text-showing
operators, a computed cross-reference table), so every test states exactly what the file
holds and needs no fixture files.
"""

from __future__ import annotations

import io
import json
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from factsheet import make
from factsheet.cli import cli
from factsheet.errors import InputError
from factsheet.ingest import read_article, read_articles

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "002_47ce44c9c7986334.txt"  # the BBC News seed

ARTICLE_LINES = [
    "Drone strike kills three in Baghdad",
    "BAGHDAD - A U.S. drone strike on Wednesday evening killed three members of",
    "Kataib Hezbollah, including a senior commander, Iraqi security officials said.",
    "The strike hit a car in the Mashtal district of eastern Baghdad at about",
    "9:30 p.m. local time. The Pentagon said it targeted a commander responsible for",
    "attacks on U.S. forces in the region.",
]


def _escape(line: str) -> bytes:
    raw = line.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_bytes(pages: Sequence[Sequence[str] | None], info: dict[str, str] | None = None) -> bytes:
    """A PDF with one page per item: lines of text, or None for a page that is only an image."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    image = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
    image += b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"
    objects += [font, image]  # objects 3 and 4
    kids: list[int] = []
    for lines in pages:
        if lines is None:
            stream = b"q 600 0 0 800 0 0 cm /Im1 Do Q"
        else:
            stream = b"BT /F1 10 Tf 12 TL 50 760 Td " + b" ".join(
                b"(" + _escape(x) + b") Tj T*" for x in lines
            )
            stream += b" ET"
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> >>" % content
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    trailer = b""
    if info:
        entries = b" ".join(b"/" + k.encode() + b" (" + _escape(v) + b")" for k, v in info.items())
        objects.append(b"<< " + entries + b" >>")
        trailer = b" /Info %d 0 R" % len(objects)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return bytes(out)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_the_builder_writes_a_pdf_pypdf_reads_without_repair() -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes([ARTICLE_LINES, None])), strict=True)
    assert len(reader.pages) == 2
    assert "Kataib Hezbollah" in reader.pages[0].extract_text()


def test_text_pdf_becomes_an_article_with_its_lines_joined_into_paragraphs(tmp_path: Path) -> None:
    path = write(tmp_path, "report.pdf", pdf_bytes([ARTICLE_LINES]))
    article = read_article(path)
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "Drone strike kills three in Baghdad"
    # Sentences broken across typeset lines are whole again, so quotes can be found in them.
    assert (
        "A U.S. drone strike on Wednesday evening killed three members of Kataib Hezbollah, "
        "including a senior commander, Iraqi security officials said." in article.text
    )
    assert "at about 9:30 p.m. local time." in article.text
    assert article.title == "Drone strike kills three in Baghdad"


def test_pdf_title_from_the_info_dictionary_fills_title_and_outlet(tmp_path: Path) -> None:
    info = {"Title": "US strike kills militia commander in Baghdad - BBC News", "CreationDate": "D:20250101"}
    article = read_article(write(tmp_path, "print.pdf", pdf_bytes([ARTICLE_LINES], info)))
    assert article.title == "US strike kills militia commander in Baghdad"
    assert article.outlet == "BBC News"
    # The creation date is when the PDF was printed, not when the article was published.
    assert article.published != "2025-01-01"


def test_a_file_name_as_title_is_not_taken_for_a_headline(tmp_path: Path) -> None:
    info = {"Title": "Microsoft Word - strike_report_final.docx"}
    article = read_article(write(tmp_path, "r.pdf", pdf_bytes([ARTICLE_LINES], info)))
    assert article.title == "Drone strike kills three in Baghdad"


def test_running_headers_and_page_numbers_are_dropped_and_paragraphs_cross_pages(tmp_path: Path) -> None:
    header = "The Baghdad Observer - Middle East edition"
    first = [header, *ARTICLE_LINES[:4], "Page 1 of 2"]
    second = [header, *ARTICLE_LINES[4:], "Page 2 of 2"]
    article = read_article(write(tmp_path, "two.pdf", pdf_bytes([first, second])))
    assert header not in article.text and "Page 1" not in article.text and "Page 2" not in article.text
    assert "eastern Baghdad at about 9:30 p.m. local time." in article.text


def test_scanned_pdf_is_refused_with_the_reason(tmp_path: Path) -> None:
    path = write(tmp_path, "scan.pdf", pdf_bytes([None, None]))
    with pytest.raises(InputError) as caught:
        read_articles(path)
    assert caught.value.path == str(path)
    assert caught.value.problem.startswith("no text layer: a scanned PDF; run OCR first")


def test_empty_page_pdf_is_refused_as_having_no_text_layer(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no text layer"):
        read_articles(write(tmp_path, "blank.pdf", pdf_bytes([[]])))


def test_damaged_and_password_protected_pdfs_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a readable PDF"):
        read_articles(write(tmp_path, "cut.pdf", pdf_bytes([ARTICLE_LINES])[:200]))
    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(InputError, match="password-protected"):
        read_articles(write(tmp_path, "locked.pdf", buffer.getvalue()))


def test_pdf_saved_with_a_text_suffix_is_still_read_as_pdf(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "download.txt", pdf_bytes([ARTICLE_LINES])))
    assert "Kataib Hezbollah" in article.text


def _seed_as_pdf(folder: Path) -> Path:
    """The BBC seed typeset as a two-page PDF: wrapped at 90 characters, a blank line between
    paragraphs, a running footer."""
    lines: list[str] = []
    for paragraph in SEED.read_text(encoding="utf-8").split("\n\n"):
        for line in paragraph.splitlines():
            lines += textwrap.wrap(line, 90)
        lines.append("")
    half = len(lines) // 2
    pages = [[*lines[:half], "bbc.co.uk/news 1/2"], [*lines[half:], "bbc.co.uk/news 2/2"]]
    return write(folder, "bbc.pdf", pdf_bytes(pages))


def test_seed_read_from_a_pdf_gives_the_same_facts_as_from_text(tmp_path: Path) -> None:
    (tmp_path / "txt").mkdir()
    (tmp_path / "pdf").mkdir()
    (tmp_path / "txt" / "bbc.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    _seed_as_pdf(tmp_path / "pdf")
    from_text = make([tmp_path / "txt"], extractor="offline")
    from_pdf = make([tmp_path / "pdf"], extractor="offline")
    for field in ("date", "city", "attacker", "weapon", "killed", "target_organisation"):
        assert getattr(from_pdf.event, field).value == getattr(from_text.event, field).value, field
    assert "bbc.co.uk/news" not in from_pdf.sources[0].text


def test_make_skips_a_scanned_pdf_by_name_and_merges_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _seed_as_pdf(folder)
    (folder / "scan.pdf").write_bytes(pdf_bytes([None]))
    out = tmp_path / "event.json"
    result = CliRunner().invoke(cli, ["make", str(folder), "-o", str(out)])
    assert result.exit_code == 3, result.output
    assert f"{folder / 'scan.pdf'} skipped: no text layer: a scanned PDF; run OCR first" in result.output
    sheet = json.loads(out.read_text())
    assert [Path(s["path"]).name for s in sheet["sources"]] == ["bbc.pdf"]
    assert [(Path(f["path"]).name, f["stage"]) for f in sheet["failures"]] == [("scan.pdf", "ingest")]
