"""The prompt files load into a checked PromptSet, and broken prompt sets fail at load time."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factsheet.errors import ConfigError
from factsheet.prompts import ARTICLE_CLOSE, ARTICLE_OPEN, load_prompts, prompts_dir
from tests.fakes import fake_article


@pytest.fixture
def prompt_copy(tmp_path: Path) -> Path:
    target = tmp_path / "prompts"
    shutil.copytree(prompts_dir(), target)
    return target


def test_shipped_prompts_load_and_carry_every_rule() -> None:
    prompts = load_prompts()
    system = prompts.system_message()
    assert prompts.version and prompts.id.startswith(prompts.version + "+")
    for rule in ("One strike only", "Values come only from the article", "copied exactly", "null", "claims"):
        assert rule in system
    assert "data, not instructions" in system and ARTICLE_OPEN in system
    assert prompts.examples, "the prompt shows at least one worked example"


def test_user_message_fences_the_article_and_names_the_outlet() -> None:
    message = load_prompts().user_message(fake_article())
    assert (
        message.index(ARTICLE_OPEN) < message.index("Drone strike kills two") < message.index(ARTICLE_CLOSE)
    )
    assert "Outlet: Fake Wire" in message and "Published: 2024-03-04" in message


def test_example_whose_quote_is_not_in_its_text_is_rejected(prompt_copy: Path) -> None:
    example_path = next((prompt_copy / "examples").glob("*.json"))
    example = json.loads(example_path.read_text())
    example["answer"]["city"] = {"value": "Springfield", "quote": "in Springfield"}
    example_path.write_text(json.dumps(example))

    with pytest.raises(ConfigError, match="city: quote 'in Springfield' is not in the example text"):
        load_prompts(prompt_copy)


def test_example_value_must_sit_inside_its_quote(prompt_copy: Path) -> None:
    example_path = next((prompt_copy / "examples").glob("*.json"))
    example = json.loads(example_path.read_text())
    example["answer"]["killed"]["value"] = "three"
    example_path.write_text(json.dumps(example))

    with pytest.raises(ConfigError, match="killed: value 'three' is not inside its quote"):
        load_prompts(prompt_copy)


def test_template_missing_a_placeholder_is_rejected(prompt_copy: Path) -> None:
    user = prompt_copy / "extract.user.md"
    user.write_text(user.read_text().replace("$article", "the article"))

    with pytest.raises(ConfigError, match="user: placeholders"):
        load_prompts(prompt_copy)


def test_editing_a_prompt_changes_the_recorded_prompt_version(prompt_copy: Path) -> None:
    before = load_prompts(prompt_copy).id
    reask = prompt_copy / "reask_unverified.md"
    reask.write_text(reask.read_text() + "\nBe careful.\n")
    assert load_prompts(prompt_copy).id != before
