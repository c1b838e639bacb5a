"""The dev set on disk: events, their article texts (rebuilt locally) and careful readings.

Layout (see eval/README.md):

    eval/events/<event>/sources.json       where each article comes from (URL, query, sha256)
    eval/events/<event>/gold.json          the facts, in our words (factsheet/score.py format)
    eval/events/<event>/readings/<id>.json a careful reading per article, quotes as offsets
    eval/texts/<event>/<id>.txt            the article text; rebuilt, never committed
    eval/texts/<event>/<id>.answer.json    a reading with its quotes as text (working copy)

The readings are committed with every quote (and every claim statement copied from the
text) replaced by its [start, end] code-point offsets into the article, so no article text
enters git; `answer()` puts the words back from the rebuilt text.

    python eval/devset.py freeze [EVENT ...]   working copies -> committed readings
    python eval/devset.py check                which texts are present and match their hash
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
EVENTS = ROOT / "events"
TEXTS = ROOT / "texts"

Offsets = list[int]


@dataclass(frozen=True)
class ArticleRef:
    event: str
    id: str
    outlet: str
    url: str
    published: str | None
    query: str
    sha256: str
    language: str = "en"

    @property
    def text_path(self) -> Path:
        return TEXTS / self.event / f"{self.id}.txt"

    @property
    def reading_path(self) -> Path:
        return EVENTS / self.event / "readings" / f"{self.id}.json"

    def text(self) -> str | None:
        """The rebuilt text, or None when it is missing or differs from the recorded hash."""
        if not self.text_path.is_file():
            return None
        data = self.text_path.read_bytes()
        if hashlib.sha256(data).hexdigest() != self.sha256:
            return None
        return data.decode("utf-8")


def events() -> list[str]:
    return sorted(p.name for p in EVENTS.iterdir() if (p / "sources.json").is_file())


def articles(event: str) -> list[ArticleRef]:
    raw = json.loads((EVENTS / event / "sources.json").read_text(encoding="utf-8"))
    return [
        ArticleRef(
            event=event,
            id=a["id"],
            outlet=a["outlet"],
            url=a["url"],
            published=a.get("published"),
            query=a["query"],
            sha256=a["sha256"],
            language=a.get("language", "en"),
        )
        for a in raw["articles"]
    ]


def with_seeds(event: str) -> bool:
    """The seed strike's reports in other languages are merged with the five English seeds."""
    raw = json.loads((EVENTS / event / "sources.json").read_text(encoding="utf-8"))
    return bool(raw.get("with_seeds"))


def gold_path(event: str) -> Path:
    return EVENTS / event / "gold.json"


# ---- quotes <-> offsets ------------------------------------------------------------------


def _span(text: str, quote: str, *, ignore_case: bool = False) -> Offsets:
    start = text.lower().find(quote.lower()) if ignore_case else text.find(quote)
    if start < 0:
        raise ValueError(f"quote not verbatim in the article: {quote!r}")
    return [start, start + len(quote)]


def _freeze_node(node: Any, text: str, key: str | None = None) -> Any:
    if isinstance(node, dict):
        return {k: _freeze_node(v, text, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_freeze_node(v, text, key) for v in node]
    if isinstance(node, str) and key in ("quote", "fate_quote"):
        return _span(text, node)
    if isinstance(node, str) and key == "statement" and node.lower() in text.lower():
        return _span(text, node, ignore_case=True)  # a statement copied from the text is article text too
    return node


def _thaw_node(node: Any, text: str, key: str | None = None) -> Any:
    if isinstance(node, dict):
        return {k: _thaw_node(v, text, k) for k, v in node.items()}
    if isinstance(node, list):
        if (
            key in ("quote", "fate_quote", "statement")
            and len(node) == 2
            and all(isinstance(n, int) for n in node)
        ):
            return text[node[0] : node[1]]
        return [_thaw_node(v, text, key) for v in node]
    return node


def freeze(ref: ArticleRef) -> dict[str, Any]:
    text = ref.text()
    if text is None:
        raise ValueError(f"{ref.text_path}: missing or not the recorded text")
    working = ref.text_path.with_name(f"{ref.id}.answer.json")
    answer = json.loads(working.read_text(encoding="utf-8"))
    return _freeze_node(answer, text)


def answer(ref: ArticleRef) -> dict[str, Any] | None:
    """The reading with its quotes as words, or None when the article text is not rebuilt."""
    text = ref.text()
    if text is None or not ref.reading_path.is_file():
        return None
    frozen = json.loads(ref.reading_path.read_text(encoding="utf-8"))
    return _thaw_node(frozen, text)


def _main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("freeze", "check"):
        print(__doc__)
        return 2
    chosen = argv[1:] or events()
    bad = 0
    for event in chosen:
        for ref in articles(event):
            present = ref.text() is not None
            if argv[0] == "check":
                print(f"{event}/{ref.id}: {'ok' if present else 'MISSING or changed'}")
                bad += not present
                continue
            frozen = freeze(ref)
            ref.reading_path.parent.mkdir(parents=True, exist_ok=True)
            ref.reading_path.write_text(
                json.dumps(frozen, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            print(f"froze {ref.reading_path.relative_to(ROOT.parent)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
