#!/usr/bin/env bash
# Installs what is missing and runs every test: UI checks and unit tests, Rust unit,
# integration and CLI tests (on the SQLite file, then again on a throwaway PostgreSQL server), the bindings and recorded-fixture drift checks, the dependency check of the CLI, the
# end-to-end tests of the real app under Xvfb, and the Debian package's metadata and contents.
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

echo "== The OS keychain: the team password kept in a Secret Service (GNOME Keyring in a D-Bus session of its own)"
keyrings="$(mktemp -d)"
XDG_DATA_HOME="$keyrings" dbus-run-session -- bash -c 'printf "%s" "unlock" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  CDESK_TEST_KEYCHAIN=required cargo test -p cdesk-usecases --test usecases keychain'
rm -rf "$keyrings"

echo "== Team store: the use-case, property and CLI tests again, on a PostgreSQL server of their own (kept for the end-to-end team test)"
pgdir="$(mktemp -d)"
trap 'scripts/pg-cluster.sh stop "$pgdir"' EXIT
CDESK_TEST_PG="$(scripts/pg-cluster.sh start "$pgdir")"
CDESK_TEST_PG="$CDESK_TEST_PG" cargo test -p cdesk-usecases -p cdesk

echo "== IPC bindings match the Rust types"
if ! git diff --quiet -- ui/src/lib/bindings || [ -n "$(git ls-files --others --exclude-standard ui/src/lib/bindings)" ]; then
  git status --short -- ui/src/lib/bindings
  echo "The TypeScript bindings in ui/src/lib/bindings differ from what the Rust types generate: commit the regenerated files." >&2
  exit 1
fi

echo "== The UI's recorded fixtures are what the backend answers today"
scripts/record-ui-fixtures.sh >/dev/null
if ! git diff --quiet -- ui/src/lib/recorded || [ -n "$(git ls-files --others --exclude-standard ui/src/lib/recorded)" ]; then
  git status --short -- ui/src/lib/recorded
  echo "The JSON in ui/src/lib/recorded differs from what the backend answers: run scripts/record-ui-fixtures.sh and commit it." >&2
  exit 1
fi

echo "== The cdesk CLI has neither Tauri nor GTK in its dependency tree"
if cargo tree -p cdesk -e normal --prefix none | grep -E '^(tauri|gtk|webkit2gtk|wry)[ -]'; then
  echo "cdesk must build without Tauri or GTK." >&2
  exit 1
fi

echo "== End-to-end: the real app under Xvfb"
cargo build -p compliance-desk --features custom-protocol
# The team test signs the app in to a database on the same throwaway server.
CDESK_TEST_PG="$CDESK_TEST_PG" xvfb-run -a -s "-screen 0 1366x900x24" cargo test -p cdesk-e2e -- --test-threads=1
scripts/pg-cluster.sh stop "$pgdir"
trap - EXIT

echo "== The Debian package: its metadata and contents"
deb="$(scripts/package.sh | tail -n 1)"
dpkg-deb --field "$deb" Package Version Architecture Depends Description
for field in Package Version Architecture Maintainer Depends Description; do
  [ -n "$(dpkg-deb --field "$deb" "$field")" ] || { echo "the package has no $field" >&2; exit 1; }
done
dpkg-deb --field "$deb" Depends | grep -q fonts-noto-cjk || { echo "the package must depend on the CJK font the PDFs need" >&2; exit 1; }
case "$(basename "$deb")" in *" "*) echo "the package's file name has a space" >&2; exit 1;; esac
contents="$(dpkg-deb --contents "$deb")"
for path in ./usr/bin/compliance-desk ./usr/bin/cdesk ./usr/share/applications/compliance-desk.desktop ./usr/share/icons/hicolor/256x256/apps/compliance-desk.png; do
  grep -q " $path\$" <<<"$contents" || { echo "the package lacks $path" >&2; exit 1; }
done
unpacked="$(mktemp -d)"
dpkg-deb --extract "$deb" "$unpacked"
desktop-file-validate "$unpacked/usr/share/applications/compliance-desk.desktop"
"$unpacked/usr/bin/cdesk" --version
rm -rf "$unpacked"
echo "package: $(basename "$deb"), $(du -h "$deb" | cut -f1)"
