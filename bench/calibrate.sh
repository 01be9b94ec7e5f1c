#!/usr/bin/env bash
# Calibration benchmark: the full matrix of `calibrate` — hls.js, dash.js and Shaka in Debian's headless
# Chromium against the model's matching profile, over every link of the matrix (unlimited, two constant
# rates, a mid-run drop, the 3g trace) — on the embedded pipeline, side by side in one invocation.
# Prints the real-versus-model table; the run folder keeps calibration.json with every viewer.
# Usage: bench/calibrate.sh [viewers=3] [duration=60s] [players=hlsjs,dashjs,shaka] [links=the matrix]
# About (links x players) x (duration + 20 s): 15 cases x 80 s = 20 min with the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
[ -f target/glass2glass.jar ] || mvn -q -B package -DskipTests
links="${4:-unlimited,constant-3mbps-40ms,constant-1200kbps-80ms,drop-6-to-1,3g}"
exec java -jar target/glass2glass.jar calibrate --viewers "${1:-3}" --duration "${2:-60s}" --players "${3:-hlsjs,dashjs,shaka}" \
  --links "$links" --run-id "calibrate-bench-$(date +%Y%m%d-%H%M%S)"
