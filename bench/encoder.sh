#!/usr/bin/env bash
# Encoder benchmark: glass2glass's ABR encoder vs Debian's ffmpeg CLI on the same ladder, the same
# pictures and the same x264 settings, run alternately in one invocation; prints medians and ratio.
# Usage: bench/encoder.sh [ladder=default] [seconds=20] [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
# The driver lives in the bench jar, beside the product jar.
[ -f target/glass2glass.jar ] && [ -f target/glass2glass-bench.jar ] || mvn -q -B package -DskipTests
exec java -cp target/glass2glass.jar:target/glass2glass-bench.jar io.glass2glass.bench.encode.EncoderBenchmark "${1:-default}" "${2:-20}" "${3:-5}"
