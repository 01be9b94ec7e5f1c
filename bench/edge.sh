#!/usr/bin/env bash
# Edge benchmark: our caching edge (glass2glass edge --profile cdn-live) and Debian's nginx with
# proxy_cache (bench/nginx/nginx.conf.template: proxy_cache_lock on, the same TTLs), side by side in
# front of the same origin (io.glass2glass.bench.edge.BenchOrigin: 200 KB segments, each written in
# 10 chunks over 400 ms), measured alternately in one invocation:
#   (1) cached throughput: wrk -t2 -c64 -d10s on one warmed segment, requests/s (goal ours/nginx >= 1.0);
#   (2) herd: 1,000 simultaneous requests for a segment never requested before, origin requests
#       (goal 1) and p99 latency to the last byte (goal ours/nginx <= 0.5; first byte shown too).
# Each proxy is warmed first (an unrecorded wrk run and herd); figures are medians over the runs.
# Everything listens on 127.0.0.1, on free ports; every process started here is stopped on exit.
# Usage: bench/edge.sh [runs=3] [spread-ms=400]  (spread: how long the origin takes to send a segment)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
spread_ms=${2:-400}
export PATH="$PATH:/usr/sbin:/sbin"

scripts/install-bench-deps.sh
jar=target/glass2glass.jar
# The drivers live in the bench jar, beside the product jar; build when either is missing.
bench_cp="$jar:target/glass2glass-bench.jar"
java -cp "$bench_cp" io.glass2glass.bench.edge.BenchOrigin --help >/dev/null 2>&1 || mvn -q -B package -DskipTests
# A herd holds 1,000 client connections, and as many again on the proxy's side.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# nginx's cache gets the cdn-live profile's size (EdgeProfile.DEFAULT_CACHE_BYTES when it names none).
cache_bytes=$(sed -n 's/^cacheBytes: *\([0-9][0-9]*\).*/\1/p' fixtures/edge-profiles/cdn-live.yaml)
cache_bytes=${cache_bytes:-536870912}
workers=$(nproc)

work=$(mktemp -d /tmp/g2g-bench-edge.XXXXXX)
pids=()

stop_all() {
  local pid i
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for i in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap stop_all EXIT

source bench/lib.sh

origin_port=$(free_port)
java -cp "$bench_cp" io.glass2glass.bench.edge.BenchOrigin --port "$origin_port" --size 204800 --chunks 10 --spread-ms "$spread_ms" \
    > "$work/origin.log" 2>&1 &
pids+=($!)
wait_listening "bench origin" "$!" "$origin_port" "$work/origin.log"
origin="http://127.0.0.1:$origin_port"

edge_port=$(free_port)
java -jar "$jar" edge --origin "$origin" --host 127.0.0.1 --port "$edge_port" --profile cdn-live > "$work/edge.log" 2>&1 &
pids+=($!)
wait_listening "glass2glass edge" "$!" "$edge_port" "$work/edge.log"

nginx_port=$(free_port)
mkdir -p "$work/nginx"
sed -e "s/@USER@/$(id -un)/" -e "s/@GROUP@/$(id -gn)/" -e "s/@WORKERS@/$workers/" \
    -e "s/@ORIGIN_PORT@/$origin_port/" -e "s/@LISTEN_PORT@/$nginx_port/" \
    -e "s/@CACHE_BYTES@/$cache_bytes/" -e "s/@CACHE_KB@/$((cache_bytes / 1024))/" \
    bench/nginx/nginx.conf.template > "$work/nginx/nginx.conf"
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off; master_process on;' > "$work/nginx.log" 2>&1 &
pids+=($!)
wait_listening "nginx" "$!" "$nginx_port" "$work/nginx.log"

echo "origin $origin; glass2glass edge (cdn-live) on $edge_port; $(nginx -v 2>&1 | sed 's/.*: //') with $workers workers on $nginx_port"
# Both proxies share this machine's cores with wrk and the herd: anything else running skews the figures.
echo "$(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
java -cp "$bench_cp" io.glass2glass.bench.edge.EdgeBenchmark --origin "$origin" \
    --proxy "glass2glass=http://127.0.0.1:$edge_port" --proxy "nginx=http://127.0.0.1:$nginx_port" \
    --runs "$runs" --herd 1000 --size 204800 --wrk-threads 2 --wrk-connections 64 --wrk-seconds 10 || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$status" -ne 0 ]; then
  for log in origin edge nginx/error nginx; do
    [ -s "$work/$log.log" ] && { echo "--- $log.log"; tail -n 20 "$work/$log.log"; }
  done
fi
exit "$status"
