#!/usr/bin/env bash
# Installs what the tests and benchmarks run beside the JVM: Debian's ffmpeg/ffprobe (the
# independent HLS/DASH reader and the encoder the benchmark compares against).
# Idempotent: does nothing when every tool is already on the PATH.
set -euo pipefail

need=()
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v ffprobe >/dev/null 2>&1 || need+=(ffmpeg)
if [ "${#need[@]}" -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo -n)
else
  echo "install-test-deps: need root or sudo to install: ${need[*]}" >&2
  exit 1
fi

echo "install-test-deps: installing ${need[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null
