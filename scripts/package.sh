#!/usr/bin/env bash
# Builds the Debian package of Compliance Desk from this checkout: the desktop app and the
# `cdesk` command, the interface built fresh, a desktop entry and icon, and the packages the
# app and its PDF exports need as dependencies. Prints the path of the .deb it wrote.
#   scripts/package.sh            (from anywhere; installs what is missing first)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh" app
cd "$root"
( cd ui && npm run build )
cargo build --release -p compliance-desk --features custom-protocol
cargo build --release -p cdesk
target="${CARGO_TARGET_DIR:-$root/target}"

name=compliance-desk
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
arch="$(dpkg --print-architecture)"
out="$target/package"
tree="$out/$name"
rm -rf "$tree"
mkdir -p "$tree/DEBIAN"

install -Dm755 "$target/release/compliance-desk" "$tree/usr/bin/compliance-desk"
install -Dm755 "$target/release/cdesk" "$tree/usr/bin/cdesk"
strip --strip-unneeded "$tree/usr/bin/compliance-desk" "$tree/usr/bin/cdesk"
install -Dm644 src-tauri/icons/icon.png "$tree/usr/share/icons/hicolor/256x256/apps/$name.png"
install -Dm644 README.md "$tree/usr/share/doc/$name/README.md"
install -Dm644 /dev/stdin "$tree/usr/share/applications/$name.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Compliance Desk
GenericName=Compliance register
Comment=Complaint deadlines, the monthly complaint report for Stripe, and credit-line closures
Exec=compliance-desk
Icon=$name
Terminal=false
Categories=Office;Finance;
Keywords=complaints;compliance;Stripe;Issuing;Treasury;adverse action;
StartupWMClass=compliance-desk
DESKTOP

size_kb="$(du -sk "$tree/usr" | cut -f1)"
cat > "$tree/DEBIAN/control" <<CONTROL
Package: $name
Version: $version
Architecture: $arch
Maintainer: Compliance Desk developers <noreply@compliance-desk.invalid>
Installed-Size: $size_kb
Depends: libwebkit2gtk-4.1-0, libgtk-3-0, fonts-noto-core, fonts-noto-cjk
Section: misc
Priority: optional
Description: compliance register for Stripe Issuing and Treasury programs
 Compliance Desk keeps a platform's complaint register with business-day
 deadlines (acknowledge, resolve, notify Stripe) that explain themselves,
 makes the monthly complaint report for Stripe as CSV, XLSX and PDF and
 freezes it once submitted, and walks a credit-line closure through every
 required step: the decision and its reasons, the adverse-action notice in
 English, German or Japanese, deactivation and the wind-down.
 .
 Every change is recorded in a hash-chained audit history that can be
 verified. The package holds the desktop app and the cdesk command line.
CONTROL

deb="$out/${name}_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$tree" "$deb" >/dev/null
echo "$deb"
