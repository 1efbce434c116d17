#!/usr/bin/env bash
# Times the whole process "dvhc convert --address …" from start to its
# answer, RUNS times (default 20), with bash's timer: prints the median and
# best wall time and CPU time (user + system), and the peak RSS (GNU time).
# PGO=off builds without cmd/dvhc/default.pgo; DVHC=BINARY times that
# binary instead of building one.
# Usage: scripts/bench-coldstart.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "${DVHC:-}" ]; then cp "$DVHC" "$tmp/dvhc"; else go build -pgo="${PGO:-auto}" -o "$tmp/dvhc" ./cmd/dvhc; fi
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time) for the peak RSS" >&2; exit 2; }
addr="Số 12 Nguyễn Trãi, Phường 7, Quận 5, TP.HCM"
"$tmp/dvhc" convert --address "$addr" > /dev/null # in the page cache
TIMEFORMAT='%3R %3U %3S' # bash's own timer: milliseconds
for _ in $(seq "$runs"); do
  { time "$tmp/dvhc" convert --address "$addr" > /dev/null; } 2>> "$tmp/t"
done
/usr/bin/time -o "$tmp/rss" -f '%M' "$tmp/dvhc" convert --address "$addr" > /dev/null
echo "load average $(cut -d' ' -f1-3 /proc/loadavg); $runs runs of: dvhc convert --address \"$addr\""
# median and best of a column of numbers (seconds) in ms
stat() { sort -g | awk '{ v[NR] = $1 * 1000 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "median %.0f ms, best %.0f ms", m, v[1] }'; }
echo "wall $(awk '{ print $1 }' "$tmp/t" | stat); cpu (user + sys) $(awk '{ print $2 + $3 }' "$tmp/t" | stat); peak RSS $(awk '{ printf "%.0f", $1 / 1024 }' "$tmp/rss") MB"
