#!/usr/bin/env bash
# The project's test command: emulator up, `mvn -B verify` (unit + *IT), CDK synth check.
# Extra arguments go to mvn, e.g. scripts/test.sh -pl functions -Dit.test=EmulatorSmokeIT
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

MOTO_PORT="${SES_OPS_MOTO_PORT:-5055}"
export SES_OPS_MOTO_ENDPOINT="${SES_OPS_MOTO_ENDPOINT:-http://127.0.0.1:$MOTO_PORT}"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}"

scripts/emulator.sh install

# Stop on exit only what this run started: a moto that was already up is left alone.
started=false
if ! scripts/emulator.sh status >/dev/null 2>&1; then
  started=true
fi
cleanup() { if $started; then scripts/emulator.sh stop || true; fi; }
trap cleanup EXIT
scripts/emulator.sh start

mvn -B verify "$@"

if [ -f scripts/cdk-synth-check.sh ]; then
  bash scripts/cdk-synth-check.sh
fi
