#!/usr/bin/env bash
# A longer run of the fuzz tests than CI's: generated CSV imports (whole or nothing, every
# refusal naming what it refused) and generated command lines (an answer, never a crash).
# Usage: scripts/fuzz-long.sh [CASES]   (default 20000 each)
set -euo pipefail
cd "$(dirname "$0")/.."
export CDESK_FUZZ_CASES="${1:-20000}"
echo "== $CDESK_FUZZ_CASES cases of each fuzz test"
time cargo test --release -p cdesk-usecases --test usecases fuzz
time cargo test --release -p cdesk --test cli fuzz
