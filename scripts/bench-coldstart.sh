#!/usr/bin/env bash
# Times the whole process "dvhc convert --address …" from start to its
# answer, RUNS times (default 20): prints the median and best wall time and
# CPU time (user + system) and the peak RSS (GNU time). PGO=off builds
# without cmd/dvhc/default.pgo.
# Usage: scripts/bench-coldstart.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -pgo="${PGO:-auto}" -o "$tmp/dvhc" ./cmd/dvhc
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time)" >&2; exit 2; }
addr="Số 12 Nguyễn Trãi, Phường 7, Quận 5, TP.HCM"
"$tmp/dvhc" convert --address "$addr" > /dev/null # in the page cache
for _ in $(seq "$runs"); do
  /usr/bin/time -a -o "$tmp/t" -f '%e %U %S %M' "$tmp/dvhc" convert --address "$addr" > /dev/null
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg); $runs runs of: dvhc convert --address \"$addr\""
# median and best of a column of numbers (seconds) in ms
stat() { sort -g | awk '{ v[NR] = $1 * 1000 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "median %.0f ms, best %.0f ms", m, v[1] }'; }
echo "wall $(awk '{ print $1 }' "$tmp/t" | stat); cpu $(awk '{ print $2 + $3 }' "$tmp/t" | stat); peak RSS $(sort -g -k4 "$tmp/t" | tail -1 | awk '{ printf "%.0f", $4 / 1024 }') MB"
