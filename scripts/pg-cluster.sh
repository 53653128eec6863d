#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: `pg-cluster.sh start DIR` makes a new cluster in
# DIR (an empty or missing folder), starts it on a free port of 127.0.0.1 with password
# (SCRAM) sign-in and prints the superuser's connection URL; `pg-cluster.sh stop DIR` stops it.
# `pg-cluster.sh start-tls DIR` makes one that only takes TLS connections: the superuser signs in
# with its password, everyone else with a client certificate (pg_hba `cert`); the certificate
# authority is DIR/ca.crt, and DIR/officer.crt and DIR/officer.key are a client certificate for
# the role "cert officer". The printed URL names the authority (sslrootcert).
# The server refuses to run as root, so under root the cluster belongs to the `postgres` user.
set -euo pipefail
cmd="${1:-}"
dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: pg-cluster.sh start|start-tls|stop DIR" >&2; exit 2; }
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$bin/initdb" ] || { echo "pg-cluster: PostgreSQL's server is not installed (Debian: apt-get install postgresql)" >&2; exit 1; }
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
tls_options=""
if [ "$cmd" = start-tls ]; then
  command -v openssl >/dev/null || { echo "pg-cluster: start-tls needs openssl" >&2; exit 1; }
fi
case "$cmd" in
  start|start-tls)
    mkdir -p "$dir"
    chmod 777 "$dir"
    password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    printf '%s\n' "$password" >"$dir/pwfile"
    chmod 644 "$dir/pwfile"
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile "$dir/pwfile" -A scram-sha-256 -E UTF8 --locale C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/pwfile"
    query=""
    if [ "$cmd" = start-tls ]; then
      sign() { # sign NAME CN [SAN]: a key and a certificate signed by the test authority
        openssl req -new -newkey rsa:2048 -nodes -subj "/CN=$2" -keyout "$dir/$1.key" -out "$dir/$1.csr" 2>/dev/null
        if [ -n "${3:-}" ]; then printf 'subjectAltName=%s\n' "$3" >"$dir/$1.ext"; else : >"$dir/$1.ext"; fi
        openssl x509 -req -in "$dir/$1.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
          -extfile "$dir/$1.ext" -out "$dir/$1.crt" 2>/dev/null
        rm -f "$dir/$1.csr" "$dir/$1.ext"
      }
      openssl req -new -x509 -days 2 -nodes -subj "/CN=Compliance Desk test authority" \
        -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
      sign server localhost "DNS:localhost,IP:127.0.0.1"
      sign officer "cert officer"
      cp "$dir/server.crt" "$dir/server.key" "$dir/ca.crt" "$dir/data/"
      [ "$(id -u)" = 0 ] && chown postgres "$dir/data/server.crt" "$dir/data/server.key" "$dir/data/ca.crt"
      chmod 600 "$dir/data/server.key"
      chmod 644 "$dir/officer.key" "$dir/ca.crt"
      printf 'hostssl all postgres 127.0.0.1/32 scram-sha-256\nhostssl all all 127.0.0.1/32 cert\nlocal all postgres scram-sha-256\n' \
        | as_owner tee "$dir/data/pg_hba.conf" >/dev/null
      tls_options="-c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key -c ssl_ca_file=ca.crt"
      query="?sslrootcert=$dir/ca.crt"
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=60 -c fsync=off $tls_options" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://postgres:$password@127.0.0.1:$port/postgres$query"
    ;;
  stop)
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: pg-cluster.sh start|start-tls|stop DIR" >&2; exit 2 ;;
esac
