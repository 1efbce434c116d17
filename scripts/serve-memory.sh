#!/usr/bin/env bash
# Memory of the server under the batch attack of issue 9: N concurrent
# POST /v1/convert of 10,000 addresses each (default 8), chosen for large
# answers ("Phường 1" alone has dozens of readings: ~10 KB of JSON each),
# while /healthz is polled. Prints the server's peak RSS (VmHWM), the
# statuses and sizes of the answers, and the /healthz answers seen.
#
# With ROUTE "upload", the same 10,000 addresses go as a CSV file to POST
# /v1/convert/file instead.
#
# Usage: scripts/serve-memory.sh [N] [ROUNDS] [convert|upload]
#   (default 8 requests, 2 rounds, convert)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-8}
rounds=${2:-2}
route=${3:-convert}
tmp=$(mktemp -d)
trap 'kill "${pid:-}" 2>/dev/null || true; wait "${pid:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/dvhc" ./cmd/dvhc
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$tmp/dvhc" serve --addr "127.0.0.1:$port" 2>"$tmp/access.log" &
pid=$!
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
python3 - "$tmp/body.json" <<'PY'
import json, sys
addrs = ["Phường 1", "Phường 1, Quận 3", "Xã Tân Phú", "P7, Q5, TP.HCM", "Xã Cổ Bi, Huyện Gia Lâm, Hà Nội"]
body = {"addresses": [addrs[i % len(addrs)] for i in range(10000)], "to": "2025-07-01"}
open(sys.argv[1], "w").write(json.dumps(body, ensure_ascii=False))
with open(sys.argv[1][:-4] + "csv", "w") as f:
    f.write("id,address\n")
    for i, a in enumerate(body["addresses"]):
        f.write('%d,"%s"\n' % (i, a))
PY
echo "$route: request body $(wc -c <"$tmp/body.json") bytes (JSON) / $(wc -c <"$tmp/body.csv") bytes (CSV), 10000 addresses; $n concurrent, $rounds rounds"
rss() { awk '/VmRSS|VmHWM/ {printf "%s %d MB  ", $1, $2/1024}' "/proc/$pid/status"; echo; }
echo "idle:  $(rss)"
# Poll /healthz throughout.
(
  while :; do
    s=$(curl -s -o /dev/null -m 5 -w '%{http_code} %{time_total}' "http://127.0.0.1:$port/healthz" || echo "fail")
    echo "$s" >>"$tmp/health.log"
    sleep 0.2
  done
) &
poller=$!
for r in $(seq "$rounds"); do
  clients=()
  for i in $(seq "$n"); do
    if [ "$route" = upload ]; then
      curl -s -o "$tmp/out.$i" -w "%{http_code} %{size_download} %{time_total}\n" \
        -F "file=@$tmp/body.csv" "http://127.0.0.1:$port/v1/convert/file?to=2025-07-01" >"$tmp/status.$i" &
    else
      curl -s -o "$tmp/out.$i" -w "%{http_code} %{size_download} %{time_total}\n" \
        -H 'Content-Type: application/json' --data-binary "@$tmp/body.json" \
        "http://127.0.0.1:$port/v1/convert" >"$tmp/status.$i" &
    fi
    clients+=($!)
  done
  wait "${clients[@]}" || true
  echo "round $r: $(cat "$tmp"/status.* | sort | uniq -c | awk '{printf "%s× [%s %s bytes %ss] ", $1, $2, $3, $4}')"
  echo "       $(rss)"
done
kill "$poller" 2>/dev/null || true
wait "$poller" 2>/dev/null || true
echo "healthz: $(awk '{print $1}' "$tmp/health.log" | sort | uniq -c | tr '\n' ' '), slowest $(awk '{print $2}' "$tmp/health.log" | sort -n | tail -1)s"
python3 -c "import json,sys; d=json.load(open('$tmp/out.1')); print('answer check: count', d['count'], 'results', len(d['results']))"
