"""Inputs a user should not have given us, and what they get back: a message naming the file.

Empty, binary, enormous, unreadable, looping, thousands of files, an article in another
language, an article about something else. None of them may stall the run, cost the other
articles their place in the sheet, or come out as invented strike values.

The foreign-language, sports and council articles below are FAKES written for these tests.
"""

from __future__ import annotations

import gzip
import os
import shutil
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from factsheet.config import LLMSettings
from factsheet.errors import ConfigError, InputError
from factsheet.extractors.llm import LLMExtractor
from factsheet.ingest import collect_paths, ingest, read_articles
from factsheet.ingest.limits import ENV_MAX_ARTICLE_BYTES, MAX_ARTICLE_BYTES
from factsheet.models import EVENT_FIELDS, FactSheet
from factsheet.pipeline import extract_all, make
from factsheet.screening import article_warnings
from factsheet.summary import summarise
from tests.fakes import fake_answer
from tests.openai_stub import STUB_MODEL, OpenAIStub

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLE = (
    "Drone strike kills two in Qalat Dizah\n\n"
    "QALAT DIZAH, Iraq, March 3 - A Turkish drone struck a car near the market of Qalat Dizah on "
    "Sunday night, killing two members of the PKK, local officials said.\n"
)

FRENCH = """Une frappe de drone tue un commandant à Bagdad

BAGDAD, 8 février - Une frappe de drone américaine a tué mercredi soir à Bagdad un commandant des \
Brigades du Hezbollah, ont annoncé des responsables irakiens. Trois personnes ont été tuées et deux \
autres blessées lorsque le véhicule a été touché dans le quartier de Machtal, dans l'est de la capitale.

Le Pentagone a confirmé l'opération, affirmant qu'elle répondait à une attaque contre des soldats \
américains en Jordanie qui avait fait trois morts.
"""

ARABIC = """غارة بطائرة مسيرة تقتل قياديا في بغداد

قتل ثلاثة أشخاص في غارة بطائرة مسيرة أمريكية استهدفت سيارة في حي المشتل شرقي بغداد مساء الأربعاء، \
بحسب مسؤولين عراقيين. وقال مسؤول أمني إن القيادي في كتائب حزب الله كان من بين القتلى، فيما أصيب \
شخصان بجروح.
"""

SPORTS = """United edge Liverpool in late thriller at Old Trafford

MANCHESTER, England - Manchester United beat Liverpool 2-1 on Sunday after a stunning late strike \
from 25 yards by their captain killed off the visitors' hopes of a comeback.

Liverpool had taken the lead in the 12th minute when their forward fired a low shot past the \
goalkeeper, and they attacked relentlessly for most of the first half. Three players were injured \
during a bruising second half, the club said.

"We were hit by two quick goals and could not respond," the Liverpool manager told reporters after \
the match. Around 74,000 fans attended the game.
"""

