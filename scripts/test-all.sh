#!/usr/bin/env bash
# Installs what is missing and runs every test: UI checks and unit tests, Rust unit,
# integration and CLI tests, the bindings drift check, the dependency check of the CLI, and
# the end-to-end tests of the real app under Xvfb.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
"$root/scripts/setup.sh" test
export PATH="$HOME/.cargo/bin:$PATH"

echo "== UI: type check, unit tests, build"
( cd ui && npm run check && npm test && npm run build )

echo "== Rust: lints"
cargo clippy --workspace --all-targets --features compliance-desk/custom-protocol -- -D warnings

echo "== Rust: unit, integration and CLI tests"
cargo test --workspace --exclude cdesk-e2e --features compliance-desk/custom-protocol

echo "== IPC bindings match the Rust types"
if ! git diff --quiet -- ui/src/lib/bindings || [ -n "$(git ls-files --others --exclude-standard ui/src/lib/bindings)" ]; then
  git status --short -- ui/src/lib/bindings
  echo "The TypeScript bindings in ui/src/lib/bindings differ from what the Rust types generate: commit the regenerated files." >&2
  exit 1
fi

echo "== The cdesk CLI has neither Tauri nor GTK in its dependency tree"
if cargo tree -p cdesk -e normal --prefix none | grep -E '^(tauri|gtk|webkit2gtk|wry)[ -]'; then
  echo "cdesk must build without Tauri or GTK." >&2
  exit 1
fi

echo "== End-to-end: the real app under Xvfb"
cargo build -p compliance-desk --features custom-protocol
xvfb-run -a -s "-screen 0 1366x900x24" cargo test -p cdesk-e2e -- --test-threads=1
