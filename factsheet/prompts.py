"""Prompts live as files in prompts/, and are checked when they are loaded.

Why files: a reviewer can read and diff the exact words the model gets, and the version in
prompts/manifest.toml travels with every extraction. Why checks: a template with a missing
placeholder, or an example whose answer quotes words its own article does not contain,
would teach the model the very fault the pipeline is built to catch. Such a prompt set
fails at load time (as langextract's prompt validation does), not halfway through a run.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from factsheet.errors import ConfigError
from factsheet.extractors.llm_schema import StrikeAnswer
from factsheet.models import Article
from factsheet.screening import language_name

ARTICLE_OPEN = "<<<ARTICLE"
ARTICLE_CLOSE = "ARTICLE>>>"

_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "system": frozenset({"examples"}),
    "user": frozenset({"outlet", "published", "article", "language_note"}),
    "reask_unverified": frozenset({"problems"}),
    "language_note": frozenset({"language"}),
}


def _squash(text: str) -> str:
    return " ".join(text.casefold().split())


def _fence(text: str) -> str:
    """Keep an article from closing its own delimiters (prompt-injection guard)."""
    return text.replace(ARTICLE_OPEN, "<<< ARTICLE").replace(ARTICLE_CLOSE, "ARTICLE >>>")


class PromptExample(BaseModel):
    """An invented article and the answer we want for it, shown to the model as a demonstration."""

    model_config = ConfigDict(extra="forbid")

    note: str | None = None
    outlet: str
    published: str | None = None
    text: str
    answer: StrikeAnswer

    @model_validator(mode="after")
    def _answer_is_grounded(self) -> PromptExample:
        """Every quote must be verbatim in the example text, and every value inside its quote."""
        problems: list[str] = []
        lowered = self.text.lower()

        def check(field: str, value: str | None, quote: str | None) -> None:
            if quote is not None and quote not in self.text:
                problems.append(f"{field}: quote {quote!r} is not in the example text")
            if value is not None and (quote is None or value.lower() not in quote.lower()):
                problems.append(f"{field}: value {value!r} is not inside its quote")

        answer = self.answer
        for name in StrikeAnswer.model_fields:
            item = getattr(answer, name)
            if hasattr(item, "value"):
                check(name, item.value, item.quote)
        for i, person in enumerate(answer.people):
            check(f"people[{i}]", person.name, person.quote)
            check(f"people[{i}].fate_quote", None, person.fate_quote)
            for extra in (person.title, person.organisation, *person.aliases):
                if extra is not None and extra.lower() not in lowered:
                    problems.append(f"people[{i}]: {extra!r} is not in the example text")
        for i, claim in enumerate(answer.claims):
            check(f"claims[{i}]", None, claim.quote)
            if claim.speaker.lower() not in lowered:
                problems.append(f"claims[{i}]: speaker {claim.speaker!r} is not in the example text")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def render(self) -> str:
        # Compact: every space in the example costs a token in every request.
        answer = json.dumps(self.answer.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))
        return f"{ARTICLE_OPEN}\n{self.text}\n{ARTICLE_CLOSE}\nAnswer:\n{answer}"


class PromptSet(BaseModel):
    """The checked prompt set; render methods are the only way prompt text reaches a model."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(min_length=1)
    digest: str = Field(description="Hash of every prompt file, so an edit without a version bump shows.")
    system_template: str
    user_template: str
    reask_unverified_template: str
    language_note_template: str = Field(
        description="Added to the user message for an article not in English; empty for English ones."
    )
    examples: list[PromptExample]

    @model_validator(mode="after")
    def _placeholders_match(self) -> PromptSet:
        templates = {
            "system": self.system_template,
            "user": self.user_template,
            "reask_unverified": self.reask_unverified_template,
            "language_note": self.language_note_template,
        }
        for name, text in templates.items():
            template = Template(text)
            if not template.is_valid():
                raise ValueError(f"{name}: stray '$' (write '$$' for a literal dollar sign)")
            found = set(template.get_identifiers())
            wanted = _PLACEHOLDERS[name]
            if found != wanted:
                raise ValueError(
                    f"{name}: placeholders {sorted(found)} differ from the required {sorted(wanted)}"
                )
        user = self.user_template
        opening, article, closing = user.find(ARTICLE_OPEN), user.find("$article"), user.find(ARTICLE_CLOSE)
        if not (0 <= opening < article < closing):
            raise ValueError(f"user: $article must stand between {ARTICLE_OPEN} and {ARTICLE_CLOSE}")
        return self

    @property
    def id(self) -> str:
        """What extractions record as prompt_version."""
        return f"{self.version}+{self.digest}"

    def system_message(self) -> str:
        shown = "\n\n".join(
            f"Example {i} (an invented article, to show the answer format):\n{example.render()}"
            for i, example in enumerate(self.examples, start=1)
        )
        return Template(self.system_template).substitute(examples=shown).strip()

    def user_message(self, article: Article) -> str:
        """English articles get exactly the message they always got: the note is empty for them."""
        note = ""
        if article.language and article.language != "en":
            name = language_name(article.language)
            note = Template(self.language_note_template).substitute(language=name).rstrip()
        return (
            Template(self.user_template)
            .substitute(
                outlet=article.outlet,
                published=article.published or "unknown",
                article=_fence(article.text),
                language_note=note,
            )
            .strip()
        )

    def from_examples(self, quote: str) -> bool:
        """True when a quote comes from an invented example: small models copy the demonstration."""
        needle = _squash(quote)
        return len(needle) >= 4 and any(needle in _squash(example.text) for example in self.examples)

    def reask_unverified_message(self, problems: list[tuple[str, str]]) -> str:
        """`problems` pairs a field name with the quote that was not found."""
        lines = []
        for field, quote in problems:
            origin = " (from the invented example, not this article)" if self.from_examples(quote) else ""
            lines.append(f"- {field}: {json.dumps(quote, ensure_ascii=False)}{origin}")
        return Template(self.reask_unverified_template).substitute(problems="\n".join(lines)).strip()