COUNCIL = """Council approves new bus lanes for the city centre

LEEDS, England - The city council voted on Tuesday to approve three new bus lanes through the \
centre, a plan that officials said would cut journey times by a fifth.

Councillors debated the proposal for more than four hours before the vote, which passed by 52 to \
31. Work is due to begin in the spring and will take about eighteen months, the council said.
"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def problem_of(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        read_articles(path)
    assert caught.value.path == str(path) and str(path) in str(caught.value)
    return caught.value


# -- empty and binary ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("empty.txt", b"", "file is empty"),
        ("spaces.txt", b"   \n\t\n  ", "file is empty"),
        ("empty.jsonl", b"\n\n", "file is empty"),
        ("empty.html", b"<html><body><script>x()</script></body></html>", "no article text"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
        ("archive.txt", gzip.compress(ARTICLE.encode() * 20), "binary file"),
        ("noise.md", bytes(b % 31 + 1 for b in range(1, 4000)), "binary file"),
        ("paper.html", b"%PDF-1.7\n" + bytes(range(256)) * 8, "not a readable PDF"),
    ],
)
def test_empty_and_binary_files_are_named_and_refused(
    tmp_path: Path, name: str, content: bytes, says: str
) -> None:
    assert says in problem_of(write(tmp_path, name, content)).problem


def test_bad_files_are_listed_as_failures_and_the_good_one_is_still_read(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", ARTICLE)
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))

    sheet = make([tmp_path], extractor="offline")

    assert [s.path for s in sheet.sources] == [str(good)]
    assert {Path(f.path).name: f.stage for f in sheet.failures} == {
        "empty.txt": "ingest",
        "photo.txt": "ingest",
    }
    summary = summarise(sheet)
    assert "2 article(s) could not be used" in summary and "empty.txt: file is empty" in summary


# -- enormous -----------------------------------------------------------------------------------


def test_a_50_mb_file_is_refused_at_once_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "dump.txt"
    with huge.open("wb") as handle:
        handle.write(ARTICLE.encode())
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk

    tracemalloc.start()
    started = time.perf_counter()
    try:
        articles, errors = ingest([huge])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert time.perf_counter() - started < 1.0
    assert peak < 1_000_000, f"{peak:,} bytes allocated: the file was read"
    assert articles == [] and len(errors) == 1
    message = str(errors[0])
    assert str(huge) in message and "52.4 MB" in message and "5.0 MB" in message
    assert ENV_MAX_ARTICLE_BYTES in message


def test_the_limit_follows_the_environment_and_bad_values_name_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = write(tmp_path, "long.txt", ARTICLE * 20)  # about 3.5 kB
    monkeypatch.setenv(ENV_MAX_ARTICLE_BYTES, "2000")
    assert "more than the 2 kB" in problem_of(article).problem

    monkeypatch.setenv(ENV_MAX_ARTICLE_BYTES, "10_000")
    assert len(read_articles(article)) == 1

    monkeypatch.setenv(ENV_MAX_ARTICLE_BYTES, "five megabytes")
    with pytest.raises(ConfigError, match=ENV_MAX_ARTICLE_BYTES):
        read_articles(article)


def test_default_limit_reads_a_long_article_but_not_a_book(tmp_path: Path) -> None:
    long_read = write(tmp_path, "long.txt", ARTICLE * 1000)  # 180 kB: a very long article
    assert len(read_articles(long_read)) == 1
    book = write(tmp_path, "book.txt", ARTICLE * (MAX_ARTICLE_BYTES // len(ARTICLE) + 1))
    assert "more than the 5.0 MB" in problem_of(book).problem


def test_one_oversized_record_in_a_jsonl_file_is_named_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_MAX_ARTICLE_BYTES, "1000")
    import json

    lines = [json.dumps({"text": ARTICLE}), json.dumps({"text": ARTICLE * 10})]
    feed = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    problem = problem_of(feed).problem
    assert problem.startswith("line 2: the text is") and "1000 bytes" in problem


def test_a_pipe_named_like_an_article_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "stream.txt"
    os.mkfifo(fifo)
    started = time.perf_counter()
    assert "not a regular file" in problem_of(fifo).problem
    assert time.perf_counter() - started < 1.0


# -- many files ---------------------------------------------------------------------------------


def test_three_thousand_files_are_collected_in_well_under_a_few_seconds(tmp_path: Path) -> None:
    for n in range(3000):
        (tmp_path / f"{n // 500:02d}").mkdir(exist_ok=True)
        (tmp_path / f"{n // 500:02d}" / f"article-{n:04d}.txt").write_bytes(b"x")

    started = time.perf_counter()
    found = collect_paths([tmp_path])
    elapsed = time.perf_counter() - started

    assert len(found) == 3000 and found == sorted(found)
    assert elapsed < 2.0, f"{elapsed:.2f} s"


# -- permissions and links ----------------------------------------------------------------------


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="running as root: chmod 000 does not stop root from reading (see the simulated test below)",
)
def test_unreadable_file_says_permission_denied(tmp_path: Path) -> None:
    locked = write(tmp_path, "locked.txt", ARTICLE)
    locked.chmod(0)
    try:
        assert "permission denied" in problem_of(locked).problem
    finally:
        locked.chmod(0o644)


def test_unreadable_file_simulated_says_permission_denied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same as above for root, who can read anything: the OS refusal is simulated."""
    locked = write(tmp_path, "locked.txt", ARTICLE)
    write(tmp_path, "open.txt", ARTICLE)
    real_open = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    articles, errors = ingest([tmp_path])

    assert [Path(a.path).name for a in articles] == ["open.txt"]
    assert [(e.path, e.problem) for e in errors] == [
        (str(locked), "cannot be read: permission denied (check the file's permissions)")
    ]


def test_unlistable_folder_is_named_not_skipped_in_silence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    locked = tmp_path / "locked"
    write(locked, "b.txt", ARTICLE)
    real_scandir = os.scandir

    def refuse(path: Any = ".") -> Any:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    articles, errors = ingest([tmp_path])
    assert [Path(a.path).name for a in articles] == ["a.txt"]
    assert [(e.path, e.problem) for e in errors] == [
        (str(locked), "folder cannot be listed: permission denied")
    ]

    with pytest.raises(InputError, match="folder cannot be listed: permission denied"):
        collect_paths([locked])


def test_symlink_loops_and_broken_links_are_named(tmp_path: Path) -> None:
    write(tmp_path, "real.txt", ARTICLE)
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    os.symlink(tmp_path, tmp_path / "again")  # a folder loop: walked once, not reported

    articles, errors = ingest([tmp_path])

    assert [Path(a.path).name for a in articles] == ["real.txt"]
    problems = {Path(e.path).name: e.problem for e in errors}
    assert problems["a.txt"] == problems["b.txt"] == "is a symbolic link that loops back on itself"
    assert problems["dangling.txt"].startswith("is a broken symbolic link")
    assert len(problems) == 3

    with pytest.raises(InputError, match="loops back on itself") as caught:
        collect_paths([tmp_path / "a.txt"])
    assert caught.value.path == str(tmp_path / "a.txt")


