"""resolve_llm_settings: the fixed order, and errors that name what to set."""

from __future__ import annotations

import pytest

from factsheet.config import DEFAULT_OPENAI_MODEL, LOCAL_DUMMY_KEY, llm_configured, resolve_llm_settings
from factsheet.errors import ConfigError


def test_nothing_configured_names_the_variables_to_set() -> None:
    with pytest.raises(ConfigError) as caught:
        resolve_llm_settings(env={})
    message = str(caught.value)
    assert "OPENAI_API_KEY" in message and "--base-url" in message and "OPENAI_BASE_URL" in message


def test_openai_key_alone_uses_openai_with_default_model_and_structured_outputs() -> None:
    settings = resolve_llm_settings(env={"OPENAI_API_KEY": "sk-test"})
    assert settings.base_url is None and settings.is_openai
    assert settings.model == DEFAULT_OPENAI_MODEL
    assert settings.effective_mode == "json_schema"


def test_local_server_needs_no_key_but_needs_a_model() -> None:
    with pytest.raises(ConfigError, match="--model or FACTSHEET_MODEL"):
        resolve_llm_settings(env={"OPENAI_BASE_URL": "http://127.0.0.1:11434/v1"})

    settings = resolve_llm_settings(model="llama3.2", env={"OPENAI_BASE_URL": "http://127.0.0.1:11434/v1/"})
    assert settings.base_url == "http://127.0.0.1:11434/v1"
    assert settings.api_key.get_secret_value() == LOCAL_DUMMY_KEY
    assert not settings.is_openai


def test_order_is_argument_then_factsheet_env_then_openai_env() -> None:
    env = {
        "FACTSHEET_BASE_URL": "http://factsheet.local/v1",
        "OPENAI_BASE_URL": "http://openai-env.local/v1",
        "FACTSHEET_API_KEY": "fs-key",
        "OPENAI_API_KEY": "openai-key",
        "FACTSHEET_MODEL": "env-model",
        "FACTSHEET_MODE": "md_json",
    }
    from_env = resolve_llm_settings(env=env)
    assert from_env.base_url == "http://factsheet.local/v1"
    assert from_env.api_key.get_secret_value() == "fs-key"
    assert (from_env.model, from_env.mode) == ("env-model", "md_json")

    explicit = resolve_llm_settings(
        model="arg-model", base_url="http://arg.local/v1", api_key="arg-key", mode="tools", env=env
    )
    assert explicit.base_url == "http://arg.local/v1" and explicit.api_key.get_secret_value() == "arg-key"
    assert (explicit.model, explicit.mode) == ("arg-model", "tools")

    del env["FACTSHEET_BASE_URL"], env["FACTSHEET_API_KEY"]
    fallback = resolve_llm_settings(env=env)
    assert fallback.base_url == "http://openai-env.local/v1"
    assert fallback.api_key.get_secret_value() == "openai-key"


def test_key_never_appears_when_settings_are_printed() -> None:
    settings = resolve_llm_settings(env={"OPENAI_API_KEY": "sk-very-secret-value"})
    assert "sk-very-secret-value" not in repr(settings) and "sk-very-secret-value" not in str(settings)
    assert "sk-very-secret-value" not in settings.model_dump_json()


def test_bad_mode_and_bad_url_name_the_option() -> None:
    with pytest.raises(ConfigError, match="--mode or FACTSHEET_MODE"):
        resolve_llm_settings(env={"OPENAI_API_KEY": "k"}, mode="xml")
    with pytest.raises(ConfigError, match="--base-url or OPENAI_BASE_URL"):
        resolve_llm_settings(base_url="localhost:8080", model="m", env={})


def test_openai_url_is_treated_as_openai() -> None:
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        resolve_llm_settings(base_url="https://api.openai.com/v1", env={})
    settings = resolve_llm_settings(base_url="https://api.openai.com/v1", env={"OPENAI_API_KEY": "k"})
    assert settings.is_openai and settings.model == DEFAULT_OPENAI_MODEL


def test_llm_configured_detects_any_endpoint_key_or_model() -> None:
    assert not llm_configured({})
    assert not llm_configured({"OPENAI_API_KEY": "  "})
    assert llm_configured({"OPENAI_BASE_URL": "http://127.0.0.1:8080/v1"})
    assert llm_configured({"FACTSHEET_API_KEY": "x"})
    assert llm_configured({"FACTSHEET_MODEL": "llama3.2"})


def test_timeout_comes_from_the_environment_and_is_checked() -> None:
    env = {"OPENAI_API_KEY": "k"}
    assert resolve_llm_settings(env=env).timeout == 300.0
    assert resolve_llm_settings(env={**env, "FACTSHEET_TIMEOUT": "900"}).timeout == 900.0
    with pytest.raises(ConfigError, match="FACTSHEET_TIMEOUT"):
        resolve_llm_settings(env={**env, "FACTSHEET_TIMEOUT": "soon"})
