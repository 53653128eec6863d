#!/usr/bin/env bash
# Installs what is missing, builds Compliance Desk and opens it on the database in your data
# folder (or the one given with --db PATH or CDESK_DB).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh" app
( cd "$root/ui" && npm run build )
cd "$root"
cargo build --release -p compliance-desk --features custom-protocol
exec "${CARGO_TARGET_DIR:-$root/target}/release/compliance-desk" "$@"