def prompts_dir() -> Path:
    """The wheel ships prompts/ as factsheet/_prompts; an editable checkout reads <repo>/prompts."""
    package = Path(__file__).resolve().parent
    installed = package / "_prompts"
    return installed if installed.is_dir() else package.parent / "prompts"


def _read(directory: Path, name: str) -> str:
    path = directory / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"Prompt file {path} cannot be read: {exc.strerror or exc}") from exc


def load_prompts(directory: Path | None = None) -> PromptSet:
    """Load and check a prompt set; the default set is read once per process."""
    if directory is None:
        return _default_prompts()
    return _load(directory)


@lru_cache(maxsize=1)
def _default_prompts() -> PromptSet:
    return _load(prompts_dir())


def _load(directory: Path) -> PromptSet:
    manifest_path = directory / "manifest.toml"
    try:
        manifest: dict[str, Any] = tomllib.loads(_read(directory, "manifest.toml"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{manifest_path}: {exc}") from exc

    names = [manifest.get(key) for key in ("system", "user", "reask_unverified", "language_note")]
    example_names = manifest.get("examples", [])
    if not all(isinstance(n, str) for n in names) or not isinstance(example_names, list):
        raise ConfigError(
            f"{manifest_path}: needs the strings system, user, reask_unverified, language_note and a list "
            "`examples`"
        )
    texts = {name: _read(directory, name) for name in [*names, *example_names]}
    digest = hashlib.sha256()
    for name in sorted(texts):
        digest.update(name.encode() + b"\0" + texts[name].encode() + b"\0")

    examples = []
    for name in example_names:
        try:
            examples.append(PromptExample.model_validate_json(texts[name]))
        except ValidationError as exc:
            raise ConfigError(f"Prompt example {directory / name} is invalid: {exc}") from exc
    try:
        return PromptSet(
            version=str(manifest.get("version", "")),
            digest=digest.hexdigest()[:8],
            system_template=texts[names[0]],
            user_template=texts[names[1]],
            reask_unverified_template=texts[names[2]],
            language_note_template=texts[names[3]],
            examples=examples,
        )
    except ValidationError as exc:
        raise ConfigError(f"Prompt set in {directory} is invalid: {exc}") from exc
