#!/usr/bin/env bash
# Players per machine: runs the whole harness (pipeline with the tiny ladder + Gatling players) at
# growing player counts and prints, for each, the schedule skew (how late players acted compared to
# when they meant to), the live heap per player, and QoE, against the goal of 10,000 concurrent
# players with skew p99 <= 50 ms.
# Usage: bench/players.sh [counts="1000 2500 5000 10000"] [session=60s] [heap=6g]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/glass2glass.jar ] || mvn -q -B package -DskipTests
counts=${1:-"1000 2500 5000 10000"}
session=${2:-60s}
heap=${3:-6g}
out=$(mktemp -d /tmp/g2g-bench-players.XXXXXX)
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
printf '%-8s %-9s %-9s %-12s %-12s %-14s %-10s %-10s %s\n' players started failed skew_p50_ms skew_p99_ms heap/player_KB startup_p99 rebuf_max verdict
for n in $counts; do
  ramp=$(( n / 200 )); [ "$ramp" -lt 10 ] && ramp=10
  java -jar target/glass2glass.jar run --ladder tiny --players "$n" --ramp "${ramp}s" --duration "$session" \
      --abr fixed:90p --network unlimited --heap "$heap" --quiet \
      --out "$out" --run-id "players-$n" > "$out/players-$n.console" 2>&1 || true
  s="$out/players-$n/summary.json"
  if [ ! -f "$s" ]; then echo "$n: no summary (see $out/players-$n.console)"; continue; fi
  python3 - "$s" "$n" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); n = int(sys.argv[2])
p = s["players"]; skew = s["scheduleSkewMs"]; h = s.get("harness", {})
ok = p["started"] == n and p["failedToStart"] == 0 and skew["p99"] <= 50
print(f'{n:<8} {p["started"]:<9} {p["failedToStart"] + p["playbackFailed"]:<9} {skew["p50"]:<12.0f} {skew["p99"]:<12.0f} '
      f'{h.get("heapPerPlayerBytes", 0) / 1024:<14.1f} {s["qoe"]["startupMs"]["p99"]:<10.0f} {s["qoe"]["rebufferRatio"]["max"]:<10.4f} '
      f'{"honest" if ok else "NOT honest"}')
PY
done
echo "run folders in $out (goal: 10000 players, skew p99 <= 50 ms)"
