#!/usr/bin/env bash
# Ingest benchmark: how many concurrent RTMP publishers the ingest sustains with packaging only
# (`serve --source rtmp --ladder passthrough`: no re-encoding), and its CPU and memory per
# publisher, side by side with Debian's nginx + RTMP module (bench/nginx/ingest.conf.template:
# `live on; hls on; hls_fragment 2s`) receiving the same publishers, in one invocation.
#   - A ~1 Mb/s FLV is recorded once with Debian's ffmpeg: 640x360 testsrc2 at 30 fps, libx264 with a
#     keyframe every 2 s, AAC 96 kb/s, 10 s.
#   - For each publisher count and run, each server is started alone in its own process, then one
#     publisher JVM (io.glass2glass.bench.ingest.IngestBenchmark: one Vert.x instance, our
#     RtmpPublisher) starts N publishers (50/s), each replaying the FLV in a loop paced in real time
#     with timestamps continuing across loops, waits a warm-up, and measures over the window: the
#     server's CPU (/proc utime+stime, workers included) as % of one core and per publisher, its
#     memory (Pss, minus the same before the first publisher) per publisher, our live heap after a
#     full GC, whether every stream's HLS media playlist advances at >= 95 % of real time, and
#     publishers refused or dropped. The publisher JVM shares the machine's cores with the server.
#   - bench IngestReport prints medians per count and server, and the ratios ours/nginx.
# Memory is not like for like: our segments (14 per rendition, ~3.5 MB per 1 Mb/s stream) are in
# the server's heap, nginx's in files (the page cache, not its Pss): the "disk MB" column shows them.
# Everything listens on 127.0.0.1, on free ports; every process started here is stopped on exit.
# Usage: bench/ingest.sh [counts="100 250 500"] [window=60s] [runs=1] [warmup=20s]
#        G2G_BUILD_DIR=/tmp/b-bench bench/ingest.sh ...   (jar from (and built into) that build dir)
set -euo pipefail
cd "$(dirname "$0")/.."
counts=${1:-"100 250 500"}
window=${2:-60s}
runs=${3:-1}
warmup=${4:-20s}
window=${window%s}
warmup=${warmup%s}
goal=500
export PATH="$PATH:/usr/sbin:/sbin"

scripts/install-bench-deps.sh
build_dir=${G2G_BUILD_DIR:-target}
jar=$build_dir/glass2glass.jar
# The drivers live in the bench jar, beside the product jar; build when either is missing.
bench_cp="$jar:$build_dir/glass2glass-bench.jar"
java -cp "$bench_cp" io.glass2glass.bench.ingest.IngestBenchmark --help >/dev/null 2>&1 \
    || mvn -q -B -Dg2g.buildDir="$build_dir" package -DskipTests
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
workers=$(nproc)

work=$(mktemp -d /tmp/g2g-bench-ingest.XXXXXX)
server_pid=

stop_server() {
  local i
  [ -n "$server_pid" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  for i in $(seq 100); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}
trap 'stop_server; rm -rf "$work"' EXIT

source bench/lib.sh

clip=$work/clip.flv
ffmpeg -hide_banner -nostdin -loglevel error -f lavfi -i testsrc2=size=640x360:rate=30 \
    -f lavfi -i sine=frequency=440:sample_rate=48000 -t 10 \
    -c:v libx264 -preset veryfast -g 60 -keyint_min 60 -sc_threshold 0 -b:v 900k -maxrate 900k -bufsize 1800k \
    -c:a aac -b:a 96k -ac 2 -f flv "$clip"

results=$work/results.jsonl
# publish NAME PID RTMP_PORT PLAYLIST_URL N RUN [extra IngestBenchmark options]
publish() {
  local name=$1 pid=$2 rtmp_port=$3 playlist=$4 n=$5 run=$6
  shift 6
  java -Xmx4g -cp "$bench_cp" io.glass2glass.bench.ingest.IngestBenchmark --server "$name" --server-pid "$pid" \
      --rtmp "rtmp://127.0.0.1:$rtmp_port/live" --playlist "$playlist" --flv "$clip" --publishers "$n" \
      --duration "$window" --warmup "$warmup" --run "$run" --results "$results" "$@"
}

measure_glass2glass() {
  local n=$1 run=$2 rtmp_port http_port log=$work/glass2glass-$1-$2.log
  rtmp_port=$(free_port)
  http_port=$(free_port)
  java -Xmx8g -jar "$jar" serve --source rtmp --ladder passthrough --host 127.0.0.1 --rtmp-port "$rtmp_port" \
      --http-port "$http_port" --edges 0 > "$log" 2>&1 &
  server_pid=$!
  wait_listening "glass2glass serve" "$server_pid" "$rtmp_port" "$log"
  wait_listening "glass2glass origin" "$server_pid" "$http_port" "$log"
  publish glass2glass "$server_pid" "$rtmp_port" "http://127.0.0.1:$http_port/live/{key}/source/media.m3u8" "$n" "$run" --jvm-heap \
      || { echo "ingest.sh: glass2glass run failed; server log:" >&2; tail -n 20 "$log" >&2; }
  stop_server
}

measure_nginx() {
  local n=$1 run=$2 rtmp_port http_port prefix=$work/nginx-$1-$2
  rtmp_port=$(free_port)
  http_port=$(free_port)
  mkdir -p "$prefix/hls"
  sed -e "s/@USER@/$(id -un)/" -e "s/@GROUP@/$(id -gn)/" -e "s/@WORKERS@/$workers/" \
      -e "s/@RTMP_PORT@/$rtmp_port/" -e "s/@HTTP_PORT@/$http_port/" -e "s|@HLS_PATH@|$prefix/hls|" \
      bench/nginx/ingest.conf.template > "$prefix/nginx.conf"
  nginx -p "$prefix" -c "$prefix/nginx.conf" -g 'daemon off; master_process on;' > "$prefix/console.log" 2>&1 &
  server_pid=$!
  wait_listening "nginx" "$server_pid" "$rtmp_port" "$prefix/console.log"
  publish nginx-rtmp "$server_pid" "$rtmp_port" "http://127.0.0.1:$http_port/hls/{key}.m3u8" "$n" "$run" --segments-dir "$prefix/hls" \
      || { echo "ingest.sh: nginx run failed; error log:" >&2; tail -n 20 "$prefix/error.log" >&2; }
  stop_server
  rm -rf "$prefix/hls"
}

echo "ingest benchmark: counts $counts, window ${window}s after ${warmup}s of warm-up, $runs run(s) each;" \
     "glass2glass serve --ladder passthrough (-Xmx8g) vs $(nginx -v 2>&1 | sed 's/.*: //') + rtmp module with $workers workers"
echo "$(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $counts; do
  for run in $(seq "$runs"); do
    measure_glass2glass "$n" "$run"
    measure_nginx "$n" "$run"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
java -cp "$bench_cp" io.glass2glass.bench.ingest.IngestReport "$results" glass2glass nginx-rtmp "$goal"
mkdir -p reports
cp "$results" "reports/ingest-bench-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
