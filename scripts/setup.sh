#!/usr/bin/env bash
# Installs what Compliance Desk needs on Debian or Ubuntu, skipping what is already there.
#   scripts/setup.sh app    system libraries, Node packages
#   scripts/setup.sh test   the same, plus Xvfb, WebKitWebDriver and tauri-driver
set -euo pipefail
mode="${1:-app}"
root="$(cd "$(dirname "$0")/.." && pwd)"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

packages=(ca-certificates build-essential pkg-config curl libdbus-1-dev libssl-dev libwebkit2gtk-4.1-dev fonts-noto-core fonts-noto-cjk)
if [ "$mode" = test ]; then
  packages+=(webkit2gtk-driver xvfb xauth poppler-utils desktop-file-utils postgresql dbus gnome-keyring)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number); console.log(a>20||(a===20&&b>=19)?"yes":"no")')
if [ "$node_ok" != yes ]; then
  echo "setup: Node $(node --version) is too old; Vite needs Node 20.19 or newer (for example from NodeSource)." >&2
  exit 1
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: Rust is missing; install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

if [ "$mode" = test ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi

# npm ci only when the lock file changed since the last install (it rebuilds node_modules).
lock_sum="$(sha256sum "$root/ui/package-lock.json" | cut -d' ' -f1)"
stamp="$root/ui/node_modules/.installed-from-lock"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  ( cd "$root/ui" && npm ci --no-audit --no-fund --loglevel=error )
  echo "$lock_sum" > "$stamp"
fi
