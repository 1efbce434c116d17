#!/usr/bin/env bash
# Runs every fuzz target of the module for a short time each (default 10s).
# Usage: scripts/fuzz.sh [DURATION]
set -euo pipefail
cd "$(dirname "$0")/.."
time=${1:-10s}
# go test -list prints the targets before the "ok <pkg>" line of their package.
go test -list '^Fuzz' ./... 2>/dev/null | awk '
  /^Fuzz/ { names[n++] = $1; next }
  /^ok/   { for (i = 0; i < n; i++) print $2, names[i]; n = 0 }' |
while read -r pkg name; do
  echo "fuzz $pkg $name ($time)"
  go test -run '^$' -fuzz "^${name}\$" -fuzztime "$time" "$pkg" >/tmp/dvhc-fuzz.log 2>&1 || { cat /tmp/dvhc-fuzz.log; exit 1; }
done
