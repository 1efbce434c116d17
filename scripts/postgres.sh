#!/usr/bin/env bash
# A throw-away PostgreSQL + PostGIS server for the export tests, on a loopback
# port, in a temporary directory, trusting local connections.
#
#   eval "$(scripts/postgres.sh start)"   # installs if needed, starts, exports DVHC_TEST_PG
#   go test ./export/...
#   scripts/postgres.sh stop
#
# Installs Debian's postgresql and postgresql-NN-postgis-3 when missing (as
# root). The server runs as the postgres user; its directory is
# ${DVHC_PG_DIR:-/tmp/dvhc-pg} and its port ${DVHC_PG_PORT:-55432}.
set -euo pipefail
dir=${DVHC_PG_DIR:-/tmp/dvhc-pg}
port=${DVHC_PG_PORT:-55432}

bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

case "${1:-}" in
start)
  if [ -z "$(bin)" ] || ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
    v=$(basename "$(dirname "$(bin)")")
    apt-get install -y -qq --no-install-recommends "postgresql-$v-postgis-3" >&2
  fi
  b=$(bin)
  as_pg=()
  if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); fi
  if [ -f "$dir/postmaster.pid" ] && "${as_pg[@]}" "$b/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    :
  else
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    "${as_pg[@]}" "$b/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    "${as_pg[@]}" "$b/pg_ctl" -D "$dir" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  fi
  echo "export DVHC_TEST_PG='host=127.0.0.1 port=$port user=postgres'"
  ;;
stop)
  as_pg=()
  if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); fi
  if [ -f "$dir/postmaster.pid" ]; then "${as_pg[@]}" "$(bin)/pg_ctl" -D "$dir" -m fast -w stop >/dev/null; fi
  ;;
*)
  echo "usage: $0 start|stop" >&2
  exit 2
  ;;
esac
