#!/usr/bin/env bash
# Records the JSON the UI's component tests use from the real backend: a fresh database, a
# fixed clock, the `cdesk` CLI, and its `--json` answers written under ui/src/lib/recorded/.
# Run it again after a view changes shape; the recorded files are committed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cargo build -q -p cdesk
cdesk="$root/target/debug/cdesk"
out="$root/ui/src/lib/recorded"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export CDESK_DB="$work/desk.db" CDESK_ACTOR="a.okafor" CDESK_NOW="2026-11-23T15:00:00Z"
export CDESK_ANCHOR_JOURNAL="$work/anchors" CDESK_BACKUP_DIR="$work/backups"

add() { "$cdesk" complaint add --json --complainant-name "Ada Lovelace" --product issuing "$@" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
show() { "$cdesk" complaint show "$1" --json | python3 -m json.tool --indent 2 > "$out/$2.json"; }

open=$(add --received 2026-11-20T10:00:00-05:00 --kind operational --channel email --summary "Card declined abroad")
show "$open" complaint-operational-open

resolved=$(add --received 2026-11-18T09:00:00-05:00 --kind operational --channel phone --summary "Refund not received")
"$cdesk" complaint acknowledge "$resolved" --at 2026-11-18T11:00:00-05:00 >/dev/null
"$cdesk" complaint resolve "$resolved" --at 2026-11-20T16:00:00-05:00 --summary "Refunded" --outcome upheld >/dev/null
show "$resolved" complaint-operational-resolved

exec=$(add --received 2026-11-20T10:00:00-05:00 --kind executive --grounds udap --channel letter --summary "Unfair fee, copied to the attorney general")
show "$exec" complaint-executive-open

notified=$(add --received 2026-11-19T10:00:00-05:00 --kind executive --grounds litigation --channel email --summary "Threatens to sue over a frozen card")
"$cdesk" complaint notify-stripe "$notified" --at 2026-11-19T15:00:00-05:00 >/dev/null
show "$notified" complaint-executive-notified

staff=$(add --received 2026-11-20T10:00:00-05:00 --kind operational --channel in_person --summary "Our own agent unhappy with the rota")
"$cdesk" complaint not-a-complaint "$staff" --at 2026-11-23T09:00:00-05:00 --reason "Raised by our own support agent" >/dev/null
show "$staff" complaint-not-a-complaint

"$cdesk" credit program --json | python3 -m json.tool --indent 2 > "$out/credit-program.json"

# Four eyes: an executive complaint's reclassification as operational, asked for and waiting
# for a second officer; and a complaint assigned to the desk's officer.
"$cdesk" four-eyes on >/dev/null
pending=$(add --received 2026-11-16T10:00:00-05:00 --kind executive --grounds udap --channel email --summary "Fee called deceptive, later withdrawn")
"$cdesk" complaint notify-stripe "$pending" --at 2026-11-16T15:00:00-05:00 >/dev/null
"$cdesk" complaint stripe-reviewed "$pending" --at 2026-11-18T11:00:00-05:00 >/dev/null
"$cdesk" complaint reclassify "$pending" --kind operational --at 2026-11-19T10:00:00-05:00 --reason "The customer withdrew the UDAP allegation" >/dev/null
show "$pending" complaint-reclassification-pending
assigned=$(add --received 2026-11-20T11:00:00-05:00 --kind operational --channel web_form --summary "Chargeback form rejected")
"$cdesk" complaint assign "$assigned" --to a.okafor >/dev/null
show "$assigned" complaint-assigned
"$cdesk" complaint list --status all --mine --json | python3 -m json.tool --indent 2 > "$out/register-mine.json"

echo "recorded into ${out#"$root"/}:"
ls "$out"
