#!/usr/bin/env bash
# Runs every fuzz target of the module for a short time each (default 10s).
# Every target runs even after a failure; the failures are printed (with the
# failing input, which go test also writes under the package's
# testdata/fuzz/) and the exit status is 1 when any target failed.
# Usage: scripts/fuzz.sh [DURATION]
set -uo pipefail
cd "$(dirname "$0")/.."
time=${1:-10s}
failed=()
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# go test -list prints the targets before the "ok <pkg>" line of their package.
while read -r pkg name; do
  echo "fuzz $pkg $name ($time)"
  if ! go test -run '^$' -fuzz "^${name}\$" -fuzztime "$time" "$pkg" >"$log" 2>&1; then
    cat "$log"
    for f in $(grep -o 'testdata/fuzz/[^ ]*' "$log" | sort -u); do
      d=$(go list -f '{{.Dir}}' "$pkg")
      echo "--- failing input $f:"; cat "$d/$f" 2>/dev/null
    done
    failed+=("$pkg $name")
  fi
done < <(go test -list '^Fuzz' ./... 2>/dev/null | awk '
  /^Fuzz/ { names[n++] = $1; next }
  /^ok/   { for (i = 0; i < n; i++) print $2, names[i]; n = 0 }')
if ((${#failed[@]})); then
  printf 'fuzzing failed: %s\n' "${failed[@]}"
  exit 1
fi
