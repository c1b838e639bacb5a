"""Progress on stderr: each input counted once, plain lines off a terminal, one bar on it."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet import pipeline
from factsheet.cli import ProgressDisplay, cli, format_bar
from factsheet.extractors.offline import OfflineExtractor

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
ENV_KEYS = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "FACTSHEET_MODEL", "FACTSHEET_BASE_URL", "FACTSHEET_API_KEY")


@pytest.fixture(autouse=True)
def no_model_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ENV_KEYS:
        monkeypatch.delenv(key, raising=False)


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Two articles and three files that cannot be used: what made the counter repeat."""
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEEDS[:2]:
        shutil.copy(seed, folder)
    (folder / "empty.txt").write_text("")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "blank.md").write_text("  \n")
    return folder


def counters(stderr: str) -> list[str]:
    return re.findall(r"^\[(\d+/\d+)\]", stderr, flags=re.MULTILINE)


def test_each_input_file_is_counted_once_skipped_ones_included(mixed: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["make", str(mixed), "-o", str(tmp_path / "e.json")])
    assert result.exit_code == 3, result.output
    assert counters(result.stderr) == ["1/5", "2/5", "3/5", "4/5", "5/5"]
    lines = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert sum("skipped: file is empty" in line for line in lines) == 2  # empty.txt, blank.md
    assert sum(line.endswith(" ok") for line in lines) == 2
    assert "\r" not in result.stderr and "\x1b[" not in result.stderr, "no bar when stderr is not a terminal"


def test_quiet_prints_no_progress_and_no_summary(mixed: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["make", str(mixed), "-o", str(tmp_path / "e.json"), "-q"])
    assert result.exit_code == 3
    assert result.stderr == ""
    assert (tmp_path / "e.json").exists()


def test_library_progress_counts_one_to_total_in_order(mixed: Path) -> None:
    seen: list[pipeline.Progress] = []
    totals: list[int] = []
    pipeline.extract_all([mixed], OfflineExtractor(), seen.append, on_start=totals.append)
    assert totals == [5]
    assert [p.done for p in seen] == [1, 2, 3, 4, 5] and {p.total for p in seen} == {5}
    assert [p.stage for p in seen] == ["ingest"] * 3 + ["extract"] * 2
    assert len({p.path for p in seen}) == 5


# -- the bar's one line -------------------------------------------------------------------------


def test_bar_shows_count_rate_and_time_left() -> None:
    line = format_bar(3, 10, rate=2.0, elapsed=1.5, width=100, label="bbc.txt")
    assert line == "[#######.................] 3/10  2.0 articles/s  0:04 left  bbc.txt"


def test_bar_for_a_slow_model_shows_seconds_per_article_and_hours() -> None:
    assert format_bar(1, 4, rate=1 / 90, elapsed=90, width=100) == (
        "[######..................] 1/4  90.0 s/article  4:30 left"
    )
    assert "2:00:00 left" in format_bar(0, 2, rate=1 / 3600, elapsed=1, width=100)


def test_bar_before_the_first_article_and_when_done() -> None:
    assert format_bar(0, 8, rate=None, elapsed=0.2, width=100) == "[........................] 0/8  --:-- left"
    done = format_bar(8, 8, rate=4.0, elapsed=2.0, width=100)
    assert done == "[########################] 8/8  4.0 articles/s  0:02 in all"


def test_bar_never_wraps_a_narrow_terminal() -> None:
    label = "a-very-long-folder-name/" * 5 + "004_9ad3ace87a095593.txt"
    line = format_bar(3, 10, rate=2.0, elapsed=1.5, width=80, label=label)
    assert len(line) == 79
    assert line.endswith("a095593.txt") and "left  ..." in line, "the end of a path tells files apart"
    assert len(format_bar(3, 10, rate=2.0, elapsed=1.5, width=30, label=label)) <= 29


# -- the display on a terminal ------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_terminal_display_redraws_one_line_and_keeps_skip_reasons() -> None:
    stream, clock = io.StringIO(), FakeClock()
    display = ProgressDisplay(stream, tty=True, clock=clock, width=lambda: 100)
    display.start(3)
    display(pipeline.Progress(1, 3, "in/empty.txt", ok=False, message="file is empty", stage="ingest"))
    clock.now += 2
    display(pipeline.Progress(2, 3, "in/a.txt", ok=True))
    clock.now += 2
    display(pipeline.Progress(3, 3, "in/b.txt", ok=True))
    display.close()
    out = stream.getvalue()

    # Lines that stay: the skipped file with its reason, and the finished bar.
    kept = [chunk.split("\r")[-1].replace("\x1b[K", "") for chunk in out.split("\n")]
    assert kept == [
        "in/empty.txt skipped: file is empty",
        "[########################] 3/3  2.0 s/article  0:04 in all",
        "",
    ]
    assert out.count("\n") == 2, "every redraw happens in place"
    # The instant skip does not count towards the speed: 2 articles in 4 s, not 3.
    assert "0/3  --:-- left" in out and "2/3  2.0 s/article  0:02 left  a.txt" in out


def test_plain_display_prints_one_line_per_input() -> None:
    stream = io.StringIO()
    display = ProgressDisplay(stream, tty=False)
    display.start(2)
    display(pipeline.Progress(1, 2, "in/empty.txt", ok=False, message="file is empty", stage="ingest"))
    display(pipeline.Progress(2, 2, "in/a.txt", ok=True))
    display.close()
    assert stream.getvalue() == "[1/2] in/empty.txt skipped: file is empty\n[2/2] in/a.txt ok\n"
