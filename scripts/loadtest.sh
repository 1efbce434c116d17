#!/usr/bin/env bash
# Load test of single-address conversion: GET /v1/convert with wrk, 64
# connections, rotating messy old addresses; prints requests/s and the
# latency distribution (p50…p99).
#
# Usage: [REPLICAS=N] scripts/loadtest.sh [DURATION] [CONNECTIONS] [THREADS]
#   default 20s, 64 connections, 2 threads, 1 replica.
# Builds dvhc, starts "dvhc serve" on a free local port (access log to a
# temporary file), runs wrk against it and stops the server.
# REPLICAS=N starts N servers on N loopback ports and runs one wrk per
# server at the same time, the connections and threads shared among them
# (at least one thread each), and adds up their requests/s: the figure of N
# stateless replicas behind a load balancer, without the balancer. They all
# share this machine's cores with wrk.
# Needs wrk: apt-get install -y wrk
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20s}
conns=${2:-64}
threads=${3:-2}
replicas=${REPLICAS:-1}
command -v wrk >/dev/null || { echo "loadtest: wrk not found (apt-get install -y wrk)" >&2; exit 2; }

tmp=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$tmp"' EXIT
go build -o "$tmp/dvhc" ./cmd/dvhc
ports=()
for r in $(seq "$replicas"); do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$tmp/dvhc" serve --addr "127.0.0.1:$port" 2>"$tmp/access-$r.log" &
  pids+=($!)
  ports+=("$port")
  for _ in $(seq 50); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
done
port=${ports[0]}

cat >"$tmp/convert.lua" <<'LUA'
-- Rotates messy old addresses (abbreviations, missing tones, typos) through
-- GET /v1/convert, each connection starting at a different one.
local addresses = {
  "Phường Trúc Bạch, Quận Ba Đình, Hà Nội",
  "12 ngo 5 P. Cua Dong, Q. Hoan Kiem, HN",
  "So 1 Hoang Dieu, phuong Quan Thanh, quan Ba Dinh, ha noi",
  "45 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM",
  "Xã Tân Lập, Huyện Đan Phượng, Thành phố Hà Nội",
  "thon 3, xa Ea Tu, tp Buon Ma Thuot, Dak Lak",
  "P7, Q3, TP HCM",
  "123 Trần Phú, Phường Lộc Thọ, Nha Trang, Khánh Hòa",
  "Khóm 2, Thị trấn Sông Đốc, Huyện Trần Văn Thời, Cà Mau",
  "Phuong Cua Dong, Quan Hoan Kiem, Ha Noi",
}
local paths = {}
for i, a in ipairs(addresses) do
  paths[i] = "/v1/convert?to=2025-07-01&address=" .. a:gsub("[^%w%-%.~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end)
end
local n = 0
function setup(thread) thread:set("offset", n * 7); n = n + 1 end
function init(args) i = offset or 0 end
function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
local bad = 0
function response(status, headers, body) if status ~= 200 then bad = bad + 1 end end
function done(summary, latency, requests)
  io.write(string.format("requests/s: %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p50: %.2f ms  p90: %.2f ms  p99: %.2f ms  max: %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

if [ "$replicas" -gt 1 ]; then
  each_c=$(( conns / replicas )); each_t=$(( threads / replicas ))
  [ "$each_c" -ge 1 ] || each_c=1
  [ "$each_t" -ge 1 ] || each_t=1
  wpids=()
  for p in "${ports[@]}"; do
    curl -fs "http://127.0.0.1:$p/v1/convert?to=2025-07-01&address=P7%2C%20Q3%2C%20TP%20HCM" >/dev/null
    wrk -t1 -c"$each_c" -d2s -s "$tmp/convert.lua" "http://127.0.0.1:$p" >/dev/null &
    wpids+=($!)
  done
  wait "${wpids[@]}"
  echo "$replicas replicas, one wrk -t$each_t -c$each_c -d$duration --latency each, at the same time (GET /v1/convert, $(nproc) CPUs shared by all)"
  wpids=()
  for r in $(seq "$replicas"); do
    wrk -t"$each_t" -c"$each_c" -d"$duration" --latency -s "$tmp/convert.lua" "http://127.0.0.1:${ports[$((r-1))]}" >"$tmp/wrk-$r.txt" &
    wpids+=($!)
  done
  wait "${wpids[@]}"
  for r in $(seq "$replicas"); do
    echo "--- replica $r (port ${ports[$((r-1))]}, access log $(wc -l <"$tmp/access-$r.log") lines)"
    cat "$tmp/wrk-$r.txt"
  done
  awk '/^requests\/s:/ { s += $2; n++ } END { printf "total requests/s: %.0f (%d replicas)\n", s, n }' "$tmp"/wrk-*.txt
  exit 0
fi

# One request of each, to check they convert (and to warm up the server).
curl -fs "http://127.0.0.1:$port/v1/convert?to=2025-07-01&address=Ph%C6%B0%E1%BB%9Dng%20Tr%C3%BAc%20B%E1%BA%A1ch%2C%20Qu%E1%BA%ADn%20Ba%20%C4%90%C3%ACnh%2C%20H%C3%A0%20N%E1%BB%99i" >/dev/null
wrk -t2 -c"$conns" -d2s -s "$tmp/convert.lua" "http://127.0.0.1:$port" >/dev/null
echo "wrk -t$threads -c$conns -d$duration --latency (GET /v1/convert, $(nproc) CPUs)"
wrk -t"$threads" -c"$conns" -d"$duration" --latency -s "$tmp/convert.lua" "http://127.0.0.1:$port"
echo "access log: $(wc -l <"$tmp/access-1.log") lines"
