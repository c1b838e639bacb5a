"""Check a hand-written reading against its article before it is frozen.

    python eval/check_reading.py [--lang CODE] eval/texts/<event>/<id>.answer.json

The reading is the answer JSON the extraction prompt asks for (prompts/extract.system.md),
beside the article text <id>.txt. Every quote must occur verbatim in the text, every value
inside its quote; the answer must validate against the answer schema. For an article in
another language (`--lang ar`), values are English and quotes are in the article's script,
so only the quotes are checked.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from factsheet.extractors.llm_schema import StrikeAnswer


def problems(answer_path: Path, english: bool = True) -> list[str]:
    text_path = answer_path.with_name(answer_path.name.replace(".answer.json", ".txt"))
    text = text_path.read_text(encoding="utf-8")
    raw = json.loads(answer_path.read_text(encoding="utf-8"))
    found: list[str] = []
    try:
        StrikeAnswer.model_validate(raw)
    except Exception as exc:
        found.append(f"schema: {exc}")
        return found

    def quote_ok(where: str, quote: object, value: object = None) -> None:
        if quote is None:
            if value is not None:
                found.append(f"{where}: value {value!r} has no quote")
            return
        if not isinstance(quote, str) or quote not in text:
            found.append(f"{where}: quote not verbatim in the text: {quote!r}")
        elif english and isinstance(value, str) and value.lower() not in quote.lower():
            found.append(f"{where}: value {value!r} is not inside its quote")

    for key, item in raw.items():
        if isinstance(item, dict) and "quote" in item:
            quote_ok(key, item.get("quote"), item.get("value"))
    for i, person in enumerate(raw.get("people", [])):
        quote_ok(f"people[{i}]", person.get("quote"))
        quote_ok(f"people[{i}].fate_quote", person.get("fate_quote"))
    for i, claim in enumerate(raw.get("claims", [])):
        quote_ok(f"claims[{i}]", claim.get("quote"))
    return found


def main(argv: list[str]) -> int:
    english = True
    if argv[:1] == ["--lang"]:
        english = argv[1].lower() == "en"
        argv = argv[2:]
    bad = 0
    for name in argv:
        found = problems(Path(name), english)
        bad += bool(found)
        print(f"{name}: {'OK' if not found else ''}")
        for line in found:
            print(f"  - {line}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
