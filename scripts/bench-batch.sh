#!/usr/bin/env bash
# Times a batch conversion end to end: builds dvhc, generates ROWS messy
# labelled addresses (every style of dvhc eval), converts them to CSV and
# reports wall time, rows/s and peak RSS (GNU time).
# Usage: scripts/bench-batch.sh [ROWS]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/dvhc" ./cmd/dvhc
# The generator makes distinct cases up to the data's variety; repeat them to reach ROWS.
"$tmp/dvhc" eval --emit --n 100000 --seed 1 > "$tmp/base.csv"
awk -v n="$rows" 'NR == 1 { print; next } { a[++k] = $0 } END { for (i = 0; i < n; i++) print a[i % k + 1] }' \
  "$tmp/base.csv" > "$tmp/in.csv"
echo "input: $(($(wc -l < "$tmp/in.csv") - 1)) rows, $(du -h "$tmp/in.csv" | cut -f1)"
TIMEFORMAT='wall %Rs'
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null 2>&1 || true; }
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f 'peak RSS %M KB, user %Us, sys %Ss, wall %es' \
    "$tmp/dvhc" convert --column address -o "$tmp/out.csv" "$tmp/in.csv"
else
  time "$tmp/dvhc" convert --column address -o "$tmp/out.csv" "$tmp/in.csv"
fi
echo "output: $(($(wc -l < "$tmp/out.csv") - 1)) rows"