# -- another language ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "says"), [(FRENCH, "does not read as English"), (ARABIC, "Arabic script")])
def test_offline_reading_of_a_foreign_article_invents_no_values(tmp_path: Path, text: str, says: str) -> None:
    foreign = write(tmp_path, "foreign.txt", text)

    (extraction,), failures = extract_all([foreign], _offline())

    assert failures == []
    found = {
        name: getattr(extraction.event, name) for name in EVENT_FIELDS if getattr(extraction.event, name)
    }
    for name, value in found.items():  # whatever was read is the article's own words
        assert value.evidence.match in ("exact", "normalised"), (name, value)
    assert any(says in w for w in article_warnings(extraction.article.text))


def test_offline_sheet_says_a_foreign_article_was_not_read_as_english(tmp_path: Path) -> None:
    write(tmp_path, "foreign.txt", FRENCH)
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, tmp_path)

    sheet = make([tmp_path], extractor="offline")

    (foreign,) = [s for s in sheet.sources if s.path.endswith("foreign.txt")]
    assert foreign.language == "fr"
    assert any("in French (fr); the offline extractor reads English only" in w for w in foreign.warnings)
    assert "foreign" not in " ".join(o for f in sheet.event.model_dump().values() for o in f["support"]), (
        "an article the extractor could not read backs no value"
    )


@pytest.fixture(scope="module")
def stub() -> Iterator[OpenAIStub]:
    with OpenAIStub(answer=fake_answer()) as server:
        yield server


def _llm(stub: OpenAIStub) -> LLMExtractor:
    settings = LLMSettings(
        model=STUB_MODEL, base_url=stub.url, api_key=SecretStr("sk-stub"), mode="json_schema"
    )
    return LLMExtractor(settings, sleep=lambda _: None)


def test_model_sheet_records_each_article_language(stub: OpenAIStub, tmp_path: Path) -> None:
    write(tmp_path, "arabic.txt", ARABIC)
    write(
        tmp_path,
        "english.txt",
        ARTICLE + "\nThe car burned for an hour, witnesses said, and the road was closed.\n",
    )

    sheet = make([tmp_path], extractor=_llm(stub))

    by_name = {Path(s.path).name: s for s in sheet.sources}
    assert (by_name["arabic.txt"].language, by_name["english.txt"].language) == ("ar", "en")
    # A model reads Arabic: it is told the language and asked for English values, so no warning.
    assert not any(w.startswith("language:") for s in sheet.sources for w in s.warnings)


# -- not about a strike -------------------------------------------------------------------------


def _offline() -> Any:
    from factsheet.extractors.offline import OfflineExtractor

    return OfflineExtractor()


@pytest.fixture(scope="module")
def seeds_only() -> FactSheet:
    return make([SEEDS], extractor="offline")


def _values(sheet: FactSheet) -> dict[str, Any]:
    return {name: getattr(sheet.event, name).value for name in EVENT_FIELDS}


def _off_topic_check(seeds_only: FactSheet, tmp_path: Path, text: str) -> None:
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    write(folder, "other.txt", text)

    sheet = make([folder], extractor="offline")

    (other,) = [s for s in sheet.sources if s.path.endswith("other.txt")]
    assert other.is_strike is False
    assert f"Not about a strike (left out of the vote): {other.outlet}" in summarise(sheet)
    assert _values(sheet) == _values(seeds_only)


def test_council_article_among_the_seeds_is_not_a_strike(seeds_only: FactSheet, tmp_path: Path) -> None:
    _off_topic_check(seeds_only, tmp_path, COUNCIL)


def test_sports_article_among_the_seeds_is_not_a_strike(seeds_only: FactSheet, tmp_path: Path) -> None:
    _off_topic_check(seeds_only, tmp_path, SPORTS)


def test_model_saying_not_a_strike_keeps_the_article_out_of_the_vote(tmp_path: Path) -> None:
    """The stub (a FAKE model) answers is_strike false for the sports article only."""
    write(tmp_path, "sports.txt", SPORTS)
    write(tmp_path, "report.txt", ARTICLE)

    def answer(body: dict[str, Any]) -> dict[str, Any]:
        if "Liverpool" in str(body["messages"]):
            return fake_answer(is_strike=False)
        return fake_answer(city={"value": "Qalat Dizah", "quote": "near the market of Qalat Dizah"})

    with OpenAIStub(answer=answer) as server:
        sheet = make([tmp_path], extractor=_llm(server))

    sports = next(s for s in sheet.sources if s.path.endswith("sports.txt"))
    assert sports.is_strike is False
    assert sheet.event.city.value == "Qalat Dizah" and sheet.event.city.support == ["report"]
    assert "Not about a strike (left out of the vote)" in summarise(sheet)
