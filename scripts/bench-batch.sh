#!/usr/bin/env bash
# Times a batch conversion end to end against gzip -1 on the same file, in
# one run so that the ratio holds on a loaded machine: builds dvhc,
# generates ROWS messy labelled addresses (every style of dvhc eval),
# then RUNS times, alternately, compresses the file with gzip -1 and
# converts it to CSV; reports for each the best wall time and CPU time
# (user + system), dvhc's rows/s and peak RSS (GNU time), and the ratios
# dvhc/gzip. With PROFILE=1 it then profiles the same conversion in a Go
# benchmark (fileconv BenchmarkAddresses) and prints the top of the CPU
# profile (on the first 100,000 rows). PGO=off builds without
# cmd/dvhc/default.pgo; DVHC=BINARY times that binary instead of building
# one.
# Usage: scripts/bench-batch.sh [ROWS] [RUNS]   (default 1000000 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "${DVHC:-}" ]; then cp "$DVHC" "$tmp/dvhc"; else go build -pgo="${PGO:-auto}" -o "$tmp/dvhc" ./cmd/dvhc; fi
# The generator makes distinct cases up to the data's variety; repeat them to reach ROWS.
"$tmp/dvhc" eval --emit --n 100000 --seed 1 > "$tmp/base.csv"
awk -v n="$rows" 'NR == 1 { print; next } { a[++k] = $0 } END { for (i = 0; i < n; i++) print a[i % k + 1] }' \
  "$tmp/base.csv" > "$tmp/in.csv"
echo "input: $(($(wc -l < "$tmp/in.csv") - 1)) rows, $(du -h "$tmp/in.csv" | cut -f1); $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null 2>&1 || true; }
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time)" >&2; exit 2; }
cat "$tmp/in.csv" > /dev/null # in the page cache for both
calc() { awk "BEGIN { x = $1; print (x == int(x)) ? x : sprintf(\"%.2f\", x) }"; }
# timed CMD...: one line "wall cpu rssKB" in $tmp/t
timed() { /usr/bin/time -o "$tmp/t" -f '%e %U %S %M' "$@"; }
gw=() gc=() dw=() dc=() dm=()
for i in $(seq "$runs"); do
  timed gzip -1 -c "$tmp/in.csv" > "$tmp/in.csv.gz"
  read -r w u s _ < "$tmp/t"; gw+=("$w"); gc+=("$(calc "$u + $s")")
  # The previous output goes first, untimed, as the shell truncates gzip's
  # before timing it: freeing 200 MB is no part of either.
  rm -f "$tmp/out.csv"
  timed "$tmp/dvhc" convert --quiet --column address -o "$tmp/out.csv" "$tmp/in.csv"
  read -r w u s m < "$tmp/t"; dw+=("$w"); dc+=("$(calc "$u + $s")"); dm+=("$m")
  echo "run $i: gzip -1 wall ${gw[-1]}s cpu ${gc[-1]}s; dvhc convert wall ${dw[-1]}s cpu ${dc[-1]}s, peak RSS $((m / 1024)) MB"
done
best() { printf '%s\n' "$@" | sort -g | head -1; }
bgw=$(best "${gw[@]}") bgc=$(best "${gc[@]}") bdw=$(best "${dw[@]}") bdc=$(best "${dc[@]}") bdm=$(best "${dm[@]}")
echo "output: $(($(wc -l < "$tmp/out.csv") - 1)) rows"
echo "best of $runs: gzip -1 wall ${bgw}s cpu ${bgc}s ($(du -h "$tmp/in.csv.gz" | cut -f1))"
echo "best of $runs: dvhc convert wall ${bdw}s cpu ${bdc}s, $(calc "int($rows / $bdw)") rows/s, $(calc "$bdc * 1000000 / $rows") µs cpu/row, peak RSS $((bdm / 1024)) MB"
echo "ratio dvhc/gzip -1: wall $(calc "$bdw / $bgw"), cpu $(calc "$bdc / $bgc")"
if [ "${PROFILE:-0}" = 1 ]; then
  head -100001 "$tmp/in.csv" > "$tmp/prof.csv"
  DVHC_BENCH_CSV="$tmp/prof.csv" go test -run '^$' -bench 'Addresses$' -benchtime 5x -cpuprofile "$tmp/cpu.out" -o "$tmp/fileconv.test" ./fileconv | grep Benchmark
  go tool pprof -top -nodecount 25 "$tmp/fileconv.test" "$tmp/cpu.out" 2>/dev/null | sed -n '4,40p'
fi
