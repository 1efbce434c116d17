#!/usr/bin/env bash
# Counts the cost of one batch row in instructions and cache misses, a
# figure that, unlike wall or CPU time, does not move with the machine's
# load: builds dvhc, generates the first 20,000 and 100,000 rows of the
# labelled set bench-batch.sh starts from (dvhc eval --emit --n 100000
# --seed 1), converts each under valgrind's cachegrind with a 1 MiB data
# cache (one core, as GOMAXPROCS=1), and reports the difference divided by
# the 80,000 rows: instructions (Ir) and misses (reads and writes) per row,
# then the TOP functions of that difference by instructions. The garbage
# collector's timing moves the total by about ±1,000 Ir from run to run;
# the per-function lines do not move. Needs valgrind (apt-get install
# valgrind). Takes about 20 s.
# Usage: scripts/bench-cost.sh [TOP]   (default 25)
set -euo pipefail
cd "$(dirname "$0")/.."
top=${1:-25}
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/dvhc" ./cmd/dvhc
"$tmp/dvhc" eval --emit --n 100000 --seed 1 > "$tmp/base.csv"
head -20001 "$tmp/base.csv" > "$tmp/b20.csv"
head -100001 "$tmp/base.csv" > "$tmp/b100.csv"
for n in 20 100; do
  GOMAXPROCS=1 valgrind --tool=cachegrind --cache-sim=yes --D1=1048576,16,64 --cachegrind-out-file="$tmp/cg.$n" \
    "$tmp/dvhc" convert --quiet --column address -o "$tmp/o$n.csv" "$tmp/b$n.csv" > /dev/null 2>&1
done
cg_diff "$tmp/cg.20" "$tmp/cg.100" > "$tmp/cg.diff" 2>/dev/null
cg_annotate --show=Ir,D1mr,D1mw --sort=Ir "$tmp/cg.diff" 2>/dev/null > "$tmp/ann"
awk '/PROGRAM TOTALS/ { gsub(",", "", $1); gsub(",", "", $3); gsub(",", "", $5);
  printf "per row (80,000 rows): Ir %.0f, misses %.1f (read %.1f, write %.1f)\n", $1/80000, ($3+$5)/80000, $3/80000, $5/80000; exit }' "$tmp/ann"
echo "top $top functions (Ir, read misses, write misses over the 80,000 rows):"
awk -v t="$top" 'f && n++ < t; /file:function/ { getline; f = 1 }' "$tmp/ann" |
  sed -E 's#[^ ]*/(src|dvhc)/##; s#github.com/dvhc-vn/dvhc/##g' | cut -c1-160
