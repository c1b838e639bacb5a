"""Serve a GGUF model through llama-cpp-python's OpenAI-compatible server, for recording cassettes.

Usage (arguments after the script are llama_cpp.server's own):

    python scripts/llama_server.py --no-extra-bufts --model model.gguf \
        --model_alias gemma-3-270m-q4_k_m --chat_format hf-tokenizer-config \
        --hf_tokenizer_config_path factsheet/extractors/templates/gemma3_chat_template.json \
        --host 127.0.0.1 --port 8765 --n_ctx 8192 --n_threads 2

No server is needed to run a GGUF model: `factsheet --model-path FILE.gguf` (or `--model local`)
runs it in-process (factsheet/extractors/local_gguf.py). This server is for recording cassettes
and for sharing one loaded model between several runs.

--no-extra-bufts keeps weights out of ggml's extra buffer types (AMX, repacking). On CPUs
that report AMX inside sandboxes or kernels that do not grant AMX state, the AMX matmul
kernel dies with a general protection fault at its first `ldtilecfg`; llama-cpp-python
has no option for this, so it is set on the default model parameters here.
"""

from __future__ import annotations

import sys


def _disable_extra_buffer_types() -> None:
    import llama_cpp.llama_cpp as low_level

    default_params = low_level.llama_model_default_params

    def without_extra_bufts():  # type: ignore[no-untyped-def]
        params = default_params()
        params.use_extra_bufts = False
        return params

    low_level.llama_model_default_params = without_extra_bufts


def main() -> None:
    if "--no-extra-bufts" in sys.argv:
        sys.argv.remove("--no-extra-bufts")
        _disable_extra_buffer_types()
    from llama_cpp.server.__main__ import main as serve

    serve()


if __name__ == "__main__":
    main()
