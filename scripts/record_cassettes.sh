#!/usr/bin/env bash
# Re-record the LLM cassettes (cassettes/test_llm_cassettes/) against any OpenAI-compatible endpoint.
#
#   FACTSHEET_BASE_URL=http://127.0.0.1:8765/v1 FACTSHEET_MODEL=gemma-3-270m-q4_k_m \
#   FACTSHEET_MODE=json_object scripts/record_cassettes.sh
#
#   OPENAI_API_KEY=sk-... scripts/record_cassettes.sh          # OpenAI, gpt-4o-mini, json_schema
#
# Every cassette of the module is deleted and recorded afresh (--record-mode=rewrite), and
# endpoint.json records the endpoint, model and mode so replays send the same requests.
# Extra arguments go to pytest (e.g. -k 000_ to record one seed). Headers are reduced to an
# allow-list as they are written; the grep below double-checks that no credential got in.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${FACTSHEET_BASE_URL:-}${OPENAI_BASE_URL:-}${FACTSHEET_API_KEY:-}${OPENAI_API_KEY:-}" ]]; then
    echo "Set FACTSHEET_BASE_URL (and FACTSHEET_MODEL) for a local server, or OPENAI_API_KEY for OpenAI." >&2
    exit 2
fi

PYTEST="${PYTEST:-pytest}"
env -u CI "$PYTEST" tests/test_llm_cassettes.py --record-mode=rewrite -p no:cacheprovider "$@"

if grep -rliE 'authorization|set-cookie|cookie:|openai-organization|openai-project|bearer ' cassettes/; then
    echo "Credentials-like headers found in the cassettes listed above: do not commit them." >&2
    exit 1
fi
echo "Cassettes recorded; replay them with: pytest tests/test_llm_cassettes.py"
